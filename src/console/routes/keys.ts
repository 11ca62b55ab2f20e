import { z } from 'zod';
import { HpconfError } from '../../errors/registry.js';
import { coverage } from '../../catalog/coverage.js';
import { didYouMean } from '../../catalog/suggest.js';
import { EXPORT_FORMATS, exportValues, type ExportFormat } from '../../cli/formats.js';
import { evaluate, normalise } from '../../store/store.js';
import { actorOf } from '../auth/principal.js';
import { body, principal, query, type Ctx, type RouteDef } from '../http.js';
import type { Deps } from '../deps.js';
import { eventLine } from '../../resolver/events.js';

const ChangeItem = z.object({ key: z.string().min(1).max(200), value: z.string().max(200).nullable() });
export const ChangeSet = z.object({
  changes: z.array(ChangeItem).min(1).max(100_000),
  baseRevision: z.number().int().min(0).optional(),
  reason: z.string().max(2000).default(''),
});
const KeyQuery = z.object({
  q: z.string().max(200).optional(), model: z.string().max(20).optional(), timeframe: z.string().max(10).optional(), param: z.string().max(64).optional(),
  kind: z.enum(['default', 'range', 'global']).optional(), state: z.enum(['set', 'missing', 'invalid']).optional(),
  page: z.coerce.number().int().min(1).optional(), pageSize: z.coerce.number().int().min(1).max(500).optional(),
});
const SetOne = z.object({ value: z.string().max(200), baseRevision: z.number().int().min(0).optional(), reason: z.string().max(2000).default('') });
const Unset = z.object({ baseRevision: z.number().int().min(0).optional(), reason: z.string().max(2000).default('') }).default({ reason: '' });
const Validate = z.object({ changes: z.array(ChangeItem).min(1).max(100_000) });
const Grid = z.object({ param: z.string().min(1).max(64), part: z.enum(['default', 'min', 'max', 'scale']).default('default') });
const Export = z.object({ format: z.enum(EXPORT_FORMATS as [ExportFormat, ...ExportFormat[]]).default('json') });

function known(d: Deps, key: string) {
  if (!d.catalog.byKey.has(key)) throw new HpconfError('HPC_KEY_UNKNOWN', { key, hint: didYouMean(key, d.catalog.byKey.keys()) });
}

/** Write a change-set as the caller and log one config_changed line per key (values of secret keys never). */
export async function writeChanges(c: Ctx, d: Deps, changes: z.infer<typeof ChangeItem>[], baseRevision: number | undefined, reason: string, reverts?: number) {
  const p = principal(c);
  const r = reverts === undefined
    ? await d.store.apply(changes, { actor: actorOf(p), actorKind: p.kind, reason, baseRevision })
    : await d.store.revert(reverts, { actor: actorOf(p), actorKind: p.kind, reason, baseRevision });
  for (const ch of r.changes) {
    const secret = d.catalog.byKey.get(ch.key)?.secret;
    const show = (v: string | null) => (v === null ? '(unset)' : secret ? '[redacted]' : v);
    process.stderr.write(eventLine('config_changed', { actor: actorOf(p), key: ch.key, old: show(ch.oldValue), new: show(ch.newValue),
      revision: ch.revision, changeset: r.changesetId ?? 0 }) + '\n');
  }
  return { ...r, warnings: r.warnings.map((w) => ({ key: w.key, code: w.code, message: w.message })) };
}

