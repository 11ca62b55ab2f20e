/**
 * Writes as the store grows: one default key and one cross-cutting key at 469 keys (the real
 * catalog) and at 100,000 keys (a synthetic catalog), on PGlite and PostgreSQL, median of N writes;
 * and the Console's key view catching up after each. Aim: a write at 100,000 keys within 3x of the
 * same write at 469.
 *   node --import tsx bench/writes.bench.ts     (HPCONF_TEST_DATABASE_URL for PostgreSQL)
 */
import { loadBundle } from '../src/catalog/bundle.js';
import { loadCatalog } from '../src/catalog/load.js';
import type { Catalog, CatalogFile } from '../src/catalog/types.js';
import { catalogFromFile } from '../src/catalog/load.js';
import { keyView } from '../src/console/keys-view.js';
import { BASELINE_PATH } from '../src/paths.js';
import { migrate } from '../src/store/migrations.js';
import { openPglite } from '../src/store/pglite.js';
import { openPostgres } from '../src/store/postgres.js';
import { createStore, type Store } from '../src/store/store.js';
import { freshPostgresUrl } from '../src/store/testing.js';
import { syntheticCatalog } from './synthetic.js';

const N = Number(process.env.BENCH_WRITES ?? 30);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The synthetic catalog with one cross-cutting key, so both kinds of write can be timed. */
function bigCatalog(): { catalog: Catalog; values: { key: string; value: string }[] } {
  const base = syntheticCatalog(50, 20, 25);
  const f = structuredClone(base.catalog.file) as CatalogFile;
  f.globals = { SYN_GLOBAL_ROUNDS: { type: 'int', domain: { min: 1 }, doc: 'a cross-cutting key' } };
  const catalog = catalogFromFile(f, 'synthetic-100k');
  return { catalog, values: [...base.values, { key: 'SYN_GLOBAL_ROUNDS', value: '100' }] };
}

async function open(kind: 'pglite' | 'postgres', catalog: Catalog): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openPglite();
    await migrate(db);
    return { store: createStore(db, catalog), drop: async () => {} };
  }
  const fresh = await freshPostgresUrl(process.env.HPCONF_TEST_DATABASE_URL!);
  return { store: createStore(await openPostgres(fresh.url), catalog), drop: fresh.drop };
}

async function run(kind: 'pglite' | 'postgres', label: string, catalog: Catalog, values: { key: string; value: string }[], defaultKey: string, globalKey: string) {
  const { store, drop } = await open(kind, catalog);
  for (let i = 0; i < values.length; i += 20_000) await store.apply(values.slice(i, i + 20_000), { actor: 'bench', actorKind: 'seed' });
  const view = keyView(store, catalog);
  await view.search({ pageSize: 1 });
  const time = async (key: string, a: string, b: string) => {
    const w: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < N; i++) {
      let t = performance.now();
      await store.apply([{ key, value: i % 2 ? a : b }], { actor: 'bench', actorKind: 'cli' });
      w.push(performance.now() - t);
      t = performance.now();
      await view.search({ q: 'x', pageSize: 1 });
      v.push(performance.now() - t);
    }
    return { write: median(w), view: median(v) };
  };
  const d = await time(defaultKey, '2', '3');
  const g = await time(globalKey, '120', '150');
  console.log(`${kind.padEnd(8)} ${label.padEnd(14)} write default ${d.write.toFixed(1).padStart(6)} ms, cross-cutting ${g.write.toFixed(1).padStart(6)} ms; key view catches up ${d.view.toFixed(1)} / ${g.view.toFixed(1)} ms`);
  const mem = process.memoryUsage();
  await store.close();
  await drop();
  return { d, g, rss: mem.rss };
}

const real = loadCatalog();
const baseline = loadBundle(real, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text }));
const big = bigCatalog();
console.log(`single-key writes, median of ${N} (then the Console's key view catches up)`);
for (const kind of (['pglite', ...(process.env.HPCONF_TEST_DATABASE_URL ? ['postgres'] : [])] as ('pglite' | 'postgres')[])) {
  const small = await run(kind, '469 keys', real, baseline, 'CVN_HPO_CB_5M_DEPTH', 'CVN_EARLY_STOPPING_ROUNDS');
  const large = await run(kind, '100,000 keys', big.catalog, big.values, 'SYN_M07_3M_P03', 'SYN_GLOBAL_ROUNDS');
  console.log(`${kind.padEnd(8)} ratio 100,000 / 469 keys: default write ${(large.d.write / small.d.write).toFixed(2)}x, cross-cutting ${(large.g.write / small.g.write).toFixed(2)}x (aim: within 3x)`);
}
