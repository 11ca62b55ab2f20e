import { HpconfError } from '../../errors/registry.js';
import { didYouMean } from '../../catalog/suggest.js';
import { eventLine } from '../../resolver/events.js';
import type { Change, Plan, WriteResult } from '../../store/store.js';
import type { Opts } from '../registry.js';
import { shown } from '../../export/formats.js';
import { readSegment } from '../../store/segment-read.js';
import { withStore, type Context } from '../context.js';
import { userInfo } from 'node:os';
import { oneLine } from '../../safe-text.js';
import { rangeChanges } from '../../catalog/range-change.js';

/**
 * The actor a CLI change is recorded under: always `cli:NAME`. --actor (or HPCONF_ACTOR) names
 * the person; it can never pass for a Console user or token (`user:...`, `token:...`).
 */
export function cliActor(ctx: Context, given?: string): string {
  const name = given ?? ctx.env.HPCONF_ACTOR ?? ctx.env.USER ?? safeUser();
  if (!/^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/.test(name)) {
    throw new HpconfError('HPC_USAGE', { details: `--actor "${name}": a name of letters, digits and . _ @ + - (recorded as cli:NAME; user: and token: actors are the Console's own)` });
  }
  return `cli:${name}`;
}
function safeUser(): string {
  try { return userInfo().username; } catch { return 'unknown'; }
}

function report(ctx: Context, r: WriteResult): void {
  if (!r.changes.length) ctx.out(`no change (store revision ${r.revision})`);
  for (const ch of r.changes) {
    ctx.out(`r${ch.revision} ${ch.key}: ${shown(ctx.catalog, ch.key, ch.oldValue)} -> ${shown(ctx.catalog, ch.key, ch.newValue)}`);
    ctx.err(eventLine('config_changed', { key: ch.key, old: shown(ctx.catalog, ch.key, ch.oldValue), new: shown(ctx.catalog, ch.key, ch.newValue),
      revision: ch.revision, changeset: r.changesetId ?? 0 }));
  }
  for (const w of r.warnings) ctx.err(`warning: ${w.message}`);
}

/** Print one stored value (--json: {"key", "value", "revision"}, value null when unset). */
export async function get(ctx: Context, o: Opts, [key]: string[]): Promise<number> {
  if (!ctx.catalog.byKey.has(key)) throw new HpconfError('HPC_KEY_UNKNOWN', { key, hint: didYouMean(key, ctx.catalog.byKey.keys()) });
  const segment = o.segment as string | undefined;
  const [r, revision] = await withStore(ctx, async (s) => [(await readSegment(s, segment)).get(key), await s.head()] as const, { read: true });
  const v = r?.value;
  if (o.json) {
    ctx.out(JSON.stringify({ key, value: v === undefined ? null : shown(ctx.catalog, key, v), revision, layer: r?.layer ?? null, ...(segment ? { segment } : {}) }));
    return v === undefined ? 3 : 0;
  }
  if (v === undefined) throw new HpconfError('HPC_KEY_MISSING', { key });
  ctx.out(shown(ctx.catalog, key, v));
  return 0;
}

export function parseAssignments(assignments: string[]): Change[] {
  return assignments.map((p) => {
    const i = p.indexOf('=');
    if (i <= 0) throw new HpconfError('HPC_USAGE', { details: `expected KEY=VALUE, got "${p}"` });
    return { key: p.slice(0, i), value: p.slice(i + 1) };
  });
}

/** Past a protected environment's policy, by the store owner on the store itself: needs a reason, marked in the log. */
function breakGlass(o: Opts): boolean {
  if (!o.breakGlass) return false;
  if (!String(o.reason ?? '').trim()) throw new HpconfError('HPC_USAGE', { details: '--break-glass needs --reason (it is recorded, and shown in the change log)' });
  return true;
}

/** Set one or more keys as one all-or-nothing change-set. */
export async function set(ctx: Context, o: Opts, assignments: string[]): Promise<number> {
  const changes = parseAssignments(assignments);
  const glass = breakGlass(o);
  const r = await withStore(ctx, (s) => s.apply(changes, {
    actor: cliActor(ctx, o.actor as string | undefined), actorKind: 'cli', reason: o.reason as string | undefined, baseRevision: o.ifRevision as number | undefined,
    breakGlass: glass,
  }));
  report(ctx, r);
  return 0;
}

