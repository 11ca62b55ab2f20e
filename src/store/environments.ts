import { HpconfError } from '../errors/registry.js';
import { isGroupDefinition } from '../catalog/segments.js';
import { unsafeText } from '../safe-text.js';
import type { Queryable } from './db.js';
import { DEFAULT_ENVIRONMENT, environmentNames, environmentUnknown, legacyEnvironment, legacyIsView, policyIn, type ActorKind, type Change, type Store } from './store.js';

export interface Policy { approvals: number; approvers: string[] | null }
export interface EnvironmentInfo extends Policy {
  name: string; keys: number; createdBy: string; createdAt: Date;
  /** The newest store revision that changed this environment (0: never changed). */
  revision: number;
  /** The legacy ftf_config row mirrors this one. */
  legacy: boolean;
}
export interface PolicyChange extends Policy { id: number; environment: string; actor: string; reason: string; at: Date }
export interface Who { actor: string; actorKind: ActorKind; reason?: string }

const NAME = /^[a-z][a-z0-9_-]{0,31}$/;
const USER = /^[a-z0-9][a-z0-9._-]{1,62}$/;
const num = (v: unknown) => Number(v);

export function checkEnvironmentName(name: string): void {
  if (!NAME.test(name)) throw new HpconfError('HPC_USAGE', { details: `environment name "${name}": a lower-case letter, then up to 31 of a-z 0-9 _ - (like staging or prod-eu)` });
}

/** Stricter is a higher count, or a named list of approvers where anyone could approve, or a shorter list. */
export function loosens(from: Policy, to: Policy): boolean {
  if (to.approvals < from.approvals) return true;
  if (from.approvals === 0) return false;
  if (from.approvers === null) return false; // anyone could approve: any list narrows it
  if (to.approvers === null) return true;
  return to.approvers.some((u) => !from.approvers!.includes(u));
}

/**
 * Named environments of one store. Each is a complete set of values with its own history in the one change log
 * (revisions stay one store-wide counter) and a review policy, kept append-only so its changes are audited.
 */
