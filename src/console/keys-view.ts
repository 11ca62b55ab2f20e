import { checkState, type Problem } from '../catalog/check.js';
import { formatDomain } from '../catalog/domain.js';
import type { Catalog, KeySpec } from '../catalog/types.js';
import type { Entry, Store } from '../store/store.js';

export type KeyState = 'set' | 'missing' | 'invalid';
export interface KeyRow {
  key: string; kind: KeySpec['kind']; model: string | null; timeframe: string | null; param: string | null;
  type: string; domain: string; values: string[] | null; secret: boolean;
  value: string | null; state: KeyState; revision: number | null; updatedBy: string | null; updatedAt: string | null;
  problems: string[]; warnings: string[];
}
export interface KeyFilter { q?: string; model?: string; timeframe?: string; param?: string; kind?: 'default' | 'range' | 'global'; state?: KeyState; page?: number; pageSize?: number }

interface Snapshot { revision: number; entries: Map<string, Entry>; state: Map<string, KeyState>; problems: Map<string, Problem[]>; warnings: Map<string, Problem[]> }

/**
 * The key list as the Console shows it: catalog x stored values, with each key's state, rebuilt
 * only when the store's revision moves (so a search at 100,000 keys filters memory, not SQL).
 */
export function keyView(store: Store, catalog: Catalog) {
  let snap: Snapshot | undefined;
  let loading: Promise<Snapshot> | undefined;
  // Searched as '_' + key, so a term matches at a name segment: '5m' finds _5M_, not _15M_.
  const lower = new Map(catalog.keys.map((k) => [k.key, '_' + k.key.toLowerCase()]));

  async function load(revision: number): Promise<Snapshot> {
    const entries = new Map((await store.entries()).map((e) => [e.key, e]));
    const report = checkState(catalog, (k) => entries.get(k)?.value);
    const problems = new Map<string, Problem[]>();
    const warnings = new Map<string, Problem[]>();
    for (const p of report.errors) if (p.code !== 'HPC_KEY_MISSING') for (const k of p.keys) problems.set(k, [...(problems.get(k) ?? []), p]);
    for (const p of report.warnings) for (const k of p.keys) warnings.set(k, [...(warnings.get(k) ?? []), p]);
    const state = new Map<string, KeyState>();
    for (const k of catalog.keys) state.set(k.key, !entries.has(k.key) ? 'missing' : problems.has(k.key) ? 'invalid' : 'set');
    return { revision, entries, state, problems, warnings };
  }

  async function snapshot(): Promise<Snapshot> {
    const head = await store.head();
    if (snap && snap.revision === head) return snap;
    if (!loading) loading = load(head).finally(() => { loading = undefined; });
    snap = await loading;
    return snap.revision === head ? snap : snapshot();
  }

  function row(s: Snapshot, k: KeySpec): KeyRow {
    const e = s.entries.get(k.key);
    return {
      key: k.key, kind: k.kind, model: k.model ?? null, timeframe: k.timeframe ?? null, param: k.param ?? null, type: k.type,
      domain: k.type === 'enum' ? (k.values ?? []).join(' | ') : formatDomain(k.domain!, k.kind !== 'min' && k.kind !== 'max'),
      values: k.values ?? null, secret: k.secret,
      value: e ? (k.secret ? '[redacted]' : e.value) : null, state: s.state.get(k.key)!, revision: e?.revision ?? null,
      updatedBy: e?.updatedBy ?? null, updatedAt: e?.updatedAt ? new Date(e.updatedAt).toISOString() : null,
      problems: (s.problems.get(k.key) ?? []).map((p) => p.message), warnings: (s.warnings.get(k.key) ?? []).map((p) => p.message),
    };
  }

  async function search(f: KeyFilter): Promise<{ revision: number; total: number; page: number; pageSize: number; items: KeyRow[]; counts: Record<KeyState, number> }> {
    const s = await snapshot();
    const terms = (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).map((t) => (t.startsWith('_') ? t : '_' + t));
    const model = f.model?.toUpperCase();
    const tf = f.timeframe?.toUpperCase();
    const param = f.param?.toUpperCase();
    const hits: KeySpec[] = [];
    const counts: Record<KeyState, number> = { set: 0, missing: 0, invalid: 0 };
    for (const k of catalog.keys) {
      if (model && k.model !== model) continue;
      if (tf && k.timeframe !== tf) continue;
      if (param && k.param !== param) continue;
      if (f.kind && (f.kind === 'range' ? !(k.kind === 'min' || k.kind === 'max' || k.kind === 'scale') : k.kind !== f.kind)) continue;
      if (terms.length) {
        const name = lower.get(k.key)!;
        if (!terms.every((t) => name.includes(t))) continue;
      }
      const st = s.state.get(k.key)!;
      counts[st]++;
      if (f.state && st !== f.state) continue;
      hits.push(k);
    }
    const pageSize = Math.min(Math.max(f.pageSize ?? 50, 1), 500);
    const page = Math.max(f.page ?? 1, 1);
    return { revision: s.revision, total: hits.length, page, pageSize, counts, items: hits.slice((page - 1) * pageSize, page * pageSize).map((k) => row(s, k)) };
  }

  async function get(key: string): Promise<KeyRow | undefined> {
    const spec = catalog.byKey.get(key);
    return spec && row(await snapshot(), spec);
  }

  /** One parameter across models and timeframes (the grid view). */
  async function grid(param: string, part: 'default' | 'min' | 'max' | 'scale') {
    const s = await snapshot();
    const cells = catalog.keys.filter((k) => k.param === param.toUpperCase() && (part === 'default' ? k.kind === 'default' : k.kind === part));
    return { revision: s.revision, param: param.toUpperCase(), part, models: catalog.models, timeframes: catalog.timeframes, cells: cells.map((k) => row(s, k)) };
  }

  return { snapshot, search, get, grid };
}

export type KeyView = ReturnType<typeof keyView>;
