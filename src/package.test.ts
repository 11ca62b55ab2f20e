/**
 * What users install is what is tested: `npm pack`, then the tarball installed into an empty
 * project with dev dependencies omitted, and every entry point used from there.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { sampleRun } from './runs/testing.js';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './paths.js';

const work = mkdtempSync(path.join(tmpdir(), 'hpconf-pack-'));
const project = path.join(work, 'project');
const installed = path.join(project, 'node_modules', 'hpconf');
let tarball = '';
const sh = (cmd: string, args: string[], o: { cwd?: string; env?: Record<string, string> } = {}) =>
  execFileSync(cmd, args, { cwd: o.cwd ?? project, env: { ...process.env, ...o.env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
const hpconf = (...args: string[]) => sh(process.execPath, [path.join(project, 'node_modules', '.bin', 'hpconf'), ...args]);

/** dist/ as other test files see it: every file's name, size and modification time. */
const distState = () => readdirSync(path.join(ROOT, 'dist'), { recursive: true }).map(String).sort()
  .map((f) => { const st = statSync(path.join(ROOT, 'dist', f)); return `${f} ${st.size} ${st.mtimeMs}`; });
let distBefore: string[] = [];

before(() => {
  // The suite's build (scripts/test-ts.sh) is what gets packed: other test files spawn the CLI from
  // dist/ at the same time, so packing must not run `prepack` (a rebuild that empties dist/).
  assert.ok(existsSync(path.join(ROOT, 'dist', 'cli.js')), 'build first (npm run build)');
  distBefore = distState();
  const out = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT });
  tarball = path.join(work, JSON.parse(out.slice(out.indexOf('[')))[0].filename);
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  sh('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', tarball]);
});
after(() => rmSync(work, { recursive: true, force: true }));

test('packing leaves dist/ as the other tests use it (no rebuild while they spawn the CLI)', () => {
  assert.deepEqual(distState(), distBefore);
});

