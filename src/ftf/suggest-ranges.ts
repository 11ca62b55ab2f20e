/**
 * `hpconf ftf suggest-ranges RUN`: search ranges that the run's good trials say are in the wrong place.
 *
 * Good trials: per study, the top decile by the objective (at least 3). Each trial's value of a parameter sits at a
 * position u in [0, 1] on its axis (log where the scale is log). Pooled over the run's tokens, per model:
 *  - a side is *crowded* when at least half of the good trials lie within 5 % of the axis from that bound: widen it by
 *    half the range's width on the axis, within the parameter's hard domain;
 *  - a side is *unvisited* when no good trial lies in the outer quarter on that side, with 20 trials or more in all:
 *    narrow it to the nearest good value less a tenth of the width, never past the stored default.
 * The proposal is one change request of the base range keys, with the counts and the good trials' values as evidence.
 */
import { HpconfError } from '../errors/registry.js';
import { paramKey } from '../catalog/check.js';
import type { Catalog, Domain } from '../catalog/types.js';
import type { Change } from '../store/store.js';
import type { RangesEvidence } from '../requests/evidence.js';
import type { WorkerManifest } from './types.js';

export const CROWD = 0.05, CROWD_SHARE = 0.5, OUTER = 0.25, MIN_TRIALS = 20;

interface Axis { lo: number; hi: number; log: boolean; int: boolean }
const to = (a: Axis, x: number) => (a.log ? Math.log(x) : x);
const from = (a: Axis, y: number) => (a.log ? Math.exp(y) : y);
const pos = (a: Axis, x: number) => (to(a, x) - to(a, a.lo)) / ((to(a, a.hi) - to(a, a.lo)) || 1);

function clampDomain(d: Domain, x: number, a: Axis): number | null {
  let v = x;
  if (d.min !== undefined && (d.minExclusive ? v <= d.min : v < d.min)) v = d.minExclusive ? (a.int ? d.min + 1 : d.min + (a.hi - d.min) * 1e-3) : d.min;
  if (d.max !== undefined && (d.maxExclusive ? v >= d.max : v > d.max)) v = d.maxExclusive ? (a.int ? d.max - 1 : d.max - (d.max - a.lo) * 1e-3) : d.max;
  if (a.log && v <= 0) return null;
  return v;
}
const round = (x: number, a: Axis, dir: 'down' | 'up') => (a.int ? (dir === 'down' ? Math.floor(x) : Math.ceil(x)) : Number(x.toPrecision(3)));

export interface RangePlan { changes: Change[]; evidence: RangesEvidence }

export function planRanges(c: Catalog, run: { id: string; environment: string; revision: number; dir: string }, manifests: WorkerManifest[]): RangePlan {
  const proposals: RangesEvidence['proposals'] = [];
  const notes: string[] = [];
  for (const model of [...new Set(manifests.map((m) => m.model))]) {
    const mine = manifests.filter((m) => m.model === model);
    const tf = mine[0].timeframe;
    const resolved = new Map(mine[0].resolved.map((r) => [r.key, r.value]));
    for (const [param, def] of Object.entries(c.file.models[model].params)) {
      if (!def.search || def.harness) continue;
      const [kMin, kMax, kScale, kDef] = [paramKey(c, model, tf, param, 'min'), paramKey(c, model, tf, param, 'max'), paramKey(c, model, tf, param, 'scale'), paramKey(c, model, tf, param, 'default')];
      const a: Axis = { lo: Number(resolved.get(kMin)), hi: Number(resolved.get(kMax)), log: resolved.get(kScale) === 'log', int: def.type === 'int' };
      if (!(a.hi > a.lo)) continue; // a fixed point: nothing searched
      const dflt = Number(resolved.get(kDef));
      let trials = 0;
      const good: number[] = [];
      for (const m of mine) {
        const done = (m.study.trials ?? []).filter((t) => t.state === 'COMPLETE' && t.value !== null && t.params[param] !== undefined);
        trials += done.length;
        const dir = m.study.direction === 'minimize' ? 1 : -1;
        const top = [...done].sort((x, y) => dir * ((x.value as number) - (y.value as number))).slice(0, Math.max(3, Math.ceil(done.length / 10)));
        good.push(...top.map((t) => Number(t.params[param])));
      }
      if (good.length < 3) continue;
      const us = good.map((x) => pos(a, x));
      const width = to(a, a.hi) - to(a, a.lo);
      const domain = def.domain ?? {};
      const base = { model, timeframe: tf, param, good: good.length, trials, values: good };
      for (const side of ['min', 'max'] as const) {
        const near = us.filter((u) => (side === 'min' ? u <= CROWD : u >= 1 - CROWD)).length;
        const key = side === 'min' ? kMin : kMax;
        const current = side === 'min' ? a.lo : a.hi;
        if (near / us.length >= CROWD_SHARE) {
          const raw = from(a, side === 'min' ? to(a, a.lo) - width / 2 : to(a, a.hi) + width / 2);
          const clamped = clampDomain(domain, raw, a);
          const v = clamped === null ? null : round(clamped, a, side === 'min' ? 'down' : 'up');
          if (v === null || v === current) { notes.push(`${key}: ${near} of ${us.length} good trials at the bound, which is the hard domain's edge`); continue; }
          proposals.push({ ...base, key, side, action: 'widen', current, proposed: v, near });
        } else if (trials >= MIN_TRIALS && us.every((u) => (side === 'min' ? u >= OUTER : u <= 1 - OUTER))) {
          const edge = side === 'min' ? Math.min(...good) : Math.max(...good);
          let v = round(from(a, side === 'min' ? to(a, edge) - width / 10 : to(a, edge) + width / 10), a, side === 'min' ? 'down' : 'up');
          v = side === 'min' ? Math.min(v, dflt) : Math.max(v, dflt); // the stored default stays inside
          if (side === 'min' ? v <= current : v >= current) continue;
          proposals.push({ ...base, key, side, action: 'narrow', current, proposed: v, near: 0 });
        }
      }
    }
  }
  if (!proposals.length) throw new HpconfError('HPC_RANGES_NOTHING', { run: run.id, details: notes.join('; ') || 'every range holds its good trials away from both bounds, or was searched by too few trials to narrow' });
  const changes = proposals.map((p) => ({ key: p.key, value: String(p.proposed) }));
  return { changes, evidence: { kind: 'ftf-suggest-ranges', run: { id: run.id, environment: run.environment, revision: run.revision, dir: run.dir },
    rule: { crowd: CROWD, crowdShare: CROWD_SHARE, outer: OUTER, minTrials: MIN_TRIALS }, proposals, notes } };
}