/** A plan printed before anything is written: each change, then the coverage after. */
function printPlan(ctx: Context, p: Plan): void {
  for (const ch of p.changes) ctx.out(`  ${ch.key}: ${shown(ctx.catalog, ch.key, ch.old)} -> ${shown(ctx.catalog, ch.key, ch.new)}`);
  for (const x of p.problems) ctx.err(`error: ${x.message}`);
  for (const w of p.warnings) ctx.err(`warning: ${w.message}`);
  ctx.out(`${p.changes.length} change(s); coverage after: ${p.drop.percentAfter.toFixed(2)} % (${p.drop.presentAfter}/${p.drop.required})` +
    (p.drop.keys.length ? `, ${p.drop.keys.length} required key(s) unset: needs --force` : ''));
}

/** Remove keys. A required key (all catalog keys are) lowers coverage: --force says that is meant. */
export async function unset(ctx: Context, o: Opts, keys: string[]): Promise<number> {
  const changes = keys.map((key) => ({ key, value: null }));
  if (o.dryRun) { printPlan(ctx, await withStore(ctx, (s) => s.plan(changes))); return 0; }
  const glass = breakGlass(o);
  const r = await withStore(ctx, (s) => s.apply(changes, {
    actor: cliActor(ctx, o.actor as string | undefined), actorKind: 'cli', reason: (o.reason as string | undefined) ?? `unset ${keys.join(', ')}`,
    baseRevision: o.ifRevision as number | undefined, force: !!o.force, breakGlass: glass,
  }));
  report(ctx, r);
  return 0;
}

/** Undo a change-set (or some of its keys). --dry-run shows what it would write and the coverage after. */
export async function revert(ctx: Context, o: Opts, [idText]: string[]): Promise<number> {
  if (!/^[1-9][0-9]{0,15}$/.test(idText)) throw new HpconfError('HPC_USAGE', { details: `a change-set is a positive whole number, got "${idText}"` });
  const id = Number(idText);
  const keys = o.key as string[] | undefined;
  if (o.dryRun) { printPlan(ctx, await withStore(ctx, (s) => s.previewRevert(id, keys))); return 0; }
  const glass = breakGlass(o);
  const r = await withStore(ctx, (s) => s.revert(id, {
    actor: cliActor(ctx, o.actor as string | undefined), actorKind: 'cli', reason: (o.reason as string | undefined) ?? `revert change-set ${id}`, keys, force: !!o.force,
    baseRevision: o.ifRevision as number | undefined, breakGlass: glass,
  }));
  report(ctx, r);
  return 0;
}

/** The change log, newest first (--json: real nulls for unset values). */
export async function history(ctx: Context, o: Opts, [key]: string[]): Promise<number> {
  const date = (v: unknown, name: string) => {
    if (v === undefined) return undefined;
    const d = new Date(String(v));
    if (Number.isNaN(d.getTime())) throw new HpconfError('HPC_USAGE', { details: `--${name}: not a date: "${v}"` });
    return d;
  };
  if (key !== undefined && !ctx.catalog.byKey.has(key)) throw new HpconfError('HPC_KEY_UNKNOWN', { key, hint: didYouMean(key, ctx.catalog.byKey.keys()) });
  const since = date(o.since, 'since');
  const until = date(o.until, 'until');
  const rows = await withStore(ctx, (s) => s.history({
    key, actor: o.actor as string | undefined, since, until, changesetId: o.changeset as number | undefined, limit: o.limit as number,
  }));
  const c = ctx.catalog;
  const value = (k: string, v: string | null) => (v === null ? null : shown(c, k, v));
  // A range bound's change is classed by its change-set (both bounds of one parameter moved together: 'moved').
  const ranges = rangeChanges(c, rows);
  if (o.json) {
    ctx.out(JSON.stringify(rows.map((r) => ({ ...r, oldValue: value(r.key, r.oldValue), newValue: value(r.key, r.newValue), range: ranges.get(r.revision) ?? null })), null, 2));
    return 0;
  }
  for (const r of rows) {
    const marks = [r.changeRequest !== null ? ` cr${r.changeRequest}` : '', r.breakGlass ? ' BREAK-GLASS' : ''].join('');
    const range = ranges.get(r.revision);
    ctx.out(`r${r.revision} cs${r.changesetId}${marks} ${r.at.toISOString()} ${r.actor} ${r.key}: ${shown(c, r.key, r.oldValue)} -> ${shown(c, r.key, r.newValue)}` +
      `${range ? ` (range ${range})` : ''}${r.reason ? `  # ${oneLine(r.reason)}` : ''}`);
  }
  if (!rows.length) ctx.out('no changes match');
  return 0;
}
