/** A run record as `POST /runs` and `hpconf runs record` accept it: strict, so a typo is refused, never dropped. */
import { z } from 'zod';
import { S, strict } from '../console/schemas.js';

// As `hpconf ftf run` records it (src/runs/record.ts), or hpconf.optuna.record for a team's own study.
const num = z.number().finite();
export const Interval = strict({ value: num, lo: num, hi: num });
export const Figures = strict({
  trial: z.number().int().min(0).nullable(),
  validation: strict({ f1: num, prAuc: num, objective: num.nullable() }),
  test: strict({ f1: num, prAuc: num, alwaysBuyF1: num, positiveRate: num, predictedBuyRate: num, f1Margin: Interval.nullable(), prAucMargin: Interval.nullable(), skill: z.boolean().nullable() }),
});
export const Versus = strict({ f1: Interval, prAuc: Interval });
const Name = S.text(64).min(1);
const Study = strict({
  model: Name, token: Name, ok: z.boolean(), error: S.reason().nullable(), study: S.text(300).nullable(), storage: S.text(2000).nullable(), manifest: S.text(2000),
  spaceHash: S.text(64).nullable(), objective: S.text(64).nullable(), nTrials: z.number().int().min(0).nullable(),
  storageSpec: S.text(2000).nullable(), signature: z.record(S.text(64), z.unknown()).nullable(), warmStart: S.text(2000).nullable(),
  defaults: Figures.nullable(), best: Figures.nullable(), params: z.record(S.text(128), z.union([num, S.text(300)])).nullable(),
  versusDefaults: Versus.nullable(), overrides: z.record(S.text(200), S.text(10000)).nullable().optional(), seconds: num.min(0),
});
const PerModel = z.record(Name, strict({ passing: z.number().int().min(0), of: z.number().int().min(0), pass: z.boolean() }));
export const Run = strict({
  id: S.text(64).min(1), environment: S.text(32).min(1), revision: S.revision(), createdAt: S.text(40), wallSeconds: num.min(0),
  timeframe: Name, models: z.array(Name).max(1000), tokens: z.array(Name).max(10000), dir: S.text(2000), studyStorage: S.text(2000), dataDir: S.text(2000),
  label: S.text(500).nullable(), quote: S.text(16).optional(),
  gates: strict({ deciding: z.enum(['skill', 'f1']), skill: strict({ pass: z.boolean(), minTokens: z.number().int().min(0), perModel: PerModel }),
    f1: strict({ pass: z.boolean(), minF1: num, minTokens: z.number().int().min(0), perModel: PerModel }) }),
  layers: z.record(Name, z.record(S.text(200), S.text(200))),
  configured: z.record(S.text(200), S.text(10000)),
  studies: z.array(Study).max(10000),
});
