import { HpconfError } from '../errors/registry.js';
import { checkState, checkValue, type Problem } from '../catalog/check.js';
import { didYouMean } from '../catalog/suggest.js';
import type { Catalog } from '../catalog/types.js';
import { formatValue } from '../resolver/grammar.js';
import { unsafeText } from '../safe-text.js';
import { jsonRows, type Db, type Queryable } from './db.js';
import { REVISION_CHANNEL, revisionFeed } from './feed.js';
import { emit } from '../notify/events.js';
import { checkGroupName, formatGroup, isGroupDefinition, parseAddress, parseGroup } from '../catalog/segments.js';
import { checkSegments, touchesGroups } from './segment-checks.js';

export type ActorKind = 'user' | 'token' | 'cli' | 'seed' | 'system';

export interface Entry { key: string; value: string; revision: number; updatedBy: string; updatedAt: Date }
/**
 * `value: null` removes the key. `key` is an address: a catalog key, an override `KEY@SEGMENT` (`@UNI`,
 * `@group:defi_top5`), or a group's definition `group:NAME` (segments.ts).
 */
export interface Change { key: string; value: string | null }
export interface WriteOptions {
  actor: string;
  actorKind: ActorKind;
  reason?: string;
  /** The revision the writer read: a key changed after it is a conflict, never a silent overwrite. */
  baseRevision?: number;
  reverts?: number;
  /** Unsetting a required key lowers coverage below 100 %: refused unless forced. */
  force?: boolean;
  /**
   * The store owner writing past the environment's review policy (the CLI on the data directory, or as the
   * database's owner role): refused to anyone else, and marked in the change log.
   */
  breakGlass?: boolean;
  /**
   * A change request being applied: `check` runs in the write's transaction, after the writers' lock and before
   * anything is written (it re-checks the request's state and approvals under its row lock); `done` records the
   * change-set. Only this passes an environment's policy, and the database lets a request name one change-set.
   */
  /** Runs first in the write's transaction (creating the environment a first change-set fills). */
  prepare?: (tx: Queryable) => Promise<void>;
  request?: { id: number; check(tx: Queryable): Promise<void>; done(tx: Queryable, changesetId: number | null, revision: number): Promise<void> };
}
export interface AppliedChange { revision: number; key: string; oldValue: string | null; newValue: string | null }
export interface WriteResult { changesetId: number | null; revision: number; changes: AppliedChange[]; warnings: Problem[] }
export interface Conflict { key: string; baseRevision: number; revision: number; current: string | null; proposed: string | null }
export interface HistoryEntry extends AppliedChange {
  changesetId: number; actor: string; actorKind: ActorKind; reason: string; at: Date; reverts: number | null;
  environment: string; changeRequest: number | null; breakGlass: boolean;
}
export interface HistoryFilter {
  key?: string; actor?: string; since?: Date; until?: Date; changesetId?: number; limit?: number;
  /** Case-insensitive substrings: of the key, of the actor, of key, actor or reason. */
  keyLike?: string; actorLike?: string; text?: string;
  /** Only revisions below this one: the next page of a newest-first listing. */
  before?: number;
}
export interface ChangesetSummary {
  id: number; actor: string; actorKind: ActorKind; reason: string; at: Date; reverts: number | null;
  environment: string; changeRequest: number | null; breakGlass: boolean;
  /** Who approved the request it applied (its applied version's approvals). */
  approvedBy: string[];
  /** How many keys it changed, its last revision, and the first few keys (in revision order). */
  keys: number; revision: number; firstKeys: string[];
}
export interface LegacyRow { baseEnv: Record<string, string>; updatedBy: string | null; updatedAt: Date | null }

const num = (v: unknown): number => Number(v);


