// The build: TypeScript bundled to ESM JavaScript in dist/ (nothing runs through a loader at run
// time), one chunk per command so each loads only when it runs, dependencies left as imports of
// the real packages; then type declarations for the public entry points.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts', resolver: 'src/resolver/index.ts' },
  outdir: 'dist',
  // Chunks sit beside the entries: code finds the package root one level up from its own file.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json'], { stdio: 'inherit' });
// A migrated PGlite data directory for new embedded stores (src/store/pglite-snapshot.ts).
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/pglite-snapshot.ts'], { stdio: 'inherit' });
