import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HpconfError, remoteError } from '../errors/registry.js';
import { consoleValues, type ValuesSnapshot } from '../resolver/console-values.js';
import type { Catalog } from '../catalog/types.js';
import type { Change, HistoryEntry, HistoryFilter, Plan, Store, WriteOptions, WriteResult } from '../store/store.js';
import type { Problem } from '../catalog/check.js';

interface ApiPlan { revision: number; problems: Problem[]; warnings: Problem[]; changes: Plan['changes']; coverage: { required: number; presentAfter: number; percentAfter: number; unsets: string[] } }
const fromApiPlan = (p: ApiPlan): Plan => ({
  revision: p.revision, problems: p.problems, warnings: p.warnings, changes: p.changes,
  drop: { keys: p.coverage.unsets, required: p.coverage.required, presentAfter: p.coverage.presentAfter, percentAfter: p.coverage.percentAfter },
});

/**
 * The CLI's store, reached through a running Console's HTTP API with an API token (read or write
 * scope), for machines with no database access, and for a PGlite store held by a Console process.
 * A Console records the token as the actor (--actor travels in the reason), except the Console holding this machine's
 * embedded store, which records `cli:NAME` as a CLI opening the store would.
 */
/**
 * The values through the ETag: with a cache directory, the last answer is kept on disk (mode 0600:
 * it holds what the token may read) and each CLI process revalidates it, so an unchanged store
 * sends nothing but a 304.
 */
async function cachedValues(baseUrl: string, token: string, cacheDir: string | undefined, environment: string | undefined): Promise<ValuesSnapshot> {
  const file = cacheDir && path.join(cacheDir, `values-${createHash('sha256').update(`${baseUrl}\0${token}\0${environment ?? ''}`).digest('hex').slice(0, 32)}.json`);
  let initial: ValuesSnapshot | undefined;
  if (file) try { initial = JSON.parse(readFileSync(file, 'utf8')) as ValuesSnapshot; } catch { /* none yet, or unreadable: fetch */ }
  const cv = consoleValues({ url: baseUrl, token, initial, environment });
  const snap = await cv.refresh();
  if (file && snap !== initial) {
    try {
      mkdirSync(cacheDir!, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(snap), { mode: 0o600 });
      renameSync(tmp, file);
    } catch { /* a cache that cannot be written is only slower */ }
  }
  return snap;
}

