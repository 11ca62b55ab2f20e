import { homedir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../catalog/load.js';
import { DEFAULT_DATA_DIR } from '../paths.js';
import type { Catalog } from '../catalog/types.js';
import { HpconfError } from '../errors/registry.js';
import { terminalSafe } from '../safe-text.js';
import type { Store } from '../store/store.js';

/**
 * `direct`: the store itself, never a Console holding it (serve, migrate). `read`: the command only reads values
 * and the revision (get, export, exec): an embedded store's values snapshot serves it without booting PGlite.
 */
export interface OpenFor { direct?: boolean; read?: boolean }

/** What a command may touch: its output streams, environment and store. Tests pass their own. */
export interface Context {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The catalog, loaded on first use. */
  readonly catalog: Catalog;
  databaseUrl?: string;
  dataDir?: string;
  /** The environment commands read and write (--environment or HPCONF_ENVIRONMENT; the store's `default` when unset). */
  environment?: string;
  /** Set when standard output is a terminal: live progress is drawn there (raw writes, its width). */
  tty?: { write(s: string): void; columns: number };
  /**
   * Open the configured store; the command closes it. An embedded store held by a running Console
   * is reached through that Console, unless `direct` (serve, migrate: they need the store itself).
   */
  openStore(o?: OpenFor): Promise<Store>;
}

/**
 * The context of one CLI run. Nothing heavy is loaded here: the catalog on first use, the
 * store's driver (PGlite, pg, or the Console client) only when a command opens the store.
 */
export function makeContext(p: Partial<Context> & { databaseUrl?: string; dataDir?: string; consoleUrl?: string; environment?: string } = {}): Context {
  const env = p.env ?? process.env;
  let catalog: Catalog | undefined = p.catalog;
  const getCatalog = () => (catalog ??= loadCatalog(env.HPCONF_CATALOG || undefined));
  const databaseUrl = p.databaseUrl ?? (env.DATABASE_URL || undefined);
  const dataDir = p.dataDir ?? (env.HPCONF_DATA_DIR || undefined);
  const consoleUrl = p.consoleUrl ?? (env.HPCONF_CONSOLE_URL || undefined);
  const environment = p.environment ?? (env.HPCONF_ENVIRONMENT || undefined);
  const viaConsole = async () => {
    if (!env.HPCONF_TOKEN) throw new HpconfError('HPC_AUTH_REQUIRED');
    // The last /values answer is kept per Console and token and revalidated by ETag (HPCONF_CACHE=off: never kept).
    const cacheDir = env.HPCONF_CACHE === 'off' ? undefined : path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'hpconf');
    return (await import('./remote.js')).remoteStore(consoleUrl!, env.HPCONF_TOKEN, getCatalog(), undefined, { cacheDir, environment });
  };
  const local = async (o: OpenFor = {}) => {
    const dir = path.resolve(p.cwd ?? process.cwd(), dataDir ?? DEFAULT_DATA_DIR);
    if (!databaseUrl && o.read) {
      const snap = (await import('../store/snapshot-store.js')).snapshotStore(dir, getCatalog(), environment, env);
      if (snap) return snap;
    }
    if (!databaseUrl && !o.direct && env.HPCONF_VIA_CONSOLE !== 'off') {
      const c = (await import('../console/local-access.js')).findLocalConsole(dir);
      if (c) return (await import('./remote.js')).remoteStore(c.url, c.secret, getCatalog(), { heldDir: dir, pid: c.pid }, { environment });
    }
    const s = await (await import('../store/open.js')).openStore({ databaseUrl, dataDir, catalog: getCatalog() });
    if (!environment) return s;
    try { return await s.use(environment); } catch (e) { await s.close(); throw e; }
  };
  return {
    // Text from the store (reasons, actors) can hold escapes meant for a terminal: every line is made inert.
    out: p.out ?? ((l) => process.stdout.write(terminalSafe(l) + '\n')),
    tty: p.tty ?? (!p.out && process.stdout.isTTY && env.HPCONF_PROGRESS !== 'off' ? { write: (s: string) => process.stdout.write(s), columns: process.stdout.columns || 80 } : undefined),
    err: p.err ?? ((l) => process.stderr.write(terminalSafe(l) + '\n')),
    env,
    cwd: p.cwd ?? process.cwd(),
    get catalog() { return getCatalog(); },
    databaseUrl,
    dataDir,
    environment,
    openStore: p.openStore ?? (consoleUrl ? viaConsole : local),
  };
}

export { withStore } from '../store/with-store.js';
