import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { HpconfError } from '../errors/registry.js';
import type { Context } from '../cli/context.js';
import { finish } from './finish.js';
import { pythonExe, shownStorage, storeSource } from './run.js';
import type { Gate, GateKind, RunManifest, WorkerManifest, WorkerResult } from './types.js';

export interface CollectOptions {
  /** A folder of the workers' manifests (`<MODEL>_<TOKEN>.json`), wherever they ran. */
  dir?: string;
  /** The run's plan (`plan.json` of --emit k8s, or a `run.json`); default: one in `dir`. */
  plan?: string;
  /** Read the manifests from a study storage instead (what the finalizing workers recorded). */
  studyStorage?: string;
  runId?: string;
  out?: string;
  gate?: Partial<Gate>;
  skillMinTokens?: number;
  decide?: GateKind;
}

interface Stored {
  study: string; model: string | null; token: string | null; n_trials: number | null; finished: number | null; manifest: WorkerManifest | null;
  /** What the whole run expects, as its workers recorded it (empty from workers before hpconf 0.1's recovery). */
  run_models?: string[]; run_tokens?: string[];
}

/**
 * A plan rebuilt from the storage alone, when no plan file is at hand: every model and token the run expects (as its
 * studies recorded it) or has a study of, finalized or not, so one that never finalized is a failure, never left out.
 */
function planFrom(ctx: Context, manifests: WorkerManifest[], stored: Stored[], runId: string): RunManifest {
  const m0 = manifests[0];
  const tokens = [...new Set([...stored.flatMap((s) => s.run_tokens ?? []), ...stored.map((s) => s.token ?? ''), ...manifests.map((m) => m.token)].filter(Boolean))];
  const expected = new Set([...stored.flatMap((s) => s.run_models ?? []), ...stored.map((s) => s.model ?? ''), ...manifests.map((m) => m.model)]);
  const rev = m0.store_revision;
  const environment = m0.store_environment ?? 'default';
  return {
    kind: 'hpconf/ftf-run', version: 1, run_id: runId, created_at: new Date().toISOString(), factor: 'model_type', crypto_group: 'custom', tokens,
    models: ctx.catalog.models.filter((m) => expected.has(m)), timeframe: m0.timeframe, data_dir: '(collected)',
    store: { describe: 'as the workers recorded it', revision: rev ?? 0, environment },
    configured: Object.fromEntries(manifests.flatMap((m) => m.resolved.map((r) => [r.key, { value: String(r.value), source: rev !== null ? storeSource(rev, environment) : r.source }]))),
    parallel: 0, gate: { minF1: 0.4, minTokens: 4, pass: false, perModel: {} }, wall_seconds: 0, workers: [],
  };
}

/**
 * Build the report and apply both gates from what the workers stored: manifest files in a folder (Jobs writing to
 * a shared volume), or the study storage (each finalizing worker records its manifest in its study).
 */
