import { z } from 'zod';
import * as R from '../responses.js';
import { HpconfError } from '../../errors/registry.js';
import { coverage } from '../../catalog/coverage.js';
import { didYouMean } from '../../catalog/suggest.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../export/formats.js';
import { notModified, variantFor, type Format } from '../values-cache.js';
import { BASE, checkGroupName, flatten, groupsOf, isGroupDefinition, isSegment, parseAddress, segmentBody } from '../../catalog/segments.js';
import { evaluate, normalise } from '../../store/store.js';
import { actorKindOf, actorOf } from '../auth/principal.js';
import { body, principal, query, type Ctx, type RouteDef } from '../http.js';
import type { Deps } from '../deps.js';
import { eventLine } from '../../resolver/events.js';
import { REDACTED, isSecret } from '../../catalog/check.js';
import { S, strict } from '../schemas.js';

const ChangeItem = strict({ key: S.text(200).min(1), value: S.text(200).nullable() });
export const ChangeSet = strict({
  changes: z.array(ChangeItem).min(1).max(100_000),
  baseRevision: S.revision().optional(),
  reason: S.reason().default(''),
  force: z.boolean().default(false).describe('needed to unset required keys (coverage would drop below 100 %)'),
});
/** Room for 100,000 changes of one change-set. */
const BULK_BODY = 16 * 1024 * 1024;
const KeyQuery = strict({
  q: S.text(200).optional(), model: S.text(20).optional(), timeframe: S.text(10).optional(), param: S.text(64).optional(),
  kind: z.enum(['default', 'range', 'global']).optional(), state: z.enum(['set', 'missing', 'invalid']).optional(),
  page: z.coerce.number().int().min(1).optional(), pageSize: z.coerce.number().int().min(1).max(500).optional(),
});
const ParamQuery = KeyQuery.omit({ kind: true }).extend({
  segment: z.string().max(60).refine(isSegment, 'a token symbol (UNI) or group:NAME').optional()
    .describe('show a segment: each cell its effective value, the layer that gives it, and the address an edit writes (KEY@SEGMENT)'),
});
const SetOne = strict({ value: S.text(200), baseRevision: S.revision().optional(), reason: S.reason().default('') });
const Unset = strict({ baseRevision: S.revision().optional(), reason: S.reason().min(1, 'a reason is required to unset a key'), force: z.boolean().default(false) });
const Validate = strict({ changes: z.array(ChangeItem).min(1).max(100_000) });
const Grid = strict({ param: S.text(64).min(1), part: z.enum(['default', 'min', 'max', 'scale']).default('default'),
  segment: z.string().max(60).refine(isSegment, 'a token symbol (UNI) or group:NAME').optional().describe('the grid seen from a segment: effective values, their layers, addresses to edit') });
const ValuesQuery = strict({
  wait: z.coerce.number().int().min(0).max(60).default(0).describe('long poll: with If-None-Match naming the current ETag, hold the answer up to this many seconds until the values change'),
  revision: S.queryId().optional().describe('the values as they stood at this revision (rebuilt from the change log): a run pinned to one revision reads the same values in every task, whatever is edited meanwhile'),
  segment: z.string().max(60).refine(isSegment, 'a token symbol (UNI) or group:NAME').optional()
    .describe('flatten this segment (token, then its groups by priority, then the base) to the base names; `layers` names each value that is not the base\'s'),
  layered: z.enum(['1', 'true']).optional().describe('every address: base values, overrides (KEY@SEGMENT) and group definitions (group:NAME), for a resolver that picks its segment itself'),
});
const Export = strict({ format: z.enum(EXPORT_FORMATS as [ExportFormat, ...ExportFormat[]]).default('json') });

/**
 * Secret values leave the Console only for callers that can write (operators, admins, write
 * tokens: `hpconf exec --console` hands them to workers), and only through /values and /export
 * (values-cache.ts serves viewers the redacted variant); the key list, the change log, validation
 * and previews never carry them.
 */
export const redacted = (d: Deps, key: string, v: string | null) => (v !== null && isSecret(d.catalog, key) ? REDACTED : v);


