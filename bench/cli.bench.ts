/**
 * Whole-process times of the CLI, each beside `node -e 0` in the same run (wall clock, median and
 * p90 of N runs, alternating so machine noise hits both): what a user waits for.
 *   node --import tsx bench/cli.bench.ts   (after npm run build; HPCONF_TEST_DATABASE_URL for PostgreSQL)
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../src/paths.js';

const BIN = path.join(ROOT, 'bin', 'hpconf.js');
const N = Number(process.env.BENCH_RUNS ?? 15);
const work = mkdtempSync(path.join(tmpdir(), 'hpconf-clibench-'));
const dataDir = path.join(work, 'pgdata');

function time(args: string[], env: Record<string, string> = {}): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return ms;
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p90: s[Math.floor(s.length * 0.9)] };
};

function bench(label: string, args: string[], env: Record<string, string> = {}, aim?: number) {
  const base: number[] = [];
  const cmd: number[] = [];
  time(args, env); // warm the file cache
  for (let i = 0; i < N; i++) { base.push(time(['-e', '0'])); cmd.push(time(args, env)); }
  const b = stats(base);
  const c = stats(cmd);
  console.log(`${label.padEnd(34)} median ${c.median.toFixed(0).padStart(5)} ms  p90 ${c.p90.toFixed(0).padStart(5)} ms   node -e 0: ${b.median.toFixed(0).padStart(3)} ms   ratio ${(c.median / b.median).toFixed(2)}x${aim ? ` (aim: within ${aim}x) -> ${c.median / b.median <= aim ? 'met' : 'NOT met'}` : ''}`);
}

execFileSync(process.execPath, [BIN, '--data-dir', dataDir, 'up', '--once'], { stdio: 'ignore' });
const lintDir = path.join(work, 'lint');
execFileSync('mkdir', ['-p', lintDir]);
writeFileSync(path.join(lintDir, 'train.py'), 'import xgboost as xgb\nmodel = xgb.XGBClassifier(n_estimators=500)\n');

console.log(`CLI whole-process wall time, ${N} runs each, alternating with node -e 0 (${process.version})`);
bench('hpconf --version', [BIN, '--version']);
bench('hpconf help', [BIN, 'help']);
// A closed data directory: get, export and exec read its values snapshot (src/store/values-snapshot.ts).
bench('hpconf get KEY (PGlite directory)', [BIN, '--data-dir', dataDir, 'get', 'CVN_HPO_XGB_5M_LEARNING_RATE'], {}, 3);
bench('hpconf export (PGlite directory)', [BIN, '--data-dir', dataDir, 'export', '--format', 'env'], {}, 3);
bench('hpconf exec -- true (PGlite dir)', [BIN, '--data-dir', dataDir, 'exec', '--', 'true'], {}, 3);
bench('hpconf get KEY (snapshot off)', [BIN, '--data-dir', dataDir, 'get', 'CVN_HPO_XGB_5M_LEARNING_RATE'], { HPCONF_VALUES_SNAPSHOT: 'off' });
{
  // The same directory while a Console holds it: the CLI reads through the Console.
  const serve = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    serve.stdout!.on('data', (b: Buffer) => { out += b; if (out.includes('hpconf Console on')) resolve(); });
    serve.once('exit', (c) => reject(new Error(`serve exited ${c}`)));
  });
  bench('hpconf get KEY (PGlite, Console up)', [BIN, '--data-dir', dataDir, 'get', 'CVN_HPO_XGB_5M_LEARNING_RATE']);
  await new Promise<void>((resolve) => { serve.once('exit', () => resolve()); serve.kill('SIGTERM'); });
}
const pg = process.env.HPCONF_TEST_DATABASE_URL;
if (pg) {
  const { freshPostgresUrl } = await import('../src/store/testing.js');
  const fresh = await freshPostgresUrl(pg);
  execFileSync(process.execPath, [BIN, '--database-url', fresh.url, 'seed', '--apply'], { stdio: 'ignore' });
  bench('hpconf get KEY (PostgreSQL)', [BIN, '--database-url', fresh.url, 'get', 'CVN_HPO_XGB_5M_LEARNING_RATE']);
  await fresh.drop();
} else console.log('hpconf get KEY (PostgreSQL): skipped, HPCONF_TEST_DATABASE_URL is not set');
bench('hpconf lint (a 1-file tree)', [BIN, 'lint', lintDir, '--mode', 'warn'], {}, 3);
{
  // `up --once` on a new directory beside its floor: a bare PGlite store created from the package's snapshot, closed.
  const bare: number[] = [];
  const up: number[] = [];
  const runs = Math.max(3, Math.ceil(N / 3));
  for (let i = 0; i < runs; i++) {
    const a = path.join(work, `bare-${i}`);
    const b = path.join(work, `up-${i}`);
    bare.push(time([path.join(ROOT, 'bench', 'bare-pglite.mjs'), a]));
    up.push(time([BIN, '--data-dir', b, 'up', '--once']));
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
  const x = stats(bare).median;
  const y = stats(up).median;
  console.log(`${'hpconf up --once (a new directory)'.padEnd(34)} median ${y.toFixed(0).padStart(5)} ms   bare PGlite from the snapshot: ${x.toFixed(0)} ms   ratio ${(y / x).toFixed(2)}x (${runs} runs; aim: within 1.5x) -> ${y / x <= 1.5 ? 'met' : 'NOT met'}`);
}
rmSync(work, { recursive: true, force: true });
