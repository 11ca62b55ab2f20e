/** Runs as the CLI reaches them: on the store itself, or through a Console's API with a token (as change requests are). */
import type { Store } from '../store/store.js';
import type { RunRecord } from './record.js';
import { runs, type RunSummary } from './runs.js';

type Api = <T>(method: string, path: string, body?: unknown, actor?: string) => Promise<T>;
export type RecordedRun = RunRecord & { recordedBy: string; recordedAt: string };

export interface RunsClient {
  record(r: RunRecord): Promise<{ created: boolean }>;
  list(f: { model?: string; token?: string; limit?: number }): Promise<RunSummary[]>;
  get(id: string): Promise<RecordedRun | null>;
}

export function runsClient(store: Store, actor: string): RunsClient {
  const api = (store as unknown as { api?: Api }).api;
  if (api) {
    const q = (f: Record<string, string | number | undefined>) => {
      const p = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
      return p ? `?${p}` : '';
    };
    return {
      record: (r) => api('POST', '/runs', r, actor),
      list: async (f) => (await api<{ items: RunSummary[] }>('GET', `/runs${q(f)}`)).items,
      get: async (id) => {
        try { return await api<RecordedRun>('GET', `/runs/${encodeURIComponent(id)}`); } catch (e) {
          if ((e as { code?: string }).code === 'HPC_NOT_FOUND') return null;
          throw e;
        }
      },
    };
  }
  const r = runs(store);
  return { record: (rec) => r.record(rec, actor), list: (f) => r.list(f), get: (id) => r.get(id) };
}
