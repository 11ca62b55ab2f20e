#!/usr/bin/env node
// The hpconf CLI, compiled to dist/ by `npm run build` (npm pack and npm start run it first).
import { main } from '../dist/cli.js';

// A reader that stops early (`hpconf catalog | head`) closes the pipe: end quietly, as a process
// killed by SIGPIPE would (exit 141), never with an EPIPE stack trace.
for (const s of [process.stdout, process.stderr]) {
  s.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(141);
    throw e;
  });
}

process.exitCode = await main(process.argv.slice(2));
