/**
 * What differs between two recorded runs for one model and token: the values its workers got (the base values
 * with the token's segment overrides over them, as each run recorded them), and the values its best trial trained
 * with. The Console's form of `hpconf diff RUN_A/run.json RUN_B/run.json`; secret values are shown redacted.
 */
import { inScope } from '../catalog/check.js';
import type { Catalog } from '../catalog/types.js';
import type { RunRecord, StudyRecord } from './record.js';

export interface ValueDiff { key: string; left: string | null; right: string | null; leftLayer: string; rightLayer: string }
export interface ParamDiff { param: string; left: number | string | null; right: number | string | null }
export interface RunComparison {
  left: string; right: string; model: string; token: string;
  /** Revisions and the study's best figures on each side (null where the run has no such study). */
  sides: { run: string; revision: number; createdAt: string; study: Pick<StudyRecord, 'ok' | 'best' | 'defaults' | 'versusDefaults' | 'nTrials'> | null }[];
  configured: ValueDiff[];
  trained: ParamDiff[];
}

const study = (r: RunRecord, model: string, token: string) => r.studies.find((s) => s.model === model && s.token === token) ?? null;

/** The values a study of `model` on `token` read in run `r`, each with the layer that gave it. */
export function studyValues(c: Catalog, r: RunRecord, model: string, token: string): Map<string, { value: string; layer: string }> {
  const out = new Map<string, { value: string; layer: string }>();
  const reads = (k: string) => { const s = c.byKey.get(k); return !s || inScope(s, { model, timeframe: r.timeframe }); }; // a key the catalog dropped is shown
  for (const [k, v] of Object.entries(r.configured)) if (reads(k)) out.set(k, { value: v, layer: 'base' });
  const overrides = study(r, model, token)?.overrides ?? {};
  const layers = r.layers[token] ?? {};
  for (const [k, v] of Object.entries(overrides)) if (reads(k)) out.set(k, { value: v, layer: layers[k] ?? token });
  // A run recorded before overrides were kept per study still names the layer: the value is unknown, not the base one.
  for (const [k, layer] of Object.entries(layers)) if (!(k in overrides) && reads(k) && layer !== 'base') out.set(k, { value: '(not recorded)', layer });
  return out;
}

export function compareRuns(c: Catalog, a: RunRecord, b: RunRecord, model: string, token: string): RunComparison {
  const m = model.toUpperCase(), t = token.toUpperCase();
  const va = studyValues(c, a, m, t), vb = studyValues(c, b, m, t);
  const shown = (k: string, v: string | undefined) => (v === undefined ? null : c.byKey.get(k)?.secret ? '[redacted]' : v);
  const configured: ValueDiff[] = [];
  for (const k of [...new Set([...va.keys(), ...vb.keys()])].sort()) {
    const x = va.get(k), y = vb.get(k);
    if (x?.value === y?.value && x?.layer === y?.layer) continue;
    configured.push({ key: k, left: shown(k, x?.value), right: shown(k, y?.value), leftLayer: x?.layer ?? '-', rightLayer: y?.layer ?? '-' });
  }
  const sa = study(a, m, t), sb = study(b, m, t);
  const pa = sa?.params ?? {}, pb = sb?.params ?? {};
  const trained = [...new Set([...Object.keys(pa), ...Object.keys(pb)])].sort()
    .filter((p) => pa[p] !== pb[p]).map((p) => ({ param: p, left: pa[p] ?? null, right: pb[p] ?? null }));
  const side = (r: RunRecord, s: StudyRecord | null) => ({ run: r.id, revision: r.revision, createdAt: r.createdAt,
    study: s ? { ok: s.ok, best: s.best, defaults: s.defaults, versusDefaults: s.versusDefaults, nTrials: s.nTrials } : null });
  return { left: a.id, right: b.id, model: m, token: t, sides: [side(a, sa), side(b, sb)], configured, trained };
}