export function remoteStore(baseUrl: string, token: string, catalog: Catalog, held?: { heldDir: string; pid: number }, o: { cacheDir?: string; environment?: string } = {}): Store {
  const base = baseUrl.replace(/\/+$/, '') + '/api/v1';
  const environment = o.environment ?? 'default';
  // Every call names the environment (the Console's routes read it from the query).
  const withEnv = (p: string) => (o.environment ? `${p}${p.includes('?') ? '&' : '?'}environment=${encodeURIComponent(o.environment)}` : p);
  async function call<T>(method: string, pathIn: string, body?: unknown, actor?: string): Promise<T> {
    const path = withEnv(pathIn);
    let res: Response;
    // To the Console holding this machine's embedded store, the CLI names its person (cli:NAME), recorded as
    // if it had opened the store itself; any other Console records the token, and the name goes in the reason.
    const as: Record<string, string> = held && actor ? { 'x-hpconf-actor': actor } : {};
    try {
      res = await fetch(base + path, { method, headers: { authorization: `Bearer ${token}`, ...as, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new HpconfError('HPC_STORE_UNREACHABLE', { details: `${baseUrl}: ${(e as Error).message}` });
    }
    const json = await res.json().catch(() => ({})) as { error?: { code: string; message: string; detail?: unknown } };
    if (!res.ok) {
      const e = json.error;
      if (e?.code) throw remoteError(e.code, e.message, e.detail);
      throw new HpconfError('HPC_STORE_UNREACHABLE', { details: `${baseUrl}: HTTP ${res.status}` });
    }
    return json as T;
  }
  const unsupported = (what: string) => async (): Promise<never> => {
    throw new HpconfError('HPC_USAGE', { details: held
      ? `${what} needs the store itself, and the embedded store ${held.heldDir} is held by the Console at ${baseUrl} (pid ${held.pid}): stop it and run this again`
      : `${what} is not available through a Console; use --database-url` });
  };
  const toHistory = (e: HistoryEntry & { at: string }) => ({ ...e, at: new Date(e.at) });
  const store = {
    catalog, kind: 'remote', describe: held ? `PGlite ${held.heldDir} through its Console ${baseUrl}` : `Console ${baseUrl}`,
    head: async () => (await call<{ revision: number }>('GET', '/health')).revision,
    environment,
    values: async () => new Map(Object.entries((await cachedValues(baseUrl, token, held ? undefined : o.cacheDir, o.environment)).values)),
    entries: unsupported('entries'),
    layered: async () => new Map(Object.entries((await call<{ values: Record<string, string> }>('GET', '/values?layered=1')).values)),
    at: async (revision: number, x: { layered?: boolean } = {}) => new Map(Object.entries(x.layered
      ? (await call<{ values: Record<string, string> }>('GET', `/values?layered=1&revision=${revision}`)).values
      : (await consoleValues({ url: baseUrl, token, environment: o.environment }).at(revision)).values)),
    legacy: unsupported('the legacy row'),
    apply: async (changes: Change[], o: WriteOptions): Promise<WriteResult> => {
      if (o.breakGlass) throw breakGlassRemote();
      return call('POST', '/changesets', { changes, baseRevision: o.baseRevision, force: o.force, reason: held ? o.reason ?? '' : [o.reason, o.actor && `via CLI as ${o.actor}`].filter(Boolean).join('; ') }, o.actor);
    },
    revert: async (id: number, o: Omit<WriteOptions, 'reverts'> & { keys?: string[] }): Promise<WriteResult> => {
      if (o.breakGlass) throw breakGlassRemote();
      return call('POST', `/changesets/${id}/revert`, { reason: o.reason || `revert change-set ${id}`, baseRevision: o.baseRevision, keys: o.keys, force: o.force }, o.actor);
    },
    plan: async (changes: Change[]): Promise<Plan> => fromApiPlan(await call('POST', '/validate', { changes })),
    previewRevert: async (id: number, keys?: string[]): Promise<Plan> => fromApiPlan(await call('POST', `/changesets/${id}/revert/preview`, keys ? { keys } : {})),
    history: async (f: HistoryFilter = {}) => {
      const q = new URLSearchParams();
      if (f.key) q.set('key', f.key);
      if (f.actor) q.set('actor', f.actor);
      if (f.since) q.set('since', f.since.toISOString());
      if (f.until) q.set('until', f.until.toISOString());
      if (f.changesetId) q.set('changeset', String(f.changesetId));
      q.set('limit', String(Math.min(f.limit ?? 200, 5000)));
      return (await call<{ items: (HistoryEntry & { at: string })[] }>('GET', `/changes?${q}`)).items.map(toHistory);
    },
    /** The same Console, another environment (the Console checks it exists). */
    use: async (name: string) => remoteStore(baseUrl, token, catalog, held, { ...o, environment: name }),
    scope: (name: string) => remoteStore(baseUrl, token, catalog, held, { ...o, environment: name }),
    /** Any API call, in this store's environment (change requests, environments). */
    api: call,
    close: async () => {},
  };
  // Break-glass is the store owner's on the store itself: a Console (even the local one) grants operator rights only.
  function breakGlassRemote(): HpconfError {
    return new HpconfError('HPC_FORBIDDEN', { actor: 'the CLI through a Console', role: 'operator', action: held
      ? `break the glass: the embedded store ${held.heldDir} is held by the Console at ${baseUrl} (pid ${held.pid}); stop it and run this again on the store itself`
      : 'break the glass (only the store owner, on the database itself, may)' });
  }
  return store as unknown as Store;
}
