import { z } from 'zod';
import { HpconfError } from '../../errors/registry.js';
import { runs } from '../../runs/runs.js';
import { compareRuns } from '../../runs/compare.js';
import { skillSeries } from '../../runs/series.js';
import type { RunRecord } from '../../runs/record.js';
import { actorOf } from '../auth/principal.js';
import { body, principal, query, type RouteDef } from '../http.js';
import { S, strict } from '../schemas.js';
import { Figures, Run, Versus } from '../../runs/schema.js';

const Recorded = Run.extend({ recordedBy: z.string(), recordedAt: z.string() });
const Summary = z.object({
  id: z.string(), environment: z.string(), revision: z.number().int(), createdAt: z.string(), recordedBy: z.string(), timeframe: z.string(),
  models: z.array(z.string()), tokens: z.array(z.string()), wallSeconds: z.number(), dir: z.string(), skillPass: z.boolean(), f1Pass: z.boolean(),
  deciding: z.string(), studies: z.number().int(), withSkill: z.number().int(),
});
const Fig = Figures.nullable();
const Vs = Versus.nullable();
const SeriesQuery = strict({ model: S.text(16).min(1), timeframe: S.text(8).min(1), token: S.text(32).min(1), limit: z.coerce.number().int().min(1).max(500).optional() });
const SeriesResponse = z.object({
  model: z.string(), timeframe: z.string(), token: z.string(), environment: z.string(), head: z.number().int(),
  points: z.array(z.object({ run: z.string(), createdAt: z.string(), revision: z.number().int(), recordedBy: z.string(), ok: z.boolean(), error: z.string().nullable(),
    nTrials: z.number().nullable(), warmStart: z.string().nullable(), objective: z.string().nullable(), best: Fig, defaults: Fig, versusDefaults: Vs })),
  changesets: z.array(z.object({ id: z.number().int(), actor: z.string(), reason: z.string(), at: z.string(), revision: z.number().int(), changeRequest: z.number().int().nullable(),
    breakGlass: z.boolean(), keys: z.array(z.string()), relevant: z.number().int(), afterRun: z.string().nullable(), beforeRun: z.string().nullable() })),
});
const CompareQuery = strict({ model: S.text(16).min(1), token: S.text(32).min(1) });
const Side = z.object({ run: z.string(), revision: z.number().int(), createdAt: z.string(),
  study: z.object({ ok: z.boolean(), best: Fig, defaults: Fig, versusDefaults: Vs, nTrials: z.number().nullable() }).nullable() });
const CompareResponse = z.object({
  left: z.string(), right: z.string(), model: z.string(), token: z.string(), sides: z.array(Side),
  configured: z.array(z.object({ key: z.string(), left: z.string().nullable(), right: z.string().nullable(), leftLayer: z.string(), rightLayer: z.string() })),
  trained: z.array(z.object({ param: z.string(), left: z.union([z.number(), z.string()]).nullable(), right: z.union([z.number(), z.string()]).nullable() })),
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
    method: 'get', path: '/runs/:id/compare/:other', operationId: 'compareRuns', response: CompareResponse, action: 'read', tag: 'runs', query: CompareQuery,
    summary: "Two runs for one model and token: the values its workers got that differ (with the layer of each) and the best trial's values that differ",
    handler: async (c, d) => {
      const q = query<z.infer<typeof CompareQuery>>(c);
      const [a, b] = await Promise.all([runs(d.store).get(c.req.param('id') ?? ''), runs(d.store).get(c.req.param('other') ?? '')]);
      if (!a) throw new HpconfError('HPC_NOT_FOUND', { what: `run ${c.req.param('id')}` });
      if (!b) throw new HpconfError('HPC_NOT_FOUND', { what: `run ${c.req.param('other')}` });
      return c.json(compareRuns(d.catalog, a, b, q.model, q.token));
    },
  },
  {
    method: 'get', path: '/skill', operationId: 'skillSeries', response: SeriesResponse, action: 'read', tag: 'runs', query: SeriesQuery,
    summary: "One model x timeframe x token over the environment's runs, oldest first: the best trial's test margins with their intervals, and the change-sets between runs that wrote a key it reads",
    handler: async (c, d) => {
      const q = query<z.infer<typeof SeriesQuery>>(c);
      return c.json(await skillSeries(d.store, q));
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
