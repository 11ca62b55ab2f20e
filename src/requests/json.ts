import { REDACTED, isSecret } from '../catalog/check.js';
import type { Catalog } from '../catalog/types.js';
import type { Plan } from '../store/store.js';
import type { ChangeRequest, RequestSummary } from './requests.js';

/**
 * A change request as the API and `cr show --json` give it: times in ISO 8601 (UTC), secret values redacted.
 * One shape whether the CLI reads the store itself or a Console.
 */
export function requestJson(c: Catalog, r: ChangeRequest & { plan?: Plan }) {
  const show = (k: string, v: string | null) => (v !== null && isSecret(c, k) ? REDACTED : v);
  return {
    id: r.id, environment: r.environment, author: r.author, reason: r.reason, state: r.state, version: r.version, baseRevision: r.baseRevision,
    need: r.need, have: r.have, approvers: r.approvers, force: r.force, scheduledAt: r.scheduledAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), changesetId: r.changesetId,
    items: r.items.map((i) => ({ key: i.key, old: show(i.key, i.old), new: show(i.key, i.new) })),
    approvals: r.approvals.map((a) => ({ user: a.user, actor: a.actor, version: a.version, at: a.at.toISOString(), valid: a.valid })),
    events: r.events.map((e) => ({ id: e.id, kind: e.kind, version: e.version, actor: e.actor, body: e.body, at: e.at.toISOString() })),
    evidence: r.evidence,
    ...(r.plan ? { checks: planJson(c, r.plan) } : {}),
  };
}

export function planJson(c: Catalog, p: Plan) {
  const show = (k: string, v: string | null) => (v !== null && isSecret(c, k) ? REDACTED : v);
  return {
    ok: !p.problems.length, revision: p.revision, problems: p.problems, warnings: p.warnings,
    changes: p.changes.map((x) => ({ key: x.key, old: show(x.key, x.old), new: show(x.key, x.new) })),
    coverage: { required: p.drop.required, presentAfter: p.drop.presentAfter, percentAfter: p.drop.percentAfter, unsets: p.drop.keys },
  };
}

export function summaryJson(r: RequestSummary) {
  return { ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), scheduledAt: r.scheduledAt?.toISOString() ?? null };
}

export type RequestJson = ReturnType<typeof requestJson>;
export type SummaryJson = ReturnType<typeof summaryJson>;
