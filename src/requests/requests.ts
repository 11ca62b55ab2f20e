import { HpconfError } from '../errors/registry.js';
import { unsafeText } from '../safe-text.js';
import type { Queryable } from '../store/db.js';
import { coverageDropError, validationError, type Change, type Plan, type Store, type WriteResult } from '../store/store.js';
import { personOf, SCHEDULER, type Caller } from './caller.js';
import { REQUEST_CHANNEL } from '../store/feed.js';
import { Evidence } from './evidence.js';

export type RequestState = 'draft' | 'open' | 'approved' | 'applied' | 'rejected' | 'scheduled' | 'suspended' | 'closed';
export const STATES: RequestState[] = ['draft', 'open', 'approved', 'applied', 'rejected', 'scheduled', 'suspended', 'closed'];
const FINAL: RequestState[] = ['applied', 'rejected', 'closed'];

export interface RequestItem { key: string; old: string | null; new: string | null }
export interface Approval { user: string; actor: string; version: number; at: Date; valid: boolean }
export interface RequestEvent { id: number; kind: string; version: number; actor: string; body: string; at: Date }
export interface ChangeRequest {
  id: number; environment: string; author: string; authorKind: string; reason: string; state: RequestState; version: number;
  baseRevision: number; minApprovals: number; approvers: string[] | null; force: boolean; scheduledAt: Date | null;
  createdAt: Date; updatedAt: Date; items: RequestItem[]; approvals: Approval[]; events: RequestEvent[];
  /** The change-set that applied it. */
  changesetId: number | null;
  /** Valid approvals of the current version, and how many it needs now (the larger of its own and the policy's). */
  have: number; need: number;
  /** What the proposal rests on (ftf promote: the run and its figures), or null. */
  evidence: Evidence | null;
}
export interface RequestSummary {
  id: number; environment: string; author: string; reason: string; state: RequestState; version: number; keys: number;
  have: number; need: number; createdAt: Date; updatedAt: Date; scheduledAt: Date | null;
}
/** What happened, for notifications (webhooks). */
export interface RequestNotice { kind: string; request: RequestSummary; actor: string; body: string }

const num = (v: unknown) => Number(v);
/** The moves webhooks are told of (a comment or an edit is not). */
const NOTIFIED = new Set(['opened', 'approved', 'changes_requested', 'rejected', 'scheduled', 'suspended', 'applied', 'closed']);

function checkText(what: string, s: string, max: number): void {
  const bad = unsafeText(s, { lines: true });
  if (bad) throw new HpconfError('HPC_USAGE', { details: `the ${what} holds ${bad}` });
  if (s.length > max) throw new HpconfError('HPC_USAGE', { details: `the ${what} is longer than ${max} characters` });
}

/** Valid approvals of a request's current version, counted by the database from who approved now. */
const VALID_APPROVAL = `
  a.cr_id = r.id AND a.version = r.version AND NOT u.disabled AND u.approver AND u.role IN ('operator', 'admin')
  AND u.id IS DISTINCT FROM r.author_user_id AND 'user:' || u.username <> r.author AND 'cli:' || u.username <> r.author
  AND (r.approvers IS NULL OR u.username = ANY (r.approvers))
  AND (p.approvers IS NULL OR u.username = ANY (p.approvers))`;
const POLICY_JOIN = `LEFT JOIN LATERAL (SELECT approvals, approvers FROM hp_policy p WHERE p.environment = r.environment ORDER BY id DESC LIMIT 1) p ON true`;
const COUNTS = `(SELECT count(*) FROM hp_cr_approval a JOIN hp_user u ON u.id = a.user_id WHERE ${VALID_APPROVAL}) AS have,
  greatest(r.min_approvals, coalesce(p.approvals, 0)) AS need`;

/**
 * Change requests: a proposed change-set for one environment, reviewed by people other than its author and
 * applied once. The rules that must hold under races are the database's: one approval per person and
 * version (a key), one application (a unique change-set per request), and each transition under the
 * request's row lock. Approvals are of one version: an edit makes a new one, so it voids them.
 */
