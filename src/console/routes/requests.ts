import { z } from 'zod';
import * as R from '../responses.js';
import { HpconfError } from '../../errors/registry.js';
import { isSecret } from '../../catalog/check.js';
import { callerOf } from '../auth/principal.js';
import { body, principal, query, type Ctx, type RouteDef } from '../http.js';
import { S, pathId, strict } from '../schemas.js';
import { requestJson, summaryJson } from '../../requests/json.js';
import { STATES, type RequestState } from '../../requests/requests.js';
import type { Deps } from '../deps.js';
import { Evidence } from '../../requests/evidence.js';

const Item = strict({ key: S.text(200).min(1), value: S.text(200).nullable() });
const Create = strict({
  changes: z.array(Item).min(1).max(10_000).optional(),
  revert: strict({ changeset: S.revision().min(1), keys: z.array(S.text(200)).min(1).max(10_000).optional() }).optional()
    .describe('propose undoing a change-set (or some of its keys) instead of giving the changes (secret values never travel)'),
  reason: S.reason().min(1, 'a change request needs a reason'),
  draft: z.boolean().default(false), force: z.boolean().default(false).describe('the proposal unsets required keys knowingly (coverage drops)'),
  evidence: Evidence.optional().describe('what the proposal rests on: ftf promote sends the run and, per study, the best trial against the defaults on test'),
});
const List = strict({ state: z.enum(STATES as [RequestState, ...RequestState[]]).optional(), all: z.enum(['true', 'false']).optional().describe('every environment, not only the one named') });
const Comment = strict({ body: S.reason().optional() });
const Reason = strict({ reason: S.reason().optional() });
const Schedule = strict({ at: z.iso.datetime({ offset: true }).describe('ISO 8601 with Z or an offset') });
const Edit = strict({ changes: z.array(Item).max(10_000).default([]), drop: z.array(S.text(200)).max(10_000).optional(), reason: S.reason().optional(), force: z.boolean().optional() });

const idOf = (c: Ctx) => {
  const id = pathId(c.req.param('id'));
  if (id === undefined) throw new HpconfError('HPC_NOT_FOUND', { what: `change request ${c.req.param('id')}` });
  return id;
};
const shown = async (d: Deps, id: number) => requestJson(d.catalog, await d.requests.review(id));

type Act = (d: Deps, c: Ctx, id: number) => Promise<unknown>;
const act = (name: string, summary: string, b: z.ZodType, action: 'read' | 'write', run: Act): RouteDef => ({
  method: 'post', path: `/requests/:id/${name}`, operationId: `${name.replace(/-(\w)/g, (_m, x: string) => x.toUpperCase())}Request`, response: R.ChangeRequest, action, tag: 'requests', summary, body: b,
  handler: async (c, d) => { const id = idOf(c); await run(d, c, id); return c.json(await shown(d, id)); },
});

export const requestRoutes: RouteDef[] = [
  {
    method: 'get', path: '/requests', operationId: 'listRequests', response: R.ChangeRequests, action: 'read', tag: 'requests', query: List,
    summary: 'The change requests of the environment (or every environment with all=true), newest first',
    handler: async (c, d) => {
      const q = query<z.infer<typeof List>>(c);
      return c.json({ items: (await d.requests.list({ state: q.state, environment: q.all === 'true' ? undefined : d.store.environment })).map(summaryJson) });
    },
  },
  {
    method: 'post', path: '/requests', operationId: 'createRequest', response: R.ChangeRequest, status: 201, action: 'write', tag: 'requests', body: Create,
    summary: 'Propose a change-set for the environment: checked like a write (values, rules, coverage after), then open for review', bodyLimit: 4 * 1024 * 1024,
    handler: async (c, d) => {
      const b = body<z.infer<typeof Create>>(c);
      if (!b.changes === !b.revert) throw new HpconfError('HPC_USAGE', { details: 'give either changes or revert' });
      const changes = b.changes ?? (await d.store.revertChanges(b.revert!.changeset, b.revert!.keys)).changes;
      const r = await d.requests.create(d.store.environment, changes, callerOf(principal(c)), { reason: b.reason, draft: b.draft, force: b.force, evidence: b.evidence });
      return c.json(await shown(d, r.id), 201);
    },
  },
  {
    method: 'get', path: '/requests/:id', operationId: 'getRequest', response: R.ChangeRequest, action: 'read', tag: 'requests',
    summary: 'One change request: its keys (old and new), approvals, history, and the checks a write of it would get now',
    handler: async (c, d) => c.json(await shown(d, idOf(c))),
  },
  act('comment', 'Comment on a change request', Comment, 'read', async (d, c, id) => d.requests.comment(id, callerOf(principal(c)), body<z.infer<typeof Comment>>(c).body ?? '')),
  act('approve', 'Approve the current version (signed-in writers other than the author; a token approves as the user who made it)', Comment, 'write',
    async (d, c, id) => d.requests.approve(id, callerOf(principal(c)), body<z.infer<typeof Comment>>(c).body ?? '')),
  act('request-changes', 'Ask the author for changes (a reviewer; the request stays open for an edit)', Comment, 'write',
    async (d, c, id) => d.requests.requestChanges(id, callerOf(principal(c)), body<z.infer<typeof Comment>>(c).body ?? '')),
  act('reject', 'Reject, with a reason (final)', Reason, 'write', async (d, c, id) => d.requests.reject(id, callerOf(principal(c)), body<z.infer<typeof Reason>>(c).reason ?? '')),
  act('close', 'Withdraw a request (its author or an admin)', Reason, 'write', async (d, c, id) => d.requests.close(id, callerOf(principal(c)), body<z.infer<typeof Reason>>(c).reason ?? '')),
  act('submit', 'Open a draft for review (its author)', strict({}), 'write', async (d, c, id) => d.requests.submit(id, callerOf(principal(c)))),
  act('schedule', 'Apply an approved request at a time (within 60 s of it, exactly once)', Schedule, 'write',
    async (d, c, id) => d.requests.schedule(id, callerOf(principal(c)), new Date(body<z.infer<typeof Schedule>>(c).at))),
  act('edit', 'Change the proposal (its author): a new version; every approval of the old one is void', Edit, 'write', async (d, c, id) => {
    const b = body<z.infer<typeof Edit>>(c);
    return d.requests.edit(id, callerOf(principal(c)), b.changes, { drop: b.drop, reason: b.reason, force: b.force });
  }),
  {
    method: 'post', path: '/requests/:id/apply', operationId: 'applyRequest', response: R.RequestApplied, action: 'write', tag: 'requests', body: strict({}),
    summary: 'Apply an approved request as one change-set: 409 if a key moved since its base revision (the keys named), or if it lacks valid approvals',
    handler: async (c, d) => {
      const id = idOf(c);
      const { result } = await d.requests.apply(id, callerOf(principal(c)));
      const secret = (k: string) => isSecret(d.catalog, k);
      return c.json({
        request: await shown(d, id),
        result: { ...result, changes: result.changes.map((ch) => ({ ...ch, oldValue: secret(ch.key) && ch.oldValue !== null ? '[redacted]' : ch.oldValue, newValue: secret(ch.key) && ch.newValue !== null ? '[redacted]' : ch.newValue })),
          warnings: result.warnings.map((w) => ({ key: w.key, code: w.code, message: w.message })) },
      });
    },
  },
];
