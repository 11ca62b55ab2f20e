import { HpconfError } from '../../errors/registry.js';
import { diffMaps, shown } from '../../export/formats.js';
import type { EnvironmentInfo, Policy } from '../../store/environments.js';
import type { Change, Store } from '../../store/store.js';
import type { Opts } from '../registry.js';
import { withStore, type Context } from '../context.js';
import { requestsClient } from '../requests-client.js';
import { cliActor } from './values.js';

type Api = <T>(method: string, path: string, body?: unknown, actor?: string) => Promise<T>;
const apiOf = (s: Store) => (s as unknown as { api?: Api }).api;
type Shown = Omit<EnvironmentInfo, 'createdAt'> & { createdAt: string };

async function list(s: Store): Promise<Shown[]> {
  const api = apiOf(s);
  if (api) return (await api<{ items: Shown[] }>('GET', '/environments')).items;
  const { environments } = await import('../../store/environments.js');
  return (await environments(s).list()).map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }));
}

const policyText = (p: Policy) => (p.approvals ? `${p.approvals} approval(s) from ${p.approvers ? p.approvers.join(', ') : 'any writer but the author'}` : 'direct writes');

export async function envList(ctx: Context, o: Opts): Promise<number> {
  const rows = await withStore(ctx, list);
  if (o.json) { ctx.out(JSON.stringify(rows, null, 2)); return 0; }
  for (const e of rows) {
    ctx.out(`${e.name.padEnd(14)} ${String(e.keys).padStart(6)} keys  last change r${e.revision}  ${policyText(e)}${e.legacy ? '  (mirrored in ftf_config)' : ''}`);
  }
  return 0;
}

export async function envCreate(ctx: Context, o: Opts, [name]: string[]): Promise<number> {
  const actor = cliActor(ctx, o.actor as string | undefined);
  const from = o.from as string | undefined;
  const r = await withStore(ctx, async (s) => {
    const api = apiOf(s);
    if (api) return api<{ keys: number; changesetId: number | null }>('POST', '/environments', { name, from, reason: o.reason }, actor);
    const { environments } = await import('../../store/environments.js');
    return environments(s).create(name, { actor, actorKind: 'cli', from, reason: o.reason as string | undefined });
  });
  ctx.out(`created environment ${name} with ${r.keys} value(s) from ${from ?? 'default'}${r.changesetId ? ` (change-set ${r.changesetId})` : ''}`);
  return 0;
}

export async function envDiff(ctx: Context, o: Opts, [a, b]: string[]): Promise<number> {
  const [left, right] = await withStore(ctx, async (s) => [await (await s.use(a)).values(), await (await s.use(b)).values()] as const);
  const rows = diffMaps(left, right, ctx.catalog);
  if (o.json) { ctx.out(JSON.stringify({ left: a, right: b, differences: rows.map((r) => ({ ...r, left: r.left === null ? null : shown(ctx.catalog, r.key, r.left), right: r.right === null ? null : shown(ctx.catalog, r.key, r.right) })) }, null, 2)); return rows.length ? 1 : 0; }
  ctx.out(`--- ${a}\n+++ ${b}`);
  for (const r of rows) ctx.out(`${r.left === null ? '+' : r.right === null ? '-' : '~'} ${r.key}: ${shown(ctx.catalog, r.key, r.left)} -> ${shown(ctx.catalog, r.key, r.right)}`);
  ctx.out(`${rows.length} difference(s)`);
  return rows.length ? 1 : 0;
}

