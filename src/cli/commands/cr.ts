import { HpconfError } from '../../errors/registry.js';
import { shown } from '../../export/formats.js';
import { oneLine } from '../../safe-text.js';
import { STATES, type RequestState } from '../../requests/requests.js';
import type { RequestJson } from '../../requests/json.js';
import type { Opts } from '../registry.js';
import { withStore, type Context } from '../context.js';
import { requestsClient, type RequestAction, type RequestsClient } from '../requests-client.js';
import { cliActor, parseAssignments } from './values.js';

/** Change requests: `hpconf [--environment E] cr create|list|show|comment|approve|reject|apply|schedule|close|edit|open`. */
async function withClient<T>(ctx: Context, o: Opts, fn: (c: RequestsClient) => Promise<T>): Promise<T> {
  const actor = cliActor(ctx, o.actor as string | undefined);
  return withStore(ctx, async (s) => fn(await requestsClient(s, actor)));
}

function requestId(text: string): number {
  const t = text.replace(/^#/, '');
  if (!/^[1-9][0-9]{0,15}$/.test(t)) throw new HpconfError('HPC_USAGE', { details: `a change request id is a positive whole number, got "${text}"` });
  return Number(t);
}

export function printRequest(ctx: Context, r: RequestJson): void {
  const c = ctx.catalog;
  ctx.out(`#${r.id} ${r.state} in ${r.environment}, by ${r.author}, ${r.createdAt} (version ${r.version}, base revision ${r.baseRevision})`);
  ctx.out(`reason: ${oneLine(r.reason)}`);
  if (r.scheduledAt) ctx.out(`scheduled: ${r.scheduledAt}`);
  const valid = r.approvals.filter((a) => a.valid).map((a) => a.user);
  const stale = r.approvals.filter((a) => !a.valid).map((a) => `${a.user} (v${a.version}, no longer counts)`);
  ctx.out(`approvals: ${r.have} of ${r.need}${valid.length ? `: ${valid.join(', ')}` : ''}${stale.length ? `; ${stale.join(', ')}` : ''}${r.approvers ? ` (approvers: ${r.approvers.join(', ')})` : ''}`);
  for (const i of r.items) ctx.out(`  ${i.key}: ${shown(c, i.key, i.old)} -> ${shown(c, i.key, i.new)}`);
  if (r.checks) {
    const k = r.checks;
    for (const p of k.problems) ctx.out(`  error: ${p.message}`);
    for (const w of k.warnings) ctx.out(`  warning: ${w.message}`);
    ctx.out(`checks now: ${k.ok ? 'pass' : `${k.problems.length} problem(s)`}; coverage after: ${k.coverage.percentAfter.toFixed(2)} % (${k.coverage.presentAfter}/${k.coverage.required})` +
      `${k.coverage.unsets.length ? `, ${k.coverage.unsets.length} required key(s) unset${r.force ? ' (proposed with --force)' : ''}` : ''}`);
  }
  if (r.evidence?.kind === 'ftf-suggest-ranges') {
    const e = r.evidence;
    ctx.out(`evidence: run ${e.run.id} (${e.run.environment} at revision ${e.run.revision}), good trials = each study's top decile`);
    for (const p of e.proposals) ctx.out(`  ${p.key}: ${p.action} ${p.current} -> ${p.proposed}: ${p.action === 'widen' ? `${p.near} of ${p.good} good trials within ${e.rule.crowd * 100} % of the bound` : `no good trial in the outer ${e.rule.outer * 100} % (${p.trials} trials)`}`);
    for (const n of e.notes) ctx.out(`  note: ${n}`);
  } else if (r.evidence) {
    const e = r.evidence;
    const b = (x: { value: number; low: number; high: number }) => `${x.value >= 0 ? '+' : ''}${x.value.toFixed(4)} [${x.low.toFixed(4)}, ${x.high.toFixed(4)}]`;
    ctx.out(`evidence: run ${e.run.id} (${e.run.environment} at revision ${e.run.revision})${e.forced ? ', promoted with --force' : ''}`);
    for (const st of e.studies) {
      ctx.out(`  ${st.model} ${st.timeframe} ${st.token} -> ${st.target}: best trial ${st.bestTrial} vs defaults on test: F1 ${b(st.test.f1)}, PR-AUC ${b(st.test.prAuc)}${st.improves ? '' : ' (no gain beyond noise)'}`);
    }
    for (const k of e.skipped) ctx.out(`  not promoted: ${k.model} ${k.token}: ${k.why}`);
  }
  if (r.changesetId !== null) ctx.out(`applied as change-set ${r.changesetId}`);
  for (const e of r.events) ctx.out(`  ${e.at} ${e.actor} ${e.kind}${e.body ? `: ${oneLine(e.body)}` : ''}`);
}

export async function crCreate(ctx: Context, o: Opts, assignments: string[]): Promise<number> {
  const changes = parseAssignments(assignments);
  const revert = o.revert === undefined ? undefined : { changeset: o.revert as number, keys: o.key as string[] | undefined };
  if (!revert === !changes.length) throw new HpconfError('HPC_USAGE', { details: 'give KEY=VALUE... or --revert CHANGESET' });
  const r = await withClient(ctx, o, (c) => c.create(changes, { reason: String(o.reason ?? ''), draft: !!o.draft, force: !!o.force, revert }));
  if (o.json) ctx.out(JSON.stringify({ id: r.id }));
  else ctx.out(String(r.id));
  return 0;
}

export async function crList(ctx: Context, o: Opts): Promise<number> {
  const state = o.state as RequestState | undefined;
  if (state !== undefined && !STATES.includes(state)) throw new HpconfError('HPC_USAGE', { details: `--state: one of ${STATES.join(', ')}` });
  const rows = await withClient(ctx, o, (c) => c.list({ state, all: !!o.all }));
  if (o.json) { ctx.out(JSON.stringify(rows, null, 2)); return 0; }
  for (const r of rows) ctx.out(`#${r.id} ${r.state.padEnd(9)} ${r.environment} ${r.keys} key(s) ${r.have}/${r.need} approvals, by ${r.author}: ${oneLine(r.reason)}`);
  if (!rows.length) ctx.out('no change requests match');
  return 0;
}

export async function crShow(ctx: Context, o: Opts, [id]: string[]): Promise<number> {
  const r = await withClient(ctx, o, (c) => c.show(requestId(id)));
  if (o.json) ctx.out(JSON.stringify(r, null, 2));
  else printRequest(ctx, r);
  return 0;
}

function action(name: RequestAction, body: (o: Opts, rest: string[]) => Parameters<RequestsClient['act']>[2]) {
  return async (ctx: Context, o: Opts, [id, ...rest]: string[]): Promise<number> => {
    const r = await withClient(ctx, o, (c) => c.act(requestId(id), name, body(o, rest)));
    if (o.json) ctx.out(JSON.stringify(r, null, 2));
    else ctx.out(`#${r.id} ${r.state} (${r.have} of ${r.need} approvals)`);
    return 0;
  };
}

export const crComment = action('comment', (_o, rest) => ({ body: rest.join(' ') }));
export const crApprove = action('approve', (o) => ({ body: (o.comment as string | undefined) ?? '' }));
export const crReject = action('reject', (o) => ({ reason: String(o.reason ?? '') }));
export const crClose = action('close', (o) => ({ reason: (o.reason as string | undefined) ?? '' }));
export const crOpen = action('submit', () => ({}));
export const crSchedule = action('schedule', (o) => {
  const at = String(o.at ?? '');
  // An explicit offset or Z: a time without one means different instants on different machines.
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(at) || Number.isNaN(new Date(at).getTime())) {
    throw new HpconfError('HPC_USAGE', { details: `--at "${at}": an ISO-8601 time with Z or an offset, e.g. 2026-12-24T06:00:00Z` });
  }
  return { at };
});
export const crEdit = action('edit', (o, rest) => ({ changes: parseAssignments(rest), drop: o.drop as string[] | undefined, reason: o.reason as string | undefined }));

export async function crApply(ctx: Context, o: Opts, [id]: string[]): Promise<number> {
  const { request, result } = await withClient(ctx, o, (c) => c.apply(requestId(id)));
  if (o.json) { ctx.out(JSON.stringify({ request, result }, null, 2)); return 0; }
  for (const ch of result.changes) ctx.out(`r${ch.revision} ${ch.key}: ${shown(ctx.catalog, ch.key, ch.oldValue)} -> ${shown(ctx.catalog, ch.key, ch.newValue)}`);
  ctx.out(`#${request.id} applied in ${request.environment}${result.changesetId !== null ? ` as change-set ${result.changesetId}` : ' (nothing left to change)'}`);
  return 0;
}
