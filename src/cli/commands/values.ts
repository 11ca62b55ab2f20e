import { HpconfError } from '../../errors/registry.js';
import { didYouMean } from '../../catalog/suggest.js';
import { eventLine } from '../../resolver/events.js';
import type { Change, Plan, WriteResult } from '../../store/store.js';
import { intOption, parse } from '../args.js';
import { shown } from '../formats.js';
import { withStore, type Context } from '../context.js';
import { userInfo } from 'node:os';

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

const GET_USAGE = 'hpconf get KEY';
export async function get(ctx: Context, argv: string[]): Promise<number> {
  const { positionals } = parse(argv, {}, GET_USAGE);
  if (positionals.length !== 1) throw new HpconfError('HPC_USAGE', { details: `usage: ${GET_USAGE}` });
  const key = positionals[0];
  if (!ctx.catalog.byKey.has(key)) throw new HpconfError('HPC_KEY_UNKNOWN', { key, hint: didYouMean(key, ctx.catalog.byKey.keys()) });
  const v = await withStore(ctx, async (s) => (await s.values()).get(key));
  if (v === undefined) throw new HpconfError('HPC_KEY_MISSING', { key });
  ctx.out(shown(ctx.catalog, key, v));
  return 0;
}

const SET_USAGE = 'hpconf set KEY=VALUE [KEY=VALUE ...] [--reason TEXT] [--if-revision N] [--actor NAME]';
/** Set one or more keys as one all-or-nothing change-set. */
export async function set(ctx: Context, argv: string[]): Promise<number> {
  const { values: o, positionals } = parse(argv, { reason: { type: 'string' }, 'if-revision': { type: 'string' }, actor: { type: 'string' } }, SET_USAGE);
  if (!positionals.length) throw new HpconfError('HPC_USAGE', { details: `usage: ${SET_USAGE}` });
  const changes: Change[] = positionals.map((p) => {
    const i = p.indexOf('=');
    if (i <= 0) throw new HpconfError('HPC_USAGE', { details: `expected KEY=VALUE, got "${p}"\nusage: ${SET_USAGE}` });
    return { key: p.slice(0, i), value: p.slice(i + 1) };
  });
  const r = await withStore(ctx, (s) => s.apply(changes, {
    actor: cliActor(ctx, o.actor), actorKind: 'cli', reason: o.reason, baseRevision: intOption(o['if-revision'], 'if-revision'),
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

const UNSET_USAGE = 'hpconf unset KEY [KEY ...] [--reason TEXT] [--if-revision N] [--actor NAME] [--force] [--dry-run]';
/** Remove keys. A required key (all catalog keys are) lowers coverage: --force says that is meant. */
export async function unset(ctx: Context, argv: string[]): Promise<number> {
  const { values: o, positionals } = parse(argv, {
    reason: { type: 'string' }, 'if-revision': { type: 'string' }, actor: { type: 'string' }, force: { type: 'boolean' }, 'dry-run': { type: 'boolean' },
  }, UNSET_USAGE);
  if (!positionals.length) throw new HpconfError('HPC_USAGE', { details: `usage: ${UNSET_USAGE}` });
  const changes = positionals.map((key) => ({ key, value: null }));
  if (o['dry-run']) { printPlan(ctx, await withStore(ctx, (s) => s.plan(changes))); return 0; }
  const r = await withStore(ctx, (s) => s.apply(changes, {
    actor: cliActor(ctx, o.actor), actorKind: 'cli', reason: o.reason ?? `unset ${positionals.join(', ')}`, baseRevision: intOption(o['if-revision'], 'if-revision'), force: o.force,
  }));
  report(ctx, r);
  return 0;
}

const REVERT_USAGE = 'hpconf revert CHANGESET_ID [--key KEY ...] [--reason TEXT] [--if-revision N] [--actor NAME] [--force] [--dry-run]';
/** Undo a change-set (or some of its keys). --dry-run shows what it would write and the coverage after. */
export async function revert(ctx: Context, argv: string[]): Promise<number> {
  const { values: o, positionals } = parse(argv, {
    reason: { type: 'string' }, actor: { type: 'string' }, key: { type: 'string', multiple: true }, force: { type: 'boolean' }, 'dry-run': { type: 'boolean' },
    'if-revision': { type: 'string' },
  }, REVERT_USAGE);
  const id = intOption(positionals[0], 'changeset');
  if (positionals.length !== 1 || id === undefined) throw new HpconfError('HPC_USAGE', { details: `usage: ${REVERT_USAGE}` });
  if (o['dry-run']) { printPlan(ctx, await withStore(ctx, (s) => s.previewRevert(id, o.key))); return 0; }
  const r = await withStore(ctx, (s) => s.revert(id, {
    actor: cliActor(ctx, o.actor), actorKind: 'cli', reason: o.reason ?? `revert change-set ${id}`, keys: o.key, force: o.force,
    baseRevision: intOption(o['if-revision'], 'if-revision'),
  }));
  report(ctx, r);
  return 0;
}

const HISTORY_USAGE = 'hpconf history [KEY] [--actor A] [--since ISO] [--until ISO] [--changeset ID] [--limit N] [--json]';
export async function history(ctx: Context, argv: string[]): Promise<number> {
  const { values: o, positionals } = parse(argv, {
    actor: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, changeset: { type: 'string' },
    limit: { type: 'string' }, json: { type: 'boolean' },
  }, HISTORY_USAGE);
  const date = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw new HpconfError('HPC_USAGE', { details: `--${name}: not a date: "${v}"` });
    return d;
  };
  const key = positionals[0];
  if (key !== undefined && !ctx.catalog.byKey.has(key)) throw new HpconfError('HPC_KEY_UNKNOWN', { key, hint: didYouMean(key, ctx.catalog.byKey.keys()) });
  const rows = await withStore(ctx, (s) => s.history({
    key, actor: o.actor, since: date(o.since, 'since'), until: date(o.until, 'until'),
    changesetId: intOption(o.changeset, 'changeset'), limit: intOption(o.limit, 'limit') ?? 50,
  }));
  const c = ctx.catalog;
  if (o.json) {
    ctx.out(JSON.stringify(rows.map((r) => ({ ...r, oldValue: shown(c, r.key, r.oldValue), newValue: shown(c, r.key, r.newValue) })), null, 2));
    return 0;
  }
  for (const r of rows) {
    ctx.out(`r${r.revision} cs${r.changesetId} ${r.at.toISOString()} ${r.actor} ${r.key}: ${shown(c, r.key, r.oldValue)} -> ${shown(c, r.key, r.newValue)}` +
      `${r.reason ? `  # ${r.reason}` : ''}`);
  }
  if (!rows.length) ctx.out('no changes match');
  return 0;
}
