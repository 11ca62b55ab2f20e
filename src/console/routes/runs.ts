import { z } from 'zod';
import { HpconfError } from '../../errors/registry.js';
import { runs } from '../../runs/runs.js';
import type { RunRecord } from '../../runs/record.js';
import { actorOf } from '../auth/principal.js';
import { body, principal, query, type RouteDef } from '../http.js';
import { S, strict } from '../schemas.js';

// A run as `hpconf ftf run` records it (src/runs/record.ts): strict, so a typo is refused, never dropped.
const num = z.number().finite();
const Interval = strict({ value: num, lo: num, hi: num });
const Figures = strict({
  trial: z.number().int().min(0).nullable(),
  validation: strict({ f1: num, prAuc: num, objective: num.nullable() }),
  test: strict({ f1: num, prAuc: num, alwaysBuyF1: num, positiveRate: num, predictedBuyRate: num, f1Margin: Interval.nullable(), prAucMargin: Interval.nullable(), skill: z.boolean().nullable() }),
});
const Name = S.text(64).min(1);
const Study = strict({
  model: Name, token: Name, ok: z.boolean(), error: S.reason().nullable(), study: S.text(300).nullable(), storage: S.text(2000).nullable(), manifest: S.text(2000),
  spaceHash: S.text(64).nullable(), objective: S.text(64).nullable(), nTrials: z.number().int().min(0).nullable(),
  storageSpec: S.text(2000).nullable(), signature: z.record(S.text(64), z.unknown()).nullable(), warmStart: S.text(2000).nullable(),
  defaults: Figures.nullable(), best: Figures.nullable(), params: z.record(S.text(128), z.union([num, S.text(300)])).nullable(),
  versusDefaults: strict({ f1: Interval, prAuc: Interval }).nullable(), seconds: num.min(0),
});
const PerModel = z.record(Name, strict({ passing: z.number().int().min(0), of: z.number().int().min(0), pass: z.boolean() }));
const Run = strict({
  id: S.text(64).min(1), environment: S.text(32).min(1), revision: S.revision(), createdAt: S.text(40), wallSeconds: num.min(0),
  timeframe: Name, models: z.array(Name).max(1000), tokens: z.array(Name).max(10000), dir: S.text(2000), studyStorage: S.text(2000), dataDir: S.text(2000),
  label: S.text(500).nullable(), quote: S.text(16).optional(),
  gates: strict({ deciding: z.enum(['skill', 'f1']), skill: strict({ pass: z.boolean(), minTokens: z.number().int().min(0), perModel: PerModel }),
    f1: strict({ pass: z.boolean(), minF1: num, minTokens: z.number().int().min(0), perModel: PerModel }) }),
  layers: z.record(Name, z.record(S.text(200), S.text(200))),
  configured: z.record(S.text(200), S.text(10000)),
  studies: z.array(Study).max(10000),
});
const Recorded = Run.extend({ recordedBy: z.string(), recordedAt: z.string() });
const Summary = z.object({
  id: z.string(), environment: z.string(), revision: z.number().int(), createdAt: z.string(), recordedBy: z.string(), timeframe: z.string(),
  models: z.array(z.string()), tokens: z.array(z.string()), wallSeconds: z.number(), dir: z.string(), skillPass: z.boolean(), f1Pass: z.boolean(),
  deciding: z.string(), studies: z.number().int(), withSkill: z.number().int(),
});
const ListQuery = strict({ model: S.text(16).optional(), token: S.text(32).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() });

export const runRoutes: RouteDef[] = [
  {
    method: 'get', path: '/runs', operationId: 'listRuns', response: z.object({ items: z.array(Summary) }), action: 'read', tag: 'runs', query: ListQuery,
    summary: "The environment's recorded fine-tune runs, newest first (a model or token: runs that trained it), with both gates and the studies with skill",
    handler: async (c, d) => {
      const q = query<z.infer<typeof ListQuery>>(c);
      return c.json({ items: await runs(d.store).list({ model: q.model, token: q.token, limit: q.limit }) });
    },
  },
  {
    method: 'get', path: '/runs/:id', operationId: 'getRun', response: Recorded, action: 'read', tag: 'runs',
    summary: 'One run: the store state it trained with, both gates, and per study the defaults trial and the best trial with their intervals',
    handler: async (c, d) => {
      const r = await runs(d.store).get(c.req.param('id') ?? '');
      if (!r) throw new HpconfError('HPC_NOT_FOUND', { what: `run ${c.req.param('id')}` });
      return c.json(r);
    },
  },
  {
    method: 'post', path: '/runs', operationId: 'recordRun', response: z.object({ created: z.boolean() }), action: 'write', tag: 'runs', body: Run, bodyLimit: 8 << 20,
    summary: 'Record a fine-tune run (hpconf ftf run and collect do); the same run again replaces its studies; another environment or revision under its id is 409',
    handler: async (c, d) => {
      const b = body<RunRecord>(c);
      if (b.environment !== d.store.environment) {
        throw new HpconfError('HPC_USAGE', { details: `the run is of environment ${b.environment}: record it with ?environment=${b.environment}` });
      }
      const r = await runs(d.store).record(b, actorOf(principal(c)));
      return c.json(r); // 200 either way: `created` says whether this record was the first
    },
  },
];