/** Shell-style globs (`*`, `?`), comma-separated: CVN_HPO_XGB_*,CVN_HPO_N_TRIALS */
export function globMatcher(globs: string | undefined): (key: string) => boolean {
  if (!globs) return () => true;
  const res = globs.split(',').map((g) => g.trim()).filter(Boolean)
    .map((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`));
  return (k) => res.some((r) => r.test(k));
}

/**
 * Copy the chosen keys' values from A into B: one change-set of B, or a change request where B's policy asks for
 * one. A key A lacks is unset in B (which needs --force when it is required). Shows B's diff and coverage after.
 */
export async function envPromote(ctx: Context, o: Opts, [a, b]: string[]): Promise<number> {
  if (!String(o.reason ?? '').trim()) throw new HpconfError('HPC_USAGE', { details: 'promote needs --reason' });
  if (a === b) throw new HpconfError('HPC_USAGE', { details: 'promote copies from one environment into another' });
  const actor = cliActor(ctx, o.actor as string | undefined);
  const match = globMatcher(o.keys as string | undefined);
  return withStore(ctx, async (s) => {
    const [from, to] = [await s.use(a), await s.use(b)];
    // Base values, overrides (KEY@SEGMENT) and group definitions alike: a glob names addresses.
    const [left, right] = [await from.layered(), await to.layered()];
    const addresses = [...new Set([...ctx.catalog.keys.map((k) => k.key), ...left.keys(), ...right.keys()])];
    const changes: Change[] = addresses.filter((k) => match(k) && (left.get(k) ?? null) !== (right.get(k) ?? null))
      .map((key) => ({ key, value: left.get(key) ?? null }));
    if (!changes.length) { ctx.out(`nothing to promote: ${b} holds ${a}'s values for these keys`); return 0; }
    const plan = await to.plan(changes);
    ctx.out(`${b} after promoting ${changes.length} key(s) from ${a}:`);
    for (const ch of plan.changes) ctx.out(`  ${ch.key}: ${shown(ctx.catalog, ch.key, ch.old)} -> ${shown(ctx.catalog, ch.key, ch.new)}`);
    for (const p of plan.problems) ctx.err(`error: ${p.message}`);
    ctx.out(`coverage after: ${plan.drop.percentAfter.toFixed(2)} % (${plan.drop.presentAfter}/${plan.drop.required})`);
    if (o.dryRun) return 0;
    const protectedTo = (await list(s)).find((e) => e.name === b)!.approvals > 0;
    const reason = `promote from ${a}: ${String(o.reason)}`;
    if (protectedTo) {
      const r = await (await requestsClient(to, actor)).create(changes, { reason, force: !!o.force });
      ctx.out(`${b} takes changes through review: opened change request #${r.id} (${r.need} approval(s) needed)`);
      if (o.json) ctx.out(JSON.stringify({ id: r.id }));
      return 0;
    }
    const res = await to.apply(changes, { actor, actorKind: 'cli', reason, force: !!o.force });
    ctx.out(`promoted ${res.changes.length} key(s) into ${b} as change-set ${res.changesetId}`);
    return 0;
  });
}

export async function envPolicy(ctx: Context, o: Opts, [name]: string[]): Promise<number> {
  const actor = cliActor(ctx, o.actor as string | undefined);
  return withStore(ctx, async (s) => {
    const api = apiOf(s);
    if (o.approvals === undefined) {
      if (o.approvers !== undefined) throw new HpconfError('HPC_USAGE', { details: '--approvers goes with --approvals N' });
      const e = (await list(s)).find((x) => x.name === name);
      if (!e) await s.use(name); // the unknown-environment error, with its suggestion
      ctx.out(`${name}: ${policyText(e!)}`);
      return 0;
    }
    const approvers = o.approvers === undefined ? null : String(o.approvers).split(',').map((u) => u.trim()).filter(Boolean);
    const p: Policy = { approvals: o.approvals as number, approvers: approvers?.length ? approvers : null };
    if (api) await api('PUT', `/environments/${encodeURIComponent(name)}/policy`, { ...p, reason: o.reason }, actor);
    else {
      const { environments } = await import('../../store/environments.js');
      // On the store itself the CLI is the store owner: it alone may loosen a protected environment's policy.
      await environments(s).setPolicy(name, p, { actor, actorKind: 'cli', reason: o.reason as string | undefined, owner: true });
    }
    ctx.out(`${name}: ${policyText(p)}`);
    return 0;
  });
}

export async function envMirror(ctx: Context, o: Opts, [name]: string[]): Promise<number> {
  const actor = cliActor(ctx, o.actor as string | undefined);
  await withStore(ctx, async (s) => {
    if (apiOf(s)) throw new HpconfError('HPC_USAGE', { details: 'choosing the environment the legacy row mirrors needs the store itself (not through a Console)' });
    const { environments } = await import('../../store/environments.js');
    await environments(s).mirror(name, { actor, actorKind: 'cli' });
  });
  ctx.out(`ftf_config.base_env now mirrors ${name}`);
  return 0;
}