export const keyRoutes: RouteDef[] = [
  {
    method: 'get', path: '/catalog', action: 'read', tag: 'keys', summary: 'Models, timeframes and parameters of the catalog',
    handler: (c, d) => c.json({ version: d.catalog.file.version, prefix: d.catalog.file.prefix, models: d.catalog.models, timeframes: d.catalog.timeframes,
      params: Object.fromEntries(d.catalog.models.map((m) => [m, Object.keys(d.catalog.file.models[m].params)])), globals: Object.keys(d.catalog.file.globals),
      keys: d.catalog.keys.length }),
  },
  {
    method: 'get', path: '/keys', action: 'read', tag: 'keys', summary: 'Search keys: text, model, timeframe, parameter, kind, state; paginated on the server', query: KeyQuery,
    handler: async (c, d) => c.json(await d.view.search(query<z.infer<typeof KeyQuery>>(c))),
  },
  {
    method: 'get', path: '/keys/:key', action: 'read', tag: 'keys', summary: 'One key with its value, state, problems and warnings',
    handler: async (c, d) => {
      const key = c.req.param('key')!;
      known(d, key);
      return c.json(await d.view.get(key));
    },
  },
  {
    method: 'put', path: '/keys/:key', action: 'write', tag: 'keys', summary: 'Set one key (a change-set of one)', body: SetOne,
    handler: async (c, d) => {
      const key = c.req.param('key')!;
      known(d, key);
      const b = body<z.infer<typeof SetOne>>(c);
      return c.json(await writeChanges(c, d, [{ key, value: b.value }], b.baseRevision, b.reason));
    },
  },
  {
    method: 'delete', path: '/keys/:key', action: 'write', tag: 'keys', summary: 'Remove one key', body: Unset,
    handler: async (c, d) => {
      const key = c.req.param('key')!;
      known(d, key);
      const b = body<z.infer<typeof Unset>>(c);
      return c.json(await writeChanges(c, d, [{ key, value: null }], b.baseRevision, b.reason));
    },
  },
  {
    method: 'post', path: '/changesets', action: 'write', tag: 'keys',
    summary: 'Set many keys as one all-or-nothing change-set; baseRevision makes a concurrent change a 409 instead of an overwrite', body: ChangeSet,
    handler: async (c, d) => {
      const b = body<z.infer<typeof ChangeSet>>(c);
      return c.json(await writeChanges(c, d, b.changes, b.baseRevision, b.reason));
    },
  },
  {
    method: 'post', path: '/validate', action: 'read', tag: 'keys', summary: 'Check staged values against the catalog and the current store (nothing is written)', body: Validate,
    handler: async (c, d) => {
      const b = body<z.infer<typeof Validate>>(c);
      for (const ch of b.changes) known(d, ch.key);
      const norm = normalise(d.catalog, b.changes);
      const current = await d.store.values();
      const ev = norm.problems.length ? { problems: norm.problems, warnings: [], effective: [] } : evaluate(d.catalog, current, norm.changes);
      const pick = (ps: typeof ev.problems) => ps.map((p) => ({ key: p.key, keys: p.keys, code: p.code, message: p.message }));
      return c.json({ ok: ev.problems.length === 0, revision: await d.store.head(), problems: pick(ev.problems), warnings: pick(ev.warnings),
        changes: ev.effective.map((ch) => ({ key: ch.key, old: current.get(ch.key) ?? null, new: ch.value })) });
    },
  },
  {
    method: 'get', path: '/values', action: 'read', tag: 'keys', summary: 'Every stored value as canonical text, with the store revision (what the CLI reads over HTTP)',
    handler: async (c, d) => {
      const v = await d.store.values();
      const hide = (k: string, x: string) => (d.catalog.byKey.get(k)?.secret && principal(c).role === 'viewer' ? '[redacted]' : x);
      return c.json({ revision: await d.store.head(), store: d.store.describe, values: Object.fromEntries([...v].map(([k, x]) => [k, hide(k, x)])) });
    },
  },
  {
    method: 'get', path: '/grid', action: 'read', tag: 'keys', summary: 'One parameter across models and timeframes', query: Grid,
    handler: async (c, d) => { const q = query<z.infer<typeof Grid>>(c); return c.json(await d.view.grid(q.param, q.part)); },
  },
  {
    method: 'get', path: '/coverage', action: 'read', tag: 'keys', summary: 'Required keys present and valid (what hpconf audit reports)',
    handler: async (c, d) => {
      const v = await d.store.values();
      const cov = coverage(d.catalog, (k) => v.get(k));
      return c.json({ revision: await d.store.head(), required: cov.required, valid: cov.valid, percent: cov.percent, complete: cov.complete,
        missing: cov.missing, invalid: cov.invalid, warnings: cov.warnings.map((w) => ({ key: w.key, message: w.message })) });
    },
  },
  {
    method: 'get', path: '/export', action: 'read', tag: 'keys', summary: 'Stored values as env, dotenv, json or a Kubernetes ConfigMap', query: Export,
    handler: async (c, d) => {
      const { format } = query<z.infer<typeof Export>>(c);
      const text = exportValues(d.catalog, await d.store.values(), format, { revision: await d.store.head() });
      return c.body(text, 200, { 'content-type': format === 'json' ? 'application/json' : format === 'k8s' ? 'application/yaml' : 'text/plain; charset=utf-8' });
    },
  },
];
