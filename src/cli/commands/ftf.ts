import { HpconfError } from '../../errors/registry.js';
import { ftfRun } from '../../ftf/run.js';
import { ftfCollect } from '../../ftf/collect.js';
import { ftfFinalize } from '../../ftf/finalize.js';
import { gateFailure } from '../../ftf/finish.js';
import type { RunManifest, WorkerResult } from '../../ftf/types.js';
import type { Context } from '../context.js';
import type { Opts } from '../registry.js';

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
  const { run, results } = await ftfRun(ctx, {
    factor: String(o.factor), group: o.cryptoGroup as string | undefined,
    tokens: (o.tokens as string | undefined)?.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean),
    groupsFile: o.groups as string | undefined, quote: o.quote as string | undefined,
    timeframe: String(o.timeframe), dataDir: String(o.dataDir), trials: o.trials as number | undefined, parallel: o.parallel as number | undefined,
    outDir: o.out as string | undefined, allowIncomplete: !!o.allowIncomplete,
    gate: { minF1: o.gateMinF1 as number, minTokens: o.gateMinTokens as number, requireSkill: !!o.gateRequireSkill },
    skillGate: { minTokens: o.gateMinTokens as number }, decide: o.gate as 'skill' | 'f1',
    workersPerStudy: o.workersPerStudy as number, studyStorage: o.studyStorage as string | undefined,
    emit: o.emit as 'k8s' | undefined, image: o.image as string | undefined, namespace: o.namespace as string | undefined,
  });
  if (o.emit) return 0;
  return verdict(run, results);
}

/** `hpconf ftf collect`: the same report, gates and exit codes as `run`, from stored results. */
/** --gate-min-f1 and --gate-min-tokens, only where given (the plan's otherwise). */
function gateOverrides(o: Opts): { minF1?: number; minTokens?: number } {
  return { ...(o.gateMinF1 !== undefined ? { minF1: o.gateMinF1 as number } : {}), ...(o.gateMinTokens !== undefined ? { minTokens: o.gateMinTokens as number } : {}) };
}

export async function ftfCollectCmd(ctx: Context, o: Opts, args: string[]): Promise<number> {
  const gate = gateOverrides(o);
  const { run, results } = ftfCollect(ctx, {
    dir: args[0], plan: o.plan as string | undefined, studyStorage: o.studyStorage as string | undefined, runId: o.runId as string | undefined,
    out: o.out as string | undefined, gate, skillMinTokens: gate.minTokens, decide: o.gate as 'skill' | 'f1' | undefined,
  });
  return verdict(run, results);
}

/** `hpconf ftf finalize DIR`: finish a run whose workers died, then the same report, gates and exit codes. */
export async function ftfFinalizeCmd(ctx: Context, o: Opts, args: string[]): Promise<number> {
  const gate = gateOverrides(o);
  const { run, results } = await ftfFinalize(ctx, { dir: args[0], studyStorage: o.studyStorage as string | undefined, gate, skillMinTokens: gate.minTokens, decide: o.gate as 'skill' | 'f1' | undefined });
  return verdict(run, results);
}
