import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { HpconfError } from '../errors/registry.js';
import { checkValue } from '../catalog/check.js';
import { coverage } from '../catalog/coverage.js';
import { readJson } from '../catalog/load.js';
import { ROOT } from '../paths.js';
import { eventLine } from '../resolver/events.js';
import { withStore, type Context } from '../cli/context.js';
import { coverageError, printCoverage } from '../cli/commands/audit.js';
import { evaluateGate } from './gate.js';
import { pool } from './pool.js';
import { chartSvg, markdown, table } from './report.js';
import { k8sManifests, type JobSpec } from './k8s.js';
import type { Gate, RunManifest, WorkerManifest, WorkerResult } from './types.js';

export interface FtfOptions {
  factor: string;
  group: string;
  /** A subset of the group's tokens (default: all of them). */
  tokens?: string[];
  timeframe: string;
  dataDir: string;
  trials?: number;
  parallel?: number;
  outDir?: string;
  allowIncomplete?: boolean;
  gate: Gate;
  emit?: 'k8s';
  image?: string;
  namespace?: string;
}

interface Groups { quote: string; groups: Record<string, string[]> }

export function loadGroups(): Groups {
  return readJson(path.join(ROOT, 'catalog', 'groups.json')) as Groups;
}

export function pythonExe(env: Record<string, string | undefined>): string {
  if (env.HPCONF_PYTHON) return env.HPCONF_PYTHON;
  const venv = path.join(ROOT, '.venv', 'bin', 'python');
  return existsSync(venv) ? venv : 'python3';
}

