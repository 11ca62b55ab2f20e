/** A recorded run by its folder or its id, as promote and bisect take it. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HpconfError } from '../errors/registry.js';
import type { Context } from './context.js';
import { withStore } from './context.js';
import type { RunManifest, WorkerManifest, WorkerResult } from '../ftf/types.js';
import { cliActor } from './commands/values.js';
import { runsClient } from '../runs/client.js';
import { runRecord, type RunRecord } from '../runs/record.js';

/** A run by its folder (run.json and the manifests beside it, wherever the folder is now) or by its id in the store. */
export async function runOf(ctx: Context, ref: string): Promise<RunRecord> {
  const dir = path.resolve(ctx.cwd, ref);
  if (existsSync(path.join(dir, 'run.json'))) {
    const run = JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8')) as RunManifest;
    if (run.kind !== 'hpconf/ftf-run') throw new HpconfError('HPC_USAGE', { details: `${dir}/run.json is not a run (kind ${String(run.kind)})` });
    const results: WorkerResult[] = run.workers.map((w) => {
      const file = path.join(dir, `${w.model}_${w.token}.json`);
      const manifest = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as WorkerManifest : undefined;
      return { ...w, manifestPath: file, ...(manifest ? { manifest } : { ok: false, error: w.error ?? `no manifest ${file}` }) };
    });
    return runRecord(run, results, dir);
  }
  const r = await withStore(ctx, (s) => runsClient(s, cliActor(ctx)).get(ref));
  if (!r) throw new HpconfError('HPC_NOT_FOUND', { what: `run ${ref} (neither a run folder nor a run recorded in the store)` });
  return r;
}

