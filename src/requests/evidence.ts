/**
 * What a change request carries as evidence beside its keys: for `hpconf ftf promote`, the run it came from and, per
 * study, how the best trial did against the stored defaults on test (paired 95 % intervals, numeric `low`/`high`).
 * Data, so `cr show --json`, the Console and a reviewer's script read the same figures.
 */
import { z } from 'zod';

const num = z.number().finite();
const Bound = z.strictObject({ value: num, low: num, high: num });
const text = (max: number) => z.string().max(max);

export const PromoteStudy = z.strictObject({
  model: text(16), timeframe: text(16), token: text(32),
  /** Where the values go: the token's segment (the study trained on that token alone) or the base. */
  target: text(64),
  study: text(300).nullable(), bestTrial: z.number().int().min(0), defaultsTrial: z.number().int().min(0).nullable(), objective: text(32),
  validation: z.strictObject({ best: num, defaults: num.nullable() }),
  /** Best minus defaults on the test split. */
  test: z.strictObject({ f1: Bound, prAuc: Bound }),
  /** The lower bound of the objective's margin is above 0. */
  improves: z.boolean(),
  /** Each key the study proposes, its value before, and the trial's value. */
  keys: z.array(z.strictObject({ key: text(200), current: text(200).nullable(), trial: z.union([num, text(200)]) })).max(1000),
});

export const PromoteEvidence = z.strictObject({
  kind: z.literal('ftf-promote'),
  run: z.strictObject({ id: text(64), environment: text(32), revision: z.number().int().min(0), dir: text(2000) }),
  studies: z.array(PromoteStudy).max(10_000),
  /** Studies of the run left out, and why (no gain beyond noise, not chosen, failed). */
  skipped: z.array(z.strictObject({ model: text(16), token: text(32), why: text(300) })).max(10_000),
  forced: z.boolean(),
});

/** ftf suggest-ranges: which bounds the run's good trials crowd (widen) or never visit (narrow), with the counts. */
export const RangesEvidence = z.strictObject({
  kind: z.literal('ftf-suggest-ranges'),
  run: z.strictObject({ id: text(64), environment: text(32), revision: z.number().int().min(0), dir: text(2000) }),
  rule: z.strictObject({ crowd: num, crowdShare: num, outer: num, minTrials: z.number().int() }),
  proposals: z.array(z.strictObject({
    model: text(16), timeframe: text(16), param: text(64), key: text(200), side: z.enum(['min', 'max']), action: z.enum(['widen', 'narrow']),
    current: num, proposed: num, good: z.number().int().min(0), near: z.number().int().min(0), trials: z.number().int().min(0), values: z.array(num).max(10_000),
  })).max(1000),
  notes: z.array(text(500)).max(1000),
});

export const Evidence = z.discriminatedUnion('kind', [PromoteEvidence, RangesEvidence]);
export type Evidence = z.infer<typeof Evidence>;
export type RangesEvidence = z.infer<typeof RangesEvidence>;
export type PromoteEvidence = z.infer<typeof PromoteEvidence>;
export type PromoteStudy = z.infer<typeof PromoteStudy>;
