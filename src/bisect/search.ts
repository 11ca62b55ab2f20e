/**
 * Which of the keys that differ between a good and a bad state explain a regression, found by running a probe on
 * mixed states (the good state with some keys at their bad values). The search, per pass:
 *
 *  1. a binary search over prefixes of the key list finds the shortest prefix whose state is bad; its last key x is
 *     needed (the prefix one shorter is good);
 *  2. x alone on the background is probed: bad means x is the culprit; good means x only harms together with some
 *     of the keys before it, which are found the same way with x in the background (an interacting pair costs two
 *     binary searches, not a search over pairs).
 *
 * A state is bad when its metric lies nearer the bad end than the good one. When the set found explains less than
 * EXPLAINED of the regression (two keys that each cost half of it, say), another pass runs over the remaining keys
 * with that set in the background (when the shortfall is larger than the noise), so every key needed for most of the
 * loss is named. One culprit among n keys
 * costs 2 + ceil(log2 n) + 1 probes; an interacting pair about twice that.
 *
 * Noise: every state runs the probe `repeats` times. The regression itself (good end vs bad end) must have a 95 %
 * interval above 0, and so must the named set's own effect; otherwise no culprit is named (inconclusive).
 */
import { difference, mean, type Interval } from './stats.js';

/** The metric's samples for a state (`repeats` of them), or 'skip' when the probe cannot test that state (exit 125). */
export type Probe = (applied: readonly string[]) => Promise<number[] | 'skip'>;

export interface State { applied: string[]; samples: number[] | null; metric: number | null; verdict: 'good' | 'bad' | 'skip' }

export interface BisectResult {
  status: 'found' | 'inconclusive';
  culprits: string[];
  /** States evaluated, the two ends included (each ran the probe `repeats` times). */
  probes: number;
  good: State; bad: State;
  /** The regression, oriented so that positive is worse: good minus bad when higher is better. */
  regression: Interval;
  /** The named keys' own effect on the good state (same orientation) and its share of the regression. */
  culpritEffect: Interval | null;
  explained: number | null;
  states: State[];
  reason: string | null;
}

export const EXPLAINED = 0.8;

export class EndFailed extends Error {
  constructor(readonly end: 'good' | 'bad', details: string) { super(details); }
}

class Untestable extends Error {
  constructor(readonly candidates: string[]) { super('untestable'); }
}

