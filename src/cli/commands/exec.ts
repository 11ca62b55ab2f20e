import { spawn } from 'node:child_process';
import { HpconfError } from '../../errors/registry.js';
import { coverage } from '../../catalog/coverage.js';
import type { Scope } from '../../catalog/check.js';
import { workerScope } from '../../catalog/scope.js';
import { eventLine } from '../../resolver/events.js';
import type { Opts } from '../registry.js';
import { withStore, type Context } from '../context.js';
import { coverageError, printCoverage } from './audit.js';
import { readSegment, valuesOf } from '../../store/segment-read.js';

/** Values from the store, ready to inject: refuses (unless allowed) when any key is missing or invalid. */
export async function injectableEnv(ctx: Context, allowIncomplete: boolean, scope: Scope = {}, segment?: string): Promise<{ vars: Record<string, string>; revision: number }> {
  return withStore(ctx, async (s) => {
    // A segment is flattened to the base names: the worker reads its values under the names it knows.
    const values = valuesOf(await readSegment(s, segment));
    // A worker's gate covers its own keys: one missing XGB key does not stop an LGB worker.
    const cov = coverage(ctx.catalog, (k) => values.get(k), scope);
    if (!cov.complete) {
      printCoverage({ ...ctx, out: ctx.err }, cov, s.describe);
      if (!allowIncomplete) throw coverageError(cov);
    }
    return { vars: Object.fromEntries(values), revision: await s.head() };
  }, { read: true });
}

/** The worker-launch path: validate, then run CMD with every stored key in its environment. */
export async function exec(ctx: Context, o: Opts, positionals: string[]): Promise<number> {
  if (positionals[0] === '--') positionals = positionals.slice(1);
  if (!positionals.length) throw new HpconfError('HPC_USAGE', { details: 'no command given: hpconf exec -- CMD [ARGS...]' });
  const segment = o.segment as string | undefined;
  const { vars, revision } = await injectableEnv(ctx, !!o.allowIncomplete, workerScope(ctx.catalog, o), segment);
  // HPCONF_REVISION (and HPCONF_SEGMENT) let the worker record which store state it trained with.
  const env = { ...ctx.env, ...vars, HPCONF_REVISION: String(revision), ...(segment ? { HPCONF_SEGMENT: segment } : {}) };
  const [cmd, ...args] = positionals;
  ctx.err(eventLine('worker_exec', { command: cmd, keys: Object.keys(vars).length, revision }));
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: 'inherit' });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    const done = () => { process.off('SIGINT', forward).off('SIGTERM', forward); };
    child.on('error', (e) => { done(); reject(new HpconfError('HPC_EXEC_FAILED', { command: cmd, details: e.message })); });
    child.on('exit', (code, signal) => { done(); resolve(code ?? (signal ? 128 + (({ SIGINT: 2, SIGTERM: 15, SIGKILL: 9 } as Record<string, number>)[signal] ?? 1) : 1)); });
  });
}
