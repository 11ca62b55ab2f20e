import path from 'node:path';
import { HpconfError } from '../errors/registry.js';
import { loadCatalog } from '../catalog/load.js';
import type { Catalog } from '../catalog/types.js';
import type { Db } from './db.js';
import { migrate } from './migrations.js';
import { lockTimeoutFromEnv } from './lock.js';
import { redactUrl } from './redact.js';
import { DEFAULT_DATA_DIR } from '../paths.js';
import { createStore, type Store } from './store.js';

export interface OpenOptions {
  /** postgres://... for a server; memory:// for a throwaway embedded store. */
  databaseUrl?: string;
  /** PGlite data directory when no URL is given. */
  dataDir?: string;
  catalog?: Catalog;
  /** How long to wait for another process holding the PGlite directory (ms); HPCONF_LOCK_TIMEOUT by default. */
  lockTimeoutMs?: number;
}

export { DEFAULT_DATA_DIR };

export async function openDb(o: OpenOptions): Promise<Db> {
  const url = o.databaseUrl;
  // Each driver is loaded only when used: the CLI talking to a server never boots PGlite's WebAssembly.
  if (url === 'memory://') return (await import('./pglite.js')).openPglite(undefined, {}, { keys: o.catalog?.keys.length });
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new HpconfError('HPC_USAGE', { details: `database url must start with postgres:// (got ${redactUrl(url)})` });
    const { openPostgres } = await import('./postgres.js');
    try {
      return await openPostgres(url);
    } catch (e) {
      throw new HpconfError('HPC_STORE_UNREACHABLE', { details: `${redactUrl(url)}: ${(e as Error).message}` });
    }
  }
  const { openPglite } = await import('./pglite.js');
  return openPglite(path.resolve(o.dataDir ?? DEFAULT_DATA_DIR), { timeoutMs: o.lockTimeoutMs ?? lockTimeoutFromEnv() }, { keys: o.catalog?.keys.length });
}

/** Open and migrate: the embedded store by default, a server when a URL is given. */
export async function openStore(o: OpenOptions = {}): Promise<Store> {
  const catalog = o.catalog ?? loadCatalog();
  const db = await openDb({ ...o, catalog });
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return createStore(db, catalog);
}
