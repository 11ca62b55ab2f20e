import { PGlite } from '@electric-sql/pglite';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import path from 'node:path';
import type { Db, Queryable } from './db.js';
import { lockDataDir, type LockOptions } from './lock.js';
import { loadSnapshot } from './pglite-snapshot.js';
import { privateNodeFs } from './private-fs.js';
import { capture, markClosed, markOpen, writeSnapshot } from './values-snapshot.js';

/**
 * PGlite sized to the store. PostgreSQL's shared memory lives in PGlite's WebAssembly memory, touched at start:
 * 4 MB of shared buffers hold a store of up to 20,000 keys (writes at 615, 2,000, 8,000 and 20,000 keys took as
 * long as with 8 MB), 32 MB one of 100,000 keys (whose writes took 1.6x as long with 8 MB; bench/writes.bench.ts).
 * PGlite is one backend, so the shared memory PostgreSQL sizes for its default 100 connections (lock tables,
 * process slots, activity buffers) is 4 MiB touched for nothing: 10 connections still leave room for a
 * transaction that locks over 3,000 relations (pglite-snapshot.test.ts). V8 compiles PGlite's 9 MB of WebAssembly
 * with its baseline compiler, then recompiles hot code with TurboFan: for a small store that second tier only
 * costs a core for a second at each start and about 40 MB of memory (single writes were faster without it), for a
 * large one its faster code pays (writes took 1.5x as long without it). HPCONF_PGLITE_SIZE=small|large overrides.
 */
export const LARGE_STORE_KEYS = 20_000;
export function pgliteProfile(keys = 0, env: Record<string, string | undefined> = process.env): { conf: string[]; liftoffOnly: boolean } {
  const large = env.HPCONF_PGLITE_SIZE ? env.HPCONF_PGLITE_SIZE === 'large' : keys > LARGE_STORE_KEYS;
  return { conf: [`shared_buffers=${large ? 32 : 4}MB`, 'max_connections=10'], liftoffOnly: !large };
}

/** A V8 flag for the whole process, read when a WebAssembly module is compiled: set before the first PGlite starts. */
let tiersChosen = false;
function chooseTiers(liftoffOnly: boolean): void {
  if (tiersChosen) return;
  tiersChosen = true;
  if (liftoffOnly) setFlagsFromString('--liftoff-only');
}

/**
 * PGlite's WebAssembly, compiled once per process from bytes read into memory V8 maps itself. PGlite's own
 * loader reads the 9 MB file into a malloc'd buffer and frees it after compiling, which raises glibc's mmap
 * threshold to 9 MB for the rest of the process, so later allocations stay on a heap that is never returned:
 * 8 MiB more resident in a Console (bench/read.bench.ts, 170 against 162 MiB).
 */
let compiled: WebAssembly.Module | undefined;
function pgliteModule(): WebAssembly.Module {
  if (compiled) return compiled;
  const file = path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), 'pglite.wasm');
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new WebAssembly.Memory({ initial: Math.ceil(size / 65536) }).buffer, 0, size);
    for (let off = 0; off < size;) {
      const n = readSync(fd, bytes, off, size - off, off);
      if (n <= 0) throw new Error(`${file}: short read at ${off} of ${size} bytes`);
      off += n;
    }
    return (compiled = new WebAssembly.Module(bytes));
  } finally {
    closeSync(fd);
  }
}

export interface PgliteOptions {
  /** Start a new store from the build's initialised data directory (default: when there is one). */
  snapshot?: boolean;
  /** How many keys the store's catalog has: sizes PGlite (pgliteProfile). */
  keys?: number;
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
    const profile = pgliteProfile(o.keys);
    chooseTiers(profile.liftoffOnly);
    // One options object: the (dataDir, options) form drops the options when dataDir is undefined.
    pg = new PGlite({ ...(abs ? { fs: privateNodeFs(abs) } : {}), postgresqlconf: profile.conf, ...(snapshot ? { loadDataDir: snapshot } : {}), pgliteWasmModule: pgliteModule() });
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
