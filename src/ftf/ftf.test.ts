import YAML from 'yaml';
import { VERSION } from '../version.js';
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../paths.js';
import { evaluateGate, evaluateSkillGate } from './gate.js';
import { signalExit, workerError } from './run.js';
import type { RunManifest, WorkerResult } from './types.js';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin', 'hpconf.js');
const FIXTURES = path.join(ROOT, 'training', 'fixtures', 'ohlcv');
const GAPS = path.join(ROOT, 'training', 'fixtures', 'ohlcv-gaps');

describe('hpconf ftf run on the fixture (real XGBoost, LightGBM, CatBoost, Optuna workers)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-ftf-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CVN_')));
  async function hp(...args: string[]) {
    try {
      const r = await run(process.execPath, [BIN, '--data-dir', path.join(dir, 'db'), ...args], { env, maxBuffer: 1 << 26, cwd: dir });
      return { code: 0, out: r.stdout, err: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout, err: x.stderr };
    }
  }
  const ftf = (out: string, ...extra: string[]) => hp('ftf', 'run', '--factor', 'model_type', '--crypto-group', 'defi_top5', '--timeframe', '5m',
    '--data-dir', FIXTURES, '--out', path.join(dir, out), ...extra);
  // Jobs read the candles where the pods mount the data volume.
  const emit = (out: string, ...extra: string[]) => hp('ftf', 'run', '--factor', 'model_type', '--crypto-group', 'defi_top5', '--timeframe', '5m',
    '--data-dir', '/data/ohlcv', '--out', path.join(dir, out), '--emit', 'k8s', ...extra);
  before(async () => { assert.equal((await hp('up', '--once')).code, 0); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  let first: RunManifest;
  test('a short run trains every model type on every token, collects manifests, prints a table, writes a report', async () => {
    const r = await ftf('a', '--tokens', 'UNI,CRV', '--trials', '2', '--gate-min-tokens', '2', '--gate-min-f1', '0.1', '--gate', 'f1');
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /run \S+: 6 studies \(XGB, LGB, CB x UNI, CRV\), 1 worker\(s\) each, 2 process\(es\) at once, store revision 616; studies in journal:\S+optuna\.journal/);
    assert.match(r.out, /^data UNI: 3000 candles 2024-06-22T14:35:00Z \.\. 2024-07-03T00:30:00Z; no gaps$/m);
    assert.equal((r.out.match(/^\[\d\/6\] (XGB|LGB|CB) +(UNI|CRV) +val F1 0\.\d{3}  test F1 0\.\d{3} \(always-buy 0\.\d{3}\)  skill (yes|no)/gm) ?? []).length, 6);
    // One line per trial, with the study's best so far and the run's ETA (no terminal here, so no live block).
    const trials = r.out.match(/^\[(XGB|LGB|CB) (UNI|CRV)\] trial [12]\/2 f1=0\.\d{3} best=0\.\d{3} \d+\.\d s.*\[run \d+\/12 trials, ETA \S+\]$/gm) ?? [];
    assert.equal(trials.length, 12, r.out);
    assert.equal(trials.filter((l) => l.includes('trial 1/2') && l.includes('(stored defaults)')).length, 6);
    assert.match(r.out, /^model +token +val F1 +test F1 +always-buy F1 \(test\) +F1 margin \[95% CI\] +PR-AUC margin \[95% CI\] +skill/m);
    assert.match(r.out, /^skill gate XGB: \d\/2 tokens with skill/m);
    assert.match(r.out, /skill gate: (PASS|FAIL); plan's gate \(F1\): PASS; deciding: f1;/);
    first = JSON.parse(readFileSync(path.join(dir, 'a', 'run.json'), 'utf8'));
    assert.equal(first.workers.length, 6);
    assert.ok(first.workers.every((w) => w.ok && w.metrics && w.metrics.validation.f1_buy >= 0));
    assert.deepEqual(first.configured.CVN_HPO_N_TRIALS, { value: '2', source: 'override --trials' });
    assert.deepEqual(first.configured.CVN_HPO_XGB_5M_LEARNING_RATE, { value: '0.07', source: 'store r616', layer: 'base', changeset: 1 });
    assert.equal(first.by_token, undefined, 'no token has overrides');
    const m = JSON.parse(readFileSync(path.join(dir, 'a', 'CB_CRV.json'), 'utf8'));
    assert.equal(m.store_revision, 616);
    assert.equal(m.study.trials.length, 2);
    const log = readFileSync(path.join(dir, 'a', 'CB_CRV.log'), 'utf8');
    assert.match(log, /^level=INFO event=training_started run_id=\S+ model=CB timeframe=5M token=CRV store_revision=616 n_trials=2/m);
    assert.match(log, /^level=INFO event=training_finished /m);
    assert.deepEqual(Object.keys(m.metrics.test.skill), ['method', 'block', 'resamples', 'seed', 'f1_margin', 'pr_auc_margin', 'has_skill']);
    assert.equal(m.metrics.test.skill.has_skill, m.metrics.test.skill.f1_margin.lo > 0 && m.metrics.test.skill.pr_auc_margin.lo > 0);
    assert.ok(m.metrics.test.skill.block >= 12, 'blocks at least the label horizon');
    const md = readFileSync(path.join(dir, 'a', 'report.md'), 'utf8');
    assert.match(md.split('\n')[2], /^## Skill gate: /, 'the report leads with the skill gate');
    assert.match(md, /## The plan's gate: F1 on buy \(validation\) >= 0\.1 on at least 2 of 2 tokens, for every model type: \*\*PASS\*\* \(decides the exit status\)/);
    assert.match(md, /\| XGB \| UNI \| 0\.\d{3} \| 0\.\d{3} \| 0\.\d{3} \| [+-]0\.\d{4} \[[+-]0\.\d{4}, [+-]0\.\d{4}\] \| 0\.\d{3} \| [+-]0\.\d{4} \[/);
    assert.match(md, /label \(fixed\): buy = close\[t \+ 12\] \/ close\[t\] - 1 > 0\.004/);
    assert.match(md, /^- \*\*XGB\*\*: (no skill on any of 2 tokens|skill on [12] of 2 tokens: )/m);
    assert.match(readFileSync(path.join(dir, 'a', 'skill.svg'), 'utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const svg = readFileSync(path.join(dir, 'a', 'report.svg'), 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.equal((svg.match(/<rect x=/g) ?? []).length, 6 * 3 + 3);
    // Recorded in the store it read: the revision, both gates, per study the defaults and the best trial, paired.
    assert.match(r.out, new RegExp(`^run ${first.run_id} recorded in the store \\(environment default, revision 616\\): hpconf runs show ${first.run_id}$`, 'm'));
    const listed = JSON.parse((await hp('runs', 'list', '--json')).out);
    assert.deepEqual([listed[0].id, listed[0].revision, listed[0].studies, listed[0].f1Pass], [first.run_id, 616, 6, true]);
    const shown = JSON.parse((await hp('runs', 'show', first.run_id, '--json')).out);
    assert.equal(shown.studies.length, 6);
    const cb = shown.studies.find((x: { model: string; token: string }) => x.model === 'CB' && x.token === 'CRV');
    assert.equal(cb.best.test.f1, m.metrics.test.f1_buy);
    assert.equal(cb.defaults.trial, 0);
    assert.deepEqual(cb.versusDefaults.f1, m.versus_defaults.f1);
    assert.equal(cb.manifest, 'CB_CRV.json');
    assert.match((await hp('runs', 'show', first.run_id)).out, /^  best - defaults on test: F1 [+-]\d\.\d{4} \[[+-]\d\.\d{4}, [+-]\d\.\d{4}\], PR-AUC /m);
    assert.equal((await hp('runs', 'show', 'no-such-run')).code, 2);
  });

  test('warm start: a run imports the in-bounds trials of the newest compatible recorded study and says so; --cold does not', async () => {
    const r = await ftf('warm', '--tokens', 'UNI', '--trials', '2', '--gate-min-tokens', '1', '--gate-min-f1', '0', '--gate', 'f1');
    assert.equal(r.code, 0, r.err + r.out);
    const run = JSON.parse(readFileSync(path.join(dir, 'warm', 'run.json'), 'utf8')) as RunManifest;
    const md = readFileSync(path.join(dir, 'warm', 'report.md'), 'utf8');
    for (const model of ['XGB', 'LGB', 'CB']) {
      const from = JSON.parse(readFileSync(path.join(dir, 'a', `${model}_UNI.json`), 'utf8')).study.name as string;
      const w = run.workers.find((x) => x.model === model)!.warm_start!;
      assert.match(w, new RegExp(`^warm start: 2 trials imported from ${from}, 0 out of bounds skipped`));
      assert.ok(md.includes(`- ${model} UNI: ${w}`), 'the report says it too');
      const m = JSON.parse(readFileSync(path.join(dir, 'warm', `${model}_UNI.json`), 'utf8'));
      assert.equal(m.study.trials.filter((t: { imported_from?: string }) => t.imported_from === from).length, 2);
      assert.equal(m.study.trials.filter((t: { imported_from?: string }) => !t.imported_from).length, 2, 'its own trials: still --trials');
    }
    const shown = JSON.parse((await hp('runs', 'show', run.run_id, '--json')).out);
    assert.match(shown.studies[0].warmStart, /^warm start: 2 trials imported from /);
    // Cold, and logged to a real local MLflow tracking store: one MLflow run per study.
    const tracking = `sqlite:///${path.join(dir, 'mlflow.db')}`;
    const cold = await ftf('cold', '--tokens', 'UNI', '--trials', '1', '--cold', '--mlflow', tracking, '--gate-min-tokens', '1', '--gate-min-f1', '0', '--gate', 'f1');
    assert.equal(cold.code, 0, cold.err);
    const c = JSON.parse(readFileSync(path.join(dir, 'cold', 'run.json'), 'utf8')) as RunManifest;
    assert.deepEqual(c.workers.map((x) => x.warm_start), ['cold start', 'cold start', 'cold start']);
    assert.equal(c.mlflow, tracking);
    const logged = execFileSync(path.join(ROOT, '.venv', 'bin', 'python'), ['-c',
      'import sys, mlflow; c = mlflow.tracking.MlflowClient(tracking_uri=sys.argv[1]); print(sorted(r.data.tags["hpconf.model"] for r in c.search_runs([c.get_experiment_by_name("hpconf").experiment_id]) if r.data.tags["hpconf.run_id"] == sys.argv[2]))',
      tracking, c.run_id], { encoding: 'utf8' });
    assert.equal(logged.trim(), "['CB', 'LGB', 'XGB']");
  });

  test('the incident replayed: change a handful of stored values, run again, and diff names exactly those', async () => {
    const changed = {
      CVN_HPO_XGB_5M_MAX_DEPTH: '8', CVN_HPO_LGB_5M_NUM_LEAVES: '24', CVN_HPO_CB_5M_L2_LEAF_REG: '5',
      CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX: '0.12', CVN_LABEL_THRESHOLD: '0.005',
    };
    assert.equal((await hp('set', ...Object.entries(changed).map(([k, v]) => `${k}=${v}`), '--reason', 'refactor')).code, 0);
    const r = await ftf('b', '--tokens', 'UNI,CRV', '--trials', '2', '--gate-min-tokens', '2', '--gate-min-f1', '0.1', '--gate', 'f1');
    assert.equal(r.code, 0, r.err);
    const d = await hp('diff', path.join(dir, 'a', 'run.json'), path.join(dir, 'b', 'run.json'), '--json');
    assert.equal(d.code, 1, d.err);
    const rows = JSON.parse(d.out).configured as { key: string; left: { value: string; source: string }; right: { value: string; source: string } }[];
    assert.deepEqual(rows.map((x) => x.key).sort(), Object.keys(changed).sort());
    for (const x of rows) {
      assert.equal(x.right.value, changed[x.key as keyof typeof changed]);
      assert.equal(x.left.source, 'store r616');
      assert.equal(x.right.source, 'store r621');
    }
    const text = await hp('diff', path.join(dir, 'a', 'run.json'), path.join(dir, 'b', 'run.json'));
    assert.match(text.out, /~ CVN_HPO_XGB_5M_MAX_DEPTH: 6 \(store r616\) -> 8 \(store r621\)/);
    assert.match(text.out, /5 configured hyperparameter\(s\) differ/);
    // One worker's manifests: only what that worker resolves (its model's keys and the globals).
    const w = await hp('diff', path.join(dir, 'a', 'XGB_UNI.json'), path.join(dir, 'b', 'XGB_UNI.json'), '--json');
    assert.deepEqual(JSON.parse(w.out).configured.map((x: { key: string }) => x.key),
      ['CVN_HPO_XGB_5M_MAX_DEPTH', 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX', 'CVN_LABEL_THRESHOLD']);
    const same = await hp('diff', path.join(dir, 'a', 'run.json'), path.join(dir, 'a', 'run.json'));
    assert.equal(same.code, 0);
  });

  test('a missing key: the run refuses before starting workers; if allowed, each worker stops with the canonical error', async () => {
    assert.equal((await hp('unset', 'CVN_HPO_LGB_5M_GAMMA')).code, 2); // not an LGB parameter: did you mean...
    assert.equal((await hp('unset', 'CVN_HPO_LGB_5M_REG_ALPHA', '--force')).code, 0);
    const refused = await ftf('c', '--tokens', 'UNI', '--trials', '1');
    assert.equal(refused.code, 7);
    assert.match(refused.err, /missing  CVN_HPO_LGB_5M_REG_ALPHA/);
    assert.ok(!existsSync(path.join(dir, 'c', 'run.json')));
    const allowed = await ftf('d', '--tokens', 'UNI', '--trials', '1', '--allow-incomplete', '--gate-min-tokens', '1', '--gate-min-f1', '0', '--gate', 'f1');
    assert.equal(allowed.code, 8, allowed.out + allowed.err);
    assert.match(allowed.out, /LGB UNI   FAILED exit 3: error\[HPC_KEY_MISSING\]: CVN_HPO_LGB_5M_REG_ALPHA is not set\. Set it in the hpconf Console or with: hpconf set CVN_HPO_LGB_5M_REG_ALPHA=<value>/);
    assert.doesNotMatch(readFileSync(path.join(dir, 'd', 'LGB_UNI.log'), 'utf8'), /training_started/);
    assert.match(allowed.err, /error\[HPC_WORKER_FAILED\]: 1 worker\(s\) failed: LGB\/UNI/);
    assert.equal((await hp('set', 'CVN_HPO_LGB_5M_REG_ALPHA=0.001')).code, 0);
  });

  test('the gate fails with its own exit code when a model misses it', async () => {
    const r = await ftf('e', '--tokens', 'CRV', '--trials', '1', '--gate-min-tokens', '1', '--gate-min-f1', '0.99', '--gate', 'f1');
    assert.equal(r.code, 9, r.err);
    // The folder holds that run: a second run into it is refused before anything starts.
    const again = await ftf('e', '--tokens', 'CRV', '--trials', '1');
    assert.equal(again.code, 2);
    assert.match(again.err, /already holds run \S+; give this run its own --out folder/);
    assert.match(r.err, /error\[HPC_GATE_FAILED\]: gate failed: plan's F1 gate: XGB 0\/1 tokens at val F1 >= 0\.99, need 1; LGB 0\/1/);
    // Re-judged from the same manifests by collect with the skill gate deciding: with 2 tokens needed of 1, it must fail.
    const c = await hp('ftf', 'collect', path.join(dir, 'e'), '--gate', 'skill', '--gate-min-tokens', '2', '--out', path.join(dir, 'e2'));
    assert.equal(c.code, 9, c.err);
    assert.match(c.err, /error\[HPC_GATE_FAILED\]: gate failed: skill gate: XGB skill on [01]\/1 tokens, need 2; LGB skill on [01]\/1 tokens, need 2; CB skill on [01]\/1 tokens, need 2/);
  });

  test('--emit k8s writes a ConfigMap of the stored values and one Job per worker (TTL, deadline, resources, non-root, both env sources)', async () => {
    const r = await emit('k', '--image', 'registry.example/hpconf-training:1', '--namespace', 'cvntrade');
    assert.equal(r.code, 0, r.err);
    // What the Jobs need and hpconf does not create is said, on screen and at the top of the file.
    assert.match(r.out, /it needs, in the cluster \(not created by hpconf\):\n  - PersistentVolumeClaim ohlcv-data in namespace cvntrade: .*\n  - PersistentVolumeClaim hpconf-runs in namespace cvntrade: ReadWriteMany/);
    assert.match(readFileSync(path.join(dir, 'k', 'k8s.yaml'), 'utf8'), /^# hpconf ftf run \S+: kubectl apply -f this file once these exist:\n#   - PersistentVolumeClaim ohlcv-data/);
    const docs = YAML.parseAllDocuments(readFileSync(path.join(dir, 'k', 'k8s.yaml'), 'utf8')).map((d) => d.toJS());
    const cm = docs.filter((d) => d.kind === 'ConfigMap');
    const jobs = docs.filter((d) => d.kind === 'Job');
    assert.equal(cm.length, 1);
    assert.equal(Object.keys(cm[0].data).length, 615);
    assert.equal(jobs.length, 15);
    for (const j of jobs) {
      // A lost pod is started again (its successor fails the dead one's running trial and goes on).
      assert.deepEqual([j.spec.backoffLimit, j.spec.activeDeadlineSeconds, j.spec.ttlSecondsAfterFinished], [2, 21600, 86400]);
      assert.deepEqual(j.spec.template.spec.containers[0].env.filter((e: { name: string }) => e.name.startsWith('HPCONF_RUN_')).map((e: { value: string }) => e.value), ['XGB,LGB,CB', 'UNI,AAVE,LINK,MKR,CRV']);
      const pod = j.spec.template.spec;
      const c = pod.containers[0];
      assert.equal(c.image, 'registry.example/hpconf-training:1');
      assert.deepEqual(c.envFrom, [{ configMapRef: { name: cm[0].metadata.name } }, { secretRef: { name: cm[0].metadata.name, optional: true } }]);
      assert.deepEqual(c.resources, { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } });
      assert.equal(pod.securityContext.runAsNonRoot, true);
      assert.deepEqual([c.securityContext.readOnlyRootFilesystem, c.securityContext.allowPrivilegeEscalation, c.securityContext.capabilities.drop], [true, false, ['ALL']]);
    }
    assert.deepEqual(jobs.find((j) => j.metadata.name.endsWith('cb-crv')).spec.template.spec.containers[0].command.slice(0, 9),
      ['python', '-m', 'hpconf_training.worker', '--model', 'CB', '--timeframe', '5m', '--token', 'CRV']);
    assert.ok(!existsSync(path.join(dir, 'k', 'run.json')) && existsSync(path.join(dir, 'k', 'plan.json')));
    assert.ok(jobs.every((j) => j.spec.completionMode === undefined), 'one worker per study: plain Jobs');
    // Four processes emitting into one folder at the same instant: exactly one claims it.
    const racers = await Promise.all([1, 2, 3, 4].map(() => emit('race')));
    assert.deepEqual(racers.map((x) => x.code).sort(), [0, 2, 2, 2], racers.map((x) => x.err).join('\n'));
    // The ConfigMap is named by revision and content: two runs from one revision with other --trials never overwrite each other.
    assert.match(cm[0].metadata.name, /^hpconf-values-r\d+-[0-9a-f]{10}$/);
    const names = await Promise.all([['k3', '5'], ['k4', '6'], ['k5', '5']].map(async ([out, trials]) => {
      assert.equal((await emit(out, '--trials', trials)).code, 0);
      return YAML.parseAllDocuments(readFileSync(path.join(dir, out, 'k8s.yaml'), 'utf8')).map((d) => d.toJS()).find((d) => d.kind === 'ConfigMap').metadata.name;
    }));
    assert.ok(names[0] !== names[1] && names[0] === names[2], names.join(' '));
    // What the pods cannot use is refused before anything is written.
    const relative = await hp('ftf', 'run', '--factor', 'model_type', '--crypto-group', 'defi_top5', '--timeframe', '5m', '--data-dir', 'ohlcv', '--out', path.join(dir, 'k6'), '--emit', 'k8s');
    assert.equal(relative.code, 2);
    assert.match(relative.err, /--data-dir ohlcv: with --emit k8s, the folder of candle files as the pods see it/);
    const embedded = await emit('k7', '--study-storage', 'store');
    assert.equal(embedded.code, 2);
    assert.match(embedded.err, /--study-storage store means the store's PostgreSQL server, and this store is embedded/);
    const few = await emit('k8', '--tokens', 'UNI,CRV');
    assert.match(few.err, /warning: 2 token\(s\) but the gates need 4 per model \(--gate-min-tokens\): no gate can pass this run/);
    // Without --image: this version's image, never :latest.
    await emit('k2');
    assert.match(readFileSync(path.join(dir, 'k2', 'k8s.yaml'), 'utf8'), new RegExp(`image: "hpconf-training:${VERSION.replace(/\./g, '\\.')}"`));
  });

  test('Ctrl-C stops every worker at once (exit 130, none left training); ftf finalize then finishes the run from its folder', async () => {
    const out = path.join(dir, 'int');
    const child = spawn(process.execPath, [BIN, '--data-dir', path.join(dir, 'db'), 'ftf', 'run', '--factor', 'model_type', '--tokens', 'CRV', '--timeframe', '5m',
      '--data-dir', FIXTURES, '--out', out, '--trials', '3', '--parallel', '3'], { env, cwd: dir });
    let stdout = '', stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    await new Promise<void>((resolve) => child.stdout.on('data', (d) => { stdout += d; if (/trial 1\/3/.test(stdout)) resolve(); }));
    const t0 = performance.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    const stopMs = performance.now() - t0;
    assert.equal(code, 130, stderr);
    assert.match(stderr, /error\[HPC_INTERRUPTED\]: the run was stopped \(SIGINT\) and every worker with it; finish its studies with the trials they have: hpconf ftf finalize \S+int/);
    assert.ok(stopMs < 8000, `${stopMs.toFixed(0)} ms to stop`);
    const left = execFileSync('ps', ['-eo', 'args']).toString().split('\n').filter((l) => l.includes('hpconf_training.worker') && l.includes(out));
    assert.deepEqual(left, [], 'no worker of the run is still training');
    // Everything finalize needs comes from the run's folder: the values (with --trials), the storage, the data.
    const f = await hp('ftf', 'finalize', out, '--gate', 'f1', '--gate-min-f1', '0', '--gate-min-tokens', '1');
    assert.equal(f.code, 0, f.err + f.out);
    assert.match(f.out, /^finalize (XGB|LGB|CB) CRV: done$/m);
    const run = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8')) as RunManifest;
    assert.deepEqual(run.workers.map((w) => [w.model, w.ok]), [['XGB', true], ['LGB', true], ['CB', true]]);
    for (const m of ['XGB', 'LGB', 'CB']) {
      const trials = (JSON.parse(readFileSync(path.join(out, `${m}_CRV.json`), 'utf8')) as { study: { trials: { defaults: boolean; state: string }[] } }).study.trials;
      assert.equal(trials.filter((t) => t.defaults && t.state === 'COMPLETE').length, 1, `${m}: trial 0 is the stored defaults, completed`);
      assert.ok(!trials.some((t) => t.state === 'RUNNING'));
    }
  });

  test('gaps: on candles with exchange outages every worker trains, and the manifest and report say what the policy did', async () => {
    const groups = path.join(dir, 'my-groups.json');
    writeFileSync(groups, JSON.stringify({ quote: 'USDT', groups: { mine: ['MKR', 'UNI'] } }));
    const r = await hp('ftf', 'run', '--factor', 'model_type', '--groups', groups, '--crypto-group', 'mine', '--timeframe', '5m', '--data-dir', GAPS,
      '--out', path.join(dir, 'g'), '--trials', '1', '--gate', 'f1', '--gate-min-f1', '0', '--gate-min-tokens', '1');
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /^data MKR: 2928 candles .*; 4 gap\(s\), 72 missing candles, longest 285 min after \S+; policy segment, \d+ rows lost$/m);
    const run = JSON.parse(readFileSync(path.join(dir, 'g', 'run.json'), 'utf8')) as RunManifest;
    assert.deepEqual([run.crypto_group, run.tokens, run.workers.length, run.workers.every((w) => w.ok)], ['mine', ['MKR', 'UNI'], 6, true]);
    for (const f of ['XGB_MKR', 'LGB_UNI', 'CB_UNI']) {
      const m = JSON.parse(readFileSync(path.join(dir, 'g', `${f}.json`), 'utf8'));
      assert.equal(m.data.gaps.policy, 'segment');
      assert.deepEqual([m.data.gaps.gaps, m.data.gaps.missing_candles, m.data.gaps.longest_minutes], [4, 72, 285]);
      assert.ok(m.data.gaps.rows_lost_to_gaps > 0 && m.data.gaps.list.length === 4);
    }
    const md = readFileSync(path.join(dir, 'g', 'report.md'), 'utf8');
    assert.match(md, /## Gaps in the data\n\nPolicy `segment`: features, labels and warm-up computed per gap-free segment/);
    assert.match(md, /\| MKR \| 4 \| 72 \| 285 min \| \S+ \| \d+ \| 0 \|/);
    // Any token present in the data directory can be named, without a group.
    const t = await ftf('g2', '--tokens', 'AAVE', '--trials', '1', '--gate', 'f1', '--gate-min-f1', '0', '--gate-min-tokens', '1');
    assert.equal(t.code, 0, t.err);
  });

  test('the data is read and checked once before any worker: every problem in one message, no worker started', async () => {
    const data = path.join(dir, 'bad-data');
    mkdirSync(data);
    copyFileSync(path.join(GAPS, 'UNI_USDT-5m.csv.gz'), path.join(data, 'UNI_USDT-5m.csv.gz'));
    copyFileSync(path.join(FIXTURES, 'CRV_USDT-5m.csv.gz'), path.join(data, 'CRV_USDT-5m.csv.gz'));
    assert.equal((await hp('set', 'CVN_DATA_MAX_GAP_MINUTES=60', '--reason', 'test')).code, 0);
    const r = await hp('ftf', 'run', '--factor', 'model_type', '--tokens', 'UNI,CRV,NOPE', '--timeframe', '5m', '--data-dir', data, '--out', path.join(dir, 'bad'), '--trials', '1', '--gate-min-tokens', '3');
    assert.equal((await hp('set', 'CVN_DATA_MAX_GAP_MINUTES=1440', '--reason', 'test')).code, 0);
    assert.equal(r.code, 4, r.err);
    const msg = r.err.trim();
    assert.match(msg, /^error\[HPC_DATA_INVALID\]: \S+bad-data: 2 of 3 token\(s\) cannot be trained on:\n  UNI: .*2 gap problem\(s\): gap longer than CVN_DATA_MAX_GAP_MINUTES=60: 12 candle\(s\) missing after \S+ \(resumes \S+, 65 minutes\); gap longer than CVN_DATA_MAX_GAP_MINUTES=60: 56 candle\(s\) missing after \S+ \(resumes \S+, 285 minutes\)\n  NOPE: .*no such file/);
    assert.ok(!readdirSync(path.join(dir, 'bad')).some((f) => f.endsWith('.log')), 'no worker started');
    const unknown = await ftf('bad2', '--groups', path.join(dir, 'my-groups.json'), '--trials', '1');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown crypto group "defi_top5" in \S+my-groups\.json; known: mine/);
  });

  test('--workers-per-study 2: two processes share each study (journal file); one manifest, every trial once; collect reads the storage', async () => {
    const r = await ftf('w', '--tokens', 'CRV', '--trials', '4', '--workers-per-study', '2', '--cold', '--gate', 'f1', '--gate-min-f1', '0', '--gate-min-tokens', '1');
    assert.equal(r.code, 0, r.err + r.out);
    assert.ok(existsSync(path.join(dir, 'w', 'XGB_CRV.w0.log')) && existsSync(path.join(dir, 'w', 'XGB_CRV.w1.log')));
    const run = JSON.parse(readFileSync(path.join(dir, 'w', 'run.json'), 'utf8')) as RunManifest;
    assert.equal(run.workers_per_study, 2);
    for (const model of ['XGB', 'LGB', 'CB']) {
      const m = JSON.parse(readFileSync(path.join(dir, 'w', `${model}_CRV.json`), 'utf8'));
      const trials = m.study.trials as { number: number; worker: number; defaults: boolean; params: Record<string, number> }[];
      assert.deepEqual(trials.map((x) => x.number), [0, 1, 2, 3]);
      assert.deepEqual(trials.map((x) => x.worker).sort(), [0, 0, 1, 1]);
      assert.equal(trials.filter((x) => x.defaults).length, 1);
      assert.equal(new Set(trials.map((x) => JSON.stringify(x.params))).size, 4);
      assert.equal(m.study.workers, 2);
    }
    const c = await hp('ftf', 'collect', '--study-storage', `journal:${path.join(dir, 'w', 'optuna.journal')}`, '--run-id', run.run_id,
      '--out', path.join(dir, 'w-collected'), '--gate', 'f1', '--gate-min-f1', '0', '--gate-min-tokens', '1');
    assert.equal(c.code, 0, c.err);
    const again = JSON.parse(readFileSync(path.join(dir, 'w-collected', 'run.json'), 'utf8')) as RunManifest;
    assert.deepEqual(again.workers.map((w) => [w.model, w.token, w.best_trial, w.metrics?.test.f1_buy]), run.workers.map((w) => [w.model, w.token, w.best_trial, w.metrics?.test.f1_buy]));
  });

  test('collect from the study storage alone names every model and token the run expected: one never finalized, one never started', async () => {
    const values = JSON.parse((await hp('export', '--format', 'json')).out) as Record<string, unknown>;
    const out = path.join(dir, 'partial');
    mkdirSync(out, { recursive: true });
    const journal = `journal:${path.join(out, 'optuna.journal')}`;
    const wenv = { ...env, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])), CVN_HPO_N_TRIALS: '2',
      HPCONF_RUN_MODELS: 'XGB,LGB,CB', HPCONF_RUN_TOKENS: 'CRV', HPCONF_WORKER_THREADS: '1' };
    const worker = (model: string, extra: string[]) => run(path.join(ROOT, '.venv', 'bin', 'python'), ['-m', 'hpconf_training.worker', '--model', model, '--timeframe', '5m',
      '--token', 'CRV', '--data-dir', FIXTURES, '--out', path.join(out, `${model}_CRV.json`), '--run-id', 'partial1', '--study-storage', journal, ...extra], { env: wenv, maxBuffer: 1 << 26 });
    await worker('LGB', []); // finalized
    await worker('XGB', ['--workers', '2', '--worker-index', '0']); // its second worker never ran: not finalized
    // CB's workers never started at all.
    const c = await hp('ftf', 'collect', '--study-storage', journal, '--run-id', 'partial1', '--out', path.join(dir, 'partial-report'), '--gate', 'f1', '--gate-min-f1', '0', '--gate-min-tokens', '1');
    assert.equal(c.code, 8, c.err + c.out);
    const r = JSON.parse(readFileSync(path.join(dir, 'partial-report', 'run.json'), 'utf8')) as RunManifest;
    assert.deepEqual(r.workers.map((w) => [w.model, w.token, w.ok]), [['XGB', 'CRV', false], ['LGB', 'CRV', true], ['CB', 'CRV', false]]);
    assert.match(c.err, /XGB\/CRV: study \S+ not finalized: 1\/2 trials finished/);
    assert.match(c.err, /CB\/CRV: no study of CB CRV in the storage \(its worker never started\)/);
    assert.match(c.out, /^skill gate XGB: 0\/1 tokens/m, 'a missing model is in the gates, failing, never left out');
  });

  test('--emit k8s --workers-per-study 3: Indexed Jobs share one study each; run as their pods would, then collect builds the report', async () => {
    const r = await emit('kx', '--tokens', 'CRV', '--trials', '3', '--workers-per-study', '3');
    assert.equal(r.code, 0, r.err);
    const plan = JSON.parse(readFileSync(path.join(dir, 'kx', 'plan.json'), 'utf8')) as RunManifest;
    const docs = YAML.parseAllDocuments(readFileSync(path.join(dir, 'kx', 'k8s.yaml'), 'utf8')).map((d) => d.toJS());
    const cm = docs.find((d) => d.kind === 'ConfigMap');
    const jobs = docs.filter((d) => d.kind === 'Job');
    assert.equal(jobs.length, 3);
    const vol = path.join(dir, 'pvc');
    for (const j of jobs) {
      assert.deepEqual([j.spec.completionMode, j.spec.completions, j.spec.parallelism], ['Indexed', 3, 3]);
      const c = j.spec.template.spec.containers[0];
      const env: Record<string, string> = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CVN_'))) as Record<string, string>, ...cm.data };
      for (const e of c.env as { name: string; value: string }[]) env[e.name] = e.value.replace('/out/', vol + '/');
      assert.equal(c.env.find((e: { name: string }) => e.name === 'HPCONF_STUDY_STORAGE').value, `journal:/out/${plan.run_id}/optuna.journal`);
      const args = (c.command as string[]).slice(1).map((a) => a === '/data/ohlcv' ? FIXTURES : a.replace('/out/', vol + '/'));
      mkdirSync(path.join(vol, plan.run_id), { recursive: true });
      // The three pods of the Job at once, each with its completion index, as Kubernetes starts them.
      const codes = await Promise.all([0, 1, 2].map((i) => run(path.join(ROOT, '.venv', 'bin', 'python'), args, { env: { ...env, JOB_COMPLETION_INDEX: String(i) }, maxBuffer: 1 << 26 })
        .then(() => 0, (e: { code: number; stderr: string }) => `${e.code}: ${e.stderr}`)));
      assert.deepEqual(codes, [0, 0, 0]);
    }
    const out = path.join(vol, plan.run_id);
    const c = await hp('ftf', 'collect', out, '--plan', path.join(dir, 'kx', 'plan.json'), '--gate', 'f1', '--gate-min-f1', '0', '--gate-min-tokens', '1');
    assert.equal(c.code, 0, c.err + c.out);
    const collected = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8')) as RunManifest;
    assert.equal(collected.run_id, plan.run_id);
    assert.deepEqual(collected.workers.map((w) => [w.model, w.token, w.ok]), [['XGB', 'CRV', true], ['LGB', 'CRV', true], ['CB', 'CRV', true]]);
    for (const model of ['XGB', 'LGB', 'CB']) {
      const m = JSON.parse(readFileSync(path.join(out, `${model}_CRV.json`), 'utf8'));
      assert.deepEqual(m.study.trials.map((x: { worker: number }) => x.worker).sort(), [0, 1, 2]);
    }
    assert.match(readFileSync(path.join(out, 'report.md'), 'utf8'), /^# Fine-tune run /);
    // A manifest missing from the volume is a failed worker, named.
    rmSync(path.join(out, 'LGB_CRV.json'));
    const partial = await hp('ftf', 'collect', out, '--plan', path.join(dir, 'kx', 'plan.json'), '--gate', 'f1', '--gate-min-f1', '0', '--gate-min-tokens', '1');
    assert.equal(partial.code, 8);
    assert.match(partial.err, /1 worker\(s\) failed: LGB\/CRV: no manifest \S+LGB_CRV\.json/);
  });

  test('--environment reaches the workers: a run trains with that environment\'s values, and says so in run.json, each manifest, the log, the report and the Jobs', async () => {
    assert.equal((await hp('environment', 'create', 'research', '--reason', 'ftf test')).code, 0);
    assert.equal((await hp('--environment', 'research', 'seed', '--apply')).code, 0); // complete, whatever earlier tests left in default
    assert.equal((await hp('--environment', 'research', 'set', 'CVN_HPO_XGB_5M_MAX_DEPTH=9', '--reason', 'deeper in research')).code, 0);
    const head = Number(JSON.parse((await hp('--environment', 'research', 'history', '--json', '--limit', '1')).out)[0].revision);
    const r = await ftf('env', '--tokens', 'UNI', '--trials', '2', '--gate-min-tokens', '1', '--gate-min-f1', '0', '--gate', 'f1');
    assert.equal(r.code === 0 ? 'default run ok' : r.err, 'default run ok');
    const e = await hp('--environment', 'research', 'ftf', 'run', '--factor', 'model_type', '--crypto-group', 'defi_top5', '--timeframe', '5m',
      '--data-dir', FIXTURES, '--out', path.join(dir, 'env-r'), '--tokens', 'UNI', '--trials', '2', '--gate-min-tokens', '1', '--gate-min-f1', '0', '--gate', 'f1');
    assert.equal(e.code, 0, e.err + e.out);
    const run = JSON.parse(readFileSync(path.join(dir, 'env-r', 'run.json'), 'utf8')) as RunManifest;
    assert.equal(run.store.environment, 'research');
    assert.deepEqual([run.configured.CVN_HPO_XGB_5M_MAX_DEPTH.value, run.configured.CVN_HPO_XGB_5M_MAX_DEPTH.source, run.configured.CVN_HPO_XGB_5M_MAX_DEPTH.layer], ['9', `store research r${head}`, 'base']);
    const m = JSON.parse(readFileSync(path.join(dir, 'env-r', 'XGB_UNI.json'), 'utf8'));
    assert.equal(m.store_environment, 'research');
    assert.equal(m.store_revision, head);
    assert.equal(String(m.resolved.find((x: { key: string }) => x.key === 'CVN_HPO_XGB_5M_MAX_DEPTH').value), '9');
    const defaultsTrial = m.study.trials.find((t: { defaults: boolean }) => t.defaults);
    assert.equal(Object.entries(defaultsTrial.params).find(([k]) => /max_depth/i.test(k))?.[1], 9, 'the defaults trial trained with research\'s value');
    assert.match(readFileSync(path.join(dir, 'env-r', 'XGB_UNI.log'), 'utf8'), /event=training_started .* store_environment=research$/m);
    assert.match(readFileSync(path.join(dir, 'env-r', 'report.md'), 'utf8'), /- store: .*, environment research at revision \d+/);
    const d = JSON.parse((await hp('diff', path.join(dir, 'env', 'run.json'), path.join(dir, 'env-r', 'run.json'), '--json')).out).configured as { key: string; right: { source: string } }[];
    assert.ok(d.some((x) => x.key === 'CVN_HPO_XGB_5M_MAX_DEPTH' && x.right.source.startsWith('store research')), 'a diff of the two runs shows the move');
    // Jobs carry it too.
    const k = await hp('--environment', 'research', 'ftf', 'run', '--factor', 'model_type', '--crypto-group', 'defi_top5', '--timeframe', '5m',
      '--data-dir', '/data/ohlcv', '--out', path.join(dir, 'env-k'), '--emit', 'k8s', '--tokens', 'UNI');
    assert.equal(k.code, 0, k.err);
    const docs = YAML.parseAllDocuments(readFileSync(path.join(dir, 'env-k', 'k8s.yaml'), 'utf8')).map((x) => x.toJS());
    assert.equal(docs.find((x) => x.kind === 'ConfigMap').data.CVN_HPO_XGB_5M_MAX_DEPTH, '9');
    for (const j of docs.filter((x) => x.kind === 'Job')) assert.equal(j.spec.template.spec.containers[0].env.find((x: { name: string }) => x.name === 'HPCONF_ENVIRONMENT').value, 'research');
  });

  test('each study resolves for its token: overrides of the token and of its groups reach that study only; run.json names each value\'s layer and change-set; a diff of two runs shows the layers', async () => {
    const set = await hp('--environment', 'research', 'set', 'CVN_HPO_XGB_5M_MAX_DEPTH@UNI=11', 'CVN_HPO_LGB_5M_NUM_LEAVES@group:defi_top5=63', '--reason', 'per token');
    assert.equal(set.code, 0, set.err);
    const cs = Number(JSON.parse((await hp('--environment', 'research', 'history', '--json', '--limit', '1')).out)[0].changesetId);
    const r = await hp('--environment', 'research', 'ftf', 'run', '--factor', 'model_type', '--crypto-group', 'defi_top5', '--timeframe', '5m',
      '--data-dir', FIXTURES, '--out', path.join(dir, 'seg'), '--tokens', 'UNI,CRV', '--trials', '2', '--gate-min-tokens', '1', '--gate-min-f1', '0', '--gate', 'f1');
    assert.equal(r.code, 0, r.err + r.out);
    const run = JSON.parse(readFileSync(path.join(dir, 'seg', 'run.json'), 'utf8')) as RunManifest;
    assert.deepEqual(run.by_token!.UNI.CVN_HPO_XGB_5M_MAX_DEPTH, { value: '11', layer: 'UNI', source: `store research r${run.store.revision}`, changeset: cs });
    assert.equal(run.by_token!.UNI.CVN_HPO_LGB_5M_NUM_LEAVES.layer, 'group:defi_top5');
    assert.deepEqual(Object.keys(run.by_token!.CRV), ['CVN_HPO_LGB_5M_NUM_LEAVES'], 'CRV gets its group\'s override only');
    assert.equal(run.configured.CVN_HPO_XGB_5M_MAX_DEPTH.value, '9', 'the base stays the base');
    const depth = (f: string) => String(JSON.parse(readFileSync(path.join(dir, 'seg', f), 'utf8')).resolved.find((x: { key: string }) => x.key === 'CVN_HPO_XGB_5M_MAX_DEPTH').value);
    assert.deepEqual([depth('XGB_UNI.json'), depth('XGB_CRV.json')], ['11', '9'], 'each study trained with its token\'s value');
    const d = await hp('diff', path.join(dir, 'env-r', 'run.json'), path.join(dir, 'seg', 'run.json'));
    assert.match(d.out, /~ CVN_HPO_XGB_5M_MAX_DEPTH@UNI: \(absent\) -> 11 \(store research r\d+, layer UNI\)/);
    assert.match(d.out, /~ CVN_HPO_LGB_5M_NUM_LEAVES@CRV: \(absent\) -> 63 \(store research r\d+, layer group:defi_top5\)/);
    // The emitted Jobs: a token's overrides ride on its Jobs' env, over the ConfigMap's base.
    const k = await hp('--environment', 'research', 'ftf', 'run', '--factor', 'model_type', '--crypto-group', 'defi_top5', '--timeframe', '5m',
      '--data-dir', '/data/ohlcv', '--out', path.join(dir, 'seg-k'), '--emit', 'k8s', '--tokens', 'UNI,CRV');
    assert.equal(k.code, 0, k.err);
    const docs = YAML.parseAllDocuments(readFileSync(path.join(dir, 'seg-k', 'k8s.yaml'), 'utf8')).map((x) => x.toJS());
    const jobOf = (model: string, token: string) => docs.find((x) => x.kind === 'Job' && (x.spec.template.spec.containers[0].command as string[]).join(' ').includes(`--model ${model} --timeframe 5m --token ${token} `));
    const envOf = (model: string, token: string) => Object.fromEntries(jobOf(model, token).spec.template.spec.containers[0].env.map((e: { name: string; value: string }) => [e.name, e.value]));
    assert.equal(docs.find((x) => x.kind === 'ConfigMap').data.CVN_HPO_XGB_5M_MAX_DEPTH, '9');
    assert.deepEqual([envOf('XGB', 'UNI').CVN_HPO_XGB_5M_MAX_DEPTH, envOf('XGB', 'UNI').HPCONF_SEGMENT, envOf('XGB', 'CRV').CVN_HPO_XGB_5M_MAX_DEPTH], ['11', 'UNI', undefined]);
  });

  test("ftf promote: a run's best trials as one change request with the figures as evidence; exit 9 without a gain, 5 when the store moved", async () => {
    const r = await ftf('p', '--tokens', 'UNI', '--trials', '4', '--gate-min-tokens', '1', '--gate-min-f1', '0', '--gate', 'f1');
    assert.equal(r.code, 0, r.err + r.out);
    const run = JSON.parse(readFileSync(path.join(dir, 'p', 'run.json'), 'utf8')) as RunManifest;
    const manifests = run.models.map((m) => JSON.parse(readFileSync(path.join(dir, 'p', `${m}_UNI.json`), 'utf8')));
    // Which studies have a gain beyond noise is up to the data: the expectation is read from the manifests.
    const gains = manifests.filter((m) => m.versus_defaults.f1.lo > 0 && m.study.best_trial !== 0).map((m) => m.model);
    const plain = await hp('ftf', 'promote', run.run_id, '--json');
    if (gains.length) {
      assert.equal(plain.code, 0, plain.err);
      assert.deepEqual(JSON.parse((await hp('cr', 'show', String(JSON.parse(plain.out).id), '--json')).out).evidence.studies.map((x: { model: string }) => x.model), gains);
    } else {
      assert.equal(plain.code, 9, plain.err);
      assert.match(plain.err, /error\[HPC_PROMOTE_NO_GAIN\]: nothing to promote from run \S+: no chosen study's best trial beats the stored defaults on test beyond noise/);
    }
    assert.equal((await hp('ftf', 'promote', run.run_id, '--force')).code, 2, '--force needs --reason');
    const tuned = manifests.find((m) => m.study.best_trial !== 0);
    if (!tuned) return assert.match((await hp('ftf', 'promote', path.join(dir, 'p'), '--force', '--reason', 'r')).err, /the best trial is the stored defaults/);
    // Forced, one study, from the run's folder: the trial's values for UNI's segment, the paired bounds as numbers.
    const f = await hp('ftf', 'promote', path.join(dir, 'p'), '--studies', `${tuned.model}:UNI`, '--force', '--reason', 'chain test', '--json');
    assert.equal(f.code, 0, f.err);
    const cr = JSON.parse((await hp('cr', 'show', String(JSON.parse(f.out).id), '--json')).out);
    assert.equal(cr.state, 'open');
    assert.match(cr.reason, /^chain test; promote run \S+ \(default r\d+\): /);
    const st = cr.evidence.studies[0];
    assert.deepEqual([st.model, st.token, st.target, st.bestTrial, cr.evidence.forced], [tuned.model, 'UNI', 'UNI', tuned.study.best_trial, true]);
    for (const b of [st.test.f1, st.test.prAuc]) assert.ok(typeof b.low === 'number' && typeof b.high === 'number' && b.low <= b.value && b.value <= b.high);
    assert.deepEqual(st.test.f1, { value: tuned.versus_defaults.f1.value, low: tuned.versus_defaults.f1.lo, high: tuned.versus_defaults.f1.hi });
    const best = tuned.study.trials.find((t: { number: number }) => t.number === tuned.study.best_trial);
    assert.ok(cr.items.length > 0);
    for (const i of cr.items) {
      const param = i.key.replace(`CVN_HPO_${tuned.model}_5M_`, '').replace('@UNI', '');
      assert.equal(i.new, String(best.params[param]), i.key);
    }
    assert.match((await hp('cr', 'show', String(cr.id))).out, /^evidence: run \S+ \(default at revision \d+\), promoted with --force$/m);
    // The store moves under the run: refused, naming the key, nothing proposed.
    const before = JSON.parse((await hp('cr', 'list', '--json')).out).length;
    assert.equal((await hp('set', `CVN_HPO_${tuned.model}_5M_RANDOM_STATE@UNI=43`, '--reason', 'moved')).code, 0);
    const stale = await hp('ftf', 'promote', run.run_id, '--force', '--reason', 'r');
    assert.equal(stale.code, 5, stale.err);
    assert.match(stale.err, new RegExp(`HPC_PROMOTE_STALE.*CVN_HPO_${tuned.model}_5M_RANDOM_STATE \\(for UNI\\): 42 -> 43`));
    assert.equal(JSON.parse((await hp('cr', 'list', '--json')).out).length, before);
  });

  test('bisect GOOD_RUN BAD_RUN: the probe retrains the runs\' defaults on their data and names the key that did it', async () => {
    const g = await ftf('bis-good', '--tokens', 'UNI', '--trials', '1', '--cold', '--gate-min-tokens', '1', '--gate-min-f1', '0', '--gate', 'f1');
    assert.equal(g.code, 0, g.err);
    // The refactor: four keys move; one of them (the threshold grid starting at 0.5) is what hurts.
    const moved = ['CVN_THRESHOLD_SWEEP_MIN=0.5', 'CVN_HPO_XGB_5M_RANDOM_STATE@UNI=7', 'CVN_HPO_CB_5M_RANDOM_STATE=7', 'CVN_HPO_LGB_5M_RANDOM_STATE=7'];
    assert.equal((await hp('set', ...moved, '--reason', 'refactor')).code, 0);
    const b = await ftf('bis-bad', '--tokens', 'UNI', '--trials', '1', '--cold', '--gate-min-tokens', '1', '--gate-min-f1', '0', '--gate', 'f1');
    assert.equal(b.code, 0, b.err);
    const runId = (d: string) => (JSON.parse(readFileSync(path.join(dir, d, 'run.json'), 'utf8')) as RunManifest).run_id;
    const r = await hp('bisect', runId('bis-good'), path.join(dir, 'bis-bad'), '--json');
    assert.equal(r.code, 0, r.err + r.out);
    const j = JSON.parse(r.out);
    assert.deepEqual(j.culprits.map((c: { key: string }) => c.key), ['CVN_THRESHOLD_SWEEP_MIN']);
    assert.equal(j.keys.length, 4);
    assert.ok(j.probes <= 6, `${j.probes} probes`);
    assert.ok(j.good.metric > j.bad.metric);
    assert.match(r.err, /the probe retrains the defaults of XGB, LGB, CB x UNI/);
    // A run of other tokens cannot share a probe: the same run.json, told it trained CRV too.
    mkdirSync(path.join(dir, 'bis-other'), { recursive: true });
    const other = JSON.parse(readFileSync(path.join(dir, 'bis-bad', 'run.json'), 'utf8')) as RunManifest;
    writeFileSync(path.join(dir, 'bis-other', 'run.json'), JSON.stringify({ ...other, run_id: 'other', tokens: ['UNI', 'CRV'] }));
    const mismatch = await hp('bisect', runId('bis-good'), path.join(dir, 'bis-other'));
    assert.equal(mismatch.code, 2);
    assert.match(mismatch.err, /differ in tokens: a probe needs the same data, tokens and models/);
  });
});

test('a worker killed by a signal is named with its signal and the shell\'s exit status, and told what to do', () => {
  assert.equal(signalExit('SIGKILL'), 137);
  assert.equal(signalExit('SIGTERM'), 143);
  const msg = workerError({ code: 137, tail: 'level=INFO event=trial model=XGB\n', signal: 'SIGKILL' }, '/runs/r1');
  assert.match(msg, /^killed by SIGKILL \(exit 137\); its unfinished trial is failed and the defaults trial queued again when the study resumes: hpconf ftf finalize \/runs\/r1 finishes it/);
  assert.doesNotMatch(msg, /level=INFO/);
  assert.equal(workerError({ code: 3, tail: 'x\nerror[HPC_KEY_MISSING]: K is not set\nmore' }, '/d'), 'error[HPC_KEY_MISSING]: K is not set');
});

test('gate: every model needs minTokens tokens at or above minF1; a failed worker is a miss', () => {
  const w = (model: string, token: string, f1: number | null, skill = true): WorkerResult => ({
    model, token, ok: f1 !== null, exitCode: f1 === null ? 3 : 0, seconds: 1, manifestPath: '', logPath: '',
    manifest: f1 === null ? undefined : ({ metrics: { validation: { f1_buy: f1 }, test: { beats_always_buy: skill } } } as never),
  });
  const results = [w('XGB', 'A', 0.4), w('XGB', 'B', 0.41), w('XGB', 'C', 0.39), w('LGB', 'A', 0.5), w('LGB', 'B', null), w('LGB', 'C', 0.45)];
  assert.deepEqual(evaluateGate(results, ['XGB', 'LGB'], { minF1: 0.4, minTokens: 2 }), {
    pass: true, perModel: { XGB: { passing: 2, of: 3, pass: true }, LGB: { passing: 2, of: 3, pass: true } } });
  assert.equal(evaluateGate(results, ['XGB', 'LGB'], { minF1: 0.4, minTokens: 3 }).pass, false);
  assert.equal(evaluateGate(results, ['XGB', 'LGB'], { minF1: 0.45, minTokens: 2 }).perModel.XGB.pass, false);
  // With requireSkill a token also has to beat the always-buy F1 on test.
  const riding = [w('XGB', 'A', 0.45, false), w('XGB', 'B', 0.46, true), w('XGB', 'C', 0.47, false)];
  assert.equal(evaluateGate(riding, ['XGB'], { minF1: 0.4, minTokens: 2 }).pass, true);
  assert.deepEqual(evaluateGate(riding, ['XGB'], { minF1: 0.4, minTokens: 2, requireSkill: true }).perModel.XGB, { passing: 1, of: 3, pass: false });
});

test('skill gate: a token has skill only when both lower bounds are above 0; every model needs minTokens', () => {
  const iv = (lo: number) => ({ value: lo + 0.01, lo, hi: lo + 0.02 });
  const w = (model: string, token: string, f1lo: number | null, aplo = 0.01): WorkerResult => ({
    model, token, ok: f1lo !== null, exitCode: f1lo === null ? 3 : 0, seconds: 1, manifestPath: '', logPath: '',
    manifest: f1lo === null ? undefined : ({ metrics: { validation: { f1_buy: 0.5 }, test: { skill: { f1_margin: iv(f1lo), pr_auc_margin: iv(aplo), has_skill: f1lo > 0 && aplo > 0 } } } } as never),
  });
  const results = [w('XGB', 'A', 0.001), w('XGB', 'B', 0.002), w('XGB', 'C', -0.001), w('LGB', 'A', 0.01, -0.001), w('LGB', 'B', null), w('LGB', 'C', 0.02)];
  assert.deepEqual(evaluateSkillGate(results, ['XGB', 'LGB'], { minTokens: 2 }), {
    pass: false, perModel: { XGB: { passing: 2, of: 3, pass: true }, LGB: { passing: 1, of: 3, pass: false } } });
  // A manifest without a bootstrap (an older worker) shows no skill.
  const old = { ...w('CB', 'A', 0.5), manifest: { metrics: { validation: { f1_buy: 0.9 }, test: {} } } as never };
  assert.deepEqual(evaluateSkillGate([old], ['CB'], { minTokens: 1 }).perModel.CB, { passing: 0, of: 1, pass: false });
});
