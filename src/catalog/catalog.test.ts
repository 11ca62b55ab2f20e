import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HpconfError } from '../errors/registry.js';
import { createResolver } from '../resolver/resolver.js';
import { baselineEnv } from '../resolver/vectors.js';
import { loadBundle } from './bundle.js';
import { checkState } from './check.js';
import { catalogFromFile, loadCatalog, readJson } from './load.js';
import { BASELINE_PATH, CATALOG_PATH } from '../paths.js';
import type { CatalogFile } from './types.js';

const c = loadCatalog();
const raw = () => structuredClone(readJson(CATALOG_PATH)) as CatalogFile;

test('catalog: 140 defaults and 420 range keys for the searchable parameters, 615 required keys in all', () => {
  const searchDefaults = c.keys.filter((k) => k.kind === 'default' && c.file.models[k.model!].params[k.param!].search);
  assert.equal(searchDefaults.length, 140);
  assert.equal(c.keys.filter((k) => ['min', 'max', 'scale'].includes(k.kind)).length, 420);
  assert.equal(c.keys.filter((k) => k.param === 'RANDOM_STATE').length, 15);
  assert.equal(c.keys.filter((k) => k.param === 'BAGGING_FREQ').length, 5);
  assert.deepEqual(c.keys.filter((k) => k.kind === 'global').map((k) => k.key), [
    'CVN_EARLY_STOPPING_ROUNDS', 'CVN_HPO_OBJECTIVE', 'CVN_THRESHOLD_METHOD', 'CVN_HPO_N_TRIALS', 'CVN_LABEL_HORIZON_BARS',
    'CVN_LABEL_THRESHOLD', 'CVN_SPLIT_VALID_FRACTION', 'CVN_SPLIT_TEST_FRACTION', 'CVN_FEATURE_SET',
    'CVN_LABEL_METHOD', 'CVN_LABEL_VOL_K', 'CVN_LABEL_VOL_WINDOW', 'CVN_DATA_GAP_POLICY', 'CVN_DATA_MAX_GAP_MINUTES',
    'CVN_THRESHOLD_SWEEP_MIN', 'CVN_THRESHOLD_SWEEP_MAX', 'CVN_THRESHOLD_SWEEP_STEP', 'CVN_THRESHOLD_MAX_BUY_RATE', 'CVN_REGIME_WEIGHT_ALPHA', 'CVN_REGIME_WEIGHT_WINDOW']);
  // The harness parameters: an enum without a range, two focal-loss parameters with ranges, per model and timeframe.
  assert.equal(c.keys.filter((k) => k.param === 'CALIBRATION').map((k) => k.kind).join(), Array(15).fill('default').join());
  assert.equal(c.keys.filter((k) => k.param?.startsWith('FOCAL_')).length, 2 * 15 * 4);
  assert.equal(c.keys.length, 615);
  assert.equal(new Set(c.keys.map((k) => k.key)).size, 615);
  for (const k of c.keys) assert.match(k.key, /^CVN_[A-Z0-9_]+$/);
  assert.ok(c.byKey.has('CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_SCALE'));
});

test('catalog: the shipped file passes its JSON Schema (loadCatalog trusts it without checking at each start)', () => {
  const checked = catalogFromFile(raw(), 'checked.json');
  assert.deepEqual(checked.keys, c.keys);
});

test('catalog: one canonical native name per parameter, never one of its own aliases', () => {
  for (const [model, m] of Object.entries(c.file.models)) {
    const natives = Object.values(m.params).map((p) => p.native);
    assert.equal(new Set(natives).size, natives.length, model);
    for (const p of Object.values(m.params)) assert.ok(!p.aliases.includes(p.native), `${model} ${p.native}`);
  }
});

test('catalog: the schema refuses a malformed file with a clear error', () => {
  const bad = raw();
  (bad.models.XGB.params as Record<string, unknown>).max_depth = bad.models.XGB.params.MAX_DEPTH; // lower case name
  (bad.models.XGB.params.GAMMA as unknown as Record<string, unknown>).type = 'double';
  assert.throws(() => catalogFromFile(bad, 'bad.json'), (e: unknown) => {
    assert.ok(e instanceof HpconfError && e.code === 'HPC_CATALOG_INVALID');
    assert.match(e.message, /bad\.json/);
    assert.match(e.message, /GAMMA\/type/);
    return true;
  });
  const badRule = raw();
  badRule.rules[0].then.param = 'BAGGING_FREQUENCY';
  assert.throws(() => catalogFromFile(badRule, 'r.json'), /unknown parameter LGB BAGGING_FREQUENCY/);
});

