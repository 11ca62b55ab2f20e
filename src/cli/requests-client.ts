import type { Change, Store, WriteResult } from '../store/store.js';
import { localCaller } from '../requests/caller.js';
import { requestJson, summaryJson, type RequestJson, type SummaryJson } from '../requests/json.js';
import type { RequestState } from '../requests/requests.js';
import type { Evidence } from '../requests/evidence.js';

export type RequestAction = 'comment' | 'approve' | 'reject' | 'close' | 'submit' | 'schedule' | 'edit';
export interface RequestBody { body?: string; reason?: string; at?: string; changes?: Change[]; drop?: string[]; force?: boolean }

/**
 * Change requests as the CLI reaches them: on the store itself (the caller is the local CLI, `cli:NAME`, which
 * never approves), or through a Console with an API token (the token acts as the user who made it).
 */
export interface RequestsClient {
  create(changes: Change[], o: { reason: string; draft?: boolean; force?: boolean; revert?: { changeset: number; keys?: string[] }; evidence?: Evidence }): Promise<RequestJson>;
  list(f: { state?: RequestState; all?: boolean }): Promise<SummaryJson[]>;
  show(id: number): Promise<RequestJson>;
  act(id: number, action: RequestAction, b: RequestBody): Promise<RequestJson>;
  apply(id: number): Promise<{ request: RequestJson; result: WriteResult }>;
}

type Api = <T>(method: string, path: string, body?: unknown, actor?: string) => Promise<T>;

export async function requestsClient(store: Store, actor: string): Promise<RequestsClient> {
  const api = (store as unknown as { api?: Api }).api;
  if (api) {
    return {
      create: (changes, o) => api('POST', '/requests', { ...(o.revert ? {} : { changes }), ...o }, actor),
      list: async (f) => (await api<{ items: SummaryJson[] }>('GET', `/requests${f.state ? `?state=${f.state}` : ''}${f.all ? `${f.state ? '&' : '?'}all=true` : ''}`)).items,
      show: (id) => api('GET', `/requests/${id}`),
      act: (id, action, b) => api('POST', `/requests/${id}/${action}`, b, actor),
      apply: (id) => api('POST', `/requests/${id}/apply`, {}, actor),
    };
  }
  const { requests } = await import('../requests/requests.js');
  const cr = requests(store);
  const who = localCaller(actor);
  const c = store.catalog;
  const env = store.environment;
  return {
    create: async (changes, o) => requestJson(c, await cr.create(env, o.revert ? (await store.revertChanges(o.revert.changeset, o.revert.keys)).changes : changes, who, o)),
    list: async (f) => (await cr.list({ state: f.state, environment: f.all ? undefined : env })).map(summaryJson),
    show: async (id) => requestJson(c, await cr.review(id)),
    act: async (id, action, b) => {
      switch (action) {
        case 'comment': return requestJson(c, await cr.comment(id, who, b.body ?? ''));
        case 'approve': return requestJson(c, await cr.approve(id, who, b.body ?? ''));
        case 'reject': return requestJson(c, await cr.reject(id, who, b.reason ?? ''));
        case 'close': return requestJson(c, await cr.close(id, who, b.reason ?? ''));
        case 'submit': return requestJson(c, await cr.submit(id, who));
        case 'schedule': return requestJson(c, await cr.schedule(id, who, new Date(b.at ?? '')));
        case 'edit': return requestJson(c, await cr.edit(id, who, b.changes ?? [], { drop: b.drop, reason: b.reason, force: b.force }));
      }
    },
    apply: async (id) => {
      const r = await cr.apply(id, who);
      return { request: requestJson(c, r.request), result: r.result };
    },
  };
}
