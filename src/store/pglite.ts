import { PGlite } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Db, Queryable } from './db.js';
import { lockDataDir, type LockOptions } from './lock.js';
import { loadSnapshot } from './pglite-snapshot.js';
import { privateNodeFs } from './private-fs.js';
import { capture, markClosed, markOpen, writeSnapshot } from './values-snapshot.js';

/**
 * PostgreSQL's default 128 MB of shared buffers lives in PGlite's WebAssembly memory and is what
 * most of a CLI process's RSS was: 32 MB holds a 100,000-key store (bench/writes.bench.ts).
 */
const PGLITE_CONF = ['shared_buffers=32MB'];

export interface PgliteOptions {
  /** Start a new store from the build's initialised data directory (default: when there is one). */
  snapshot?: boolean;
}

/** Embedded PostgreSQL: a data directory (locked to this process), or in memory when `dir` is undefined. */
export async function openPglite(dir?: string, lock: LockOptions = {}, o: PgliteOptions = {}): Promise<Db> {
  const abs = dir ? path.resolve(dir) : undefined;
  const release = abs ? await lockDataDir(abs, lock) : () => {};
  let pg: PGlite;
  try {
    // Readers stop trusting the values snapshot before anything can change (values-snapshot.ts).
    if (abs) markOpen(abs);
    const fresh = !abs || !existsSync(path.join(abs, 'PG_VERSION'));
    const snapshot = fresh && o.snapshot !== false ? loadSnapshot() : undefined;
    // One options object: the (dataDir, options) form drops the options when dataDir is undefined.
    pg = new PGlite({ ...(abs ? { fs: privateNodeFs(abs) } : {}), postgresqlconf: PGLITE_CONF, ...(snapshot ? { loadDataDir: snapshot } : {}) });
    await pg.waitReady;
  } catch (e) {
    release();
    throw e;
  }
  return pgliteDb(pg, abs ? `PGlite ${abs}` : 'PGlite (in memory)', release, abs);
}

/** `dataDir`: as it closes, the store writes the values snapshot its readers use without booting PGlite. */
export function pgliteDb(pg: PGlite, describe: string, release: () => void = () => {}, dataDir?: string): Db {
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await q.query<T>(sql, params)).rows }),
    exec: async (sql: string) => { await q.exec(sql); },
  });
  const q = wrap(pg);
  return {
    kind: 'pglite',
    describe,
    ...q,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    listen: async (channel, fn) => { const off = await pg.listen(channel, fn); return async () => { await off(); }; },
    close: async () => {
      try {
        // Read after the last commit; written after the close, so the fingerprint is of the files as they stay.
        const data = dataDir && !pg.closed ? await capture(q).catch(() => undefined) : undefined;
        await pg.close();
        if (dataDir) {
          try { writeSnapshot(dataDir, data); markClosed(dataDir); } catch { /* the marker stays: readers read the database */ }
        }
      } finally { release(); }
    },
  };
}