export async function bisect(keys: readonly string[], probe: Probe, o: { higherIsBetter: boolean }): Promise<BisectResult> {
  const sign = o.higherIsBetter ? 1 : -1; // loss = sign * (good - x): positive is worse
  const seen = new Map<string, State>();
  const order = new Map(keys.map((k, i) => [k, i]));
  const id = (applied: readonly string[]) => [...applied].sort((a, b) => order.get(a)! - order.get(b)!).join('\n');

  async function run(applied: readonly string[]): Promise<State> {
    const k = id(applied);
    const cached = seen.get(k);
    if (cached) return cached;
    const r = await probe([...applied].sort((a, b) => order.get(a)! - order.get(b)!));
    const s: State = r === 'skip' ? { applied: [...applied], samples: null, metric: null, verdict: 'skip' }
      : { applied: [...applied], samples: r, metric: mean(r), verdict: 'good' };
    seen.set(k, s);
    return s;
  }

  const good = await run([]);
  if (good.verdict === 'skip') throw new EndFailed('good', 'the probe skipped the good state (exit 125): it must be testable');
  const bad = await run(keys);
  if (bad.verdict === 'skip') throw new EndFailed('bad', 'the probe skipped the bad state (exit 125): it must be testable');
  const oriented = (x: Interval): Interval => sign > 0 ? x : { value: -x.value, lo: -x.hi, hi: -x.lo };
  const regression = oriented(difference(good.samples!, bad.samples!));
  bad.verdict = 'bad';
  const result = (status: BisectResult['status'], culprits: string[], reason: string | null, effect: Interval | null = null): BisectResult => ({
    status, culprits, probes: seen.size, good, bad, regression, culpritEffect: effect,
    explained: effect && regression.value ? effect.value / regression.value : null, states: [...seen.values()], reason,
  });
  if (!(regression.lo > 0)) {
    return result('inconclusive', [], regression.value > 0
      ? 'the regression is not distinguishable from noise: its 95 % interval spans 0 (more --repeats narrow it)'
      : 'no regression: the bad state is not worse than the good one');
  }

  const loss = (s: State) => sign * (good.metric! - s.metric!);
  /** Bad when the state's loss lies nearer `to` than `from` (the losses of the current pass's two ends). */
  const isBad = (s: State, from: number, to: number) => loss(s) >= (from + to) / 2;

  async function classify(applied: readonly string[], from: number, to: number): Promise<State> {
    const s = await run(applied);
    if (s.verdict === 'skip') return s;
    const verdict = isBad(s, from, to) ? 'bad' : 'good';
    if (s !== good && s !== bad) s.verdict = verdict; // as last classified: what the report shows
    return { ...s, verdict };
  }

  /** A set M of `c` with bg + M bad, given bg good and bg + c bad. */
  async function find(bg: readonly string[], c: readonly string[], from: number, to: number): Promise<string[]> {
    let lo = 0, hi = c.length; // the prefix of length lo is good, of length hi bad
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      let s: State | null = null;
      // A skipped state: try the other prefixes between the two known ones, nearest first (as git bisect skip).
      for (const m of [mid, ...Array.from({ length: hi - lo - 1 }, (_, i) => lo + 1 + i).filter((m) => m !== mid).sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid))]) {
        const t = await classify([...bg, ...c.slice(0, m)], from, to);
        if (t.verdict !== 'skip') { s = t; if (t.verdict === 'bad') hi = m; else lo = m; break; }
      }
      if (!s) throw new Untestable(c.slice(lo, hi));
    }
    const x = c[hi - 1], rest = c.slice(0, hi - 1);
    if (!rest.length) return [x];
    const alone = await classify([...bg, x], from, to);
    if (alone.verdict === 'bad') return [x];
    // x harms only with some of the keys before it (or its state could not be tested): find them with x applied.
    return [x, ...await find([...bg, x], rest, from, to)];
  }

  try {
    let culprits: string[] = [];
    let from = 0; // the loss of the current background
    const total = loss(bad);
    for (let prev: State | null = null; ;) {
      const rest = keys.filter((k) => !culprits.includes(k));
      const more = await find(culprits, rest, from, total);
      const s = await run([...culprits, ...more]);
      if (s.verdict === 'skip') return result('inconclusive', [], `the state with only ${[...culprits, ...more].join(', ')} applied could not be tested`);
      // A later pass keeps its keys only when they add more than noise to what the earlier passes found.
      if (prev && !(oriented(difference(prev.samples!, s.samples!)).lo > 0)) break;
      culprits = [...culprits, ...more];
      prev = s;
      // Another pass only when the set falls short of the bad end by more than noise, not by a noisy ratio.
      const short = oriented(difference(s.samples!, bad.samples!));
      if (loss(s) / total >= EXPLAINED || !(short.lo > 0) || culprits.length === keys.length) break;
      from = loss(s);
    }
    const mine = await run(culprits);
    const effect = oriented(difference(good.samples!, mine.samples!));
    if (!(effect.lo > 0)) {
      return result('inconclusive', [], `the keys found (${culprits.join(', ')}) have an effect not distinguishable from noise: its 95 % interval spans 0`, effect);
    }
    return result('found', culprits.sort((a, b) => order.get(a)! - order.get(b)!), null, effect);
  } catch (e) {
    if (e instanceof Untestable) return result('inconclusive', [], `every state between two probes was skipped: the culprit is among ${e.candidates.join(', ')}`);
    throw e;
  }
}
