/**
 * A team's own Optuna script, outside the harness, through the whole loop: `hpconf exec` hands it the store's values,
 * hpconf.optuna gives it the stored space, trial 0 = the stored defaults and a run record with the evidence; `hpconf
 * runs record` stores it and `hpconf ftf promote` turns its best trial into a reviewed change request.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';
import { dataDirCli } from '../cli/testing.js';

const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');
const have = existsSync(PYTHON);
if (!have && process.env.CI) throw new Error('CI must run the Python side: .venv is missing (scripts/python-env.sh)');

const SCRIPT = `
import sys
import numpy as np
import optuna
from xgboost import XGBClassifier
from hpconf import Resolver, evidence, optuna as hpo

optuna.logging.set_verbosity(optuna.logging.WARNING)
rng = np.random.default_rng(7)
X = rng.normal(size=(3000, 5))
y = ((X[:, 0] + X[:, 1] * X[:, 2] + rng.normal(scale=0.6, size=3000)) > 0.6).astype(int)
tr, va, te = slice(0, 1500), slice(1500, 2250), slice(2250, 3000)
r = Resolver()

def fit(params):
    return XGBClassifier(**params, n_jobs=1, verbosity=0).fit(X[tr], y[tr])

def objective(trial):
    m = fit(hpo.suggest(trial, "xgb", "5m", resolver=r))
    return evidence.average_precision(y[va], m.predict_proba(X[va])[:, 1])

study = optuna.create_study(study_name="own-xgb-5m-uni", direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
hpo.tag(study, "xgb", "5m", resolver=r)
hpo.enqueue_defaults(study, "xgb", "5m", resolver=r)
study.optimize(objective, n_trials=10)
everything = r.native_params("xgb", "5m")
d, b = fit(everything), fit({**everything, **study.best_trial.params})
p = lambda m, s: m.predict_proba(X[s])[:, 1]
hpo.record(study, "xgb", "5m", token="UNI", objective="pr_auc", valid=(y[va], p(d, va), p(b, va)), test=(y[te], p(d, te), p(b, te)),
           resamples=300, data="synthetic", label="x0 + x1 x2 + noise > 0.6", path=sys.argv[1])
`;

const cli = dataDirCli('hpconf-own-optuna-');
const hp = cli.hp;
before(async () => {
  assert.equal((await hp('seed', '--apply')).code, 0);
  // Defaults that barely split: the study has something to find, and the evidence says so beyond noise.
  const r = await hp('set', 'CVN_HPO_XGB_5M_MIN_CHILD_WEIGHT=50', 'CVN_HPO_XGB_5M_GAMMA=5', 'CVN_HPO_XGB_5M_REG_LAMBDA=10', 'CVN_HPO_XGB_5M_N_ESTIMATORS=200',
    'group:defi=UNI,AAVE', '--reason', 'weak defaults');
  assert.equal(r.code, 0, r.err);
});
after(() => cli.cleanup());

test("a plain Optuna script's study: recorded with trial 0 = defaults and paired evidence, promoted as a change request for its token", { skip: have ? false : 'no .venv' }, async () => {
  const script = path.join(cli.dir, 'tune.py');
  const out = path.join(cli.dir, 'record.json');
  writeFileSync(script, SCRIPT);
  const ran = await hp('exec', '--', PYTHON, script, out);
  assert.equal(ran.code, 0, ran.err);
  const rec = JSON.parse(readFileSync(out, 'utf8'));
  const rev = Number(JSON.parse((await hp('get', 'CVN_HPO_XGB_5M_GAMMA', '--json')).out).revision);
  assert.deepEqual([rec.environment, rec.revision, rec.models, rec.tokens, rec.timeframe], ['default', rev, ['XGB'], ['UNI'], '5M'], 'the store state exec handed it');
  const s = rec.studies[0];
  assert.equal(s.defaults.trial, 0, 'trial 0 is the stored defaults');
  assert.equal(s.warmStart, 'cold start');
  assert.ok(Object.keys(s.params).every((k: string) => /^[A-Z_]+$/.test(k)), 'the record uses catalog names, as ftf run records');
  assert.equal(rec.configured.CVN_HPO_XGB_5M_GAMMA, '5');

  const stored = await hp('runs', 'record', out, '--json');
  assert.equal(stored.code, 0, stored.err);
  assert.deepEqual(JSON.parse(stored.out), { id: rec.id, created: true });
  const promoted = await hp('ftf', 'promote', rec.id, '--json');
  assert.equal(promoted.code, 0, promoted.err);
  const cr = JSON.parse((await hp('cr', 'show', String(JSON.parse(promoted.out).id), '--json')).out);
  const ev = cr.evidence.studies[0];
  assert.deepEqual([cr.evidence.kind, ev.model, ev.token, ev.objective, ev.improves], ['ftf-promote', 'XGB', 'UNI', 'pr_auc', true]);
  assert.ok(ev.test.prAuc.low > 0 && ev.test.prAuc.low <= ev.test.prAuc.value && ev.test.prAuc.value <= ev.test.prAuc.high, JSON.stringify(ev.test));
  assert.deepEqual(ev.test.prAuc, { value: s.versusDefaults.prAuc.value, low: s.versusDefaults.prAuc.lo, high: s.versusDefaults.prAuc.hi });
  assert.ok(ev.keys.length > 0 && ev.keys.every((k: { key: string }) => k.key.endsWith('@UNI')), JSON.stringify(ev.keys));

  // A record that names a field the API does not know, or a study never tagged, is refused and stores nothing.
  writeFileSync(out, JSON.stringify({ ...rec, id: 'typo-run', wallSecond: 1 }));
  const typo = await hp('runs', 'record', out);
  assert.equal(typo.code, 2, typo.err);
  assert.match(typo.err, /HPC_USAGE/);
  assert.equal((await hp('runs', 'show', 'typo-run')).code !== 0, true);
});