/** Canonical text of each proposed value (so " 0.10" and "0.1" are one value), or the problems. */
export function normalise(c: Catalog, changes: Change[]): { changes: Change[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const out: Change[] = [];
  const seen = new Set<string>();
  for (const ch of changes) {
    if (seen.has(ch.key)) throw new HpconfError('HPC_USAGE', { details: `${ch.key} appears twice in one change-set` });
    seen.add(ch.key);
    if (isGroupDefinition(ch.key)) { // a group's definition: its tokens and priority, in canonical form
      checkGroupName(ch.key);
      if (ch.value === null) { out.push(ch); continue; }
      try { out.push({ key: ch.key, value: formatGroup(parseGroup(ch.key, ch.value)) }); } catch (e) {
        const h = e as HpconfError;
        problems.push({ severity: 'error', code: h.code, key: ch.key, keys: [ch.key], message: h.message, params: h.params });
      }
      continue;
    }
    const { key, segment } = parseAddress(ch.key);
    const spec = c.byKey.get(key);
    if (!spec) throw new HpconfError('HPC_KEY_UNKNOWN', { key, hint: didYouMean(key, c.byKey.keys()) });
    if (ch.value === null) { out.push(ch); continue; }
    const r = checkValue(spec, ch.value);
    if (r.kind === 'ok') out.push({ key: ch.key, value: formatValue(r.value) });
    else if (r.kind === 'error' && segment) problems.push({ ...r.problem, key: ch.key, keys: [ch.key], message: `${ch.key}: ${r.problem.message}` });
    else if (r.kind === 'error') problems.push(r.problem);
    else throw new HpconfError('HPC_USAGE', { details: `empty value for ${ch.key}: use unset to remove a key` });
  }
  return { changes: out, problems };
}

/**
 * The keys a check of these changes must read: each changed key's (model, timeframe) group (rules
 * never cross a group) and each changed cross-cutting key. What a write reads and checks is
 * proportional to what it changes, not to the size of the catalog.
 */
export function keysToCheck(c: Catalog, changes: Change[]): string[] {
  const out = new Set<string>();
  for (const ch of changes) {
    if (isGroupDefinition(ch.key)) continue;
    const spec = c.byKey.get(parseAddress(ch.key).key);
    if (spec?.model) for (const k of c.groups.get(`${spec.model}|${spec.timeframe}`) ?? []) out.add(k.key);
    else out.add(ch.key);
  }
  return [...out];
}

/**
 * What a batch would do to `current` (which must hold at least keysToCheck's keys): the changes
 * that change something, and the catalog's errors and warnings on the resulting state that involve
 * them (a missing key is not an error here: a store may be partly filled).
 */
export function evaluate(c: Catalog, current: Map<string, string>, changes: Change[]): { effective: Change[]; problems: Problem[]; warnings: Problem[] } {
  const effective = changes.filter((ch) => (current.get(ch.key) ?? null) !== ch.value);
  const base = changes.filter((ch) => c.byKey.has(ch.key));
  const r = evaluateBase(c, current, base);
  // Overrides and group definitions: the rules on each affected segment's effective state.
  const layered = base.length !== changes.length || [...current.keys()].some((k) => k.includes('@'));
  return { effective, problems: [...r.problems, ...(layered ? checkSegments(c, current, effective) : [])], warnings: r.warnings };
}

function evaluateBase(c: Catalog, current: Map<string, string>, changes: Change[]): { problems: Problem[]; warnings: Problem[] } {
  const effective = changes.filter((ch) => (current.get(ch.key) ?? null) !== ch.value);
  const next = new Map(current);
  for (const ch of effective) {
    if (ch.value === null) next.delete(ch.key);
    else next.set(ch.key, ch.value);
  }
  const raw = (k: string) => next.get(k);
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const groups = new Set<string>();
  for (const ch of changes) {
    const spec = c.byKey.get(ch.key)!;
    if (spec.model) groups.add(`${spec.model}|${spec.timeframe}`);
    else {
      const r = checkValue(spec, raw(ch.key));
      if (r.kind === 'error') errors.push(r.problem);
    }
  }
  for (const g of groups) {
    const [model, timeframe] = g.split('|');
    const report = checkState(c, raw, { model, timeframe });
    errors.push(...report.errors);
    warnings.push(...report.warnings);
  }
  const touched = new Set(changes.map((ch) => ch.key));
  const involves = (p: Problem) => p.keys.some((k) => touched.has(k));
  return { problems: errors.filter((p) => p.code !== 'HPC_KEY_MISSING' && involves(p)), warnings: warnings.filter(involves) };
}

export interface Plan {
  revision: number; problems: Problem[]; warnings: Problem[];
  changes: { key: string; old: string | null; new: string | null }[];
  drop: CoverageDrop;
}

/** Required keys a batch would unset, with coverage after, as the refusal and the previews report them. */
export interface CoverageDrop { keys: string[]; required: number; presentAfter: number; percentAfter: number }

/** `present`: how many catalog keys the store holds now (hp_value holds catalog keys only). */
export function coverageDrop(c: Catalog, current: Map<string, string>, effective: Change[], present: number): CoverageDrop {
  const keys = effective.filter((ch) => ch.value === null && current.has(ch.key) && c.byKey.has(ch.key)).map((ch) => ch.key);
  const added = effective.filter((ch) => ch.value !== null && !current.has(ch.key) && c.byKey.has(ch.key)).length;
  const presentAfter = present - keys.length + added;
  return { keys, required: c.keys.length, presentAfter, percentAfter: Math.floor((10_000 * presentAfter) / c.keys.length) / 100 };
}

export function coverageDropError(d: CoverageDrop): HpconfError {
  const shown = d.keys.slice(0, 20).map((k) => ` - ${k}`).join('\n') + (d.keys.length > 20 ? `\n - ... and ${d.keys.length - 20} more` : '');
  return new HpconfError('HPC_COVERAGE_WOULD_DROP', { count: d.keys.length, percent: d.percentAfter.toFixed(2), details: shown }, d);
}

export function validationError(problems: Problem[]): HpconfError {
  const details = problems.map((p) => ` - ${p.message}`).join('\n');
  return new HpconfError('HPC_VALIDATION_FAILED', { count: problems.length, details }, problems);
}

export interface StoreOptions {
  /**
   * Keep the legacy row ftf_config.base_env in step in every write (the default). Off
   * (HPCONF_LEGACY_MIRROR=off) for a store no legacy reader uses: each write then costs the same at
   * 100,000 keys as at 469, where the mirror rewrites the whole JSON document every time.
   */
  legacyMirror?: boolean;
}

/** A write of this many changes or more runs ANALYZE on the tables it grew (apply, below). */
export const ANALYZE_AFTER = 5_000;

export const DEFAULT_ENVIRONMENT = 'default';

export function createStore(db: Db, catalog: Catalog, o: StoreOptions = {}) {
  const feed = revisionFeed(db);
  const legacyMirror = o.legacyMirror ?? process.env.HPCONF_LEGACY_MIRROR !== 'off';
  const scopes = new Map<string, ReturnType<typeof scoped>>();
  const close = async () => { await feed.close(); await db.close(); };

  /** The store seen from one environment: every read and write below is of that environment alone. */
  function scoped(environment: string) {
  /** The store-wide revision: one counter for every environment (the change log's last id). */
  async function head(q: Queryable = db): Promise<number> {
    const { rows } = await q.query<{ r: unknown }>('SELECT coalesce(max(revision), 0) AS r FROM hp_change');
    return num(rows[0].r);
  }

  async function entries(q: Queryable = db): Promise<Entry[]> {
    const rows = await jsonRows<[string, string, number, string, string]>(q,
      "SELECT json_agg(json_build_array(key, value, revision, updated_by, updated_at) ORDER BY key)::text AS j FROM hp_value WHERE environment = $1 AND segment = ''", [environment]);
    return rows.map((r) => ({ key: r[0], value: r[1], revision: num(r[2]), updatedBy: r[3], updatedAt: new Date(r[4]) }));
  }

  async function values(): Promise<Map<string, string>> {
    return new Map((await entries()).map((e) => [e.key, e.value]));
  }

  /**
   * What a check of these changes reads: the base keys of their (model, timeframe) groups, every override of
   * those keys and every group definition (every override too when a definition changes). By address.
   */
  async function stateFor(changes: Change[], q: Queryable = db): Promise<Map<string, Entry>> {
    const keys = [...new Set([...keysToCheck(catalog, changes), ...changes.map((c) => c.key)])];
    // Two index scans, not one OR (which read every row: 30 ms of a 35 ms write at 100,000 keys): the addresses by
    // primary key, then the overrides and definitions through the partial index on segment <> ''.
    const { rows } = await q.query<Record<string, unknown>>(
      `SELECT key, value, revision, updated_by, updated_at FROM hp_value WHERE environment = $2 AND key = ANY($1::text[])
       UNION ALL
       SELECT key, value, revision, updated_by, updated_at FROM hp_value
       WHERE environment = $2 AND segment <> '' AND NOT (key = ANY($1::text[])) AND (segment = key OR $3 OR split_part(key, '@', 1) = ANY($1::text[]))`,
      [keys, environment, touchesGroups(changes)]);
    return new Map(rows.map((r) => [String(r.key), { key: String(r.key), value: String(r.value), revision: num(r.revision), updatedBy: String(r.updated_by), updatedAt: r.updated_at as Date }]));
  }

  /** One address's current row (an override's own value), or undefined where nothing is stored. */
  async function entryOf(address: string, q: Queryable = db): Promise<Entry | undefined> {
    const r = (await q.query<Record<string, unknown>>('SELECT key, value, revision, updated_by, updated_at FROM hp_value WHERE environment = $1 AND key = $2', [environment, address])).rows[0];
    return r && { key: String(r.key), value: String(r.value), revision: num(r.revision), updatedBy: String(r.updated_by), updatedAt: r.updated_at as Date };
  }

  /** The change-set that wrote each address's current value (a run records where every value came from). */
  async function provenance(q: Queryable = db): Promise<Map<string, number>> {
    const { rows } = await q.query<{ key: string; cs: unknown }>(
      'SELECT v.key, c.changeset_id AS cs FROM hp_value v JOIN hp_change c ON c.revision = v.revision WHERE v.environment = $1', [environment]);
    return new Map(rows.map((r) => [r.key, num(r.cs)]));
  }

  /**
   * Every row of the environment, base values, overrides and group definitions, by address: what a resolver for a
   * segment reads (segments.ts resolveIn / flatten).
   */
  async function layered(q: Queryable = db): Promise<Map<string, string>> {
    return new Map(await jsonRows<[string, string]>(q, 'SELECT json_agg(json_build_array(key, value) ORDER BY key)::text AS j FROM hp_value WHERE environment = $1', [environment]));
  }

  /** How many catalog keys the environment holds. */
  async function presentCount(q: Queryable = db): Promise<number> {
    return num((await q.query<{ n: unknown }>("SELECT count(*) AS n FROM hp_value WHERE environment = $1 AND segment = ''", [environment])).rows[0].n);
  }

  /** The values as they stood at a (store-wide) revision, rebuilt from the change log; `layered`: overrides and groups too. */
  async function at(revision: number, o: { layered?: boolean } = {}): Promise<Map<string, string>> {
    const h = await head();
    if (!Number.isInteger(revision) || revision < 0 || revision > h) throw new HpconfError('HPC_REVISION_UNKNOWN', { revision, head: h });
    const { rows } = await db.query<{ key: string; new_value: string | null }>(
      `SELECT DISTINCT ON (key) key, new_value FROM hp_change WHERE environment = $2 AND ($3 OR segment = '') AND revision <= $1 ORDER BY key, revision DESC`,
      [revision, environment, !!o.layered]);
    return new Map(rows.filter((r) => r.new_value !== null).map((r) => [r.key, r.new_value as string]));
  }

  /** The keys of `keys` changed in this environment after `base`, as conflicts. */
  async function conflictsSince(tx: Queryable, base: number, changes: Change[], current: Map<string, Entry>): Promise<Conflict[]> {
    const { rows } = await tx.query<{ key: string; r: unknown }>(
      'SELECT key, max(revision) AS r FROM hp_change WHERE environment = $2 AND key = ANY($1::text[]) GROUP BY key', [changes.map((c) => c.key), environment]);
    return rows.filter((r) => num(r.r) > base).map((r) => ({
      key: r.key, baseRevision: base, revision: num(r.r),
      current: current.get(r.key)?.value ?? null, proposed: changes.find((c) => c.key === r.key)!.value,
    }));
  }

  /**
   * One all-or-nothing change-set: catalog rules checked on the state it would produce,
   * conflicts checked against the writer's base revision, the environment's review policy
   * enforced, the legacy row updated in the same transaction. Writers are serialised by a row lock
   * on that legacy row.
   */
  async function apply(changesIn: Change[], opts: WriteOptions): Promise<WriteResult> {
    // The reason is shown on operators' terminals and screens (the API refuses the same first).
    const bad = unsafeText(opts.reason ?? '', { lines: true });
    if (bad) throw new HpconfError('HPC_USAGE', { details: `the reason holds ${bad}` });
    const norm = normalise(catalog, changesIn);
    if (norm.problems.length) throw validationError(norm.problems);
    const result = await db.transaction(async (tx) => {
      await tx.query('SELECT id FROM ftf_config WHERE id = 1 FOR UPDATE');
      if (opts.prepare) await opts.prepare(tx);
      const pol = await policyIn(tx, environment);
      if (!pol) throw environmentUnknown(environment, await environmentNames(tx));
      if (opts.request) await opts.request.check(tx);
      // Only the changed keys' groups: a write's cost follows its size, not the store's.
      const current = await stateFor(norm.changes, tx);
      if (opts.baseRevision !== undefined) {
        const conflicts = await conflictsSince(tx, opts.baseRevision, norm.changes, current);
        if (conflicts.length) throw conflictError(opts.baseRevision, conflicts);
      }
      const currentValues = new Map([...current].map(([k, e]) => [k, e.value]));
      const { effective, problems, warnings } = evaluate(catalog, currentValues, norm.changes);
      // A protected environment takes changes only through an approved request. The store owner may break the
      // glass (logged); filling keys the environment lacks from the package's baseline (seed) is not a change of
      // a reviewed value, so a new catalog key reaches a protected environment.
      const fillsOnly = opts.actorKind === 'seed' && effective.every((c) => c.value !== null && !currentValues.has(c.key));
      if (pol.approvals > 0 && effective.length && !opts.request && !fillsOnly) {
        if (!opts.breakGlass) throw approvalRequired(environment, pol.approvals);
        await assertOwner(tx);
      }
      if (problems.length) throw validationError(problems);
      if (!opts.force && effective.some((c) => c.value === null && currentValues.has(c.key))) {
        const drop = coverageDrop(catalog, currentValues, effective, await presentCount(tx));
        if (drop.keys.length) throw coverageDropError(drop);
      }
      if (!effective.length) {
        const revision = await head(tx);
        if (opts.request) await opts.request.done(tx, null, revision);
        return { changesetId: null, revision, changes: [], warnings };
      }

      // Marked only where a policy was actually passed by the owner (not on an unprotected environment).
      const breakGlass = Boolean(opts.breakGlass && pol.approvals > 0 && !opts.request);
      const cs = await tx.query<{ id: unknown }>(
        `INSERT INTO hp_changeset (actor, actor_kind, reason, base_revision, reverts, environment, break_glass, change_request)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [opts.actor, opts.actorKind, opts.reason ?? '', opts.baseRevision ?? null, opts.reverts ?? null, environment, breakGlass, opts.request?.id ?? null]);
      const changesetId = num(cs.rows[0].id);
      const olds = effective.map((c) => current.get(c.key)?.value ?? null);
      const ins = await tx.query<{ revision: unknown; key: string }>(
        `INSERT INTO hp_change (changeset_id, key, old_value, new_value)
         SELECT $1, k, o, n FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(k, o, n, i) ORDER BY i
         RETURNING revision, key`,
        [changesetId, effective.map((c) => c.key), olds, effective.map((c) => c.value)]);
      const revOf = new Map(ins.rows.map((r) => [r.key, num(r.revision)]));
      const sets = effective.filter((c) => c.value !== null);
      const dels = effective.filter((c) => c.value === null).map((c) => c.key);
      if (sets.length) {
        await tx.query(
          `INSERT INTO hp_value (environment, key, value, revision, updated_by, updated_at)
           SELECT $5, k, v, r, $4, now() FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t(k, v, r)
           ON CONFLICT (environment, key) DO UPDATE SET value = EXCLUDED.value, revision = EXCLUDED.revision,
             updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
          [sets.map((c) => c.key), sets.map((c) => c.value), sets.map((c) => revOf.get(c.key)), opts.actor, environment]);
      }
      if (dels.length) await tx.query('DELETE FROM hp_value WHERE environment = $2 AND key = ANY($1::text[])', [dels, environment]);
      // Only catalog keys are touched: keys other tools keep in base_env survive. PostgreSQL
      // rewrites the whole JSONB value on any update (about 15-45 ms at 100,000 keys): the
      // mirror can be switched off. A few keys go through jsonb_set, which skips the merge.
      const baseDels = dels.filter((k) => catalog.byKey.has(k));
      const baseSets = sets.filter((c) => catalog.byKey.has(c.key));
      if (legacyMirror && (baseDels.length || baseSets.length) && await legacyTableMirrors(tx, environment)) {
        const { sql, params } = mirrorUpdate(baseDels, baseSets);
        await tx.query(`UPDATE ftf_config SET base_env = ${sql}, updated_by = $1, updated_at = now() WHERE id = 1`, [opts.actor, ...params]);
      }
      const changes = effective.map((c, i) => ({ revision: revOf.get(c.key)!, key: c.key, oldValue: olds[i], newValue: c.value }));
      const revision = Math.max(...changes.map((c) => c.revision));
      if (opts.request) await opts.request.done(tx, changesetId, revision);
      // Webhooks hear of every change-set, and of coverage falling below 100 %, if and only if it commits.
      await emit(tx, 'values.changed', environment, { changesetId, revision, actor: opts.actor, actorKind: opts.actorKind, reason: opts.reason ?? '',
        keys: changes.length, firstKeys: changes.slice(0, 5).map((c) => c.key), changeRequest: opts.request?.id ?? null, breakGlass });
      if (baseDels.length) {
        const after = await presentCount(tx);
        const before = after + baseDels.length - baseSets.filter((c) => !currentValues.has(c.key)).length;
        const required = catalog.keys.length;
        if (after < required && before >= required) {
          await emit(tx, 'coverage.dropped', environment, { changesetId, actor: opts.actor, present: after, required, percent: Math.floor((10_000 * after) / required) / 100 });
        }
      }
      // Delivered at commit to every process that LISTENs (other Consoles, replicas).
      await tx.query('SELECT pg_notify($1, $2)', [REVISION_CHANNEL, String(revision)]);
      return { changesetId, revision, changes, warnings };
    });
    if (result.changesetId !== null) feed.bump(result.revision); // this process's subscribers: at once
    // After a bulk write (a seed, an import), the planner needs the tables' new size: PGlite has no autovacuum,
    // and PostgreSQL's comes later. Before it, a write at 100,000 keys took 10-29 ms instead of 5 (writes.bench.ts).
    if (result.changes.length >= ANALYZE_AFTER) await db.exec('ANALYZE hp_value, hp_change').catch(() => {}); // a planner hint: never fails the write
    return result;
  }

  async function history(f: HistoryFilter = {}): Promise<HistoryEntry[]> {
    const { where, params } = historyWhere(f, 'change', environment);
    params.push(f.limit ?? 1000);
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT c.revision, c.key, c.old_value, c.new_value, c.created_at, c.changeset_id, s.actor, s.actor_kind, s.reason, s.reverts,
              s.environment, s.change_request, s.break_glass
       FROM hp_change c JOIN hp_changeset s ON s.id = c.changeset_id
       WHERE ${where.join(' AND ')} ORDER BY c.revision DESC LIMIT $${params.length}`, params);
    return rows.map((r) => ({
      revision: num(r.revision), key: String(r.key), oldValue: r.old_value as string | null, newValue: r.new_value as string | null,
      changesetId: num(r.changeset_id), actor: String(r.actor), actorKind: r.actor_kind as ActorKind, reason: String(r.reason),
      at: r.created_at as Date, reverts: r.reverts === null ? null : num(r.reverts),
      environment: String(r.environment), changeRequest: r.change_request === null ? null : num(r.change_request), breakGlass: r.break_glass === true,
    }));
  }

  /**
   * The change log by change-set, newest first: who, when, why, how many keys and the first few. The filters are
   * those of history(); a key filter keeps the change-sets that touched a matching key. Paged with `before` (an id).
   */
  async function changesets(f: HistoryFilter = {}): Promise<ChangesetSummary[]> {
    const { where, params } = historyWhere(f, 'changeset', environment);
    params.push(f.limit ?? 50);
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT s.id, s.actor, s.actor_kind, s.reason, s.created_at, s.reverts, s.environment, s.change_request, s.break_glass,
              (SELECT count(*) FROM hp_change c WHERE c.changeset_id = s.id) AS n,
              (SELECT max(revision) FROM hp_change c WHERE c.changeset_id = s.id) AS revision,
              (SELECT array_agg(key ORDER BY revision) FROM (SELECT key, revision FROM hp_change c WHERE c.changeset_id = s.id ORDER BY revision LIMIT 5) f) AS first,
              (SELECT array_agg(u.username ORDER BY a.created_at) FROM hp_cr_approval a JOIN hp_user u ON u.id = a.user_id JOIN hp_change_request r ON r.id = a.cr_id
                WHERE a.cr_id = s.change_request AND a.version = r.version) AS approved_by
       FROM hp_changeset s WHERE ${where.join(' AND ')} ORDER BY s.id DESC LIMIT $${params.length}`, params);
    return rows.filter((r) => num(r.n) > 0).map((r) => ({
      id: num(r.id), actor: String(r.actor), actorKind: r.actor_kind as ActorKind, reason: String(r.reason), at: r.created_at as Date,
      reverts: r.reverts === null ? null : num(r.reverts), keys: num(r.n), revision: num(r.revision), firstKeys: (r.first as string[] | null) ?? [],
      environment: String(r.environment), changeRequest: r.change_request === null ? null : num(r.change_request), breakGlass: r.break_glass === true,
      approvedBy: (r.approved_by as string[] | null) ?? [],
    }));
  }

  /** What undoing a change-set (or some of its keys) would write: each key back to the value before it. */
  async function revertChanges(changesetId: number, keys?: string[]): Promise<{ changes: Change[]; entries: HistoryEntry[] }> {
    const all = await history({ changesetId, limit: 1_000_000 });
    if (!all.length) throw new HpconfError('HPC_NOT_FOUND', { what: `change-set ${changesetId} in environment ${environment}` });
    const entries = keys ? all.filter((e) => keys.includes(e.key)) : all;
    const missing = (keys ?? []).filter((k) => !all.some((e) => e.key === k));
    if (missing.length) throw new HpconfError('HPC_USAGE', { details: `change-set ${changesetId} did not change ${missing.join(', ')}` });
    return { changes: entries.map((e) => ({ key: e.key, value: e.oldValue })), entries };
  }

  /** Undo a change-set (or only some of its keys) as a new change-set; refused if a key moved on since, unless the caller read that. */
  async function revert(changesetId: number, opts: Omit<WriteOptions, 'reverts'> & { keys?: string[] }): Promise<WriteResult> {
    const { changes, entries } = await revertChanges(changesetId, opts.keys);
    const base = opts.baseRevision ?? Math.max(...entries.map((c) => c.revision));
    return apply(changes, { ...opts, baseRevision: base, reverts: changesetId });
  }

  /**
   * What a batch would do, without writing: each effective change with the value it replaces,
   * the catalog's problems and warnings, and the required keys it would unset with the coverage after.
   */
  async function plan(changesIn: Change[]): Promise<Plan> {
    const norm = normalise(catalog, changesIn);
    // One snapshot: the keys, the count and the revision read together.
    return db.transaction(async (tx) => {
      const rows = await stateFor(norm.changes.length ? norm.changes : changesIn.filter((c) => catalog.byKey.has(c.key)), tx);
      const current = new Map([...rows].map(([k, e]) => [k, e.value]));
      const ev = norm.problems.length ? { problems: norm.problems, warnings: [], effective: [] } : evaluate(catalog, current, norm.changes);
      return {
        revision: await head(tx), problems: ev.problems, warnings: ev.warnings,
        changes: ev.effective.map((ch) => ({ key: ch.key, old: current.get(ch.key) ?? null, new: ch.value })),
        drop: coverageDrop(catalog, current, ev.effective, await presentCount(tx)),
      };
    });
  }

  /** What reverting a change-set (or some of its keys) would do. */
  async function previewRevert(changesetId: number, keys?: string[]): Promise<Plan> {
    return plan((await revertChanges(changesetId, keys)).changes);
  }

  /** Every change of this environment after a revision, oldest first: how a reader catches up without reloading everything. */
  async function changesSince(revision: number): Promise<{ key: string; value: string | null; revision: number; actor: string; at: Date }[]> {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT c.key, c.new_value, c.revision, s.actor, c.created_at FROM hp_change c JOIN hp_changeset s ON s.id = c.changeset_id
       WHERE c.environment = $2 AND c.revision > $1 ORDER BY c.revision`, [revision, environment]);
    return rows.map((r) => ({ key: String(r.key), value: r.new_value as string | null, revision: num(r.revision), actor: String(r.actor), at: r.created_at as Date }));
  }

  async function legacy(): Promise<LegacyRow> {
    const { rows } = await db.query<Record<string, unknown>>('SELECT base_env, updated_by, updated_at FROM ftf_config WHERE id = 1');
    const r = rows[0];
    return { baseEnv: r.base_env as Record<string, string>, updatedBy: r.updated_by as string | null, updatedAt: r.updated_at as Date | null };
  }

  /** The store seen from another environment (checked to exist). */
  async function use(name: string): Promise<Store> {
    if (name === environment) return self;
    const names = await environmentNames(db);
    if (!names.includes(name)) throw environmentUnknown(name, names);
    return scope(name);
  }

  const self = { db, catalog, feed, kind: db.kind, describe: db.describe, environment, head, entries, entryOf, values, layered, provenance, at, apply, revert, revertChanges, plan, previewRevert, history, changesets, changesSince, legacy, use, scope, close };
  return self;
  }

  /** An environment's view without checking it exists (its creation, and callers that checked). */
  function scope(name: string): Store {
    let s = scopes.get(name);
    if (!s) { s = scoped(name); scopes.set(name, s); }
    return s as Store;
  }
  return scoped(DEFAULT_ENVIRONMENT);
}

/** The policy in force for an environment, or undefined when there is no such environment. */
export async function policyIn(q: Queryable, environment: string): Promise<{ approvals: number; approvers: string[] | null } | undefined> {
  const { rows } = await q.query<{ approvals: unknown; approvers: string[] | null; known: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM hp_environment WHERE name = $1) AS known,
            (SELECT approvals FROM hp_policy WHERE environment = $1 ORDER BY id DESC LIMIT 1) AS approvals,
            (SELECT approvers FROM hp_policy WHERE environment = $1 ORDER BY id DESC LIMIT 1) AS approvers`, [environment]);
  if (!rows[0].known) return undefined;
  return { approvals: rows[0].approvals === null ? 0 : num(rows[0].approvals), approvers: rows[0].approvers };
}

