/** One suite of cases, run against each scanner (scan-python.test.ts, scan-typescript.test.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog } from '../catalog/load.js';
import { catalogNames } from './names.js';
import type { Scanner } from './types.js';

type Expect = [rule: string, line: number, name: string, literal: string][];
interface Case { name: string; python: string; typescript: string; expect: Expect }

export const CASES: Case[] = [
  { name: 'keyword argument / object property', python: 'XGBClassifier(max_depth=6, n_jobs=4)', typescript: 'new XGB({ maxDepth: 6, nJobs: 4 });', expect: [['HP001', 1, '*', '6']] },
  { name: 'dict entry with a string key', python: 'p = {"learning_rate": 0.1, "metric": "auc"}', typescript: "const p = { 'learning_rate': 0.1, metric: 'auc' };", expect: [['HP001', 1, 'learning_rate', '0.1']] },
  { name: 'negative literal', python: 'f(max_depth=-1)', typescript: 'f({ max_depth: -1 });', expect: [['HP001', 1, 'max_depth', '-1']] },
  { name: '.get with a literal default', python: 'n = cfg.get("n_estimators", 500)', typescript: "const n = cfg.get('n_estimators', 500);", expect: [['HP001', 1, 'n_estimators', '500']] },
  { name: 'suggest_* with literal bounds', python: 'trial.suggest_int("max_depth", 5, 12)', typescript: "trial.suggestInt('max_depth', 5, 12);", expect: [['HP002', 1, 'max_depth', '5..12']] },
  { name: 'assignment', python: 'reg_lambda = 0.5', typescript: 'let reg_lambda = 0.5;', expect: [['HP001', 1, 'reg_lambda', '0.5']] },
  { name: 'parameter default', python: 'def f(x, subsample=0.8):\n    return x', typescript: 'function f(x: number, subsample = 0.8) { return x; }', expect: [['HP001', 1, 'subsample', '0.8']] },
  { name: 'class field', python: 'class C:\n    num_leaves = 31', typescript: 'class C {\n  num_leaves = 31;\n}', expect: [['HP001', 2, 'num_leaves', '31']] },
  { name: 'comments are never flagged', python: '# max_depth = 6\nx = 1  # eta=0.3', typescript: '// maxDepth = 6\nconst x = 1; /* eta: 0.3 */', expect: [] },
  { name: 'strings and docstrings are never flagged', python: '"""max_depth=6"""\ns = "learning_rate = 0.1"', typescript: "/** maxDepth=6 */\nconst s = 'learning_rate = 0.1';", expect: [] },
  { name: 'unrelated numbers are not flagged', python: 'np.sum(a, axis=1)\ntimeout = 30\nf(3, 0.1)', typescript: 'sum(a, { axis: 1 });\nconst timeout = 30;\nf(3, 0.1);', expect: [] },
  { name: 'a value from the resolver is not a literal', python: 'XGBClassifier(max_depth=r.resolve("xgb", "5m", "MAX_DEPTH"))', typescript: "new XGB({ maxDepth: r.resolve('xgb', '5m', 'MAX_DEPTH') });", expect: [] },
  { name: 'a directive only at the start of a comment: a mention in documentation is not one', python: '# see `hpconf: ignore[HP001] reason` in the docs\nx = 1', typescript: '/** see `hpconf: ignore[HP001] reason` in the docs */\nconst x = 1;', expect: [] },
  { name: 'generic names count where they configure a model', python: 'm = XGBClassifier(seed=1, gamma=0.5)\nparams = {"alpha": 0.1}', typescript: 'const m = new XGBClassifier({ seed: 1, gamma: 0.5 });\nconst params = { alpha: 0.1 };',
    expect: [['HP001', 1, 'seed', '1'], ['HP001', 1, 'gamma', '0.5'], ['HP001', 2, 'alpha', '0.1']] },
  { name: 'generic names elsewhere are not flagged', python: 'train_test_split(X, random_state=2)\nsampler = TPESampler(seed=1)\nplt.plot(x, alpha=0.5)\ngamma = 0.99\ndef f(seed=0):\n    pass\nstyle = {"alpha": 0.3}',
    typescript: 'trainTestSplit(X, { random_state: 2 });\nconst sampler = new TPESampler({ seed: 1 });\nplot(x, { alpha: 0.5 });\nconst gamma = 0.99;\nfunction f(seed = 0) { return seed; }\nconst style = { alpha: 0.3 };', expect: [] },
  { name: 'a generic name beside a specific one is a model parameter', python: 'CatBoostConfig = {"learning_rate": 0.001, "depth": 4}', typescript: 'const CatBoostConfig = { learning_rate: 0.001, depth: 4 };',
    expect: [['HP001', 1, 'learning_rate', '0.001'], ['HP001', 1, 'depth', '4']] },
  { name: 'a dict under a plain name counts when it reaches a model call', python: 'opts = {"seed": 3}\nstyle = {"alpha": 0.3}\nm = XGBClassifier(**opts)', typescript: 'const opts = { seed: 3 };\nconst style = { alpha: 0.3 };\nconst m = new XGBClassifier({ ...opts });',
    expect: [['HP001', 1, 'seed', '3']] },
  { name: 'a generic name set into a params dict', python: 'params["seed"] = 42\nstyle["alpha"] = 0.3', typescript: 'params["seed"] = 42;\nstyle["alpha"] = 0.3;',
    expect: [['HP001', 1, 'seed', '42']] },
  { name: 'positional boosting rounds', python: 'bst = xgb.train(params, dtrain, 2000)\nm = lgb.cv(params, ds, 500)', typescript: 'const bst = xgb.train(params, dtrain, 2000);\nconst m = lgb.cv(params, ds, 500);',
    expect: [['HP001', 1, 'num_boost_round', '2000'], ['HP001', 2, 'num_boost_round', '500']] },
  { name: 'early stopping as a callback', python: 'cb = [lgb.early_stopping(100)]', typescript: 'const cb = [lgb.early_stopping(100)];', expect: [['HP001', 1, 'early_stopping_rounds', '100']] },
  { name: 'a library hyperparameter the catalog does not hold yet', python: 'm = CatBoostClassifier(colsample_bylevel=0.5, border_count=254)', typescript: 'const m = new CatBoostClassifier({ colsample_bylevel: 0.5, border_count: 254 });',
    expect: [['HP001', 1, 'colsample_bylevel', '0.5'], ['HP001', 1, 'border_count', '254']] },
  { name: 'a module constant that reaches a params dict or a model call counts at its own line',
    python: 'SEED = 71\nLR = 0.05\nDEPTH = 6\nparams = {"seed": SEED, "learning_rate": LR}\nm = XGBClassifier(max_depth=DEPTH)\nbst = lgb.train(params, ds)',
    typescript: 'const SEED = 71;\nconst LR = 0.05;\nexport const DEPTH = 6;\nconst params = { seed: SEED, learning_rate: LR };\nconst m = new XGBClassifier({ max_depth: DEPTH });\nconst bst = lgb.train(params, ds);',
    expect: [['HP001', 1, 'seed', '71'], ['HP001', 2, 'learning_rate', '0.05'], ['HP001', 3, 'max_depth', '6']] },
  { name: 'a module constant used outside a model is not flagged', python: 'TIMEOUT = 30\nSEED = 7\nsampler = TPESampler(seed=SEED)\nr = requests.get(u, timeout=TIMEOUT)',
    typescript: 'const TIMEOUT = 30;\nconst SEED = 7;\nconst sampler = new TPESampler({ seed: SEED });\nconst r = get(u, { timeout: TIMEOUT });', expect: [] },
  // Over several rows: only rows holding a name are inspected (triggers.ts), and these need a row that holds none.
  { name: 'a module constant rows away from the call that uses it', python: 'LIMIT = 6\n\n\ndef go():\n    return XGBClassifier(max_depth=LIMIT)',
    typescript: 'const LIMIT = 6;\n\n\nfunction go() {\n  return new XGBClassifier({ maxDepth: LIMIT });\n}', expect: [['HP001', 1, '*', '6']] },
  { name: 'a dict of generic names, passed to a model call rows later', python: 'cfg = {\n    "seed": 7,\n}\n\n\nmodel.fit(X, y, **cfg)',
    typescript: 'const cfg = {\n  seed: 7,\n};\n\n\nmodel.fit(x, y, cfg);', expect: [['HP001', 2, 'seed', '7']] },
  { name: 'a search call over several rows', python: 'trial.suggest_int(\n    "max_depth",\n    3,\n    10,\n)',
    typescript: "trial.suggestInt(\n  'max_depth',\n  3,\n  10,\n);", expect: [['HP002', 1, 'max_depth', '3..10']] },
  { name: 'suppressed with a reason', python: 'x = {"eta": 0.3}  # hpconf: ignore[HP001] reference model', typescript: 'const x = { eta: 0.3 }; // hpconf: ignore[HP001] reference model', expect: [['HP001', 1, 'eta', '0.3']] },
];