/** Start one worker with the injected environment; its stderr (logfmt events) goes to its log file. */
function startWorker(python: string, args: string[], env: Record<string, string | undefined>, logPath: string): Promise<{ code: number; tail: string }> {
  return new Promise((resolve) => {
    const log = createWriteStream(logPath);
    const child = spawn(python, ['-m', 'hpconf_training.worker', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (d: Buffer) => { log.write(d); tail = (tail + d.toString()).slice(-4000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (e) => { log.end(); resolve({ code: 127, tail: `cannot start ${python}: ${e.message}` }); });
    child.on('close', (code, signal) => { log.end(); resolve({ code: code ?? (signal ? 128 : 1), tail }); });
  });
}

/**
 * The fine-tune run: validate the store (coverage), inject its values into one worker per model
 * type and token, at most `parallel` at once, collect the manifests, print a table, write a
 * report, and apply the gate.
 */
export async function ftfRun(ctx: Context, o: FtfOptions): Promise<{ run: RunManifest; results: WorkerResult[]; dir: string }> {
  if (o.factor !== 'model_type') throw new HpconfError('HPC_USAGE', { details: `--factor ${o.factor}: only model_type is supported` });
  const groups = loadGroups();
  const members = groups.groups[o.group];
  if (!members) throw new HpconfError('HPC_USAGE', { details: `unknown crypto group "${o.group}"; known: ${Object.keys(groups.groups).join(', ')}` });
  const extra = (o.tokens ?? []).filter((t) => !members.includes(t));
  if (extra.length) throw new HpconfError('HPC_USAGE', { details: `--tokens ${extra.join(',')}: not in group ${o.group} (${members.join(', ')})` });
  const tokens = o.tokens?.length ? members.filter((t) => o.tokens!.includes(t)) : members;
  const tf = o.timeframe.toUpperCase();
  if (!ctx.catalog.timeframes.includes(tf)) throw new HpconfError('HPC_TIMEFRAME_UNKNOWN', { timeframe: o.timeframe, known: ctx.catalog.timeframes.join(', ') });
  const dataDir = path.resolve(ctx.cwd, o.dataDir);
  if (!o.emit && !existsSync(dataDir)) throw new HpconfError('HPC_DATA_INVALID', { path: dataDir, details: 'no such directory' });
  const models = ctx.catalog.models;

  // Validate: the store's values, complete and valid, then released before any worker starts.
  const { values, revision, describe } = await withStore(ctx, async (s) => ({ values: await s.values(), revision: await s.head(), describe: s.describe }));
  const configured: RunManifest['configured'] = Object.fromEntries([...values].map(([k, v]) => [k, { value: v, source: `store r${revision}` }]));
  if (o.trials !== undefined) {
    const spec = ctx.catalog.byKey.get('CVN_HPO_N_TRIALS')!;
    const chk = checkValue(spec, String(o.trials));
    if (chk.kind !== 'ok') throw new HpconfError('HPC_USAGE', { details: `--trials ${o.trials}: ${chk.kind === 'error' ? chk.problem.message : 'empty'}` });
    values.set(spec.key, String(o.trials));
    configured[spec.key] = { value: String(o.trials), source: 'override --trials' };
  }
  const cov = coverage(ctx.catalog, (k) => values.get(k));
  if (!cov.complete) {
    printCoverage({ ...ctx, out: ctx.err }, cov, describe);
    if (!o.allowIncomplete) throw coverageError(cov);
  }

  const runId = `${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}-${randomBytes(2).toString('hex')}`;
  const dir = path.resolve(ctx.cwd, o.outDir ?? path.join('.hpconf', 'runs', runId));
  mkdirSync(dir, { recursive: true });
  const jobs: (JobSpec & { manifestPath: string; logPath: string })[] = [];
  for (const model of models) {
    for (const token of tokens) {
      const manifestPath = path.join(dir, `${model}_${token}.json`);
      const args = ['--model', model, '--timeframe', o.timeframe, '--token', token, '--quote', groups.quote, '--run-id', runId];
      jobs.push({ model, token, args: [...args, '--data-dir', dataDir, '--out', manifestPath], manifestPath, logPath: path.join(dir, `${model}_${token}.log`) });
    }
  }

  if (o.emit === 'k8s') {
    const k8sJobs = jobs.map((j) => ({ model: j.model, token: j.token, args: [...j.args.slice(0, -4), '--data-dir', '/data', '--out', `/out/${runId}/${j.model}_${j.token}.json`] }));
    const file = path.join(dir, 'k8s.yaml');
    writeFileSync(file, k8sManifests(ctx.catalog, values, k8sJobs, { runId, image: o.image, namespace: o.namespace, dataClaim: 'ohlcv-data', outClaim: 'hpconf-runs', revision }));
    ctx.out(`wrote ${file}: a ConfigMap of ${values.size} keys (revision ${revision}) and ${jobs.length} Jobs; apply with kubectl apply -f ${file}`);
    const gate = { ...o.gate, pass: false, perModel: {} };
    return { run: { kind: 'hpconf/ftf-run', version: 1, run_id: runId, created_at: new Date().toISOString(), factor: o.factor, crypto_group: o.group, tokens, models, timeframe: tf, data_dir: dataDir, store: { describe, revision }, configured, parallel: 0, gate, wall_seconds: 0, workers: [] }, results: [], dir };
  }

  const parallel = Math.max(1, o.parallel ?? Math.min(2, cpus().length));
  const env = { ...ctx.env, ...Object.fromEntries(values), HPCONF_REVISION: String(revision), HPCONF_WORKER_THREADS: ctx.env.HPCONF_WORKER_THREADS ?? '1' };
  const python = pythonExe(ctx.env);
  ctx.err(eventLine('ftf_started', { run_id: runId, workers: jobs.length, parallel, revision, dir }));
  ctx.out(`run ${runId}: ${jobs.length} workers (${models.join(', ')} x ${tokens.join(', ')}), ${parallel} at once, store revision ${revision}; logs in ${dir}`);
  const t0 = performance.now();
  let done = 0;
  const results = await pool(jobs, parallel, async (j) => {
    const t = performance.now();
    const { code, tail } = await startWorker(python, j.args, env, j.logPath);
    const seconds = (performance.now() - t) / 1000;
    const r: WorkerResult = { model: j.model, token: j.token, ok: code === 0, exitCode: code, seconds, manifestPath: j.manifestPath, logPath: j.logPath };
    if (code === 0) r.manifest = JSON.parse(readFileSync(j.manifestPath, 'utf8')) as WorkerManifest;
    else r.error = (tail.match(/error\[[A-Z_]+\]: [^\n]*/)?.[0] ?? tail.trim().split('\n').slice(-1)[0] ?? 'no output');
    done++;
    const m = r.manifest?.metrics;
    ctx.out(`[${String(done).padStart(String(jobs.length).length)}/${jobs.length}] ${j.model.padEnd(3)} ${j.token.padEnd(5)} ` +
      (m ? `val F1 ${m.validation.f1_buy.toFixed(3)}  test F1 ${m.test.f1_buy.toFixed(3)} (always-buy ${m.test.always_buy_f1.toFixed(3)})` : `FAILED exit ${code}: ${r.error}`) +
      `  ${seconds.toFixed(1)} s`);
    return r;
  });
  const wall = (performance.now() - t0) / 1000;
  const gate = { ...o.gate, ...evaluateGate(results, models, o.gate) };
  const run: RunManifest = {
    kind: 'hpconf/ftf-run', version: 1, run_id: runId, created_at: new Date().toISOString(), factor: o.factor, crypto_group: o.group,
    tokens, models, timeframe: tf, data_dir: dataDir, store: { describe, revision }, configured, parallel, gate, wall_seconds: wall,
    workers: results.map(({ manifest, ...r }) => ({ ...r, metrics: manifest?.metrics, trained_with: manifest?.trained_with, best_trial: manifest?.study.best_trial })),
  };
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify(run, null, 2) + '\n');
  writeFileSync(path.join(dir, 'report.svg'), chartSvg(run, results));
  writeFileSync(path.join(dir, 'report.md'), markdown(run, results, 'report.svg'));
  ctx.out('');
  ctx.out(table(results));
  ctx.out('');
  for (const m of models) ctx.out(`gate ${m}: ${gate.perModel[m].passing}/${gate.perModel[m].of} tokens with val F1 >= ${o.gate.minF1} (need ${o.gate.minTokens}): ${gate.perModel[m].pass ? 'pass' : 'fail'}`);
  ctx.out(`gate: ${gate.pass ? 'PASS' : 'FAIL'}; wall time ${wall.toFixed(1)} s; report ${path.join(dir, 'report.md')}`);
  ctx.err(eventLine('ftf_finished', { run_id: runId, gate: gate.pass ? 'pass' : 'fail', failed_workers: results.filter((r) => !r.ok).length, wall_s: wall.toFixed(1) }, gate.pass ? 'INFO' : 'WARN'));
  return { run, results, dir };
}
