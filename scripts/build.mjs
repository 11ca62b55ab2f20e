// The build: TypeScript bundled to ESM JavaScript in dist/ (nothing runs through a loader at run
// time), one chunk per command so each loads only when it runs, dependencies left as imports of
// the real packages but for a few small ones on every command's start-up path (BUNDLED); then type
// declarations for the public entry points.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BUNDLED } from './bundled.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// Everything else stays an import, devDependencies too: a source file importing one fails the packed-install test
// instead of being bundled unnoticed.
const EXTERNAL = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => !BUNDLED.includes(d));

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts', resolver: 'src/resolver/index.ts', 'lint-worker': 'src/lint/lint-worker.ts' },
  outdir: 'dist',
  // Chunks sit beside the entries: code finds the package root one level up from its own file.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The few BUNDLED dependencies are inlined (bundled.mjs); every other package stays an import.
  external: EXTERNAL,
  // Bundled CommonJS asks for Node's built-ins with require().
  banner: { js: "import { createRequire as __hpconfRequire } from 'node:module'; const require = __hpconfRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
writeFileSync('dist/THIRD-PARTY-LICENSES.txt', BUNDLED.map((name) => {
  const dir = `node_modules/${name}`;
  const { version, license } = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  if (!file || !existsSync(`${dir}/${file}`)) throw new Error(`${name}: no licence file to bundle`);
  return `${name} ${version} (${license})\n\n${readFileSync(`${dir}/${file}`, 'utf8').trim()}\n`;
}).join('\n' + '-'.repeat(72) + '\n\n'));
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json'], { stdio: 'inherit' });
// A migrated PGlite data directory for new embedded stores (src/store/pglite-snapshot.ts).
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/pglite-snapshot.ts'], { stdio: 'inherit' });