export function scannerSuite(scanner: Scanner): void {
  const names = catalogNames(loadCatalog());
  for (const c of CASES) {
    test(`${scanner.language}: ${c.name}`, async () => {
      const src = scanner.language === 'python' ? c.python : c.typescript;
      const r = await scanner.scan(`case.${scanner.extensions[0].slice(1)}`, src, names);
      // What the scanner reports inspecting only the rows holding a trigger is what it reports inspecting all.
      assert.deepEqual(r, await scanner.scan(`case.${scanner.extensions[0].slice(1)}`, src, names, { exhaustive: true }));
      assert.equal(r.parseError, undefined, `${c.name} must parse`);
      assert.deepEqual(r.findings.map((f) => [f.rule, f.line, c.expect.some((e) => e[2] === '*') ? '*' : f.name, f.literal]), c.expect);
      if (c.name.startsWith('suppressed')) assert.deepEqual(r.suppressions, [{ line: 1, rules: ['HP001'], reason: 'reference model' }]);
      if (c.name.startsWith('a directive only')) assert.deepEqual(r.suppressions, []);
    });
  }
  test(`${scanner.language}: a file-level suppression is read with its scope`, async () => {
    const src = scanner.language === 'python' ? '# hpconf: ignore-file[HP001,HP002] generated from the paper\nx = {"eta": 0.3}' : '// hpconf: ignore-file[HP001,HP002] generated from the paper\nconst x = { eta: 0.3 };';
    const r = await scanner.scan(`case.${scanner.extensions[0].slice(1)}`, src, names);
    assert.deepEqual(r.suppressions, [{ line: 1, rules: ['HP001', 'HP002'], reason: 'generated from the paper', scope: 'file' }]);
  });
  test(`${scanner.language}: a syntax error is reported, not skipped`, async () => {
    const r = await scanner.scan('bad', scanner.language === 'python' ? 'def f(:\n  pass' : 'function f( {', names);
    assert.ok(r.parseError);
    assert.equal(r.parseError.line, 1);
  });
}
