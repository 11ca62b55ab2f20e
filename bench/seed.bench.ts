/**
 * Seeding the baseline (469 keys, one change-set) on PGlite (in memory and on disk) and on a
 * PostgreSQL server, and the idempotent second run. Prints the median of R fresh stores each.
 *   HPCONF_TEST_DATABASE_URL=postgres://... node --import tsx bench/seed.bench.ts [R]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadBundle } from '../src/catalog/bundle.js';
import { loadCatalog } from '../src/catalog/load.js';
import { BASELINE_PATH } from '../src/paths.js';
import { migrate } from '../src/store/migrations.js';
import { openPglite } from '../src/store/pglite.js';
import { openPostgres } from '../src/store/postgres.js';
import { createStore, type Store } from '../src/store/store.js';
import { freshPostgresUrl } from '../src/store/testing.js';
import { median } from './stats.js';

const R = Number(process.argv[2] ?? 5);
const catalog = loadCatalog();
const changes = loadBundle(catalog, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text }));

async function measure(label: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>) {
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < R; i++) {
    const { store, cleanup } = await open();
    let t = performance.now();
    const r = await store.apply(changes, { actor: 'bench', actorKind: 'seed', baseRevision: 0 });
    first.push(performance.now() - t);
    if (r.changes.length !== changes.length) throw new Error('seed wrote the wrong number of keys');
    t = performance.now();
    const again = await store.apply(changes, { actor: 'bench', actorKind: 'seed', baseRevision: r.revision });
    second.push(performance.now() - t);
    if (again.changes.length !== 0) throw new Error('second seed was not a no-op');
    await store.close();
    await cleanup();
  }
  const m = median(first);
  console.log(`${label.padEnd(26)} seed ${changes.length} keys: median ${m.toFixed(1).padStart(7)} ms (${(changes.length / m * 1000).toFixed(0)} keys/s); ` +
    `no-op re-seed ${median(second).toFixed(1).padStart(6)} ms; runs ${first.map((x) => x.toFixed(0)).join(' ')}`);
  return m;
}

const results: Record<string, number> = {};
results.mem = await measure('PGlite (in memory)', async () => {
  const db = await openPglite();
  await migrate(db);
  return { store: createStore(db, catalog), cleanup: async () => {} };
});
results.disk = await measure('PGlite (data directory)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-bench-'));
  const db = await openPglite(dir);
  await migrate(db);
  return { store: createStore(db, catalog), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});
const url = process.env.HPCONF_TEST_DATABASE_URL;
if (url) {
  results.pg = await measure('PostgreSQL server', async () => {
    const fresh = await freshPostgresUrl(url);
    const db = await openPostgres(fresh.url);
    return { store: createStore(db, catalog), cleanup: fresh.drop };
  });
  console.log(`ratio PGlite(dir)/PostgreSQL: ${(results.disk / results.pg).toFixed(2)}x`);
} else {
  console.log('PostgreSQL: skipped (set HPCONF_TEST_DATABASE_URL, or run bench/run.sh)');
}

// The whole process a user runs: `hpconf seed --apply` into a new store (migrations included),
// wall time and peak RSS; PGlite with the build's data-directory snapshot and with initdb.
const { spawnSync } = await import('node:child_process');
const { readFileSync } = await import('node:fs');
const BIN = path.join(import.meta.dirname, '..', 'bin', 'hpconf.js');
async function wholeProcess(label: string, env: Record<string, string | undefined>, cleanup: () => Promise<void>) {
  const rssFile = path.join(mkdtempSync(path.join(tmpdir(), 'hpconf-rss-')), 'rss');
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', path.join(import.meta.dirname, 'rss-exit.mjs'), BIN, 'seed', '--apply'], { env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile }, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${label}: ${r.stderr}`);
  const rss = Number(readFileSync(rssFile, 'utf8')) / 1024;
  await cleanup();
  console.log(`${label.padEnd(42)} ${(ms / 1000).toFixed(2)} s, peak RSS ${rss.toFixed(0)} MiB`);
  return { ms, rss };
}
console.log('`hpconf seed --apply` into a new store, as a whole process (built CLI):');
const fresh = () => { const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-seedp-')); return { dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) }; };
const a = fresh();
const snap = await wholeProcess('PGlite, from the build\'s snapshot', { DATABASE_URL: '', HPCONF_DATA_DIR: a.dir }, a.cleanup);
const b = fresh();
const init = await wholeProcess('PGlite, initdb (HPCONF_PGLITE_SNAPSHOT=off)', { DATABASE_URL: '', HPCONF_DATA_DIR: b.dir, HPCONF_PGLITE_SNAPSHOT: 'off' }, b.cleanup);
console.log(`snapshot vs initdb: ${(init.ms / snap.ms).toFixed(2)}x faster, ${(init.rss / snap.rss).toFixed(2)}x less memory`);
if (url) {
  const db = await freshPostgresUrl(url, { empty: true });
  const pg = await wholeProcess('PostgreSQL server (empty database)', { DATABASE_URL: db.url }, db.drop);
  console.log(`PGlite (snapshot) / PostgreSQL, whole process: ${(snap.ms / pg.ms).toFixed(2)}x`);
}
