import { loadCatalog } from '../catalog/load.js';
import type { Catalog } from '../catalog/types.js';
import { openStore } from '../store/open.js';
import { remoteStore } from './remote.js';
import { HpconfError } from '../errors/registry.js';
import type { Store } from '../store/store.js';

/** What a command may touch: its output streams, environment and store. Tests pass their own. */
export interface Context {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  catalog: Catalog;
  databaseUrl?: string;
  dataDir?: string;
  /** Open the configured store; the command closes it. */
  openStore(): Promise<Store>;
}

export function makeContext(p: Partial<Context> & { databaseUrl?: string; dataDir?: string; consoleUrl?: string } = {}): Context {
  const env = p.env ?? process.env;
  const catalog = p.catalog ?? loadCatalog(env.HPCONF_CATALOG || undefined);
  const databaseUrl = p.databaseUrl ?? (env.DATABASE_URL || undefined);
  const dataDir = p.dataDir ?? (env.HPCONF_DATA_DIR || undefined);
  const consoleUrl = p.consoleUrl ?? (env.HPCONF_CONSOLE_URL || undefined);
  const viaConsole = async () => {
    if (!env.HPCONF_TOKEN) throw new HpconfError('HPC_AUTH_REQUIRED');
    return remoteStore(consoleUrl!, env.HPCONF_TOKEN, catalog);
  };
  return {
    out: p.out ?? ((l) => process.stdout.write(l + '\n')),
    err: p.err ?? ((l) => process.stderr.write(l + '\n')),
    env,
    cwd: p.cwd ?? process.cwd(),
    catalog,
    databaseUrl,
    dataDir,
    openStore: p.openStore ?? (consoleUrl ? viaConsole : () => openStore({ databaseUrl, dataDir, catalog })),
  };
}

/** Run `fn` with the store open, closing it (and releasing the PGlite lock) whatever happens. */
export async function withStore<T>(ctx: Context, fn: (s: Store) => Promise<T>): Promise<T> {
  const s = await ctx.openStore();
  try { return await fn(s); } finally { await s.close(); }
}
