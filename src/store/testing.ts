import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { catalogFromFile, loadCatalog } from '../catalog/load.js';
import type { Catalog, CatalogFile } from '../catalog/types.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { createStore, type Store } from './store.js';

/**
 * Backends every store test runs against: PGlite always, a real PostgreSQL whenever
 * HPCONF_TEST_DATABASE_URL is set (`.ci/run` always sets it). Each Postgres store gets its own
 * database cloned from a migrated template (the Unleash pattern: migrate once, clone per test).
 */
export interface Backend {
  name: string;
  open(): Promise<Store>;
  /** Two stores on one database, as two Console replicas are (PostgreSQL only: PGlite is one process's). */
  openPair?(): Promise<[Store, Store]>;
}

// Named by the last migration, so a server kept between runs never hands out a stale schema.
const TEMPLATE = `hpconf_template_m${MIGRATIONS[MIGRATIONS.length - 1].id}`;

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

function dbUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

async function ensureTemplate(url: string): Promise<void> {
  await withAdmin(url, async (c) => {
    await c.query('SELECT pg_advisory_lock(424242)');
    try {
      const { rows } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
      if (rows.length) return;
      await c.query(`CREATE DATABASE ${TEMPLATE}`);
      const db = await openPostgres(dbUrl(url, TEMPLATE), 1);
      try { await migrate(db); } finally { await db.close(); }
    } finally {
      await c.query('SELECT pg_advisory_unlock(424242)');
    }
  });
}

/** A fresh, migrated database on the test server; dropped when the store closes. */
export async function freshPostgresUrl(url: string, o: { empty?: boolean } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hpconf_t_${randomBytes(6).toString('hex')}`;
  const drop = () => withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => {}));
  // empty: no schema at all, as a new server's database is (benches time the migrations too).
  if (o.empty) { await withAdmin(url, (c) => c.query(`CREATE DATABASE ${name}`).then(() => {})); return { url: dbUrl(url, name), drop }; }
  await ensureTemplate(url);
  await withAdmin(url, async (c) => {
    // The template may be busy for a moment while another test clones it.
    for (let i = 0; ; i++) {
      try { await c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`); return; } catch (e) {
        if (i > 50 || !/being accessed/.test((e as Error).message)) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  return { url: dbUrl(url, name), drop };
}

export function backends(): Backend[] {
  const list: Backend[] = [{
    name: 'pglite',
    open: async () => {
      const db = await openPglite();
      await migrate(db);
      return createStore(db, loadCatalog());
    },
  }];
  const url = process.env.HPCONF_TEST_DATABASE_URL;
  if (url) {
    list.push({
      name: 'postgres',
      open: async () => {
        const fresh = await freshPostgresUrl(url);
        const db = await openPostgres(fresh.url);
        const store = createStore({ ...db, close: async () => { await db.close(); await fresh.drop(); } }, loadCatalog());
        return store;
      },
      openPair: async () => {
        const fresh = await freshPostgresUrl(url);
        const [a, b] = [await openPostgres(fresh.url), await openPostgres(fresh.url)];
        return [createStore(a, loadCatalog()), createStore({ ...b, close: async () => { await b.close(); await a.close().catch(() => {}); await fresh.drop(); } }, loadCatalog())];
      },
    });
  } else if (process.env.CI) {
    throw new Error('CI must run the store suite against PostgreSQL too: HPCONF_TEST_DATABASE_URL is not set');
  }
  return list;
}

/** 5 models x 5 timeframes x 50 parameters x 4 keys: a write of all of them is a bulk write (ANALYZE_AFTER). */
export function bulkCatalog(): Catalog {
  const f = {
    version: 1, prefix: 'SYN', range: { min: 'RANGE_MIN', max: 'RANGE_MAX', scale: 'RANGE_SCALE', scales: ['linear', 'log'] },
    timeframes: Array.from({ length: 5 }, (_, i) => ({ id: `${i + 1}M`, minutes: i + 1 })),
    models: Object.fromEntries(Array.from({ length: 5 }, (_, m) => [`M${m}`, { library: 'synthetic', params: Object.fromEntries(Array.from({ length: 50 }, (_, p) => [`P${p}`,
      { type: 'int', domain: { min: 0 }, logAllowed: true, search: true, native: `p${p}`, aliases: [], doc: 'synthetic' }])) }])),
    globals: {}, rules: [],
  } as unknown as CatalogFile;
  return catalogFromFile(f, 'synthetic-bulk');
}

/** A value for every key of bulkCatalog(): `low` for defaults and minimums (a digit 1-9), 10 for maximums. */
export function bulkValues(c: Catalog, low: string): { key: string; value: string }[] {
  return c.keys.map((k) => ({ key: k.key, value: k.kind === 'scale' ? 'linear' : k.kind === 'max' ? '10' : low }));
}
