import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HpconfError } from '../errors/registry.js';
import type { Context } from '../cli/context.js';
import { ftfCollect, type CollectOptions } from './collect.js';
import { pythonExe, startPython, tokenEnv, workerEnv, workerError } from './run.js';
import type { RunManifest } from './types.js';

/**
 * `hpconf ftf finalize DIR`: a run whose workers died (a killed process, a lost pod, Ctrl-C) is finished from what
 * its folder and its study storage hold. Every study without a manifest gets one worker with --finalize-only: the
 * dead workers' running trials are failed, a defaults trial no worker completed is run, and the best trial so far is
 * refitted and recorded. Everything the workers need (the values with CVN_HPO_N_TRIALS, the storage, the data) is
 * taken from the run's plan; then the report and both gates, as `collect` gives them.
 */
export async function ftfFinalize(ctx: Context, o: { dir: string; studyStorage?: string } & Omit<CollectOptions, 'dir' | 'studyStorage' | 'runId' | 'plan'>) {
  const dir = path.resolve(ctx.cwd, o.dir);
  const planPath = ['plan.json', 'run.json'].map((f) => path.join(dir, f)).find(existsSync);
  if (!planPath) throw new HpconfError('HPC_USAGE', { details: `${dir} holds no plan.json or run.json: not a run folder of hpconf ftf run` });
  const plan = JSON.parse(readFileSync(planPath, 'utf8')) as RunManifest;
  if (plan.kind !== 'hpconf/ftf-run') throw new HpconfError('HPC_USAGE', { details: `${planPath}: not a run plan` });
  const storage = o.studyStorage ?? plan.study_storage;
  if (!storage || storage === 'memory') throw new HpconfError('HPC_USAGE', { details: `run ${plan.run_id} kept its studies in memory: nothing to finalize; start the run again` });
  if (/:\/\/[^/]*:\*+@/.test(storage) || storage.includes('***')) {
    throw new HpconfError('HPC_USAGE', { details: `the plan shows the study storage without its password (${storage}): give it with --study-storage` });
  }
  if (storage === 'store' && !ctx.databaseUrl) throw new HpconfError('HPC_USAGE', { details: 'the studies are in the store\'s PostgreSQL server: give --database-url (or DATABASE_URL), as for the run' });
  const env = { ...workerEnv(ctx, new Map(Object.entries(plan.configured).map(([k, v]) => [k, v.value])), plan.store.revision, plan.models, plan.tokens, plan.store.environment),
    ...(plan.mlflow ? { HPCONF_MLFLOW_URI: plan.mlflow } : {}) };

  const python = pythonExe(ctx.env);
  for (const model of plan.models) {
    for (const token of plan.tokens) {
      const out = path.join(dir, `${model}_${token}.json`);
      if (existsSync(out)) continue;
      const args = ['--model', model, '--timeframe', plan.timeframe.toLowerCase(), '--token', token, '--quote', plan.quote ?? 'USDT', '--run-id', plan.run_id,
        '--data-dir', plan.data_dir, '--out', out, '--study-storage', storage, '--workers', String(plan.workers_per_study ?? 1), '--finalize-only'];
      const r = await startPython(python, 'hpconf_training.worker', args, tokenEnv(env, plan.by_token ?? {}, token), path.join(dir, `${model}_${token}.finalize.log`));
      ctx.out(`finalize ${model} ${token}: ${r.code === 0 ? (existsSync(out) ? 'done' : 'nothing to finalize') : `FAILED exit ${r.code}: ${workerError(r, dir)}`}`);
    }
  }
  return ftfCollect(ctx, { ...o, dir, plan: planPath });
}