export function environments(store: Store) {
  const db = store.db;

  async function list(): Promise<EnvironmentInfo[]> {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT e.name, e.created_by, e.created_at,
              (SELECT count(*) FROM hp_value v WHERE v.environment = e.name AND v.segment = '') AS keys,
              (SELECT coalesce(max(revision), 0) FROM hp_change c WHERE c.environment = e.name) AS revision,
              p.approvals, p.approvers
       FROM hp_environment e
       LEFT JOIN LATERAL (SELECT approvals, approvers FROM hp_policy p WHERE p.environment = e.name ORDER BY id DESC LIMIT 1) p ON true
       ORDER BY e.name`);
    const legacy = await legacyEnvironment(db);
    return rows.map((r) => ({
      name: String(r.name), createdBy: String(r.created_by), createdAt: r.created_at as Date, keys: num(r.keys), revision: num(r.revision),
      approvals: r.approvals === null ? 0 : num(r.approvals), approvers: (r.approvers as string[] | null) ?? null, legacy: r.name === legacy,
    }));
  }

  async function policy(name: string): Promise<Policy> {
    const p = await policyIn(db, name);
    if (!p) throw environmentUnknown(name, await environmentNames(db));
    return p;
  }

  /**
   * A new environment holding a copy of another's values (`default` unless named), as its first change-set: its
   * coverage is the source's from the start. The environment and its values are one transaction.
   */
  async function create(name: string, o: Who & { from?: string }): Promise<{ changesetId: number | null; revision: number; keys: number }> {
    checkEnvironmentName(name);
    const from = o.from ?? DEFAULT_ENVIRONMENT;
    const source = await store.use(from);
    // Everything the source holds: base values, group definitions and overrides (segments.ts).
    const values = await source.layered();
    const known = (a: string) => store.catalog.byKey.has(a.split('@')[0]) || isGroupDefinition(a);
    const changes: Change[] = [...values].filter(([k]) => known(k)).map(([key, value]) => ({ key, value }));
    const res = await store.scope(name).apply(changes, {
      actor: o.actor, actorKind: o.actorKind, reason: o.reason || `environment ${name} created from ${from}`,
      prepare: async (tx: Queryable) => {
        const { rows } = await tx.query('INSERT INTO hp_environment (name, created_by) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING name', [name, o.actor]);
        if (!rows.length) throw new HpconfError('HPC_USAGE', { details: `environment ${name} exists already` });
      },
    });
    return { changesetId: res.changesetId, revision: res.revision, keys: changes.length };
  }

  /**
   * Set how many approvals a change of the environment needs, and who may give them (null: any active user
   * with write rights but the author). Loosening a protected environment's policy is the store owner's alone
   * (`owner`: the CLI on the store itself, never a Console), so nobody lowers it, writes, and raises it back.
   */
  async function setPolicy(name: string, p: Policy, o: Who & { owner: boolean }): Promise<PolicyChange> {
    if (!Number.isInteger(p.approvals) || p.approvals < 0 || p.approvals > 10) throw new HpconfError('HPC_USAGE', { details: '--approvals takes 0 to 10' });
    const approvers = p.approvers?.length ? [...new Set(p.approvers)] : null;
    for (const u of approvers ?? []) if (!USER.test(u)) throw new HpconfError('HPC_USAGE', { details: `approver "${u}" is not a user name` });
    if (approvers && p.approvals > approvers.length) throw new HpconfError('HPC_USAGE', { details: `${p.approvals} approvals from ${approvers.length} approver(s) can never be met` });
    const bad = unsafeText(o.reason ?? '', { lines: true });
    if (bad) throw new HpconfError('HPC_USAGE', { details: `the reason holds ${bad}` });
    return db.transaction(async (tx) => {
      await tx.query('SELECT id FROM ftf_config WHERE id = 1 FOR UPDATE'); // one writer at a time, as for values
      const cur = await policyIn(tx, name);
      if (!cur) throw environmentUnknown(name, await environmentNames(tx));
      if (!o.owner && loosens(cur, { approvals: p.approvals, approvers })) {
        throw new HpconfError('HPC_FORBIDDEN', { actor: o.actor, role: 'not the store owner', action: `loosen the review policy of ${name} (only the CLI on the store itself may)` });
      }
      const { rows } = await tx.query<Record<string, unknown>>(
        'INSERT INTO hp_policy (environment, approvals, approvers, actor, reason) VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at',
        [name, p.approvals, approvers, o.actor, o.reason ?? '']);
      return { id: num(rows[0].id), environment: name, approvals: p.approvals, approvers, actor: o.actor, reason: o.reason ?? '', at: rows[0].created_at as Date };
    });
  }

  async function policyHistory(name: string): Promise<PolicyChange[]> {
    const { rows } = await db.query<Record<string, unknown>>('SELECT id, environment, approvals, approvers, actor, reason, created_at FROM hp_policy WHERE environment = $1 ORDER BY id DESC', [name]);
    return rows.map((r) => ({ id: num(r.id), environment: String(r.environment), approvals: num(r.approvals), approvers: r.approvers as string[] | null, actor: String(r.actor), reason: String(r.reason), at: r.created_at as Date }));
  }

  /**
   * Make the legacy ftf_config row mirror another environment: its catalog keys are replaced by that
   * environment's values in the same transaction (keys other tools keep there stay).
   */
  async function mirror(name: string, o: Who): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.query('SELECT id FROM ftf_config WHERE id = 1 FOR UPDATE');
      if (!(await policyIn(tx, name))) throw environmentUnknown(name, await environmentNames(tx));
      await tx.query("UPDATE hp_setting SET value = $1 WHERE name = 'legacy_environment'", [name]);
      // A view follows the setting; its own row records who switched it.
      if (await legacyIsView(tx)) { await tx.query('UPDATE hp_legacy_row SET updated_by = $1, updated_at = now() WHERE id = 1', [o.actor]); return; }
      await tx.query(
        `UPDATE ftf_config SET base_env = (base_env - $2::text[]) || coalesce((SELECT jsonb_object_agg(key, value) FROM hp_value WHERE environment = $1 AND segment = ''), '{}'::jsonb),
           updated_by = $3, updated_at = now() WHERE id = 1`, [name, store.catalog.keys.map((k) => k.key), o.actor]);
    });
  }

  return { list, policy, create, setPolicy, policyHistory, mirror };
}

export type Environments = ReturnType<typeof environments>;
