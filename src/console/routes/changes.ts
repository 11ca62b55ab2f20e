import { z } from 'zod';
import * as R from '../responses.js';
import { HpconfError } from '../../errors/registry.js';
import { body, query, type RouteDef } from '../http.js';
import { shownPlan, writeChanges } from './keys.js';
import type { HistoryEntry } from '../../store/store.js';
import type { Deps } from '../deps.js';
import { S, pathId, strict } from '../schemas.js';

const History = strict({
  key: S.text(200).optional().describe('exactly this key'),
  keyLike: S.text(200).optional().describe('keys containing this text (any case)'),
  actor: S.text(200).optional().describe('actors containing this text (any case)'),
  q: S.text(200).optional().describe('key, actor or reason containing this text (any case)'),
  since: z.iso.datetime({ offset: true }).optional(), until: z.iso.datetime({ offset: true }).optional(),
  changeset: S.queryId().optional(), limit: z.coerce.number().int().min(1).max(5000).default(200),
  before: S.queryId().optional().describe('revisions below this one (the next page)'),
});
const RevertPreview = strict({ keys: z.array(S.text(200)).min(1).max(100_000).optional() }).default({});
const Revert = strict({
  reason: S.reason().min(1, 'a reason is required to revert'), baseRevision: S.revision().optional(),
  keys: z.array(S.text(200)).min(1).max(100_000).optional().describe('revert only these keys of the change-set'),
  force: z.boolean().default(false).describe('needed when the revert unsets required keys (coverage would drop below 100 %)'),
});

function shownEntry(d: Deps, e: HistoryEntry) {
  const secret = d.catalog.byKey.get(e.key)?.secret;
  const show = (v: string | null) => (v !== null && secret ? '[redacted]' : v);
  return { ...e, oldValue: show(e.oldValue), newValue: show(e.newValue), at: e.at.toISOString() };
}

export const changeRoutes: RouteDef[] = [
  {
    method: 'get', path: '/changes', operationId: 'listChanges', response: R.Changes, action: 'read', tag: 'changes', summary: 'The change log, newest first: filter by key, actor, text, time, change-set; paged with `before`', query: History,
    handler: async (c, d) => {
      const q = query<z.infer<typeof History>>(c);
      const rows = await d.store.history({
        key: q.key, keyLike: q.keyLike, actorLike: q.actor, text: q.q, since: q.since ? new Date(q.since) : undefined, until: q.until ? new Date(q.until) : undefined,
        changesetId: q.changeset, before: q.before, limit: q.limit + 1,
      });
      const more = rows.length > q.limit;
      const items = rows.slice(0, q.limit);
      return c.json({ items: items.map((e) => shownEntry(d, e)), nextBefore: more ? items[items.length - 1].revision : null });
    },
  },
  {
    method: 'get', path: '/changesets', operationId: 'listChangesets', response: R.ChangesetList, action: 'read', tag: 'changes',
    summary: 'The change log by change-set, newest first: who, when (UTC), why, how many keys and the first five; the same filters as /changes (a key filter keeps change-sets that touched it); paged with `before` (a change-set id)', query: History,
    handler: async (c, d) => {
      const q = query<z.infer<typeof History>>(c);
      const rows = await d.store.changesets({
        key: q.key, keyLike: q.keyLike, actorLike: q.actor, text: q.q, since: q.since ? new Date(q.since) : undefined, until: q.until ? new Date(q.until) : undefined,
        changesetId: q.changeset, before: q.before, limit: Math.min(q.limit, 500) + 1,
      });
      const limit = Math.min(q.limit, 500);
      const items = rows.slice(0, limit);
      return c.json({ items: items.map((x) => ({ ...x, at: x.at.toISOString() })), nextBefore: rows.length > limit ? items[items.length - 1].id : null });
    },
  },
  {
    method: 'get', path: '/changesets/:id', operationId: 'getChangeset', response: R.Changeset, action: 'read', tag: 'changes', summary: 'One change-set: who, when, why, every old and new value',
    handler: async (c, d) => {
      const id = pathId(c.req.param('id'));
      const rows = id !== undefined ? await d.store.history({ changesetId: id, limit: 100_000 }) : [];
      if (!rows.length) throw new HpconfError('HPC_NOT_FOUND', { what: `change-set ${c.req.param('id')}` });
      const h = rows[0];
      return c.json({ id, actor: h.actor, actorKind: h.actorKind, reason: h.reason, at: h.at.toISOString(), reverts: h.reverts, changes: rows.map((e) => shownEntry(d, e)) });
    },
  },
  {
    method: 'post', path: '/changesets/:id/revert/preview', operationId: 'previewRevert', response: R.RevertPreview, action: 'read', tag: 'changes',
    summary: 'What reverting a change-set (or some of its keys) would write, with the coverage after; nothing is written', body: RevertPreview,
    handler: async (c, d) => {
      const id = pathId(c.req.param('id'));
      if (id === undefined) throw new HpconfError('HPC_NOT_FOUND', { what: `change-set ${c.req.param('id')}` });
      const { changes, entries } = await d.store.revertChanges(id, body<z.infer<typeof RevertPreview>>(c).keys);
      const h = entries[0];
      return c.json({ changesetId: id, actor: h.actor, actorKind: h.actorKind, reason: h.reason, at: h.at.toISOString(), seed: h.actorKind === 'seed',
        ...shownPlan(d, await d.store.plan(changes)) });
    },
  },
  {
    method: 'post', path: '/changesets/:id/revert', operationId: 'revertChangeset', response: R.WriteResult, action: 'write', tag: 'changes',
    summary: 'Undo a change-set (or some of its keys) as a new change-set, with a reason; 409 if a key changed since, or if required keys would be unset without force', body: Revert,
    bodyLimit: 16 * 1024 * 1024,
    handler: async (c, d) => {
      const id = pathId(c.req.param('id'));
      if (id === undefined) throw new HpconfError('HPC_NOT_FOUND', { what: `change-set ${c.req.param('id')}` });
      const b = body<z.infer<typeof Revert>>(c);
      return c.json(await writeChanges(c, d, [], { ...b, reverts: id }));
    },
  },
];
