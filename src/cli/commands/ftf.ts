import { HpconfError } from '../../errors/registry.js';
import { ftfRun } from '../../ftf/run.js';
import { parse } from '../args.js';
import type { Context } from '../context.js';

const USAGE = `hpconf ftf run --factor model_type --crypto-group GROUP --timeframe TF --data-dir DIR
    [--tokens A,B] [--trials N] [--gate-require-skill] [--parallel N] [--out DIR] [--allow-incomplete] [--gate-min-f1 0.40] [--gate-min-tokens 4]
    [--emit k8s [--image IMAGE] [--namespace NS]]`;

function num(v: string | undefined, name: string, fallback: number, int: boolean): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || (int && !Number.isInteger(n)) || n < 0) throw new HpconfError('HPC_USAGE', { details: `--${name} takes a ${int ? 'whole ' : ''}number >= 0, got "${v}"` });
  return n;
}

/** The fine-tune run; exit 0 when the gate passes, 9 when it fails, 8 when a worker failed. */
export async function ftf(ctx: Context, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'run') throw new HpconfError('HPC_USAGE', { details: `usage: ${USAGE}` });
  const { values: o } = parse(rest, {
    factor: { type: 'string' }, 'crypto-group': { type: 'string' }, tokens: { type: 'string' }, timeframe: { type: 'string' }, 'data-dir': { type: 'string' },
    trials: { type: 'string' }, parallel: { type: 'string' }, out: { type: 'string' }, 'allow-incomplete': { type: 'boolean' },
    'gate-min-f1': { type: 'string' }, 'gate-min-tokens': { type: 'string' }, 'gate-require-skill': { type: 'boolean' }, emit: { type: 'string' }, image: { type: 'string' }, namespace: { type: 'string' },
  }, USAGE);
  for (const req of ['factor', 'crypto-group', 'timeframe', 'data-dir'] as const) {
    if (!o[req]) throw new HpconfError('HPC_USAGE', { details: `--${req} is required\nusage: ${USAGE}` });
  }
  if (o.emit !== undefined && o.emit !== 'k8s') throw new HpconfError('HPC_USAGE', { details: `--emit takes k8s, got "${o.emit}"` });
  const { run, results } = await ftfRun(ctx, {
    factor: o.factor!, group: o['crypto-group']!, tokens: o.tokens?.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean), timeframe: o.timeframe!, dataDir: o['data-dir']!,
    trials: o.trials === undefined ? undefined : num(o.trials, 'trials', 0, true),
    parallel: o.parallel === undefined ? undefined : num(o.parallel, 'parallel', 0, true),
    outDir: o.out, allowIncomplete: o['allow-incomplete'],
    gate: { minF1: num(o['gate-min-f1'], 'gate-min-f1', 0.4, false), minTokens: num(o['gate-min-tokens'], 'gate-min-tokens', 4, true), requireSkill: !!o['gate-require-skill'] },
    emit: o.emit as 'k8s' | undefined, image: o.image, namespace: o.namespace,
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