test('runtime dependencies are exactly what the compiled code imports and what the build bundles (everything else is a devDependency)', async () => {
  const used = new Set<string>();
  for (const f of readdirSync(path.join(ROOT, 'dist')).filter((n) => n.endsWith('.js'))) {
    const text = readFileSync(path.join(ROOT, 'dist', f), 'utf8');
    // import ... from 'x', import('x'), createRequire(...)('x'), require.resolve('x/file')
    for (const m of text.matchAll(/(?:from|import\(|\)\(|require\w*\.resolve\()\s*["']([^"'./][^"']*)["']/g)) {
      const name = m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0];
      if (!name.startsWith('node:')) used.add(name);
    }
  }
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  // What the build inlines (scripts/bundled.mjs) is imported by the sources, and stays a dependency.
  const { BUNDLED } = await import('../scripts/bundled.mjs');
  for (const b of BUNDLED) assert.ok(!used.has(b), `${b} is bundled, yet dist imports it`);
  assert.deepEqual([...used, ...BUNDLED].sort(), Object.keys(pkg.dependencies).sort());
});

test('the tarball ships the build, the data and the Console, never tests, fixtures or sources to compile', () => {
  const files = sh('tar', ['tzf', tarball]).trim().split('\n').map((f) => f.replace(/^package\//, ''));
  assert.ok(files.includes('dist/cli.js') && files.includes('dist/resolver.js') && files.includes('dist/types/resolver/index.d.ts'));
  assert.ok(files.includes('catalog/catalog.json') && files.includes('spec/errors.json') && files.includes('src/console/ui/app.js'));
  const bad = files.filter((f) => /\.(test|case|e2e|bench)\.|testing\.|fixtures|corpus|legacy-fixtures|\.ts$/.test(f) && !f.endsWith('.d.ts'));
  assert.deepEqual(bad, []);
  assert.ok(!existsSync(path.join(project, 'node_modules', 'typescript')), 'no dev dependency was installed');
  assert.ok(!existsSync(path.join(project, 'node_modules', 'tsx')));
});

test('the installed CLI works with dev dependencies omitted: up, get, export, exec, lint, ftf --emit k8s, completion', () => {
  assert.equal(hpconf('--version').trim(), JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  assert.match(hpconf('up', '--once'), /coverage 100\.00 % \(615\/615/);
  assert.equal(hpconf('get', 'CVN_HPO_XGB_5M_LEARNING_RATE').trim(), '0.07');
  assert.equal(JSON.parse(hpconf('export', '--format', 'json')).CVN_HPO_CB_5M_DEPTH, 6);
  assert.equal(hpconf('exec', '--', process.execPath, '-e', 'console.log(process.env.CVN_HPO_CB_5M_DEPTH)').trim(), '6');
  // README's TypeScript snippet, as written there, run the way it says (under hpconf exec, right after up).
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const snippet = /```ts\n(\/\/ train\.mjs[\s\S]*?)```/.exec(readme)![1];
  const how = /^\/\/\s+npx (hpconf exec .*) -- node train\.mjs$/m.exec(snippet)![1].split(' ').slice(1);
  writeFileSync(path.join(project, 'train.mjs'), snippet);
  assert.equal(hpconf(...how, '--', process.execPath, 'train.mjs').trim(), '0.07');
  writeFileSync(path.join(project, 'train.py'), 'import xgboost as xgb\nm = xgb.XGBClassifier(max_depth=6)\n');
  writeFileSync(path.join(project, 'train.ts'), 'const p = { learningRate: 0.1 };\n');
  const lint = hpconf('lint', 'train.py', 'train.ts', '--mode', 'warn');
  assert.match(lint, /train\.py:2:\d+ +HP001 +max_depth/);
  assert.match(lint, /train\.ts:1:\d+ +HP001 +learningRate/);
  // A tree large enough for worker threads (lint-pool.ts): dist/lint-worker.js from the installed package.
  const big = path.join(project, 'big');
  mkdirSync(big);
  const filler = Array.from({ length: 2500 }, (_, i) => `def helper_${i}(a, b):\n    return a * ${i} + b\n`).join('');
  for (let i = 0; i < 24; i++) writeFileSync(path.join(big, `m${i}.py`), `${filler}\ndef train(X, y):\n    return XGBClassifier(max_depth=${i + 2}).fit(X, y)\n`);
  const pooled = execFileSync(process.execPath, [path.join(project, 'node_modules', '.bin', 'hpconf'), 'lint', 'big', '--mode', 'warn'], { cwd: project, encoding: 'utf8', env: { ...process.env, HPCONF_LINT_THREADS: '2' } });
  assert.equal(pooled.match(/HP001 +max_depth/g)?.length, 24, pooled.slice(-500));
  assert.match(pooled, /24 finding\(s\) in 24 file\(s\), 120096 lines/);
  hpconf('ftf', 'run', '--factor', 'model_type', '--crypto-group', 'defi_top5', '--timeframe', '5m', '--data-dir', '/data', '--emit', 'k8s', '--out', 'k8s');
  assert.match(readFileSync(path.join(project, 'k8s', 'k8s.yaml'), 'utf8'), /kind: Job/);
  assert.match(hpconf('completion', 'bash'), /complete -F _hpconf hpconf/);
  // A run written elsewhere (hpconf.optuna.record) is recorded, read back and promoted; a typo'd one is refused (exit 2).
  const run = sampleRun('20261203-120000-pack', 616);
  writeFileSync(path.join(project, 'record.json'), JSON.stringify(run));
  assert.deepEqual(JSON.parse(hpconf('runs', 'record', 'record.json', '--json')), { id: run.id, created: true });
  assert.equal(JSON.parse(hpconf('runs', 'show', run.id, '--json')).studies.length, 4);
  assert.ok(JSON.parse(hpconf('ftf', 'promote', run.id, '--json')).id > 0);
  writeFileSync(path.join(project, 'typo.json'), JSON.stringify({ ...run, id: 'typo', wallSecond: 1 }));
  assert.throws(() => hpconf('runs', 'record', 'typo.json'), (e: { status: number; stderr: string }) => e.status === 2 && /HPC_USAGE/.test(e.stderr));
});

test('the installed Console serves its UI and API', async () => {
  const child = spawn(process.execPath, [path.join(project, 'node_modules', '.bin', 'hpconf'), 'serve', '--port', '0'], { cwd: project, env: { ...process.env, HPCONF_ADMIN_PASSWORD: 'pack-test-password' } });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (d) => { text += d; const m = /Console on (http:\/\/[^/\s]+)\/ui\//.exec(text); if (m) resolve(m[1]); });
      child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${text}`)));
    });
    assert.equal((await (await fetch(`${url}/api/v1/health`)).json() as { revision: number }).revision, 616); // the baseline's 615 keys, then the groups file's group
    assert.match(await (await fetch(`${url}/ui/`)).text(), /<script type="module" src="\/ui\/app\.js">/);
    assert.equal((await fetch(`${url}/ui/app.js`)).status, 200);
    assert.equal((await fetch(`${url}/ui/runs.js`)).status, 200);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
});

test('hpconf/resolver: imports from ESM, type-checks from TypeScript, and pulls in no database, parser or web dependency', () => {
  writeFileSync(path.join(project, 'use.mjs'), "import { createResolver } from 'hpconf/resolver';\nconsole.log(createResolver({ env: { CVN_HPO_XGB_5M_LEARNING_RATE: '0.08' } }).resolve('xgb', '5m', 'LEARNING_RATE'));\n");
  assert.equal(sh(process.execPath, ['use.mjs']).trim(), '0.08');
  writeFileSync(path.join(project, 'use.ts'), [
    "import { createResolver, HpconfError, type HpoRange } from 'hpconf/resolver';",
    "const r = createResolver({ env: {} });",
    "try { r.resolve('xgb', '5m', 'LEARNING_RATE'); } catch (e) { if (e instanceof HpconfError) console.log(e.code); }",
    "const range: HpoRange = r.resolveHpoRange('xgb', '5m', 'LEARNING_RATE');",
    "console.log(range.scale);",
  ].join('\n'));
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] }, files: ['use.ts'] }));
  sh(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
  // The resolver's import closure, as installed: node built-ins only (ajv is required lazily, for a user's own catalog).
  const seen = new Set<string>();
  const bare = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import\(|require\()\s*["']([^"']+)["']/g)) {
      if (m[1].startsWith('.')) walk(path.resolve(path.dirname(file), m[1]));
      else if (!m[1].startsWith('node:')) bare.add(m[1]);
    }
  };
  walk(path.join(installed, 'dist', 'resolver.js'));
  assert.deepEqual([...bare].sort(), []);
  assert.ok(readdirSync(path.join(installed, 'dist')).some((f) => f.startsWith('chunk-')));
});
