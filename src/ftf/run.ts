import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { constants as osConstants, cpus } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { HpconfError } from '../errors/registry.js';
import { redactUrl } from '../store/redact.js';
import { checkValue } from '../catalog/check.js';
import { coverage } from '../catalog/coverage.js';
import { ROOT } from '../paths.js';
import { eventLine } from '../resolver/events.js';
import type { Context } from '../cli/context.js';
import { withStore } from '../store/with-store.js';
import { runsClient } from '../runs/client.js';
import { warmCandidates, type WarmCandidate } from '../runs/warm.js';
import { BASE, flatten, groupsOf } from '../catalog/segments.js';
import { coverageError, printCoverage } from '../catalog/coverage-report.js';
import { chooseTokens, loadGroups } from './groups.js';
import { pool } from './pool.js';
import { Progress, parseTrial } from './progress.js';
import { finish } from './finish.js';
import { k8sManifests, k8sPrerequisites, type JobSpec } from './k8s.js';
import type { Configured, Gate, GateKind, RunManifest, SkillGate, WorkerManifest, WorkerResult } from './types.js';

export { loadGroups } from './groups.js';

/** A study storage as it may be shown and recorded: `store`, `journal:PATH`, or a URL without its password. */
export const shownStorage = (s: string) => (s.includes('://') ? redactUrl(s) : s);

export interface FtfOptions {
  factor: string;
  /** A group of the groups file; optional when tokens are named. */
  group?: string;
  /** Any tokens with files in dataDir (with a group: the run's tokens, the group only names the run). */
  tokens?: string[];
  groupsFile?: string;
  quote?: string;
  timeframe: string;
  dataDir: string;
  trials?: number;
  /** No warm start: every study begins with the stored defaults alone. */
  cold?: boolean;
  /** An MLflow tracking URI: each finalized study logged as one MLflow run (the workers need the mlflow extra). */
  mlflow?: string;
  parallel?: number;
  outDir?: string;
  allowIncomplete?: boolean;
  gate: Gate;
  skillGate?: SkillGate;
  decide?: GateKind;
  /** Worker processes per study (one study per model type and token). */
  workersPerStudy?: number;
  /** memory | store | journal:PATH | postgresql://...; default: the store's server with DATABASE_URL, else a journal in the run folder. */
  studyStorage?: string;
  emit?: 'k8s';
  image?: string;
  namespace?: string;
}

export function pythonExe(env: Record<string, string | undefined>): string {
  if (env.HPCONF_PYTHON) return env.HPCONF_PYTHON;
  const venv = path.join(ROOT, '.venv', 'bin', 'python');
  return existsSync(venv) ? venv : 'python3';
}

/** Worker processes of this CLI process: stopped with it (Ctrl-C, SIGTERM), never left training on their own. */
const children = new Set<ChildProcess>();

/** The exit status a shell shows for a process killed by a signal (SIGKILL: 137). */
export const signalExit = (signal: NodeJS.Signals) => 128 + (osConstants.signals[signal] ?? 0);

