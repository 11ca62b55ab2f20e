import { HpconfError } from '../../errors/registry.js';
import { ftfRun } from '../../ftf/run.js';
import { ftfCollect } from '../../ftf/collect.js';
import { ftfFinalize } from '../../ftf/finalize.js';
import { gateFailure } from '../../ftf/finish.js';
import type { RunManifest, WorkerResult } from '../../ftf/types.js';
import { withStore, type Context } from '../context.js';
import type { Opts } from '../registry.js';
import { runRecord } from '../../runs/record.js';
import { runsClient } from '../../runs/client.js';
import { isHpconfError } from '../../errors/registry.js';
import { cliActor } from './values.js';
import { planPromotion } from '../../ftf/promote.js';
import { requestsClient } from '../requests-client.js';
import { runOf } from '../runs-lookup.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { planRanges } from '../../ftf/suggest-ranges.js';
import type { WorkerManifest } from '../../ftf/types.js';

/**
 * `hpconf ftf promote RUN_DIR|RUN_ID`: the run's best trials as one change request for the environment, with per
 * study the best trial against the defaults on test as evidence (see src/ftf/promote.ts for what goes where).
 */
export async function ftfPromoteCmd(ctx: Context, o: Opts, [ref]: string[]): Promise<number> {
  if (o.force && !o.reason) throw new HpconfError('HPC_USAGE', { details: '--force needs --reason: say why values without a gain beyond noise should be proposed' });
  const run = await runOf(ctx, ref);
  const studies = (o.studies as string | undefined)?.split(',').map((x) => x.trim()).filter(Boolean);
  const actor = cliActor(ctx, o.actor as string | undefined);
  const { plan, request } = await withStore(ctx, async (s) => {
    const plan = await planPromotion(ctx.catalog, run, await s.use(run.environment), s, { studies, toBase: !!o.toBase, force: !!o.force });
    const reason = (o.reason ? `${String(o.reason)}; ${plan.summary}` : plan.summary).slice(0, 2000);
    return { plan, request: await (await requestsClient(s, actor)).create(plan.changes, { reason, evidence: plan.evidence }) };
  });
  if (o.json) { ctx.out(JSON.stringify({ id: request.id })); return 0; }
  ctx.out(String(request.id));
  ctx.err(`change request #${request.id} in ${request.environment}: ${plan.changes.length} key(s) from run ${run.id}; review with hpconf cr show ${request.id}`);
  for (const st of plan.evidence.studies) ctx.err(`  ${st.model} ${st.token} -> ${st.target}: ${st.keys.map((k) => `${k.key} ${k.current ?? '(unset)'} -> ${k.trial}`).join(', ')}`);
  for (const k of plan.evidence.skipped) ctx.err(`  not promoted: ${k.model} ${k.token}: ${k.why}`);
  return 0;
}

/**
 * The run, recorded in the store it read (its environment): `hpconf runs list|show`, the Console's Runs screen and
 * `ftf promote` read it there. A store that cannot take it (unreachable now, an older Console) costs a warning, not
 * the run: `hpconf ftf collect DIR` records it again later.
 */
async function recordRun(ctx: Context, run: RunManifest, results: WorkerResult[], dir: string): Promise<void> {
  const rec = runRecord(run, results, dir);
  if (!results.some((r) => r.manifest && r.manifest.store_revision !== null)) {
    ctx.err(`warning: run ${rec.id} not recorded in the store: its workers recorded no store revision (they were not started by hpconf ftf run or exec)`);
    return;
  }
  try {
    const r = await withStore(ctx, async (s) => runsClient(await s.use(rec.environment), cliActor(ctx)).record(rec));
    ctx.out(`run ${rec.id} ${r.created ? 'recorded' : 'recorded again'} in the store (environment ${rec.environment}, revision ${rec.revision}): hpconf runs show ${rec.id}`);
  } catch (e) {
    ctx.err(`warning: run ${rec.id} not recorded in the store: ${isHpconfError(e) ? e.message : String(e)} (hpconf ftf collect ${dir} records it)`);
  }
}

function verdict(run: RunManifest, results: WorkerResult[]): number {
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    throw new HpconfError('HPC_WORKER_FAILED', { count: failed.length, details: failed.map((r) => `${r.model}/${r.token}: ${r.error}`).join('; ') });
  }
  const pass = run.deciding_gate === 'f1' ? run.gate.pass : run.skill_gate!.pass;
  if (!pass) throw new HpconfError('HPC_GATE_FAILED', { details: `${run.deciding_gate === 'f1' ? "plan's F1 gate" : 'skill gate'}: ${gateFailure(run)}` });
  return 0;
}

