import { z } from 'zod';
import * as R from '../responses.js';
import { HpconfError } from '../../errors/registry.js';
import { REDACTED } from '../../catalog/check.js';
import { actorOf } from '../auth/principal.js';
import { body, principal, query, type RouteDef } from '../http.js';
import { S, strict } from '../schemas.js';

const Report = strict({
  key: S.text(200).min(1), fallback: S.text(200), host: S.text(200).default(''),
  model: S.text(20).optional(), timeframe: S.text(10).optional(), param: S.text(64).optional(),
});
const Recent = strict({ days: z.coerce.number().int().min(1).max(90).default(7) });

/** Like remote-config servers that report unknown flags: which keys fell back, how often, where. */
export const fallbackRoutes: RouteDef[] = [
  {
    method: 'post', path: '/fallbacks', operationId: 'reportFallback', response: R.Ok, status: 202, action: 'read', tag: 'observability', summary: 'An SDK reports that a key fell back (read scope is enough: it changes no value)', body: Report,
    handler: async (c, d) => {
      const b = body<z.infer<typeof Report>>(c);
      const spec = d.catalog.byKey.get(b.key);
      if (!spec) throw new HpconfError('HPC_KEY_UNKNOWN', { key: b.key, hint: '' });
      await d.store.db.query('INSERT INTO hp_fallback_report (key, model, timeframe, param, fallback, reporter, host) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [b.key, spec.model ?? null, spec.timeframe ?? null, spec.param ?? null, spec.secret ? REDACTED : b.fallback, actorOf(principal(c)), b.host]);
      return c.json({ ok: true }, 202);
    },
  },
  {
    method: 'get', path: '/fallbacks', operationId: 'listFallbacks', response: R.Fallbacks, action: 'read', tag: 'observability', summary: 'Keys that fell back in the last N days (7 by default): count, last time, where', query: Recent,
    handler: async (c, d) => {
      const { days } = query<z.infer<typeof Recent>>(c);
      const { rows } = await d.store.db.query<Record<string, unknown>>(
        `SELECT key, model, timeframe, param, count(*)::int AS count, max(at) AS last, array_agg(DISTINCT reporter) AS reporters, array_agg(DISTINCT host) AS hosts
         FROM hp_fallback_report WHERE at > now() - make_interval(days => $1) GROUP BY key, model, timeframe, param ORDER BY count DESC, key`, [days]);
      return c.json({ days, items: rows.map((r) => ({ ...r, last: new Date(r.last as string).toISOString() })) });
    },
  },
];