test('catalog: a new model, timeframe and parameter are a data edit, with no code change', () => {
  const f = raw();
  f.timeframes.push({ id: '4H', minutes: 240 });
  f.models.XGB.params.MAX_BIN = { type: 'int', domain: { min: 2 }, logAllowed: true, search: true, native: 'max_bin', aliases: [], doc: 'histogram bins' };
  f.models.RF = { library: 'sklearn', params: { N_ESTIMATORS: { type: 'int', domain: { min: 1 }, logAllowed: true, search: true, native: 'n_estimators', aliases: [], doc: 'trees' } } };
  const c2 = catalogFromFile(f, 'extended.json');
  // 4H for every model (XGB 12x4+2, LGB 11x4+3, CB 6x4+2, RF 4) + MAX_BIN and RF in the 5 old timeframes.
  assert.equal(c2.keys.length, 615 + (50 + 47 + 26 + 4) + 4 * 5 + 4 * 5);
  const env = {
    ...baselineEnv(),
    CVN_HPO_RF_4H_N_ESTIMATORS: '300', CVN_HPO_RF_4H_N_ESTIMATORS_RANGE_MIN: '100', CVN_HPO_RF_4H_N_ESTIMATORS_RANGE_MAX: '900',
    CVN_HPO_RF_4H_N_ESTIMATORS_RANGE_SCALE: 'log',
  };
  const r = createResolver({ catalog: c2, env, log: () => {} });
  assert.deepEqual(r.nativeParams('rf', '4h'), { n_estimators: 300 }); // hpconf: ignore[HP001] the expected value the test env sets
  assert.deepEqual(r.hpoSpace('rf', '4h'), { N_ESTIMATORS: { name: 'IntDistribution', attributes: { low: 100, high: 900, log: true, step: 1 } } });
  assert.equal(r.resolve('xgb', '4h', 'MAX_BIN', 256), 256);
});

test('catalog: the prefix is configurable in the catalog', () => {
  const f = raw();
  f.prefix = 'ACME_HP';
  const c2 = catalogFromFile(f, 'acme.json');
  assert.ok(c2.byKey.has('ACME_HP_XGB_5M_LEARNING_RATE'));
  assert.ok(!c2.byKey.has('CVN_HPO_XGB_5M_LEARNING_RATE'));
});

test('checks: the baseline is complete, valid and free of warnings', () => {
  const values = new Map(loadBundle(c, BASELINE_PATH).map((e) => [e.key, e.text]));
  const r = checkState(c, (k) => values.get(k));
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.warnings, []);
  assert.equal(r.values.size, 615);
});

test('checks: a default outside its search range is an error (its study could not replay it as trial 0); NUM_LEAVES above 2^MAX_DEPTH a warning', () => {
  const values = new Map(loadBundle(c, BASELINE_PATH).map((e) => [e.key, e.text]));
  values.set('CVN_HPO_XGB_1H_MAX_DEPTH', '3');
  values.set('CVN_HPO_LGB_1H_NUM_LEAVES', '200');
  values.set('CVN_HPO_LGB_1H_MAX_DEPTH', '6');
  const r = checkState(c, (k) => values.get(k));
  assert.deepEqual(r.errors.map((e) => [e.code, e.key, e.keys]), [
    ['HPC_DEFAULT_OUTSIDE_RANGE', 'CVN_HPO_XGB_1H_MAX_DEPTH', ['CVN_HPO_XGB_1H_MAX_DEPTH', 'CVN_HPO_XGB_1H_MAX_DEPTH_RANGE_MIN', 'CVN_HPO_XGB_1H_MAX_DEPTH_RANGE_MAX']],
  ]);
  assert.match(r.errors[0].message, /default 3 lies outside its search range \[5, 12\]; the study's first trial replays the default/);
  assert.deepEqual(r.warnings.map((w) => [w.code, w.key]), [['HPC_WARN_RULE', 'CVN_HPO_LGB_1H_NUM_LEAVES']]);
  // Moving the range with the default, in one change, is fine.
  values.set('CVN_HPO_XGB_1H_MAX_DEPTH_RANGE_MIN', '3');
  assert.deepEqual(checkState(c, (k) => values.get(k)).errors, []);
  // No depth limit: the leaves rule does not apply, but -1 lies outside the 3..12 search range.
  values.set('CVN_HPO_LGB_1H_MAX_DEPTH', '-1');
  assert.deepEqual(checkState(c, (k) => values.get(k)).errors.map((w) => [w.code, w.key]), [['HPC_DEFAULT_OUTSIDE_RANGE', 'CVN_HPO_LGB_1H_MAX_DEPTH']]);
});

test('checks: missing and invalid keys are counted separately', () => {
  const r = checkState(c, (k) => (k === 'CVN_HPO_CB_5M_DEPTH' ? 'deep' : undefined));
  assert.equal(r.missing.length, 614);
  assert.deepEqual(r.invalid, ['CVN_HPO_CB_5M_DEPTH']);
});
