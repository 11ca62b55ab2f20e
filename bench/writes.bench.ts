/**
 * Writes as the store grows: one default key and one cross-cutting key at 469 keys (the real
 * catalog) and at 100,000 keys (a synthetic catalog), on PGlite and PostgreSQL, median of N writes;
 * and the Console's key view catching up after each, with the legacy mirror on and off; the RSS of a
 * process holding each store and a Console, under tsx (a built Console's RSS is bench/read.bench.ts's).
 * Aim: a write at 100,000 keys within 3x of the same write at 469.
 *   node --import tsx bench/writes.bench.ts     (HPCONF_TEST_DATABASE_URL for PostgreSQL)
 */
import { loadBundle } from '../src/catalog/bundle.js';
import { loadCatalog } from '../src/catalog/load.js';
import type { Catalog, CatalogFile } from '../src/catalog/types.js';
import { catalogFromFile } from '../src/catalog/load.js';
import { BASELINE_PATH, ROOT } from '../src/paths.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { authStore } from '../src/console/auth/auth-store.js';
import { startConsole } from '../src/console/serve.js';
import { migrate } from '../src/store/migrations.js';
import { openPglite } from '../src/store/pglite.js';
import { openPostgres } from '../src/store/postgres.js';
import { createStore, type Store } from '../src/store/store.js';
import { freshPostgresUrl } from '../src/store/testing.js';
import { syntheticCatalog } from './synthetic.js';
import { median } from './stats.js';

const N = Number(process.env.BENCH_WRITES ?? 30);

/** The synthetic catalog with one cross-cutting key, so both kinds of write can be timed. */
function bigCatalog(): { catalog: Catalog; values: { key: string; value: string }[] } {
  const base = syntheticCatalog(...(process.env.BENCH_SMOKE ? [8, 4, 5] : [50, 20, 25]) as [number, number, number]);
  const f = structuredClone(base.catalog.file) as CatalogFile;
  f.globals = { SYN_GLOBAL_ROUNDS: { type: 'int', domain: { min: 1 }, doc: 'a cross-cutting key' } };
  const catalog = catalogFromFile(f, 'synthetic-100k');
  return { catalog, values: [...base.values, { key: 'SYN_GLOBAL_ROUNDS', value: '100' }] };
}

async function open(kind: 'pglite' | 'postgres', catalog: Catalog, legacyMirror: boolean): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    // A data directory, as users run it (in memory, the whole database would count as RSS).
    const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-writes-'));
    const db = await openPglite(dir, {}, { keys: catalog.keys.length });
    await migrate(db);
    return { store: createStore(db, catalog, { legacyMirror }), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const fresh = await freshPostgresUrl(process.env.HPCONF_TEST_DATABASE_URL!);
  return { store: createStore(await openPostgres(fresh.url), catalog, { legacyMirror }), drop: fresh.drop };
}

interface Result { d: { write: number; view: number }; g: { write: number; view: number }; rss: number }

