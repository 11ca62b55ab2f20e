/**
 * One model x timeframe x token over time: each recorded run's best trial on test (its skill margins and their
 * intervals, and its margin over the stored defaults), and between the runs the change-sets that could have moved
 * it: those that wrote a key the study reads (its model and timeframe, the cross-cutting keys) for the base or for
 * a segment the token belongs to. Group membership is today's (a token moved between groups is shown as it is now).
 */
import type { Catalog } from '../catalog/types.js';
import { inScope } from '../catalog/check.js';
import { groupsOf, layersOf, parseAddress, reachesLayers } from '../catalog/segments.js';
import { HpconfError } from '../errors/registry.js';
import type { Store } from '../store/store.js';
import type { StudyRecord } from './record.js';

export interface SeriesPoint {
  run: string; createdAt: string; revision: number; recordedBy: string; ok: boolean; error: string | null;
  nTrials: number | null; warmStart: string | null; objective: string | null;
  best: StudyRecord['best']; defaults: StudyRecord['defaults']; versusDefaults: StudyRecord['versusDefaults'];
}
export interface SeriesChangeset {
  id: number; actor: string; reason: string; at: string; revision: number; changeRequest: number | null; breakGlass: boolean;
  /** The keys it wrote that this study reads (at most 20 shown), and how many there were. */
  keys: string[]; relevant: number;
  /** The run before it (null: before the first run shown) and the run after it (null: not trained yet). */
  afterRun: string | null; beforeRun: string | null;
}
export interface Series { model: string; timeframe: string; token: string; environment: string; head: number; points: SeriesPoint[]; changesets: SeriesChangeset[] }

const num = (v: unknown) => Number(v);
const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();
const j = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** Does a write of `address` reach what this study reads? */
export function reaches(c: Catalog, address: string, model: string, timeframe: string, layers: string[]): boolean {
  if (!reachesLayers(address, layers)) return false;
  let a;
  try { a = parseAddress(address); } catch { return false; } // a group definition: its members' overrides are what count
  const k = c.byKey.get(a.key);
  return !!k && inScope(k, { model, timeframe });
}

export async function skillSeries(store: Store, q: { model: string; timeframe: string; token: string; limit?: number }): Promise<Series> {
  const c = store.catalog;
  const model = q.model.toUpperCase(), timeframe = q.timeframe.toUpperCase(), token = q.token.toUpperCase();
  if (!c.models.includes(model)) throw new HpconfError('HPC_USAGE', { details: `model ${q.model}: one of ${c.models.join(', ')}` });
  if (!c.timeframes.includes(timeframe)) throw new HpconfError('HPC_USAGE', { details: `timeframe ${q.timeframe}: one of ${c.timeframes.join(', ')}` });
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 500);
  const { rows } = await store.db.query<Record<string, unknown>>(
    `SELECT * FROM (SELECT r.id, r.created_at, r.revision, r.recorded_by, s.body FROM hp_run r JOIN hp_run_study s ON s.run_id = r.id
       WHERE r.environment = $1 AND r.timeframe = $2 AND s.model = $3 AND s.token = $4 ORDER BY r.created_at DESC, r.id DESC LIMIT $5) x
     ORDER BY created_at, id`, [store.environment, timeframe, model, token, limit]);
  const points: SeriesPoint[] = rows.map((r) => {
    const s = j<StudyRecord>(r.body);
    return { run: String(r.id), createdAt: iso(r.created_at), revision: num(r.revision), recordedBy: String(r.recorded_by), ok: s.ok, error: s.error,
      nTrials: s.nTrials, warmStart: s.warmStart, objective: s.objective, best: s.best, defaults: s.defaults, versusDefaults: s.versusDefaults };
  });
  const head = await store.head();
  if (!points.length) return { model, timeframe, token, environment: store.environment, head, points, changesets: [] };

  const layers = layersOf(token, groupsOf(await store.layered()));
  const from = Math.min(...points.map((p) => p.revision));
  // The writes since the first run shown, in this environment; grouped by change-set, kept where they reach the study.
  const ch = (await store.db.query<{ changeset_id: unknown; key: string; revision: unknown }>(
    'SELECT changeset_id, key, revision FROM hp_change WHERE environment = $1 AND revision > $2 AND revision <= $3 ORDER BY revision', [store.environment, from, head])).rows;
  const byCs = new Map<number, { keys: string[]; revision: number }>();
  for (const r of ch) {
    if (!reaches(c, r.key, model, timeframe, layers)) continue;
    const id = num(r.changeset_id);
    const e = byCs.get(id) ?? { keys: [], revision: 0 };
    e.keys.push(r.key);
    e.revision = Math.max(e.revision, num(r.revision));
    byCs.set(id, e);
  }
  const ids = [...byCs.keys()].sort((a, b) => a - b).slice(-200);
  const meta = ids.length ? (await store.db.query<Record<string, unknown>>(
    'SELECT id, actor, reason, created_at, change_request, break_glass FROM hp_changeset WHERE id = ANY($1::bigint[])', [ids])).rows : [];
  const byId = new Map(meta.map((m) => [num(m.id), m]));
  const changesets = ids.map((id): SeriesChangeset => {
    const e = byCs.get(id)!, m = byId.get(id)!;
    const after = [...points].reverse().find((p) => p.revision < e.revision) ?? null;
    const next = points.find((p) => p.revision >= e.revision) ?? null;
    return { id, actor: String(m.actor), reason: String(m.reason), at: iso(m.created_at), revision: e.revision,
      changeRequest: m.change_request === null ? null : num(m.change_request), breakGlass: !!m.break_glass,
      keys: [...new Set(e.keys)].slice(0, 20), relevant: new Set(e.keys).size, afterRun: after?.run ?? null, beforeRun: next?.run ?? null };
  });
  return { model, timeframe, token, environment: store.environment, head, points, changesets };
}
