import { HpconfError } from '../errors/registry.js';
import type { Catalog } from '../catalog/types.js';
import { DEFAULT_ENVIRONMENT, environmentUnknown, type Store } from './store.js';
import { readSnapshot } from './values-snapshot.js';

/**
 * The read side of an embedded store from its values snapshot: what `get`, `export` and `exec` call (values,
 * layered rows, revision), with no WebAssembly booted. Undefined when the snapshot cannot be trusted: the caller
 * opens the database. HPCONF_VALUES_SNAPSHOT=off always opens it.
 */
export function snapshotStore(dataDir: string, catalog: Catalog, environment: string | undefined, env: Record<string, string | undefined> = process.env): Store | undefined {
  if (env.HPCONF_VALUES_SNAPSHOT === 'off') return undefined;
  const name = environment ?? DEFAULT_ENVIRONMENT;
  const snap = readSnapshot(dataDir, name);
  if (!snap) return undefined;
  if (!snap.rows) throw environmentUnknown(name, snap.environments);
  const rows = snap.rows;
  // The base is what the store's generated `segment` column calls '' (store.ts, migration "segments").
  const base = new Map([...rows].filter(([k]) => !k.includes('@') && !k.startsWith('group:')));
  const readOnly = (what: string) => async (): Promise<never> => {
    throw new HpconfError('HPC_INTERNAL', { details: `${what} on the values snapshot of ${dataDir}: this command must open the store` });
  };
  const store = {
    catalog, kind: 'pglite', describe: `PGlite ${dataDir}`, environment: name,
    head: async () => snap.revision,
    values: async () => new Map(base),
    layered: async () => new Map(rows),
    entries: readOnly('entries'), at: readOnly('at'), apply: readOnly('apply'), revert: readOnly('revert'), plan: readOnly('plan'),
    history: readOnly('history'), legacy: readOnly('legacy'), use: readOnly('use'), scope: readOnly('scope'),
    close: async () => {},
  };
  return store as unknown as Store;
}
