import { checkState, checkValue, type Problem } from '../catalog/check.js';
import { formatDomain } from '../catalog/domain.js';
import type { Catalog, KeySpec } from '../catalog/types.js';
import type { Entry, Store } from '../store/store.js';
import { termIndex } from './term-index.js';

export type KeyState = 'set' | 'missing' | 'invalid';
export interface KeyRow {
  key: string; kind: KeySpec['kind']; model: string | null; timeframe: string | null; param: string | null;
  type: string; domain: string; values: string[] | null; secret: boolean;
  /** The library's own name for the parameter, its aliases, and the catalog's one-line description. */
  native: string | null; aliases: string[]; doc: string;
  value: string | null; state: KeyState; revision: number | null; updatedBy: string | null; updatedAt: string | null;
  problems: string[]; warnings: string[];
}
export interface KeyFilter { q?: string; model?: string; timeframe?: string; param?: string; kind?: 'default' | 'range' | 'global'; state?: KeyState; page?: number; pageSize?: number }

const STATES: KeyState[] = ['set', 'missing', 'invalid'];
interface Snapshot { revision: number; entries: Map<string, Entry>; state: Uint8Array; problems: Map<string, Problem[]>; warnings: Map<string, Problem[]> }

/**
 * The key list as the Console shows it: catalog x stored values, with each key's state, rebuilt
 * only when the store's revision moves. A search scans flat arrays in memory (no SQL, no Map
 * lookups per key), so it stays fast at 100,000 keys.
 */