export async function environmentNames(q: Queryable): Promise<string[]> {
  return (await q.query<{ name: string }>('SELECT name FROM hp_environment ORDER BY name')).rows.map((r) => r.name);
}

export async function legacyEnvironment(q: Queryable): Promise<string> {
  return (await q.query<{ value: string }>("SELECT value FROM hp_setting WHERE name = 'legacy_environment'")).rows[0]?.value ?? DEFAULT_ENVIRONMENT;
}

/** Whether a write in `environment` must update the legacy row itself: it mirrors that environment, and is a table (one query). */
async function legacyTableMirrors(q: Queryable, environment: string): Promise<boolean> {
  const { rows } = await q.query<{ env: string | null; kind: string | null }>(
    "SELECT (SELECT value FROM hp_setting WHERE name = 'legacy_environment') AS env, (SELECT relkind::text FROM pg_class WHERE oid = to_regclass('ftf_config')) AS kind");
  return (rows[0].env ?? DEFAULT_ENVIRONMENT) === environment && rows[0].kind !== 'v';
}

/** Whether ftf_config is the view over the values (a store hpconf made: migration 11), which no write has to update. */
export async function legacyIsView(q: Queryable): Promise<boolean> {
  return (await q.query<{ k: string | null }>("SELECT (SELECT relkind::text FROM pg_class WHERE oid = to_regclass('ftf_config')) AS k")).rows[0].k === 'v';
}