/** The fine-tune run; exit 0 when the deciding gate passes, 9 when it fails, 8 when a worker failed. */
export async function ftfRunCmd(ctx: Context, o: Opts): Promise<number> {
  for (const req of ['factor', 'timeframe', 'dataDir'] as const) {
    if (!o[req]) throw new HpconfError('HPC_USAGE', { details: `--${req.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase())} is required` });
  }
  const { run, results, dir } = await ftfRun(ctx, {
    factor: String(o.factor), group: o.cryptoGroup as string | undefined,
    tokens: (o.tokens as string | undefined)?.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean),
    groupsFile: o.groups as string | undefined, quote: o.quote as string | undefined,
    timeframe: String(o.timeframe), dataDir: String(o.dataDir), trials: o.trials as number | undefined, parallel: o.parallel as number | undefined, cold: !!o.cold, mlflow: o.mlflow as string | undefined,
    outDir: o.out as string | undefined, allowIncomplete: !!o.allowIncomplete,
    gate: { minF1: o.gateMinF1 as number, minTokens: o.gateMinTokens as number, requireSkill: !!o.gateRequireSkill },
    skillGate: { minTokens: o.gateMinTokens as number }, decide: o.gate as 'skill' | 'f1',
    workersPerStudy: o.workersPerStudy as number, studyStorage: o.studyStorage as string | undefined,
    emit: o.emit as 'k8s' | undefined, image: o.image as string | undefined, namespace: o.namespace as string | undefined,
  });
  if (o.emit) return 0;
  await recordRun(ctx, run, results, dir);
  return verdict(run, results);
}

/** `hpconf ftf collect`: the same report, gates and exit codes as `run`, from stored results. */
/** --gate-min-f1 and --gate-min-tokens, only where given (the plan's otherwise). */
function gateOverrides(o: Opts): { minF1?: number; minTokens?: number } {
  return { ...(o.gateMinF1 !== undefined ? { minF1: o.gateMinF1 as number } : {}), ...(o.gateMinTokens !== undefined ? { minTokens: o.gateMinTokens as number } : {}) };
}

export async function ftfCollectCmd(ctx: Context, o: Opts, args: string[]): Promise<number> {
  const gate = gateOverrides(o);
  const { run, results, dir } = ftfCollect(ctx, {
    dir: args[0], plan: o.plan as string | undefined, studyStorage: o.studyStorage as string | undefined, runId: o.runId as string | undefined,
    out: o.out as string | undefined, gate, skillMinTokens: gate.minTokens, decide: o.gate as 'skill' | 'f1' | undefined,
  });
  await recordRun(ctx, run, results, dir);
  return verdict(run, results);
}

/** `hpconf ftf finalize DIR`: finish a run whose workers died, then the same report, gates and exit codes. */
export async function ftfFinalizeCmd(ctx: Context, o: Opts, args: string[]): Promise<number> {
  const gate = gateOverrides(o);
  const { run, results, dir } = await ftfFinalize(ctx, { dir: args[0], studyStorage: o.studyStorage as string | undefined, gate, skillMinTokens: gate.minTokens, decide: o.gate as 'skill' | 'f1' | undefined });
  await recordRun(ctx, run, results, dir);
  return verdict(run, results);
}

/**
 * `hpconf ftf suggest-ranges RUN_DIR|RUN_ID`: one change request widening the bounds the run's good trials crowd and
 * narrowing the sides they never visit (src/ftf/suggest-ranges.ts), with the counts and values as evidence.
 */
export async function ftfSuggestRangesCmd(ctx: Context, o: Opts, [ref]: string[]): Promise<number> {
  const run = await runOf(ctx, ref);
  const manifests = run.studies.map((s) => path.resolve(run.dir, s.manifest)).filter((f) => existsSync(f)).map((f) => JSON.parse(readFileSync(f, 'utf8')) as WorkerManifest);
  if (!manifests.length) throw new HpconfError('HPC_USAGE', { details: `run ${run.id}: its manifests are not in ${run.dir} (the trials are read from them): give the run's folder` });
  const plan = planRanges(ctx.catalog, run, manifests);
  const actor = cliActor(ctx, o.actor as string | undefined);
  const request = await withStore(ctx, async (s) => {
    // The ranges the run searched must still be the ranges now, or the evidence is of another space.
    const [then, now] = [await (await s.use(run.environment)).at(run.revision), await s.values()];
    const keys = [...new Set(plan.evidence.proposals.flatMap((p) => [p.key, p.key.replace(/_RANGE_(MIN|MAX)$/, '_RANGE_SCALE'), p.key.replace(/_RANGE_MIN$/, '_RANGE_MAX').replace(/_RANGE_MAX$/, '_RANGE_MIN')]))];
    const moved = keys.filter((k) => then.get(k) !== now.get(k)).map((k) => `${k}: ${then.get(k) ?? '(unset)'} -> ${now.get(k) ?? '(unset)'}`);
    if (moved.length) throw new HpconfError('HPC_PROMOTE_STALE', { run: run.id, revision: run.revision, environment: s.environment, details: moved.join('; ') });
    const summary = `ranges from run ${run.id} (${run.environment} r${run.revision}): ` + plan.evidence.proposals.map((p) => `${p.key} ${p.action} ${p.current} -> ${p.proposed}`).join('; ');
    const reason = (o.reason ? `${String(o.reason)}; ${summary}` : summary).slice(0, 2000);
    return (await requestsClient(s, actor)).create(plan.changes, { reason, evidence: plan.evidence });
  });
  if (o.json) { ctx.out(JSON.stringify({ id: request.id })); return 0; }
  ctx.out(String(request.id));
  for (const p of plan.evidence.proposals) ctx.err(`  ${p.key}: ${p.action} ${p.current} -> ${p.proposed} (${p.action === 'widen' ? `${p.near} of ${p.good} good trials at the bound` : `no good trial in the outer quarter of ${p.trials} trials`})`);
  return 0;
}