export function requests(store: Store, o: { notify?: (n: RequestNotice) => void } = {}) {
  const db = store.db;
  const notify = (kind: string, r: RequestSummary, actor: string, body = '') => { try { o.notify?.({ kind, request: r, actor, body }); } catch { /* a notifier never fails a request */ } };

  /** Every move is recorded, and told at commit to every Console (its pages refresh the request). */
  async function event(tx: Queryable, id: number, kind: string, version: number, actor: string, body = ''): Promise<void> {
    await tx.query('INSERT INTO hp_cr_event (cr_id, kind, version, actor, body) VALUES ($1, $2, $3, $4, $5)', [id, kind, version, actor, body]);
    await tx.query('SELECT pg_notify($1, $2)', [REQUEST_CHANNEL, String(id)]);
    // Webhooks hear it if and only if this commits (the outbox, see notify/events.ts).
    if (NOTIFIED.has(kind)) {
      await tx.query(
        `INSERT INTO hp_event (kind, environment, payload)
         SELECT $1, environment, jsonb_build_object('request', id, 'state', state, 'reason', reason, 'author', author, 'actor', $3::text, 'body', $4::text,
                  'keys', (SELECT count(*) FROM hp_cr_item i WHERE i.cr_id = r.id AND i.version = r.version), 'scheduledAt', scheduled_at)
         FROM hp_change_request r WHERE id = $2`, [`request.${kind}`, id, actor, body]);
    }
  }
  const moved = (id: number) => store.feed.requestMoved(id);

  /** What the proposal would do to the environment now: refused like a write (bad values, broken rules, coverage). */
  async function checked(environment: string, changes: Change[], force: boolean): Promise<Plan> {
    const env = await store.use(environment);
    const plan = await env.plan(changes);
    if (plan.problems.length) throw validationError(plan.problems);
    if (!force && plan.drop.keys.length) throw coverageDropError(plan.drop);
    if (!plan.changes.length) throw new HpconfError('HPC_USAGE', { details: `nothing to change: ${environment} holds these values already` });
    return plan;
  }

  async function create(environment: string, changes: Change[], who: Caller, opts: { reason: string; draft?: boolean; force?: boolean; evidence?: unknown }): Promise<ChangeRequest> {
    if (!who.canWrite) throw new HpconfError('HPC_FORBIDDEN', { actor: who.actor, role: 'read only', action: 'propose changes' });
    if (!opts.reason?.trim()) throw new HpconfError('HPC_USAGE', { details: 'a change request needs a reason (--reason)' });
    checkText('reason', opts.reason, 2000);
    const ev = opts.evidence === undefined || opts.evidence === null ? null : Evidence.safeParse(opts.evidence);
    if (ev && !ev.success) throw new HpconfError('HPC_USAGE', { details: `the evidence is not as documented: ${ev.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}` });
    const plan = await checked(environment, changes, !!opts.force);
    const id = await db.transaction(async (tx) => {
      const pol = (await tx.query<{ approvals: unknown; approvers: string[] | null }>(
        'SELECT approvals, approvers FROM hp_policy WHERE environment = $1 ORDER BY id DESC LIMIT 1', [environment])).rows[0];
      const { rows } = await tx.query<{ id: unknown }>(
        `INSERT INTO hp_change_request (environment, author, author_kind, author_user_id, reason, state, base_revision, min_approvals, approvers, force, evidence)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [environment, who.actor, who.actorKind, who.user?.id ?? null, opts.reason, opts.draft ? 'draft' : 'open', plan.revision,
          Math.max(1, pol ? num(pol.approvals) : 0), pol?.approvers ?? null, !!opts.force, ev ? JSON.stringify(ev.data) : null]);
      const crId = num(rows[0].id);
      await insertItems(tx, crId, 1, plan.changes);
      await event(tx, crId, opts.draft ? 'drafted' : 'opened', 1, who.actor, opts.reason);
      return crId;
    });
    moved(id);
    const r = await get(id);
    if (!opts.draft) notify('request.opened', summary(r), who.actor, opts.reason);
    return r;
  }

  async function insertItems(tx: Queryable, id: number, version: number, items: { key: string; old: string | null; new: string | null }[]): Promise<void> {
    await tx.query(
      `INSERT INTO hp_cr_item (cr_id, version, key, old_value, new_value) SELECT $1, $2, k, o, n FROM unnest($3::text[], $4::text[], $5::text[]) AS t(k, o, n)`,
      [id, version, items.map((i) => i.key), items.map((i) => i.old), items.map((i) => i.new)]);
  }

  async function get(id: number, q: Queryable = db): Promise<ChangeRequest> {
    if (!Number.isSafeInteger(id) || id < 1) throw new HpconfError('HPC_NOT_FOUND', { what: `change request ${id}` });
    const { rows } = await q.query<Record<string, unknown>>(
      `SELECT r.*, ${COUNTS}, (SELECT id FROM hp_changeset s WHERE s.change_request = r.id) AS changeset_id
       FROM hp_change_request r ${POLICY_JOIN} WHERE r.id = $1`, [id]);
    const r = rows[0];
    if (!r) throw new HpconfError('HPC_NOT_FOUND', { what: `change request ${id}` });
    const items = (await q.query<Record<string, unknown>>('SELECT key, old_value, new_value FROM hp_cr_item WHERE cr_id = $1 AND version = $2 ORDER BY key', [id, r.version])).rows
      .map((i) => ({ key: String(i.key), old: i.old_value as string | null, new: i.new_value as string | null }));
    const approvals = (await q.query<Record<string, unknown>>(
      `SELECT u.username, a.actor, a.version, a.created_at, (${VALID_APPROVAL}) AS valid
       FROM hp_cr_approval a JOIN hp_user u ON u.id = a.user_id JOIN hp_change_request r ON r.id = a.cr_id ${POLICY_JOIN}
       WHERE a.cr_id = $1 ORDER BY a.created_at`, [id])).rows
      .map((a) => ({ user: String(a.username), actor: String(a.actor), version: num(a.version), at: a.created_at as Date, valid: a.valid === true }));
    const events = (await q.query<Record<string, unknown>>('SELECT id, kind, version, actor, body, created_at FROM hp_cr_event WHERE cr_id = $1 ORDER BY id', [id])).rows
      .map((e) => ({ id: num(e.id), kind: String(e.kind), version: num(e.version), actor: String(e.actor), body: String(e.body), at: e.created_at as Date }));
    return {
      id, environment: String(r.environment), author: String(r.author), authorKind: String(r.author_kind), reason: String(r.reason),
      state: r.state as RequestState, version: num(r.version), baseRevision: num(r.base_revision), minApprovals: num(r.min_approvals),
      approvers: (r.approvers as string[] | null) ?? null, force: r.force === true, scheduledAt: (r.scheduled_at as Date | null) ?? null,
      createdAt: r.created_at as Date, updatedAt: r.updated_at as Date, items, approvals, events,
      changesetId: r.changeset_id === null || r.changeset_id === undefined ? null : num(r.changeset_id), have: num(r.have), need: num(r.need),
      evidence: r.evidence === null || r.evidence === undefined ? null : (typeof r.evidence === 'string' ? JSON.parse(r.evidence) : r.evidence) as Evidence,
    };
  }

  function summary(r: ChangeRequest): RequestSummary {
    return { id: r.id, environment: r.environment, author: r.author, reason: r.reason, state: r.state, version: r.version, keys: r.items.length,
      have: r.have, need: r.need, createdAt: r.createdAt, updatedAt: r.updatedAt, scheduledAt: r.scheduledAt };
  }

  async function list(f: { state?: RequestState; environment?: string; limit?: number } = {}): Promise<RequestSummary[]> {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT r.id, r.environment, r.author, r.reason, r.state, r.version, r.created_at, r.updated_at, r.scheduled_at, ${COUNTS},
              (SELECT count(*) FROM hp_cr_item i WHERE i.cr_id = r.id AND i.version = r.version) AS keys
       FROM hp_change_request r ${POLICY_JOIN}
       WHERE ($1::text IS NULL OR r.state = $1) AND ($2::text IS NULL OR r.environment = $2)
       ORDER BY r.id DESC LIMIT $3`, [f.state ?? null, f.environment ?? null, f.limit ?? 200]);
    return rows.map((r) => ({
      id: num(r.id), environment: String(r.environment), author: String(r.author), reason: String(r.reason), state: r.state as RequestState,
      version: num(r.version), keys: num(r.keys), have: num(r.have), need: num(r.need), createdAt: r.created_at as Date, updatedAt: r.updated_at as Date,
      scheduledAt: (r.scheduled_at as Date | null) ?? null,
    }));
  }

  /** The request with the checks a write of it would get now (values, rules, coverage after), for its reviewers. */
  async function review(id: number): Promise<ChangeRequest & { plan: Plan }> {
    const r = await get(id);
    const env = await store.use(r.environment);
    return { ...r, plan: await env.plan(r.items.map((i) => ({ key: i.key, value: i.new }))) };
  }

  /**
   * One transition under the request's row lock: `fn` sees the locked row and returns the event to record (or
   * throws). Every transition but apply goes through here.
   */
  async function transition(id: number, who: Caller, fn: (r: Record<string, unknown>, tx: Queryable) => Promise<{ kind: string; body?: string } | undefined>): Promise<ChangeRequest> {
    const ev = await db.transaction(async (tx) => {
      const { rows } = await tx.query<Record<string, unknown>>(`SELECT r.*, ${COUNTS} FROM hp_change_request r ${POLICY_JOIN} WHERE r.id = $1 FOR UPDATE OF r`, [id]);
      if (!rows[0]) throw new HpconfError('HPC_NOT_FOUND', { what: `change request ${id}` });
      const e = await fn(rows[0], tx);
      if (e) {
        await tx.query('UPDATE hp_change_request SET updated_at = now() WHERE id = $1', [id]);
        await event(tx, id, e.kind, num(rows[0].version), who.actor, e.body ?? '');
      }
      return e;
    });
    if (ev) moved(id);
    const r = await get(id);
    if (ev && ev.kind !== 'commented') notify(`request.${ev.kind}`, summary(r), who.actor, ev.body ?? '');
    return r;
  }

  const isAuthor = (r: Record<string, unknown>, who: Caller) =>
    (who.user !== undefined && r.author_user_id !== null && num(r.author_user_id) === who.user.id)
    || r.author === who.actor
    || (who.user !== undefined && personOf(String(r.author)) === who.user.name);

  const stateIs = (r: Record<string, unknown>, allowed: RequestState[], action: string) => {
    if (!allowed.includes(r.state as RequestState)) throw new HpconfError('HPC_REQUEST_STATE', { id: num(r.id), state: String(r.state), action });
  };

  /** Refused unless this caller may review (approve, reject, ask for changes) the request: `verb` names what they tried. */
  async function assertReviewer(r: Record<string, unknown>, who: Caller, tx: Queryable, verb: string): Promise<void> {
    const why = await reviewRefusal(r, who, tx, verb);
    if (why) throw new HpconfError('HPC_APPROVAL_REFUSED', { actor: who.actor, id: num(r.id), why });
  }

  async function reviewRefusal(r: Record<string, unknown>, who: Caller, tx: Queryable, verb: string): Promise<string | undefined> {
    if (who.local) return `the local CLI never ${verb}: sign in to the Console (or use a token you made)`;
    if (!who.user) return 'approvals are by signed-in users (a session, or an API token acting as the user who made it)';
    if (!who.canWrite) return 'it needs write rights (a read token or a viewer cannot approve)';
    const u = (await tx.query<{ role: string; disabled: boolean; approver: boolean }>('SELECT role, disabled, approver FROM hp_user WHERE id = $1', [who.user.id])).rows[0];
    if (!u || u.disabled || !['operator', 'admin'].includes(u.role)) return 'the user is disabled or has no write rights';
    if (!u.approver) return `${who.user.name} is not an approver (the identity provider's claim, or an admin, says so)`;
    if (isAuthor(r, who)) return `the author never ${verb} their own request`;
    const pol = (await tx.query<{ approvers: string[] | null }>('SELECT approvers FROM hp_policy WHERE environment = $1 ORDER BY id DESC LIMIT 1', [r.environment])).rows[0];
    for (const list of [r.approvers as string[] | null, pol?.approvers ?? null]) {
      if (list && !list.includes(who.user.name)) return `only ${list.join(', ')} may approve in ${String(r.environment)}`;
    }
    return undefined;
  }

  async function approve(id: number, who: Caller, comment = ''): Promise<ChangeRequest> {
    checkText('comment', comment, 4000);
    return transition(id, who, async (r, tx) => {
      await assertReviewer(r, who, tx, 'approves');
      stateIs(r, ['open', 'approved'], 'approved');
      const ins = await tx.query('INSERT INTO hp_cr_approval (cr_id, version, user_id, actor) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING user_id',
        [id, r.version, who.user!.id, who.actor]);
      if (!ins.rows.length) throw new HpconfError('HPC_APPROVAL_REFUSED', { actor: who.actor, id, why: `${who.user!.name} approved version ${num(r.version)} already` });
      const have = num((await tx.query<{ n: unknown }>(
        `SELECT count(*) AS n FROM hp_cr_approval a JOIN hp_user u ON u.id = a.user_id JOIN hp_change_request r ON r.id = a.cr_id ${POLICY_JOIN} WHERE r.id = $1 AND ${VALID_APPROVAL}`, [id])).rows[0].n);
      if (r.state === 'open' && have >= num(r.need)) await tx.query("UPDATE hp_change_request SET state = 'approved' WHERE id = $1", [id]);
      return { kind: 'approved', body: comment };
    });
  }

  async function reject(id: number, who: Caller, reason: string): Promise<ChangeRequest> {
    if (!reason?.trim()) throw new HpconfError('HPC_USAGE', { details: 'rejecting needs a reason' });
    checkText('reason', reason, 4000);
    return transition(id, who, async (r, tx) => {
      await assertReviewer(r, who, tx, 'rejects');
      stateIs(r, ['open', 'approved', 'scheduled', 'suspended'], 'rejected');
      await tx.query("UPDATE hp_change_request SET state = 'rejected', scheduled_at = NULL WHERE id = $1", [id]);
      return { kind: 'rejected', body: reason };
    });
  }

  /** A reviewer asks the author for changes: recorded, and the request stays open for an edit (which voids approvals). */
  async function requestChanges(id: number, who: Caller, body: string): Promise<ChangeRequest> {
    if (!body?.trim()) throw new HpconfError('HPC_USAGE', { details: 'say which changes' });
    checkText('comment', body, 4000);
    return transition(id, who, async (r, tx) => {
      await assertReviewer(r, who, tx, 'reviews');
      stateIs(r, ['open', 'approved', 'scheduled'], 'reviewed');
      return { kind: 'changes_requested', body };
    });
  }

  async function comment(id: number, who: Caller, body: string): Promise<ChangeRequest> {
    if (!body?.trim()) throw new HpconfError('HPC_USAGE', { details: 'an empty comment' });
    checkText('comment', body, 4000);
    return transition(id, who, async () => ({ kind: 'commented', body }));
  }

  async function close(id: number, who: Caller, reason = ''): Promise<ChangeRequest> {
    checkText('reason', reason, 4000);
    return transition(id, who, async (r, tx) => {
      if (!isAuthor(r, who) && !who.admin && !who.local) throw new HpconfError('HPC_FORBIDDEN', { actor: who.actor, role: 'not the author', action: `close change request ${id}` });
      stateIs(r, ['draft', 'open', 'approved', 'scheduled', 'suspended'], 'closed');
      await tx.query("UPDATE hp_change_request SET state = 'closed', scheduled_at = NULL WHERE id = $1", [id]);
      return { kind: 'closed', body: reason };
    });
  }
  /** A draft goes up for review. */
  async function submit(id: number, who: Caller): Promise<ChangeRequest> {
    return transition(id, who, async (r, tx) => {
      if (!isAuthor(r, who)) throw new HpconfError('HPC_FORBIDDEN', { actor: who.actor, role: 'not the author', action: `open change request ${id}` });
      stateIs(r, ['draft'], 'opened');
      await tx.query("UPDATE hp_change_request SET state = 'open' WHERE id = $1", [id]);
      return { kind: 'opened' };
    });
  }

  /**
   * The author changes the proposal: a new version (keys merged, `drop` removed), checked like a new request,
   * on the current revision. Every approval was of the old version, so none counts any more.
   */
  async function edit(id: number, who: Caller, changes: Change[], opts: { drop?: string[]; reason?: string; force?: boolean } = {}): Promise<ChangeRequest> {
    if (opts.reason) checkText('reason', opts.reason, 2000);
    const cur = await get(id);
    const merged = new Map(cur.items.map((i) => [i.key, i.new]));
    for (const k of opts.drop ?? []) {
      if (!merged.has(k)) throw new HpconfError('HPC_USAGE', { details: `change request ${id} does not change ${k}` });
      merged.delete(k);
    }
    for (const c of changes) merged.set(c.key, c.value);
    const force = opts.force ?? cur.force;
    const plan = await checked(cur.environment, [...merged].map(([key, value]) => ({ key, value })), force);
    return transition(id, who, async (r, tx) => {
      if (!isAuthor(r, who)) throw new HpconfError('HPC_FORBIDDEN', { actor: who.actor, role: 'not the author', action: `edit change request ${id}` });
      stateIs(r, ['draft', 'open', 'approved', 'scheduled', 'suspended'], 'edited');
      if (num(r.version) !== cur.version) throw new HpconfError('HPC_REQUEST_STATE', { id, state: `at version ${num(r.version)}`, action: `edited from version ${cur.version}` });
      const version = cur.version + 1;
      await tx.query(
        `UPDATE hp_change_request SET version = $2, base_revision = $3, force = $4, reason = coalesce($5, reason), scheduled_at = NULL,
           state = CASE WHEN state = 'draft' THEN 'draft' ELSE 'open' END WHERE id = $1`, [id, version, plan.revision, force, opts.reason ?? null]);
      await insertItems(tx, id, version, plan.changes);
      return { kind: 'edited', body: `version ${version}: ${plan.changes.length} key(s)${num(r.have) ? `; ${num(r.have)} approval(s) of version ${cur.version} no longer count` : ''}` };
    });
  }

  async function schedule(id: number, who: Caller, at: Date): Promise<ChangeRequest> {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new HpconfError('HPC_USAGE', { details: '--at takes an ISO-8601 time (2026-12-24T06:00:00Z)' });
    if (!who.canWrite) throw new HpconfError('HPC_FORBIDDEN', { actor: who.actor, role: 'read only', action: `schedule change request ${id}` });
    return transition(id, who, async (r, tx) => {
      stateIs(r, ['approved'], 'scheduled (only an approved request is)');
      if (num(r.have) < num(r.need)) throw new HpconfError('HPC_REQUEST_NOT_APPROVED', { id, have: num(r.have), need: num(r.need), details: '' });
      await tx.query("UPDATE hp_change_request SET state = 'scheduled', scheduled_at = $2 WHERE id = $1", [id, at]);
      return { kind: 'scheduled', body: at.toISOString() };
    });
  }

  /**
   * Apply an approved request as one change-set of its environment. Under the writers' lock and the request's
   * row lock: its state, its version, the approvals valid now (a disabled user no longer counts), no key moved
   * since its base revision (409 with the keys), and every catalog rule. Once: the database lets one change-set
   * name a request.
   */
  async function apply(id: number, who: Caller): Promise<{ request: ChangeRequest; result: WriteResult; delay?: number }> {
    if (!who.canWrite) throw new HpconfError('HPC_FORBIDDEN', { actor: who.actor, role: 'read only', action: `apply change request ${id}` });
    const cur = await get(id);
    const scheduled = who === SCHEDULER;
    let delay: number | undefined;
    const env = await store.use(cur.environment);
    const result = await env.apply(cur.items.map((i) => ({ key: i.key, value: i.new })), {
      actor: who.actor, actorKind: who.actorKind, reason: `change request #${id}: ${cur.reason}`, baseRevision: cur.baseRevision, force: cur.force,
      request: {
        id,
        check: async (tx) => {
          const { rows } = await tx.query<Record<string, unknown>>(
            `SELECT r.state, r.version, r.scheduled_at, now() AS now, ${COUNTS} FROM hp_change_request r ${POLICY_JOIN} WHERE r.id = $1 FOR UPDATE OF r`, [id]);
          const r = rows[0];
          stateIs({ ...r, id }, scheduled ? ['scheduled'] : ['approved'], scheduled ? 'applied by the scheduler' : 'applied');
          if (num(r.version) !== cur.version) throw new HpconfError('HPC_REQUEST_STATE', { id, state: `at version ${num(r.version)}`, action: `applied from version ${cur.version}` });
          if (num(r.have) < num(r.need)) {
            throw new HpconfError('HPC_REQUEST_NOT_APPROVED', { id, have: num(r.have), need: num(r.need), details: ' (an approver was disabled, lost write rights or is no longer an approver)' });
          }
          if (scheduled) delay = Math.max(0, Math.round(((r.now as Date).getTime() - (r.scheduled_at as Date).getTime()) / 1000));
        },
        done: async (tx, changesetId) => {
          await tx.query("UPDATE hp_change_request SET state = 'applied', updated_at = now() WHERE id = $1", [id]);
          await event(tx, id, 'applied', cur.version, who.actor,
            `${changesetId === null ? 'nothing left to change' : `change-set ${changesetId}`}${delay !== undefined ? `; ${delay} s after its time` : ''}`);
        },
      },
    });
    moved(id);
    const request = await get(id);
    notify('request.applied', summary(request), who.actor, request.events[request.events.length - 1]?.body ?? '');
    return { request, result, delay };
  }

  /** Suspend a scheduled request that can no longer apply as approved, with the reason. */
  async function suspend(id: number, reason: string): Promise<ChangeRequest> {
    return transition(id, SCHEDULER, async (r, tx) => {
      stateIs(r, ['scheduled'], 'suspended');
      await tx.query("UPDATE hp_change_request SET state = 'suspended', scheduled_at = NULL WHERE id = $1", [id]);
      return { kind: 'suspended', body: reason };
    });
  }

  /**
   * The scheduler's tick: apply every scheduled request whose time has come (a Console that was down at that
   * time does it on its next start, the delay recorded). Several Consoles may tick at once: the row lock and
   * the state make each apply happen once. A request that cannot apply as approved is suspended.
   */
  async function runDue(): Promise<{ applied: number[]; suspended: number[] }> {
    const { rows } = await db.query<{ id: unknown }>("SELECT id FROM hp_change_request WHERE state = 'scheduled' AND scheduled_at <= now() ORDER BY scheduled_at, id");
    const out = { applied: [] as number[], suspended: [] as number[] };
    for (const { id: raw } of rows) {
      const id = num(raw);
      try {
        await apply(id, SCHEDULER);
        out.applied.push(id);
      } catch (e) {
        if (!(e instanceof HpconfError)) throw e;
        if (e.code === 'HPC_REQUEST_STATE') continue; // another Console applied it, or it was closed meanwhile
        try { await suspend(id, e.message); out.suspended.push(id); } catch (e2) { if (!(e2 instanceof HpconfError && e2.code === 'HPC_REQUEST_STATE')) throw e2; }
      }
    }
    return out;
  }

  return { create, get, list, review, approve, reject, comment, requestChanges, close, submit, edit, schedule, apply, runDue, summary, FINAL };
}

export type Requests = ReturnType<typeof requests>;
