#!/usr/bin/env node
// The hpconf CLI, compiled to dist/ by `npm run build` (npm pack and npm start run it first).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