export function environmentUnknown(name: string, known: string[]): HpconfError {
  return new HpconfError('HPC_ENVIRONMENT_UNKNOWN', { environment: name, hint: didYouMean(name, known), known: known.join(', ') });
}

export function approvalRequired(environment: string, approvals: number): HpconfError {
  return new HpconfError('HPC_APPROVAL_REQUIRED', { environment, approvals });
}

export function conflictError(base: number, conflicts: Conflict[]): HpconfError {
  const details = conflicts.map((c) => ` - ${c.key}: now ${c.current ?? '(unset)'} at revision ${c.revision}, you proposed ${c.proposed ?? '(unset)'}`).join('\n');
  return new HpconfError('HPC_STORE_CONFLICT', { count: conflicts.length, base, details }, conflicts);
}

/**
 * Break-glass is the store owner's: on PostgreSQL the role that owns the change log (or a superuser); an
 * embedded store is opened only by whoever holds its directory. A Console never sets breakGlass.
 */
async function assertOwner(tx: Queryable): Promise<void> {
  const { rows } = await tx.query<{ owner: boolean }>(
    `SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
         OR EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'hp_change' AND tableowner = current_user) AS owner`);
  if (!rows[0].owner) throw new HpconfError('HPC_FORBIDDEN', { actor: 'this database role', role: 'not the owner', action: 'break the glass (only the role that owns the store may)' });
}

