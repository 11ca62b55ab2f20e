// The lint worker from the source tree (tests, benches run TypeScript through tsx): register tsx, then load it.
// The package runs dist/lint-worker.js instead (lint-pool.ts).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./lint-worker.ts', import.meta.url).href);
