import YAML from 'yaml';
import { VERSION } from '../version.js';
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../paths.js';
import { evaluateGate } from './gate.js';
import type { RunManifest, WorkerResult } from './types.js';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin', 'hpconf.js');
const FIXTURES = path.join(ROOT, 'training', 'fixtures', 'ohlcv');

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
  before(async () => { assert.equal((await hp('up', '--once')).code, 0); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  let first: RunManifest;
  test('a short run trains every model type on every token, collects manifests, prints a table, writes a report', async () => {
    const r = await ftf('a', '--tokens', 'UNI,CRV', '--trials', '2', '--gate-min-tokens', '2', '--gate-min-f1', '0.1');
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /run \S+: 6 workers \(XGB, LGB, CB x UNI, CRV\), 2 at once, store revision 469/);
    assert.equal((r.out.match(/^\[\d\/6\] (XGB|LGB|CB) +(UNI|CRV) +val F1 0\.\d{3}  test F1 0\.\d{3} \(always-buy 0\.\d{3}\)/gm) ?? []).length, 6);
    assert.match(r.out, /^model +token +val F1 +test F1 +always-buy F1 \(test\) +beats it/m);
    assert.match(r.out, /gate: PASS/);
    first = JSON.parse(readFileSync(path.join(dir, 'a', 'run.json'), 'utf8'));
    assert.equal(first.workers.length, 6);
    assert.ok(first.workers.every((w) => w.ok && w.metrics && w.metrics.validation.f1_buy >= 0));
    assert.deepEqual(first.configured.CVN_HPO_N_TRIALS, { value: '2', source: 'override --trials' });
    assert.deepEqual(first.configured.CVN_HPO_XGB_5M_LEARNING_RATE, { value: '0.07', source: 'store r469' });
    const m = JSON.parse(readFileSync(path.join(dir, 'a', 'CB_CRV.json'), 'utf8'));
    assert.equal(m.store_revision, 469);
    assert.equal(m.study.trials.length, 2);
    const log = readFileSync(path.join(dir, 'a', 'CB_CRV.log'), 'utf8');
    assert.match(log, /^level=INFO event=training_started run_id=\S+ model=CB timeframe=5M token=CRV store_revision=469 n_trials=2/m);
    assert.match(log, /^level=INFO event=training_finished /m);
    const md = readFileSync(path.join(dir, 'a', 'report.md'), 'utf8');
    assert.match(md, /## Gate: F1 on buy \(validation\) >= 0\.1 on at least 2 of 2 tokens, for every model type: \*\*PASS\*\*/);
    assert.match(md, /\| XGB \| UNI \| 0\.\d{3} \| 0\.\d{3} \| 0\.\d{3} \| (yes|no) \|/);
    assert.match(md, /label: buy = close\[t \+ horizon\] \/ close\[t\] - 1 > threshold, horizon 12 bars, threshold 0\.004/);
    const svg = readFileSync(path.join(dir, 'a', 'report.svg'), 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.equal((svg.match(/<rect x=/g) ?? []).length, 6 * 3 + 3);
  });

  test('the incident replayed: change a handful of stored values, run again, and diff names exactly those', async () => {
    const changed = {
      CVN_HPO_XGB_5M_MAX_DEPTH: '8', CVN_HPO_LGB_5M_NUM_LEAVES: '24', CVN_HPO_CB_5M_L2_LEAF_REG: '5',
      CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX: '0.12', CVN_LABEL_THRESHOLD: '0.005',
    };
    assert.equal((await hp('set', ...Object.entries(changed).map(([k, v]) => `${k}=${v}`), '--reason', 'refactor')).code, 0);
    const r = await ftf('b', '--tokens', 'UNI,CRV', '--trials', '2', '--gate-min-tokens', '2', '--gate-min-f1', '0.1');
    assert.equal(r.code, 0, r.err);
    const d = await hp('diff', path.join(dir, 'a', 'run.json'), path.join(dir, 'b', 'run.json'), '--json');
    assert.equal(d.code, 1, d.err);
    const rows = JSON.parse(d.out).configured as { key: string; left: { value: string; source: string }; right: { value: string; source: string } }[];
    assert.deepEqual(rows.map((x) => x.key).sort(), Object.keys(changed).sort());
    for (const x of rows) {
      assert.equal(x.right.value, changed[x.key as keyof typeof changed]);
      assert.equal(x.left.source, 'store r469');
      assert.equal(x.right.source, 'store r474');
    }
    const text = await hp('diff', path.join(dir, 'a', 'run.json'), path.join(dir, 'b', 'run.json'));
    assert.match(text.out, /~ CVN_HPO_XGB_5M_MAX_DEPTH: 6 \(store r469\) -> 8 \(store r474\)/);
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
    const allowed = await ftf('d', '--tokens', 'UNI', '--trials', '1', '--allow-incomplete', '--gate-min-tokens', '1', '--gate-min-f1', '0');
    assert.equal(allowed.code, 8, allowed.out + allowed.err);
    assert.match(allowed.out, /LGB UNI   FAILED exit 3: error\[HPC_KEY_MISSING\]: CVN_HPO_LGB_5M_REG_ALPHA is not set\. Set it in the hpconf Console or with: hpconf set CVN_HPO_LGB_5M_REG_ALPHA <value>/);
    assert.doesNotMatch(readFileSync(path.join(dir, 'd', 'LGB_UNI.log'), 'utf8'), /training_started/);
    assert.match(allowed.err, /error\[HPC_WORKER_FAILED\]: 1 worker\(s\) failed: LGB\/UNI/);
    assert.equal((await hp('set', 'CVN_HPO_LGB_5M_REG_ALPHA=0.001')).code, 0);
  });

  test('the gate fails with its own exit code when a model misses it', async () => {
    const r = await ftf('e', '--tokens', 'CRV', '--trials', '1', '--gate-min-tokens', '1', '--gate-min-f1', '0.99');
    assert.equal(r.code, 9, r.err);
    assert.match(r.err, /error\[HPC_GATE_FAILED\]: gate failed: XGB 0\/1 tokens at val F1 >= 0\.99, need 1; LGB 0\/1/);
  });

  test('--emit k8s writes a ConfigMap of the stored values and one Job per worker (TTL, deadline, resources, non-root, both env sources)', async () => {
    const r = await ftf('k', '--emit', 'k8s', '--image', 'registry.example/hpconf-training:1', '--namespace', 'cvntrade');
    assert.equal(r.code, 0, r.err);
    const docs = YAML.parseAllDocuments(readFileSync(path.join(dir, 'k', 'k8s.yaml'), 'utf8')).map((d) => d.toJS());
    const cm = docs.filter((d) => d.kind === 'ConfigMap');
    const jobs = docs.filter((d) => d.kind === 'Job');
    assert.equal(cm.length, 1);
    assert.equal(Object.keys(cm[0].data).length, 469);
    assert.equal(jobs.length, 15);
    for (const j of jobs) {
      assert.deepEqual([j.spec.backoffLimit, j.spec.activeDeadlineSeconds, j.spec.ttlSecondsAfterFinished], [0, 21600, 86400]);
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
    assert.ok(!existsSync(path.join(dir, 'k', 'run.json')));
    // Without --image: this version's image, never :latest.
    await ftf('k2', '--emit', 'k8s');
    assert.match(readFileSync(path.join(dir, 'k2', 'k8s.yaml'), 'utf8'), new RegExp(`image: "hpconf-training:${VERSION.replace(/\./g, '\\.')}"`));
  });
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
