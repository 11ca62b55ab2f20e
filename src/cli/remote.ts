import { HpconfError, remoteError } from '../errors/registry.js';
import type { Catalog } from '../catalog/types.js';
import type { Change, HistoryEntry, HistoryFilter, Store, WriteOptions, WriteResult } from '../store/store.js';

/**
 * The CLI's store, reached through a running Console's HTTP API with an API token (read or write
 * scope), for machines with no database access, and for a PGlite store held by a Console process.
 * The Console records the token as the actor; --actor and --reason still travel as the reason.
 */
export function remoteStore(baseUrl: string, token: string, catalog: Catalog): Store {
  const base = baseUrl.replace(/\/+$/, '') + '/api/v1';
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(base + path, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
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
  const unsupported = (what: string) => async (): Promise<never> => { throw new HpconfError('HPC_USAGE', { details: `${what} is not available through a Console; use --database-url` }); };
  const toHistory = (e: HistoryEntry & { at: string }) => ({ ...e, at: new Date(e.at) });
  const store = {
    catalog, kind: 'remote', describe: `Console ${baseUrl}`,
    head: async () => (await call<{ revision: number }>('GET', '/health')).revision,
    values: async () => new Map(Object.entries((await call<{ values: Record<string, string> }>('GET', '/values')).values)),
    entries: unsupported('entries'),
    at: unsupported('a past revision'),
    legacy: unsupported('the legacy row'),
    apply: async (changes: Change[], o: WriteOptions): Promise<WriteResult> =>
      call('POST', '/changesets', { changes, baseRevision: o.baseRevision, reason: [o.reason, o.actor && `via CLI as ${o.actor}`].filter(Boolean).join('; ') }),
    revert: async (id: number, o: Omit<WriteOptions, 'reverts'>): Promise<WriteResult> => call('POST', `/changesets/${id}/revert`, { reason: o.reason, baseRevision: o.baseRevision }),
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
    close: async () => {},
  };
  return store as unknown as Store;
}