/** One store in a process of its own, so its RSS is the Console's: store, key view, values cache, HTTP. */
async function child(kind: 'pglite' | 'postgres', size: 'small' | 'large', mirror: boolean): Promise<Result> {
  const { catalog, values } = size === 'small' ? realSet() : bigCatalog();
  const [defaultKey, globalKey] = size === 'small' ? ['CVN_HPO_CB_5M_DEPTH', 'CVN_EARLY_STOPPING_ROUNDS'] : ['SYN_M07_3M_P03', 'SYN_GLOBAL_ROUNDS'];
  const { store, drop } = await open(kind, catalog, mirror);
  for (let i = 0; i < values.length; i += 20_000) await store.apply(values.slice(i, i + 20_000), { actor: 'bench', actorKind: 'seed' });
  const auth = authStore(store.db);
  await auth.createUser('bench', 'bench-password-1', 'admin');
  const token = (await auth.createToken('bench', 'read', { name: 'bench', userId: (await auth.findUser('bench'))!.id })).token;
  const c = await startConsole(store, { port: 0, log: () => {} });
  const get = async (path: string) => {
    const r = await fetch(`${c.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    await r.arrayBuffer();
  };
  const time = async (key: string, a: string, b: string) => {
    const w: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < N; i++) {
      let t = performance.now();
      await store.apply([{ key, value: i % 2 ? a : b }], { actor: 'bench', actorKind: 'cli' });
      w.push(performance.now() - t);
      t = performance.now();
      await get('/keys?q=x&pageSize=1');
      v.push(performance.now() - t);
      await get('/values');
    }
    return { write: median(w), view: median(v) };
  };
  await get('/keys?pageSize=1');
  const d = await time(defaultKey, '5', '6'); // inside both catalogs' stored ranges ([4, 10] and [1, 10])
  const g = await time(globalKey, '120', '150');
  global.gc?.();
  const rss = process.memoryUsage().rss;
  await c.close();
  await store.close();
  await drop();
  return { d, g, rss };
}

function realSet() {
  const catalog = loadCatalog();
  return { catalog, values: loadBundle(catalog, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text })) };
}

function spawnChild(kind: string, size: string, mirror: boolean): Result {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'child', kind, size, mirror ? 'on' : 'off'],
    { encoding: 'utf8', env: process.env, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`child ${kind} ${size}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Result;
}

if (process.argv[2] === 'child') {
  const [kind, size, mirror] = process.argv.slice(3) as ['pglite' | 'postgres', 'small' | 'large', string];
  console.log(JSON.stringify(await child(kind, size, mirror === 'on')));
  process.exit(0);
}

const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const REAL = String(loadCatalog().keys.length); // the shipped catalog's size: the small set
console.log(`single-key writes, median of ${N}, each store in a Console process of its own (the key view catches up after each write, /values is read)`);
console.log('PostgreSQL figures below come from the throwaway server with fsync off (scripts/pg-throwaway.sh); the durable figure (fsync on) is the last line');
for (const kind of (['pglite', ...(process.env.HPCONF_TEST_DATABASE_URL ? ['postgres'] : [])] as ('pglite' | 'postgres')[])) {
  const largeBy: Record<string, Result> = {};
  for (const mirror of [true, false]) {
    const label = `${kind}, legacy mirror ${mirror ? 'on (default)' : 'off'}`;
    const small = spawnChild(kind, 'small', mirror);
    const large = spawnChild(kind, 'large', mirror);
    largeBy[String(mirror)] = large;
    for (const [n, r] of [[REAL, small], [process.env.BENCH_SMOKE ? '640' : '100,000', large]] as const) {
      console.log(`${label.padEnd(34)} ${n.padStart(7)} keys: write default ${r.d.write.toFixed(1).padStart(6)} ms, cross-cutting ${r.g.write.toFixed(1).padStart(6)} ms; ` +
        `key view catches up ${r.d.view.toFixed(1)} / ${r.g.view.toFixed(1)} ms; RSS ${mb(r.rss)} (the store and Console in one process under tsx; bench/read.bench.ts measures a built Console)`);
    }
    console.log(`${label.padEnd(34)} ratio large / ${REAL} keys: default write ${(large.d.write / small.d.write).toFixed(2)}x, cross-cutting ${(large.g.write / small.g.write).toFixed(2)}x (aim: within 3x)`);
  }
  const [on, off] = [largeBy.true, largeBy.false];
  const ratio = on.d.write / off.d.write;
  console.log(`${kind.padEnd(8)} write at the large store, mirror on / off: ${ratio.toFixed(2)}x (${on.d.write.toFixed(1)} / ${off.d.write.toFixed(1)} ms; aim: within 2x) -> ${ratio <= 2 ? 'met' : 'NOT met'}`);
}

// One durable figure: the same write of the shipped catalog's size on a server with PostgreSQL's defaults (fsync, synchronous commit).
if (process.env.HPCONF_TEST_DATABASE_URL && process.env.BENCH_DURABLE !== '0') {
  const start = spawnSync('bash', [path.join(ROOT, 'scripts', 'pg-throwaway.sh'), 'start'], { encoding: 'utf8', env: { ...process.env, HPCONF_PG_DURABLE: '1' } });
  const url = /HPCONF_TEST_DATABASE_URL=(\S+)/.exec(start.stdout)?.[1];
  const dir = /HPCONF_PG_DIR=(\S+)/.exec(start.stdout)?.[1];
  if (!url || !dir) throw new Error(`durable server: ${start.stderr}`);
  try {
    const fast = spawnChild('postgres', 'small', true);
    const durable = (() => { const prev = process.env.HPCONF_TEST_DATABASE_URL; process.env.HPCONF_TEST_DATABASE_URL = url; try { return spawnChild('postgres', 'small', true); } finally { process.env.HPCONF_TEST_DATABASE_URL = prev; } })();
    console.log(`postgres, durable (fsync on)          ${REAL} keys: write default ${durable.d.write.toFixed(1).padStart(6)} ms, cross-cutting ${durable.g.write.toFixed(1).padStart(6)} ms; ` +
      `fsync off in the same run ${fast.d.write.toFixed(1)} / ${fast.g.write.toFixed(1)} ms (${(durable.d.write / fast.d.write).toFixed(2)}x)`);
  } finally {
    spawnSync('bash', [path.join(ROOT, 'scripts', 'pg-throwaway.sh'), 'stop', dir]);
  }
}