export function keyView(store: Store, catalog: Catalog) {
  let snap: Snapshot | undefined;
  let loading: Promise<Snapshot> | undefined;
  const keys = catalog.keys;
  const n = keys.length;
  const index = new Map(keys.map((k, i) => [k.key, i]));
  const ids = <T>(values: (T | undefined)[]) => { const m = new Map<T | undefined, number>(); return { m, a: Int32Array.from(values, (v) => (m.has(v) ? m.get(v)! : (m.set(v, m.size), m.size - 1))) }; };
  const model = ids(keys.map((k) => k.model));
  const tf = ids(keys.map((k) => k.timeframe));
  const param = ids(keys.map((k) => k.param));
  const KIND = { default: 0, min: 1, max: 1, scale: 1, global: 2 } as const;
  const kind = Uint8Array.from(keys, (k) => KIND[k.kind]);
  // What a search term may match: a segment of the key ('5m' finds _5M_, not _15M_), or a word of
  // the model's library, the native name, its aliases and the doc line ('xgboost', 'eta', 'shrinkage').
  const info = keys.map((k) => describeKey(catalog, k));
  const lower = keys.map((k, i) => {
    const d = info[i];
    const words = [d.library ?? '', d.native ?? '', ...d.aliases, d.doc].join(' ').toLowerCase();
    return '_' + k.key.toLowerCase() + ' ' + words.split(/[^a-z0-9_]+/).filter(Boolean).map((w) => ' ' + w + (w.includes('_') ? ' ' + w.split('_').join(' ') : '')).join('');
  });
  const byTerm = termIndex(lower);

  // Keys per (model, timeframe): a change re-checks only its own group (rules never cross groups).
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    if (!k.model) return;
    const g = `${k.model}|${k.timeframe}`;
    const list = groups.get(g);
    if (list) list.push(i); else groups.set(g, [i]);
  });
  const add = (m: Map<string, Problem[]>, k: string, p: Problem) => m.set(k, [...(m.get(k) ?? []), p]);

  async function full(revision: number): Promise<Snapshot> {
    const entries = new Map((await store.entries()).map((e) => [e.key, e]));
    const report = checkState(catalog, (k) => entries.get(k)?.value);
    const problems = new Map<string, Problem[]>();
    const warnings = new Map<string, Problem[]>();
    for (const p of report.errors) if (p.code !== 'HPC_KEY_MISSING') for (const k of p.keys) add(problems, k, p);
    for (const p of report.warnings) for (const k of p.keys) add(warnings, k, p);
    const state = Uint8Array.from(keys, (k) => (!entries.has(k.key) ? 1 : problems.has(k.key) ? 2 : 0));
    return { revision, entries, state, problems, warnings };
  }

  /**
   * Catch up from the change log, in place: re-check only the (model, timeframe) groups that
   * changed, and a cross-cutting key only itself (no rule reads one). Cost: the changes and their
   * groups, not the catalog. Searches never see a half-updated view: the updates below run without
   * an await between them, and a search runs whole between awaits.
   */
  async function incremental(prev: Snapshot, revision: number): Promise<Snapshot> {
    const changes = await store.changesSince(prev.revision);
    const s = prev;
    const touched = new Set<string>();
    const globals: string[] = [];
    for (const ch of changes) {
      const spec = catalog.byKey.get(ch.key);
      if (!spec) continue;
      if (spec.model) touched.add(`${spec.model}|${spec.timeframe}`);
      else globals.push(ch.key);
      if (ch.value === null) s.entries.delete(ch.key);
      else s.entries.set(ch.key, { key: ch.key, value: ch.value, revision: ch.revision, updatedBy: ch.actor, updatedAt: ch.at });
    }
    for (const key of globals) {
      const i = index.get(key)!;
      s.problems.delete(key);
      const r = checkValue(keys[i], s.entries.get(key)?.value);
      if (r.kind === 'error') s.problems.set(key, [r.problem]);
      s.state[i] = !s.entries.has(key) ? 1 : r.kind === 'error' ? 2 : 0;
    }
    for (const g of touched) {
      const [model, timeframe] = g.split('|');
      const idx = groups.get(g)!;
      const inGroup = new Set(idx.map((i) => keys[i].key));
      for (const k of inGroup) { s.problems.delete(k); s.warnings.delete(k); }
      const report = checkState(catalog, (k) => s.entries.get(k)?.value, { model, timeframe });
      for (const p of report.errors) if (p.code !== 'HPC_KEY_MISSING') for (const k of p.keys) if (inGroup.has(k)) add(s.problems, k, p);
      for (const p of report.warnings) for (const k of p.keys) if (inGroup.has(k)) add(s.warnings, k, p);
      for (const i of idx) s.state[i] = !s.entries.has(keys[i].key) ? 1 : s.problems.has(keys[i].key) ? 2 : 0;
    }
    s.revision = revision;
    return s;
  }

  const load = (revision: number) => (snap && revision > snap.revision ? incremental(snap, revision) : full(revision));

  async function snapshot(): Promise<Snapshot> {
    // The revision in memory (the store's feed: own commits at once, others by NOTIFY), not a query per search.
    await store.feed.ready();
    const head = store.feed.current();
    if (snap && snap.revision === head) return snap;
    if (!loading) loading = load(head).finally(() => { loading = undefined; });
    snap = await loading;
    return snap.revision === head ? snap : snapshot();
  }

  function row(s: Snapshot, i: number): KeyRow {
    const k = keys[i];
    const e = s.entries.get(k.key);
    return {
      key: k.key, kind: k.kind, model: k.model ?? null, timeframe: k.timeframe ?? null, param: k.param ?? null, type: k.type,
      domain: k.type === 'enum' ? (k.values ?? []).join(' | ') : formatDomain(k.domain!, k.kind !== 'min' && k.kind !== 'max'),
      values: k.values ?? null, secret: k.secret, native: info[i].native, aliases: info[i].aliases, doc: info[i].doc,
      value: e ? (k.secret ? '[redacted]' : e.value) : null, state: STATES[s.state[i]], revision: e?.revision ?? null,
      updatedBy: e?.updatedBy ?? null, updatedAt: e?.updatedAt ? new Date(e.updatedAt).toISOString() : null,
      problems: (s.problems.get(k.key) ?? []).map((p) => p.message), warnings: (s.warnings.get(k.key) ?? []).map((p) => p.message),
    };
  }

  async function search(f: KeyFilter): Promise<{ revision: number; total: number; page: number; pageSize: number; items: KeyRow[]; counts: Record<KeyState, number> }> {
    const s = await snapshot();
    const terms = (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).map((t) => (t.startsWith('_') ? t : '_' + t));
    const want = (ix: { m: Map<string | undefined, number> }, v: string | undefined) => (v ? ix.m.get(v.toUpperCase()) ?? -2 : -1);
    const fm = want(model, f.model);
    const ft = want(tf, f.timeframe);
    const fp = want(param, f.param);
    const fk = f.kind === undefined ? -1 : f.kind === 'default' ? 0 : f.kind === 'range' ? 1 : 2;
    const fs = f.state === undefined ? -1 : STATES.indexOf(f.state);
    const pageSize = Math.min(Math.max(f.pageSize ?? 50, 1), 500);
    const page = Math.max(f.page ?? 1, 1);
    const from = (page - 1) * pageSize;
    const counts = [0, 0, 0];
    const onPage: number[] = [];
    let total = 0;
    const st = s.state;
    const only = byTerm.matching(terms);
    const m = only ? only.length : n;
    for (let j = 0; j < m; j++) {
      const i = only ? only[j] : j;
      if (fm !== -1 && model.a[i] !== fm) continue;
      if (ft !== -1 && tf.a[i] !== ft) continue;
      if (fp !== -1 && param.a[i] !== fp) continue;
      if (fk !== -1 && kind[i] !== fk) continue;
      const x = st[i];
      counts[x]++;
      if (fs !== -1 && x !== fs) continue;
      if (total >= from && total < from + pageSize) onPage.push(i);
      total++;
    }
    return { revision: s.revision, total, page, pageSize, counts: { set: counts[0], missing: counts[1], invalid: counts[2] }, items: onPage.map((i) => row(s, i)) };
  }

  async function get(key: string): Promise<KeyRow | undefined> {
    const i = index.get(key);
    return i === undefined ? undefined : row(await snapshot(), i);
  }

  /** One parameter across models and timeframes (the grid view). */
  async function grid(param: string, part: 'default' | 'min' | 'max' | 'scale') {
    const s = await snapshot();
    const cells: number[] = [];
    keys.forEach((k, i) => { if (k.param === param.toUpperCase() && k.kind === part) cells.push(i); });
    return { revision: s.revision, param: param.toUpperCase(), part, models: catalog.models, timeframes: catalog.timeframes, cells: cells.map((i) => row(s, i)) };
  }

  // The parameter view: one row per (model, timeframe, parameter) with its default, range and scale
  // together; a cross-cutting key is a row of its own.
  type Part = 'default' | 'min' | 'max' | 'scale';
  const groupRows: { model: string | null; timeframe: string | null; param: string; idx: Partial<Record<Part, number>>; hay: string }[] = [];
  {
    const at = new Map<string, (typeof groupRows)[number]>();
    keys.forEach((k, i) => {
      if (k.kind === 'global') { groupRows.push({ model: null, timeframe: null, param: k.key, idx: { default: i }, hay: lower[i] }); return; }
      const g = `${k.model}|${k.timeframe}|${k.param}`;
      let row = at.get(g);
      if (!row) { row = { model: k.model!, timeframe: k.timeframe!, param: k.param!, idx: {}, hay: '' }; at.set(g, row); groupRows.push(row); }
      row.idx[k.kind as Part] = i;
      row.hay += lower[i];
    });
  }

  const groupTerms = termIndex(groupRows.map((g) => g.hay));

  async function params(f: Omit<KeyFilter, 'kind'>) {
    const s = await snapshot();
    const terms = (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).map((t) => (t.startsWith('_') ? t : '_' + t));
    const pageSize = Math.min(Math.max(f.pageSize ?? 50, 1), 500);
    const page = Math.max(f.page ?? 1, 1);
    const up = (v?: string) => v?.toUpperCase();
    const counts = [0, 0, 0];
    const hits: (typeof groupRows)[number][] = [];
    const only = groupTerms.matching(terms);
    for (const g of only ? Array.from(only, (i) => groupRows[i]) : groupRows) {
      if (f.model && g.model !== up(f.model)) continue;
      if (f.timeframe && g.timeframe !== up(f.timeframe)) continue;
      if (f.param && g.param !== up(f.param)) continue;
      const worst = Math.max(...Object.values(g.idx).map((i) => [0, 2, 1][s.state[i!]])); // rank: set < invalid < missing
      const st = [0, 2, 1][worst];
      counts[st]++;
      if (f.state && STATES[st] !== f.state) continue;
      hits.push(g);
    }
    const items = hits.slice((page - 1) * pageSize, page * pageSize).map((g) => {
      const d = keys[g.idx.default!];
      const def = g.model ? catalog.file.models[g.model].params[g.param] : undefined;
      const cells = Object.fromEntries(Object.entries(g.idx).map(([part, i]) => [part, row(s, i!)]));
      const all = Object.values(cells);
      return {
        model: g.model, timeframe: g.timeframe, param: g.param, ...describeKey(catalog, d), type: d.type,
        domain: cells.default.domain, domainRaw: d.domain ?? null, logAllowed: def?.logAllowed ?? false, searchable: !!def?.search,
        state: all.some((c) => c.state === 'missing') ? 'missing' : all.some((c) => c.state === 'invalid') ? 'invalid' : 'set',
        cells,
        problems: [...new Set(all.flatMap((c) => c.problems))], warnings: [...new Set(all.flatMap((c) => c.warnings))],
      };
    });
    return { revision: s.revision, total: hits.length, page, pageSize, counts: { set: counts[0], missing: counts[1], invalid: counts[2] }, items };
  }

  return { snapshot, search, get, grid, params };
}

export type KeyView = ReturnType<typeof keyView>;

/** Catalog facts about a key beyond its name. */
export function describeKey(c: Catalog, k: KeySpec): { library: string | null; native: string | null; aliases: string[]; doc: string } {
  if (k.kind === 'global') return { library: null, native: null, aliases: [], doc: c.file.globals[k.key]?.doc ?? '' };
  const m = c.file.models[k.model!];
  const p = m.params[k.param!];
  return { library: m.library, native: p.native, aliases: p.aliases, doc: p.doc };
}
