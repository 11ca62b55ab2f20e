import { PGlite } from '@electric-sql/pglite';
import path from 'node:path';
import type { Db, Queryable } from './db.js';
import { lockDataDir, type LockOptions } from './lock.js';

/** Embedded PostgreSQL: a data directory (locked to this process), or in memory when `dir` is undefined. */
export async function openPglite(dir?: string, lock: LockOptions = {}): Promise<Db> {
  const abs = dir ? path.resolve(dir) : undefined;
  const release = abs ? await lockDataDir(abs, lock) : () => {};
  let pg: PGlite;
  try {
    pg = new PGlite(abs);
    await pg.waitReady;
  } catch (e) {
    release();
    throw e;
  }
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await q.query<T>(sql, params)).rows }),
    exec: async (sql: string) => { await q.exec(sql); },
  });
  return {
    kind: 'pglite',
    describe: abs ? `PGlite ${abs}` : 'PGlite (in memory)',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    listen: async (channel, fn) => { const off = await pg.listen(channel, fn); return async () => { await off(); }; },
    close: async () => {
      try { await pg.close(); } finally { release(); }
    },
  };
}