export type Store = ReturnType<typeof createStore>;

/**
 * The change log's filters as SQL over `hp_change c JOIN hp_changeset s` (one row per change) or over
 * `hp_changeset s` alone (one row per change-set: a key filter keeps the change-sets that touched a matching key).
 * The limit is left for the caller to push as the last parameter.
 */
function historyWhere(f: HistoryFilter, rows: 'change' | 'changeset', environment: string): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => { params.push(v); where.push(sql.replaceAll('?', `$${params.length}`)); };
  const like = (v: string) => `%${v.replace(/[\\%_]/g, (m) => '\\' + m)}%`;
  const perSet = rows === 'changeset';
  add(perSet ? 's.environment = ?' : 'c.environment = ?', environment);
  const key = (op: string) => (perSet ? `EXISTS (SELECT 1 FROM hp_change k WHERE k.changeset_id = s.id AND k.key ${op} ?)` : `c.key ${op} ?`);
  const at = perSet ? 's.created_at' : 'c.created_at';
  if (f.key !== undefined) add(key('='), f.key);
  if (f.keyLike) add(key('ILIKE'), like(f.keyLike));
  if (f.actorLike) add('s.actor ILIKE ?', like(f.actorLike));
  if (f.text) add(`(${key('ILIKE')} OR s.actor ILIKE ? OR s.reason ILIKE ?)`, like(f.text));
  if (f.before !== undefined) add(perSet ? 's.id < ?' : 'c.revision < ?', f.before);
  if (f.actor !== undefined) add('s.actor = ?', f.actor);
  if (f.since !== undefined) add(`${at} >= ?`, f.since);
  if (f.until !== undefined) add(`${at} <= ?`, f.until);
  if (f.changesetId !== undefined) add(perSet ? 's.id = ?' : 'c.changeset_id = ?', f.changesetId);
  return { where, params };
}

/** The legacy row's new value as one SQL expression over base_env; parameters start at $2. */
export function mirrorUpdate(dels: string[], sets: { key: string; value: string | null }[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length + 1}`; };
  let sql = dels.length ? `(base_env - ${p(dels)}::text[])` : 'base_env';
  if (sets.length <= 8) {
    for (const c of sets) sql = `jsonb_set(${sql}, ARRAY[${p(c.key)}::text], to_jsonb(${p(c.value)}::text))`;
  } else {
    sql = `(${sql} || ${p(JSON.stringify(Object.fromEntries(sets.map((c) => [c.key, c.value]))))}::jsonb)`;
  }
  return { sql, params };
}
