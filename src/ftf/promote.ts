/**
 * `hpconf ftf promote`: a run's best trials as one change request, with the evidence a reviewer needs.
 *
 * Where the values go: each study trained on one token's data, so its best values go to that token's segment
 * (`KEY@UNI`), never to the base every other token reads; `toBase` puts them in the base keys instead, allowed only
 * when one study per model and timeframe is chosen (otherwise two tokens would propose one key).
 *
 * What is promoted: the studies whose best trial beats the stored defaults on test beyond noise (the lower bound of
 * the paired 95 % interval of the objective's margin above 0: F1 for f1_buy and logloss, PR-AUC for pr_auc); the
 * others are listed as skipped. None qualifying is refused (exit 9) unless forced with a reason.
 *
 * What must not have moved: every key a study read (its model and timeframe, and the cross-cutting keys), as its
 * token resolves it, must hold in the target environment now what it held in the run's environment at the run's
 * revision; otherwise the request would not be what was tested, and it is refused naming the keys.
 */
import { HpconfError } from '../errors/registry.js';
import { flatten, groupsOf } from '../catalog/segments.js';
import { inScope, paramKey } from '../catalog/check.js';
import type { Catalog } from '../catalog/types.js';
import type { Change, Store } from '../store/store.js';
import type { PromoteEvidence as Evidence, PromoteStudy } from '../requests/evidence.js';
import type { RunRecord, StudyRecord } from '../runs/record.js';

export interface PromoteOptions { studies?: string[]; toBase?: boolean; force?: boolean }
export interface PromotePlan { changes: Change[]; evidence: Evidence; summary: string }

/** MODEL or MODEL:TOKEN, matched case-insensitively. */
function chosen(s: StudyRecord, filters: string[] | undefined): boolean {
  if (!filters?.length) return true;
  return filters.some((f) => {
    const [m, t] = f.toUpperCase().split(':');
    return m === s.model && (t === undefined || t === s.token);
  });
}

const bound = (x: { value: number; lo: number; hi: number }) => ({ value: x.value, low: x.lo, high: x.hi });
const show = (x: { value: number; low: number; high: number }) => `${x.value >= 0 ? '+' : ''}${x.value.toFixed(4)} [${x.low >= 0 ? '+' : ''}${x.low.toFixed(4)}, ${x.high >= 0 ? '+' : ''}${x.high.toFixed(4)}]`;

/** The keys a study of model x timeframe read: its own and the cross-cutting ones. */
function studyKeys(c: Catalog, model: string, timeframe: string): string[] {
  return c.keys.filter((k) => inScope(k, { model, timeframe })).map((k) => k.key);
}

export async function planPromotion(c: Catalog, run: RunRecord, source: Store, target: Store, o: PromoteOptions): Promise<PromotePlan> {
  const selected = run.studies.filter((s) => chosen(s, o.studies));
  if (!selected.length) throw new HpconfError('HPC_USAGE', { details: `no study of run ${run.id} matches --studies ${o.studies?.join(',')} (it has ${run.studies.map((s) => `${s.model}:${s.token}`).join(', ')})` });
  if (o.toBase) {
    const models = selected.filter((s) => s.ok).map((s) => s.model);
    const twice = models.filter((m, i) => models.indexOf(m) !== i);
    if (twice.length) throw new HpconfError('HPC_USAGE', { details: `--to-base with several studies of ${[...new Set(twice)].join(', ')}: two tokens would propose one key; choose one per model with --studies MODEL:TOKEN` });
  }
  const tested = await source.at(run.revision, { layered: true });
  const now = await target.layered();
  const skipped: Evidence['skipped'] = [];
  const studies: PromoteStudy[] = [];
  const changes: Change[] = [];
  const moved = new Set<string>();
  for (const s of run.studies.filter((x) => !selected.includes(x))) skipped.push({ model: s.model, token: s.token, why: 'not chosen (--studies)' });
  for (const s of selected) {
    if (!s.ok || !s.best || !s.params) { skipped.push({ model: s.model, token: s.token, why: `the study failed: ${s.error ?? 'no manifest'}` }); continue; }
    if (!s.versusDefaults) { skipped.push({ model: s.model, token: s.token, why: 'the run predates the best-vs-defaults figures (run it again)' }); continue; }
    const tf = run.timeframe;
    const keys = studyKeys(c, s.model, tf);
    const before = flatten(tested, groupsOf(tested), s.token, keys);
    const after = flatten(now, groupsOf(now), s.token, keys);
    for (const k of keys) if (before.get(k)?.value !== after.get(k)?.value) moved.add(`${k}${s.token ? ` (for ${s.token})` : ''}: ${before.get(k)?.value ?? '(unset)'} -> ${after.get(k)?.value ?? '(unset)'}`);
    const test = { f1: bound(s.versusDefaults.f1), prAuc: bound(s.versusDefaults.prAuc) };
    const margin = s.objective === 'pr_auc' ? test.prAuc : test.f1;
    const improves = margin.low > 0;
    const proposed: PromoteStudy['keys'] = [];
    for (const [param, v] of Object.entries(s.params)) {
      const base = paramKey(c, s.model, tf, param, 'default');
      if (!c.byKey.has(base)) continue; // a parameter the catalog no longer has
      const value = String(v);
      if (after.get(base)?.value === value) continue; // already the stored value for this token
      const address = o.toBase ? base : `${base}@${s.token}`;
      proposed.push({ key: address, current: after.get(base)?.value ?? null, trial: v });
    }
    const entry: PromoteStudy = { model: s.model, timeframe: tf, token: s.token, target: o.toBase ? 'base' : s.token, study: s.study, bestTrial: s.best.trial ?? 0,
      defaultsTrial: s.defaults?.trial ?? null, objective: s.objective ?? 'f1_buy', validation: { best: s.best.validation.objective ?? s.best.validation.f1, defaults: s.defaults?.validation.objective ?? null },
      test, improves, keys: proposed };
    if (!improves && !o.force) { skipped.push({ model: s.model, token: s.token, why: `no gain beyond noise on test: ${s.objective === 'pr_auc' ? 'PR-AUC' : 'F1'} ${show(margin)}` }); continue; }
    if (!proposed.length) { skipped.push({ model: s.model, token: s.token, why: s.best.trial === s.defaults?.trial ? 'the best trial is the stored defaults' : 'its values are the stored ones already' }); continue; }
    studies.push(entry);
    for (const p of proposed) changes.push({ key: p.key, value: String(p.trial) });
  }
  if (moved.size) {
    throw new HpconfError('HPC_PROMOTE_STALE', { run: run.id, revision: run.revision, environment: target.environment, details: [...moved].slice(0, 50).join('; ') });
  }
  if (!studies.length) {
    const why = skipped.filter((x) => selected.some((s) => s.model === x.model && s.token === x.token)).map((x) => `${x.model} ${x.token}: ${x.why}`).join('; ');
    throw new HpconfError('HPC_PROMOTE_NO_GAIN', { run: run.id, details: why || 'no study chosen' });
  }
  const evidence: Evidence = { kind: 'ftf-promote', run: { id: run.id, environment: run.environment, revision: run.revision, dir: run.dir }, studies, skipped, forced: !!o.force };
  const summary = `promote run ${run.id} (${run.environment} r${run.revision}): ` + studies.map((st) => `${st.model} ${st.token} ${st.keys.length} key(s), test F1 ${show(st.test.f1)}`).join('; ');
  return { changes, evidence, summary };
}
