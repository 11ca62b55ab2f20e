import { HpconfError } from '../../errors/registry.js';
import { ftfRun } from '../../ftf/run.js';
import type { Context } from '../context.js';
import type { Opts } from '../registry.js';

/** The fine-tune run; exit 0 when the gate passes, 9 when it fails, 8 when a worker failed. */
export async function ftfRunCmd(ctx: Context, o: Opts): Promise<number> {
  for (const req of ['factor', 'cryptoGroup', 'timeframe', 'dataDir'] as const) {
    if (!o[req]) throw new HpconfError('HPC_USAGE', { details: `--${req.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase())} is required` });
  }
  const { run, results } = await ftfRun(ctx, {
    factor: String(o.factor), group: String(o.cryptoGroup), tokens: (o.tokens as string | undefined)?.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean),
    timeframe: String(o.timeframe), dataDir: String(o.dataDir), trials: o.trials as number | undefined, parallel: o.parallel as number | undefined,
    outDir: o.out as string | undefined, allowIncomplete: !!o.allowIncomplete,
    gate: { minF1: o.gateMinF1 as number, minTokens: o.gateMinTokens as number, requireSkill: !!o.gateRequireSkill },
    emit: o.emit as 'k8s' | undefined, image: o.image as string | undefined, namespace: o.namespace as string | undefined,
  });
  if (o.emit) return 0;
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    throw new HpconfError('HPC_WORKER_FAILED', { count: failed.length, details: failed.map((r) => `${r.model}/${r.token}: ${r.error}`).join('; ') });
  }
  if (!run.gate.pass) {
    throw new HpconfError('HPC_GATE_FAILED', { details: run.models.filter((m) => !run.gate.perModel[m].pass)
      .map((m) => `${m} ${run.gate.perModel[m].passing}/${run.gate.perModel[m].of} tokens at val F1 >= ${run.gate.minF1}, need ${run.gate.minTokens}`).join('; ') });
  }
  return 0;
}