/** Start one Python module with the injected environment; its output goes to its log file, lines to `onLine`. */
export function startPython(python: string, module: string, args: string[], env: Record<string, string | undefined>, logPath: string | undefined,
  onLine?: (line: string) => void): Promise<{ code: number; tail: string; stdout: string; signal?: NodeJS.Signals }> {
  return new Promise((resolve) => {
    const log = logPath ? createWriteStream(logPath) : undefined;
    const child = spawn(python, ['-m', module, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let tail = '', stdout = '', partial = '';
    child.stdout.on('data', (d: Buffer) => { log?.write(d); stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => {
      log?.write(d);
      tail = (tail + d.toString()).slice(-4000);
      if (!onLine) return;
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) onLine(l);
    });
    child.on('error', (e) => { children.delete(child); log?.end(); resolve({ code: 127, tail: `cannot start ${python}: ${e.message}`, stdout }); });
    child.on('close', (code, signal) => {
      children.delete(child);
      log?.end();
      resolve(signal ? { code: signalExit(signal), tail, stdout, signal } : { code: code ?? 1, tail, stdout });
    });
  });
}

/**
 * Ctrl-C (or SIGTERM) during a run: every worker is told to stop (SIGTERM, then SIGKILL after 5 s) and no new one
 * starts; `interrupted()` says so to the caller, which then reports HPC_INTERRUPTED.
 */
function stopWorkersOnSignal(): { interrupted: () => NodeJS.Signals | undefined; off: () => void } {
  let got: NodeJS.Signals | undefined;
  const stop = (sig: NodeJS.Signals) => {
    if (got) return;
    got = sig;
    for (const c of children) c.kill('SIGTERM');
    setTimeout(() => { for (const c of children) c.kill('SIGKILL'); }, 5000).unref();
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
  return { interrupted: () => got, off: () => { process.off('SIGINT', stop).off('SIGTERM', stop); } };
}

/**
 * A worker's environment: the values it trains with, the store revision, one thread, and what the whole run expects
 * (HPCONF_RUN_MODELS / _TOKENS: each study records them, so `collect` from the study storage alone names a model or
 * token that never finalized instead of leaving it out). The same for `run` and `finalize`.
 */
export function workerEnv(ctx: Context, values: Map<string, string>, revision: number, models: string[], tokens: string[], environment = 'default'): Record<string, string | undefined> {
  return { ...ctx.env, ...Object.fromEntries(values), HPCONF_REVISION: String(revision), HPCONF_ENVIRONMENT: environment, HPCONF_WORKER_THREADS: ctx.env.HPCONF_WORKER_THREADS ?? '1',
    HPCONF_RUN_MODELS: models.join(','), HPCONF_RUN_TOKENS: tokens.join(','), ...(ctx.databaseUrl ? { DATABASE_URL: ctx.databaseUrl } : {}) };
}

/**
 * Per token, the values its segment gives that are not the base's, each with its layer and change-set: what the
 * studies of that token train with in place of the base, recorded in run.json.
 */
export function tokenOverrides(state: Map<string, string>, tokens: string[], base: Map<string, string>,
  where: (address: string) => { source: string; changeset: number | null }): Record<string, Record<string, Configured>> {
  const out: Record<string, Record<string, Configured>> = {};
  if (![...state.keys()].some((k) => k.includes('@'))) return out;
  const groups = groupsOf(state);
  for (const token of tokens) {
    const flat = flatten(state, groups, token, base.keys());
    const mine = [...flat].filter(([, r]) => r.layer !== BASE);
    if (mine.length) out[token] = Object.fromEntries(mine.map(([k, r]) => [k, { value: r.value, layer: r.layer, ...where(`${k}@${r.layer}`) }]));
  }
  return out;
}

/** A study's environment: the run's, with its token's overrides and HPCONF_SEGMENT. */
export function tokenEnv(env: Record<string, string | undefined>, byToken: Record<string, Record<string, Configured>>, token: string): Record<string, string | undefined> {
  const mine = byToken[token];
  return { ...env, HPCONF_SEGMENT: token, ...(mine ? Object.fromEntries(Object.entries(mine).map(([k, v]) => [k, v.value])) : {}) };
}

/** Where a run's value came from: `store r615`, and the environment where it is not the default one (a diff shows a move between them). */
export const storeSource = (revision: number, environment = 'default') => (environment === 'default' ? `store r${revision}` : `store ${environment} r${revision}`);

/** Why a worker failed, as the run reports it: its error line, or the signal that killed it and what to do next. */
export function workerError(r: { code: number; tail: string; signal?: NodeJS.Signals }, dir: string): string {
  if (r.signal) {
    return `killed by ${r.signal} (exit ${r.code}); its unfinished trial is failed and the defaults trial queued again when the study resumes: ` +
      `hpconf ftf finalize ${dir} finishes it with the trials it has`;
  }
  return lastError(r.tail);
}

const lastError = (tail: string) => tail.match(/error\[[A-Z_]+\]: [^\n]*/)?.[0] ?? tail.trim().split('\n').slice(-1)[0] ?? 'no output';

/**
 * The fine-tune run: validate the store (coverage) and the data (every file read once, before any worker),
 * inject the store's values into the workers of one Optuna study per model type and token (N workers per study
 * sharing it through the study storage), at most `parallel` processes at once, then report both gates.
 */
export async function ftfRun(ctx: Context, o: FtfOptions): Promise<{ run: RunManifest; results: WorkerResult[]; dir: string }> {
  if (o.factor !== 'model_type') throw new HpconfError('HPC_USAGE', { details: `--factor ${o.factor}: only model_type is supported` });
  const groups = loadGroups(o.groupsFile ? path.resolve(ctx.cwd, o.groupsFile) : undefined, ctx.env);
  const quote = (o.quote ?? groups.quote).toUpperCase();
  const dataDir = path.resolve(ctx.cwd, o.dataDir);
  const { tokens, group } = chooseTokens(groups, o.group, o.tokens, dataDir, quote);
  const tf = o.timeframe.toUpperCase();
  if (!ctx.catalog.timeframes.includes(tf)) throw new HpconfError('HPC_TIMEFRAME_UNKNOWN', { timeframe: o.timeframe, known: ctx.catalog.timeframes.join(', ') });
  if (!o.emit && !existsSync(dataDir)) throw new HpconfError('HPC_DATA_INVALID', { path: dataDir, details: 'no such directory' });
  const perStudy = o.workersPerStudy ?? 1;
  if (!Number.isInteger(perStudy) || perStudy < 1 || perStudy > 256) throw new HpconfError('HPC_USAGE', { details: `--workers-per-study ${perStudy}: 1 to 256` });
  if (perStudy > 1 && o.studyStorage === 'memory') throw new HpconfError('HPC_USAGE', { details: '--workers-per-study > 1 needs a shared --study-storage, not memory' });
  const models = ctx.catalog.models;
  if (o.studyStorage === 'store' && !ctx.databaseUrl) {
    throw new HpconfError('HPC_USAGE', { details: '--study-storage store means the store\'s PostgreSQL server, and this store is embedded (PGlite): give --database-url, or use journal:PATH' });
  }
  if (o.emit === 'k8s' && !path.posix.isAbsolute(o.dataDir)) {
    throw new HpconfError('HPC_USAGE', { details: `--data-dir ${o.dataDir}: with --emit k8s, the folder of candle files as the pods see it, an absolute path under the data volume's mount /data (e.g. /data/binance-2024)` });
  }
  if (o.emit === 'k8s' && !(o.dataDir === '/data' || o.dataDir.startsWith('/data/'))) {
    throw new HpconfError('HPC_USAGE', { details: `--data-dir ${o.dataDir}: the pods mount the data volume at /data; name a folder under it (e.g. /data/binance-2024)` });
  }
  const minTokens = Math.max(o.gate.minTokens, o.skillGate?.minTokens ?? 0);
  if (tokens.length < minTokens) {
    ctx.err(`warning: ${tokens.length} token(s) but the gates need ${minTokens} per model (--gate-min-tokens): no gate can pass this run`);
  }

  // Validate: the store's values, complete and valid, then released before any worker starts.
  const warmKeys = models.flatMap((model) => tokens.map((token) => ({ model, token })));
  const { values, revision, describe, environment, state, changesets, warm } = await withStore(ctx, async (s) => ({
    values: await s.values(), revision: await s.head(), describe: s.describe, environment: s.environment,
    state: await s.layered(),
    // Warm starts: the studies of this environment's recorded runs a worker can open again (none with --cold or --emit).
    warm: o.cold || o.emit ? new Map<string, WarmCandidate[]>()
      : await warmCandidates(runsClient(s, 'cli:ftf'), tf, warmKeys, o.studyStorage ?? (ctx.databaseUrl ? 'store' : 'journal')).catch((e: Error) => {
        ctx.err(`warning: no warm start: the recorded runs could not be read (${e.message}); every study starts cold`);
        return new Map<string, WarmCandidate[]>();
      }),
    // Through a Console the change-sets are not known (its API gives values): the run records none then.
    changesets: (s as { provenance?: () => Promise<Map<string, number>> }).provenance ? await s.provenance() : new Map<string, number>(),
  }));
  const source = storeSource(revision, environment);
  const configured: RunManifest['configured'] = Object.fromEntries([...values].map(([k, v]) => [k, { value: v, source, layer: BASE, changeset: changesets.get(k) ?? null }]));
  // Each study resolves for its token: the token's overrides, then its groups' by priority, then the base.
  const byToken = tokenOverrides(state, tokens, values, (address) => ({ source, changeset: changesets.get(address) ?? null }));
  if (o.trials !== undefined) {
    const spec = ctx.catalog.byKey.get('CVN_HPO_N_TRIALS')!;
    const chk = checkValue(spec, String(o.trials));
    if (chk.kind !== 'ok') throw new HpconfError('HPC_USAGE', { details: `--trials ${o.trials}: ${chk.kind === 'error' ? chk.problem.message : 'empty'}` });
    values.set(spec.key, String(o.trials));
    configured[spec.key] = { value: String(o.trials), source: 'override --trials' };
    for (const t of Object.keys(byToken)) { delete byToken[t][spec.key]; if (!Object.keys(byToken[t]).length) delete byToken[t]; } // the command line wins
  }
  const cov = coverage(ctx.catalog, (k) => values.get(k));
  if (!cov.complete) {
    printCoverage({ ...ctx, out: ctx.err }, cov, describe);
    if (!o.allowIncomplete) throw coverageError(cov);
  }

  const runId = `${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}-${randomBytes(2).toString('hex')}`;
  const dir = path.resolve(ctx.cwd, o.outDir ?? path.join('.hpconf', 'runs', runId));
  mkdirSync(dir, { recursive: true });
  // One run per folder, claimed atomically: a second run (or a second process) on the same --out is refused, never mixed in.
  try { writeFileSync(path.join(dir, '.hpconf-run'), runId + '\n', { flag: 'wx' }); } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    throw new HpconfError('HPC_USAGE', { details: `${dir} already holds run ${readFileSync(path.join(dir, '.hpconf-run'), 'utf8').trim()}; give this run its own --out folder` });
  }
  const skillGate = o.skillGate ?? { minTokens: o.gate.minTokens };
  const base: RunManifest = {
    kind: 'hpconf/ftf-run', version: 1, run_id: runId, created_at: new Date().toISOString(), factor: o.factor, crypto_group: group,
    tokens, models, timeframe: tf, data_dir: o.emit === 'k8s' ? o.dataDir : dataDir, quote, store: { describe, revision, environment }, configured,
    ...(Object.keys(byToken).length ? { by_token: byToken } : {}), parallel: 0,
    gate: { ...o.gate, pass: false, perModel: {} }, skill_gate: { ...skillGate, pass: false, perModel: {} }, deciding_gate: o.decide ?? 'skill',
    workers_per_study: perStudy, wall_seconds: 0, workers: [], ...(o.mlflow ? { mlflow: o.mlflow } : {}),
  };

  if (o.emit === 'k8s') {
    const storage = o.studyStorage ?? (ctx.databaseUrl ? 'store' : `journal:/out/${runId}/optuna.journal`);
    const k8sJobs: JobSpec[] = models.flatMap((model) => tokens.map((token) => ({
      model, token, env: { HPCONF_SEGMENT: token, ...Object.fromEntries(Object.entries(byToken[token] ?? {}).map(([k, v]) => [k, v.value])) },
      args: ['--model', model, '--timeframe', o.timeframe, '--token', token, '--quote', quote, '--run-id', runId,
        '--data-dir', o.dataDir, '--out', `/out/${runId}/${model}_${token}.json`, '--workers', String(perStudy)],
    })));
    const file = path.join(dir, 'k8s.yaml');
    writeFileSync(file, k8sManifests(ctx.catalog, values, k8sJobs, { runId, image: o.image, namespace: o.namespace, dataClaim: 'ohlcv-data', outClaim: 'hpconf-runs', revision, environment, workersPerStudy: perStudy, studyStorage: storage, runPlan: { models, tokens } }));
    chmodSync(file, 0o600); // it may hold a Secret (secret keys, a study storage URL)
    const plan: RunManifest = { ...base, study_storage: shownStorage(storage) };
    writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan, null, 2) + '\n');
    ctx.out(`wrote ${file}: a ConfigMap of ${values.size} keys (revision ${revision}) and ${k8sJobs.length} Jobs of ${perStudy} pod(s) each; apply with kubectl apply -f ${file}`);
    ctx.out('it needs, in the cluster (not created by hpconf):');
    for (const l of k8sPrerequisites({ dataClaim: 'ohlcv-data', outClaim: 'hpconf-runs', studyStorage: storage, namespace: o.namespace })) ctx.out(`  - ${l}`);
    ctx.out(`then: hpconf ftf collect <the hpconf-runs volume>/${runId} --plan ${path.join(dir, 'plan.json')}`);
    return { run: plan, results: [], dir };
  }

  const python = pythonExe(ctx.env);
  const env = { ...workerEnv(ctx, values, revision, models, tokens, environment), ...(o.mlflow ? { HPCONF_MLFLOW_URI: o.mlflow } : {}) };
  const envOf = (token: string) => tokenEnv(env, byToken, token);

  // Every data file read and checked once, before any worker: one message for every problem.
  const pre = await startPython(python, 'hpconf_training.preflight', ['--data-dir', dataDir, '--timeframe', o.timeframe, '--tokens', tokens.join(','), '--quote', quote], env, undefined);
  if (pre.code !== 0) {
    const msg = pre.tail.match(/error\[HPC_DATA_INVALID\]: ([\s\S]*)/)?.[1]?.trim();
    if (msg) throw new HpconfError('HPC_DATA_INVALID', { path: dataDir, details: msg.startsWith(dataDir + ': ') ? msg.slice(dataDir.length + 2) : msg });
    throw new HpconfError('HPC_DATA_INVALID', { path: dataDir, details: `the data check failed (exit ${pre.code}): ${lastError(pre.tail)}` });
  }
  const dataCheck = pre.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as NonNullable<RunManifest['data_check']>[number]);
  for (const c of dataCheck) {
    ctx.out(`data ${c.token}: ${c.candles} candles ${c.first} .. ${c.last}; ` + (c.gaps.gaps ? `${c.gaps.gaps} gap(s), ${c.gaps.missing_candles} missing candles, longest ${c.gaps.longest_minutes} min after ${c.gaps.longest_after}; policy ${c.gaps.policy}, ${c.gaps.rows_lost_to_gaps} rows lost` : 'no gaps') +
      (c.gaps.duplicates_dropped ? `; ${c.gaps.duplicates_dropped} exact duplicate row(s) dropped` : ''));
  }

  const storage = o.studyStorage ?? (ctx.databaseUrl ? 'store' : `journal:${path.join(dir, 'optuna.journal')}`);
  // The plan first: if this process dies or is stopped, `ftf finalize DIR` and `ftf collect DIR` find the run.
  writeFileSync(path.join(dir, 'plan.json'), JSON.stringify({ ...base, study_storage: shownStorage(storage), data_check: dataCheck }, null, 2) + '\n');
  const studies = models.flatMap((model) => tokens.map((token) => ({ model, token, manifestPath: path.join(dir, `${model}_${token}.json`) })));
  const procs = studies.flatMap((s) => Array.from({ length: perStudy }, (_, i) => ({ ...s, index: i,
    logPath: path.join(dir, perStudy > 1 ? `${s.model}_${s.token}.w${i}.log` : `${s.model}_${s.token}.log`),
    args: ['--model', s.model, '--timeframe', o.timeframe, '--token', s.token, '--quote', quote, '--run-id', runId, '--data-dir', dataDir,
      '--out', s.manifestPath, '--study-storage', storage, '--workers', String(perStudy), '--worker-index', String(i)] })));
  const parallel = Math.max(1, o.parallel ?? Math.min(2, cpus().length));
  const nTrials = Number(values.get('CVN_HPO_N_TRIALS'));
  const progress = new Progress(studies.length * nTrials, values.get('CVN_HPO_OBJECTIVE') ?? 'f1_buy', ctx.out, ctx.tty,
    Object.fromEntries(models.map((m) => [m, tokens.length * nTrials])), parallel);
  ctx.err(eventLine('ftf_started', { run_id: runId, workers: procs.length, parallel, revision, dir }));
  ctx.out(`run ${runId}: ${studies.length} studies (${models.join(', ')} x ${tokens.join(', ')}), ${perStudy} worker(s) each, ${parallel} process(es) at once, store revision ${revision}; studies in ${shownStorage(storage)}; logs in ${dir}`);
  const t0 = performance.now();
  const pending = new Map(studies.map((s) => [`${s.model} ${s.token}`, perStudy]));
  const exits = new Map<string, { code: number; tail: string; seconds: number }[]>();
  let done = 0;
  const results: WorkerResult[] = [];
  const signals = stopWorkersOnSignal();
  await pool(procs, parallel, async (p) => {
    const key = `${p.model} ${p.token}`;
    if (signals.interrupted()) { exits.set(key, [...(exits.get(key) ?? []), { code: 130, tail: 'error[HPC_INTERRUPTED]: not started: the run was stopped', seconds: 0 }]); }
    const t = performance.now();
    const sources = warm.get(`${p.model} ${p.token}`) ?? [];
    const wenv = sources.length ? { ...envOf(p.token), HPCONF_WARM_CANDIDATES: JSON.stringify(sources) } : envOf(p.token);
    const w = signals.interrupted() ? undefined : await startPython(python, 'hpconf_training.worker', p.args, wenv, p.logPath, (line) => {
      const e = parseTrial(line);
      if (e) progress.trial(e);
    });
    if (w) exits.set(key, [...(exits.get(key) ?? []), { code: w.code, tail: w.signal ? workerError(w, dir) : w.tail, seconds: (performance.now() - t) / 1000 }]);
    pending.set(key, pending.get(key)! - 1);
    if (pending.get(key)! > 0) return;
    // The study's last worker is done: its manifest is there if the study was finalized.
    progress.finished(p.model, p.token);
    const mine = exits.get(key)!;
    const failed = mine.find((x) => x.code !== 0);
    const seconds = Math.max(...mine.map((x) => x.seconds));
    const r: WorkerResult = { model: p.model, token: p.token, ok: !failed && existsSync(p.manifestPath), exitCode: failed?.code ?? 0, seconds, manifestPath: p.manifestPath, logPath: p.logPath };
    if (r.ok) r.manifest = JSON.parse(readFileSync(p.manifestPath, 'utf8')) as WorkerManifest;
    else r.error = failed ? lastError(failed.tail) : 'no worker finalized the study';
    results.push(r);
    done++;
    const m = r.manifest?.metrics;
    const k = m?.test.skill;
    progress.line(`[${String(done).padStart(String(studies.length).length)}/${studies.length}] ${p.model.padEnd(3)} ${p.token.padEnd(5)} ` +
      (m ? `val F1 ${m.validation.f1_buy.toFixed(3)}  test F1 ${m.test.f1_buy.toFixed(3)} (always-buy ${m.test.always_buy_f1.toFixed(3)})` +
        (k ? `  skill ${k.has_skill ? 'yes' : 'no'}` : '') : `FAILED exit ${r.exitCode}: ${r.error}`) + `  ${seconds.toFixed(1)} s`);
  });
  progress.close();
  signals.off();
  const stoppedBy = signals.interrupted();
  if (stoppedBy) throw new HpconfError('HPC_INTERRUPTED', { signal: stoppedBy, dir });
  const order = (r: WorkerResult) => studies.findIndex((s) => s.model === r.model && s.token === r.token);
  results.sort((a, b) => order(a) - order(b));
  const run: RunManifest = { ...base, parallel, study_storage: shownStorage(storage), data_check: dataCheck, wall_seconds: (performance.now() - t0) / 1000 };
  return { run: finish(ctx, run, results, dir), results, dir };
}