/** A body from the per-revision cache, or 304 when the caller's If-None-Match already names it. */
async function cached(c: Ctx, d: Deps, format: Format, waitSeconds = 0) {
  // A viewer gets the redacted body only where the catalog marks some key secret; otherwise one body serves all.
  const variant = variantFor(d.catalog, principal(c).role);
  let b = await d.values.get(variant, format);
  const inm = c.req.header('if-none-match');
  if (waitSeconds > 0 && notModified(inm, b.etag)) {
    // Long poll: the feed wakes this request the moment the store moves (no polling here either).
    // It holds a stream slot (capped per caller and in total) while it waits.
    const release = d.streams.acquire(actorOf(principal(c)));
    try {
      await new Promise<void>((resolve) => {
        const done = () => { off(); clearTimeout(t); resolve(); };
        const off = d.store.feed.subscribe(done);
        const t = setTimeout(done, waitSeconds * 1000);
        c.req.raw.signal?.addEventListener('abort', done);
        // A revision that landed between reading the body and subscribing answers at once.
        if (d.store.feed.current() > b.revision) done();
      });
    } finally {
      release();
    }
    b = await d.values.get(variant, format);
  }
  const headers = { etag: b.etag, 'cache-control': 'no-cache', 'x-hpconf-revision': String(b.revision) };
  if (notModified(inm, b.etag)) return c.body(null, 304, headers);
  return c.body(b.body, 200, { ...headers, 'content-type': b.contentType });
}

function known(d: Deps, key: string) {
  if (!d.catalog.byKey.has(key)) throw new HpconfError('HPC_KEY_UNKNOWN', { key, hint: didYouMean(key, d.catalog.byKey.keys()) });
}

/** Each cell's overrides (segment and value), so the base view shows where a value is overridden. */
async function withOverrides(d: Deps, page: Awaited<ReturnType<Deps['view']['params']>>) {
  const state = await d.store.layered();
  const by = new Map<string, { segment: string; value: string }[]>();
  for (const [a, v] of state) {
    const i = a.indexOf('@');
    if (i < 0) continue;
    const k = a.slice(0, i);
    by.set(k, [...(by.get(k) ?? []), { segment: a.slice(i + 1), value: isSecret(d.catalog, k) ? REDACTED : v }]);
  }
  if (!by.size) return page;
  for (const row of page.items as { cells: Record<string, { key: string; overrides?: { segment: string; value: string }[] }> }[]) {
    for (const cell of Object.values(row.cells)) { const o = by.get(cell.key); if (o) cell.overrides = o; }
  }
  return page;
}

/**
 * Cells (of the parameter view or the grid) seen from a segment, in place: each its effective value, `layer` (the
 * segment itself, a group or `base`) and, as its key, the address an edit writes (`KEY@SEGMENT`), so editing a
 * cell makes or changes an override.
 */
async function segmentCells(d: Deps, cells: SegmentCell[], segment: string): Promise<void> {
  const state = await d.store.layered();
  const groups = groupsOf(state);
  for (const cell of cells) {
    const r = flatten(state, groups, segment, [cell.key]).get(cell.key);
    const shown = (v: string | undefined) => (v === undefined ? null : isSecret(d.catalog, cell.key) ? REDACTED : v);
    cell.base = cell.value;
    cell.value = shown(r?.value);
    cell.layer = r?.layer ?? BASE;
    cell.own = r?.layer === segment ? cell.value : null; // what an edit replaces: the override, or nothing
    cell.key = `${cell.key}@${segment}`;
  }
}
type SegmentCell = { key: string; value: string | null; layer?: string; base?: string | null; own?: string | null };

/** A write's address: a catalog key, an override `KEY@SEGMENT` or a group's definition `group:NAME` (segments.ts). */
function knownAddress(d: Deps, address: string) {
  if (isGroupDefinition(address)) { checkGroupName(address); return; }
  known(d, parseAddress(address).key);
}

/** Write a change-set as the caller and log one config_changed line per key (values of secret keys never). */
export async function writeChanges(c: Ctx, d: Deps, changes: z.infer<typeof ChangeItem>[], o: { baseRevision?: number; reason: string; force?: boolean; reverts?: number; keys?: string[] }) {
  const p = principal(c);
  const opts = { actor: actorOf(p), actorKind: actorKindOf(p), reason: o.reason, baseRevision: o.baseRevision, force: o.force };
  const r = o.reverts === undefined ? await d.store.apply(changes, opts) : await d.store.revert(o.reverts, { ...opts, keys: o.keys });
  for (const ch of r.changes) {
    const show = (v: string | null) => (v === null ? '(unset)' : redacted(d, ch.key, v)!);
    process.stderr.write(eventLine('config_changed', { actor: actorOf(p), key: ch.key, old: show(ch.oldValue), new: show(ch.newValue),
      revision: ch.revision, changeset: r.changesetId ?? 0 }) + '\n');
  }
  // The answer goes to whoever wrote, but also into proxies' and clients' logs: a secret is never echoed.
  return { ...r, changes: r.changes.map((ch) => ({ ...ch, oldValue: redacted(d, ch.key, ch.oldValue), newValue: redacted(d, ch.key, ch.newValue) })),
    warnings: r.warnings.map((w) => ({ key: w.key, code: w.code, message: w.message })) };
}