export function ftfCollect(ctx: Context, o: CollectOptions): { run: RunManifest; results: WorkerResult[]; dir: string } {
  if (!o.dir && !o.studyStorage) throw new HpconfError('HPC_USAGE', { details: 'name the folder of manifests (hpconf ftf collect DIR) or --study-storage with --run-id' });
  if (o.studyStorage && !o.runId) throw new HpconfError('HPC_USAGE', { details: '--study-storage needs --run-id' });
  const dir = path.resolve(ctx.cwd, o.dir ?? o.out ?? path.join('.hpconf', 'runs', o.runId!));
  const planPath = o.plan ? path.resolve(ctx.cwd, o.plan) : ['plan.json', 'run.json'].map((f) => path.join(dir, f)).find(existsSync);
  let plan: RunManifest | undefined = planPath ? JSON.parse(readFileSync(planPath, 'utf8')) as RunManifest : undefined;
  if (plan && plan.kind !== 'hpconf/ftf-run') throw new HpconfError('HPC_USAGE', { details: `${planPath}: not a run plan (kind ${String(plan.kind)})` });

  const found = new Map<string, WorkerManifest>();
  const missing = new Map<string, string>();
  let stored: Stored[] = [];
  if (o.studyStorage) {
    const env = { ...ctx.env, ...(ctx.databaseUrl ? { DATABASE_URL: ctx.databaseUrl } : {}) } as NodeJS.ProcessEnv; // `store` means this server
    const r = spawnSync(pythonExe(ctx.env), ['-m', 'hpconf_training.collect', '--study-storage', o.studyStorage, '--run-id', o.runId!], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new HpconfError('HPC_USAGE', { details: `reading the study storage failed: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-1)[0]}` });
    stored = JSON.parse(r.stdout) as Stored[];
    for (const s of stored) {
      const key = `${s.model}_${s.token}`;
      if (s.manifest) found.set(key, s.manifest);
      else missing.set(key, `study ${s.study} not finalized: ${s.finished}/${s.n_trials} trials finished (run a worker with --finalize-only to finalize it with what it has)`);
    }
  } else {
    const names = plan ? plan.models.flatMap((m) => plan!.tokens.map((t) => `${m}_${t}`)) : [];
    for (const n of names) {
      const p = path.join(dir, `${n}.json`);
      if (existsSync(p)) found.set(n, JSON.parse(readFileSync(p, 'utf8')) as WorkerManifest);
      else missing.set(n, `no manifest ${p}`);
    }
    if (!plan) throw new HpconfError('HPC_USAGE', { details: `no plan.json or run.json in ${dir}; name it with --plan (written by ftf run --emit k8s)` });
  }
  if (!found.size) throw new HpconfError('HPC_USAGE', { details: `no worker manifest found (${o.studyStorage ? `run ${o.runId} in the study storage` : dir})` });
  plan ??= planFrom(ctx, [...found.values()], stored, o.runId!);
  if (o.runId && plan.run_id !== o.runId) throw new HpconfError('HPC_USAGE', { details: `the plan is of run ${plan.run_id}, not ${o.runId}` });
  const strangers = [...found.values()].filter((m) => m.run_id !== plan!.run_id);
  if (strangers.length) throw new HpconfError('HPC_USAGE', { details: `${strangers.length} manifest(s) belong to another run (${strangers[0].run_id}, not ${plan.run_id})` });

  const results: WorkerResult[] = plan.models.flatMap((model) => plan!.tokens.map((token) => {
    const key = `${model}_${token}`;
    const manifest = found.get(key);
    return { model, token, ok: !!manifest, exitCode: manifest ? 0 : 1, seconds: manifest?.duration_s ?? 0, manifestPath: path.join(dir, `${key}.json`), logPath: '',
      manifest, error: manifest ? undefined : (missing.get(key) ?? (o.studyStorage ? `no study of ${model} ${token} in the storage (its worker never started)` : 'no manifest')) };
  }));
  const out = path.resolve(ctx.cwd, o.out ?? dir);
  mkdirSync(out, { recursive: true });
  if (o.studyStorage) for (const r of results) if (r.manifest) writeFileSync(path.join(out, `${r.model}_${r.token}.json`), JSON.stringify(r.manifest, null, 2) + '\n');
  const planned: RunManifest = {
    ...plan,
    gate: { ...plan.gate, ...o.gate, pass: false, perModel: {} },
    skill_gate: { minTokens: o.skillMinTokens ?? plan.skill_gate?.minTokens ?? o.gate?.minTokens ?? plan.gate.minTokens, pass: false, perModel: {} },
    deciding_gate: o.decide ?? plan.deciding_gate ?? 'skill',
    study_storage: plan.study_storage ?? (o.studyStorage ? shownStorage(o.studyStorage) : undefined),
  };
  return { run: finish(ctx, planned, results, out), results, dir: out };
}
