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

const R = Number(process.argv[2] ?? 5);
const catalog = loadCatalog();
const changes = loadBundle(catalog, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text }));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