/** A plan (store.plan) as the API shows it: secret values redacted, coverage after. */
export function shownPlan(d: Deps, p: Awaited<ReturnType<Deps['store']['plan']>>) {
  const pick = (ps: typeof p.problems) => ps.map((x) => ({ key: x.key, keys: x.keys, code: x.code, message: x.message }));
  return {
    ok: p.problems.length === 0, revision: p.revision, problems: pick(p.problems), warnings: pick(p.warnings),
    changes: p.changes.map((ch) => ({ key: ch.key, old: redacted(d, ch.key, ch.old), new: redacted(d, ch.key, ch.new) })),
    coverage: { required: p.drop.required, presentAfter: p.drop.presentAfter, percentAfter: p.drop.percentAfter, unsets: p.drop.keys },
  };
}

export const keyRoutes: RouteDef[] = [
  {
    method: 'get', path: '/catalog', operationId: 'getCatalog', response: R.CatalogSummary, action: 'read', tag: 'keys', summary: 'Models, timeframes and parameters of the catalog',
    handler: (c, d) => c.json({ version: d.catalog.file.version, prefix: d.catalog.file.prefix, models: d.catalog.models, timeframes: d.catalog.timeframes,
      params: Object.fromEntries(d.catalog.models.map((m) => [m, Object.keys(d.catalog.file.models[m].params)])), globals: Object.keys(d.catalog.file.globals),
      keys: d.catalog.keys.length }),
  },
  {
    method: 'get', path: '/keys', operationId: 'searchKeys', response: R.KeyPage, action: 'read', tag: 'keys', summary: 'Search keys: text, model, timeframe, parameter, kind, state; paginated on the server', query: KeyQuery,
    handler: async (c, d) => c.json(await d.view.search(query<z.infer<typeof KeyQuery>>(c))),
  },
  {
    method: 'get', path: '/params', operationId: 'searchParams', response: R.ParamPage, action: 'read', tag: 'keys',
    summary: 'The parameter view: one row per model, timeframe and parameter with default, range and scale together, native name and doc', query: ParamQuery,
    handler: async (c, d) => {
      const q = query<z.infer<typeof ParamQuery>>(c);
      const page = await d.view.params(q);
      if (!q.segment) return c.json(await withOverrides(d, page));
      await segmentCells(d, page.items.flatMap((r) => Object.values(r.cells)), q.segment);
      return c.json({ ...page, segment: q.segment });
    },
  },
  {
    method: 'get', path: '/keys/:key', operationId: 'getKey', response: R.KeyRow, action: 'read', tag: 'keys', summary: 'One key with its value, state, problems and warnings',
    handler: async (c, d) => {
      const key = decodeURIComponent(c.req.param('key')!);
      const { key: base, segment } = parseAddress(key);
      known(d, base);
      const row = (await d.view.get(base))!;
      if (!segment) return c.json(row);
      // An override: the base key's row, with the override's own value (null where the segment inherits).
      const e = await d.store.entryOf(key);
      return c.json({ ...row, key, base: row.value, layer: segment, value: e ? redacted(d, key, e.value) : null, revision: e?.revision ?? null,
        updatedBy: e?.updatedBy ?? null, updatedAt: e ? new Date(e.updatedAt).toISOString() : null, problems: [], warnings: [] });
    },
  },
  {
    method: 'put', path: '/keys/:key', operationId: 'setKey', response: R.WriteResult, action: 'write', tag: 'keys', summary: 'Set one key, an override (KEY@UNI, KEY@group:NAME) or a group (group:NAME = TOKEN,...;priority=N) as a change-set of one', body: SetOne,
    handler: async (c, d) => {
      const key = decodeURIComponent(c.req.param('key')!);
      knownAddress(d, key);
      const b = body<z.infer<typeof SetOne>>(c);
      return c.json(await writeChanges(c, d, [{ key, value: b.value }], b));
    },
  },
  {
    method: 'delete', path: '/keys/:key', operationId: 'unsetKey', response: R.WriteResult, action: 'write', tag: 'keys', summary: 'Remove one key or override (a reason is required; a required key also needs force, as coverage drops below 100 %)', body: Unset,
    handler: async (c, d) => {
      const key = decodeURIComponent(c.req.param('key')!);
      knownAddress(d, key);
      const b = body<z.infer<typeof Unset>>(c);
      return c.json(await writeChanges(c, d, [{ key, value: null }], b));
    },
  },
  {
    method: 'post', path: '/changesets', operationId: 'applyChangeset', response: R.WriteResult, action: 'write', tag: 'keys',
    summary: 'Set many keys as one all-or-nothing change-set; baseRevision makes a concurrent change a 409 instead of an overwrite', body: ChangeSet, bodyLimit: BULK_BODY,
    handler: async (c, d) => {
      const b = body<z.infer<typeof ChangeSet>>(c);
      return c.json(await writeChanges(c, d, b.changes, b));
    },
  },
  {
    method: 'post', path: '/validate', operationId: 'validateChanges', response: R.Plan, action: 'read', tag: 'keys', summary: 'Preview staged values: the catalog\'s problems and warnings, what changes, and the coverage after (nothing is written)', body: Validate, bodyLimit: BULK_BODY,
    handler: async (c, d) => {
      const b = body<z.infer<typeof Validate>>(c);
      for (const ch of b.changes) knownAddress(d, ch.key);
      return c.json(shownPlan(d, await d.store.plan(b.changes)));
    },
  },
  {
    method: 'get', path: '/values', operationId: 'getValues', response: R.Values, etag: true, action: 'read', tag: 'keys',
    summary: 'Every stored value as canonical text, with the store revision (what the CLI and SDKs read). ETag "r<revision>-<stamp>" (the revision and its commit time); If-None-Match answers 304 while nothing changed; with wait=N, a long poll that answers as soon as they do',
    query: ValuesQuery,
    handler: async (c, d) => {
      const q = query<z.infer<typeof ValuesQuery>>(c);
      if (q.segment && q.layered) throw new HpconfError('HPC_USAGE', { details: 'segment= flattens one segment, layered= gives every address: one or the other' });
      const format = q.segment ? `segment:${q.segment}` as const : q.layered ? 'layered' as const : 'values' as const;
      if (q.revision === undefined) return cached(c, d, format, q.wait);
      // A past revision never changes: its ETag names it alone.
      const etag = `"at-r${q.revision}"`;
      if (notModified(c.req.header('if-none-match'), etag)) return c.body(null, 304, { etag, 'cache-control': 'no-cache', 'x-hpconf-revision': String(q.revision) });
      const etagAt = format === 'values' ? etag : `"at-r${q.revision}-${format.replace(/[^A-Za-z0-9_-]/g, '_')}"`;
      let at = await d.store.at(q.revision, { layered: format !== 'values' });
      let layers: Record<string, string> | undefined;
      if (q.segment) {
        ({ values: at, layers } = segmentBody(at, q.segment, d.catalog.keys.map((k) => k.key)));
      }
      const viewer = principal(c).role === 'viewer';
      const values = Object.fromEntries([...at].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, viewer ? redacted(d, k.split('@')[0], v)! : v]));
      return c.json({ revision: q.revision, store: d.store.describe, values, ...(layers ? { layers } : {}) }, 200, { etag: etagAt, 'cache-control': 'no-cache', 'x-hpconf-revision': String(q.revision) });
    },
  },
  {
    method: 'get', path: '/grid', operationId: 'getGrid', response: R.Grid, action: 'read', tag: 'keys', summary: 'One parameter across models and timeframes', query: Grid,
    handler: async (c, d) => {
      const q = query<z.infer<typeof Grid>>(c);
      const g = await d.view.grid(q.param, q.part);
      if (!q.segment) return c.json(g);
      await segmentCells(d, g.cells, q.segment);
      return c.json({ ...g, segment: q.segment });
    },
  },
  {
    method: 'get', path: '/coverage', operationId: 'getCoverage', response: R.Coverage, action: 'read', tag: 'keys', summary: 'Required keys present and valid (what hpconf audit reports)',
    handler: async (c, d) => {
      const v = await d.store.values();
      const cov = coverage(d.catalog, (k) => v.get(k));
      return c.json({ revision: await d.store.head(), required: cov.required, valid: cov.valid, percent: cov.percent, complete: cov.complete,
        missing: cov.missing, invalid: cov.invalid, warnings: cov.warnings.map((w) => ({ key: w.key, message: w.message })) });
    },
  },
  {
    method: 'get', path: '/export', operationId: 'exportValues', etag: true, action: 'read', tag: 'keys', summary: 'Stored values as env, dotenv, json or a Kubernetes ConfigMap', query: Export,
    handler: async (c, d) => cached(c, d, query<z.infer<typeof Export>>(c).format),
  },
];
