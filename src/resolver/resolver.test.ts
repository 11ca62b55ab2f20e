import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HpconfError } from '../errors/registry.js';
import { createResolver, type Resolver } from './resolver.js';
import { baselineEnv, buildEnv, resolverCases, type ResolverCase } from './vectors.js';

function call(r: Resolver, c: ResolverCase['call']): unknown {
  const [a, b, p] = c.args;
  switch (c.fn) {
    case 'resolve': return r.resolve(a, b, p, c.fallback);
    case 'resolve_key': return r.resolveKey(a, c.fallback);
    case 'resolve_hpo_range': return r.resolveHpoRange(a, b, p);
    case 'resolve_all': return r.resolveAll(a, b);
    case 'native_params': return r.nativeParams(a, b, c.overrides);
    case 'harness_params': return r.harnessParams(a, b, c.overrides);
    case 'hpo_space': return r.hpoSpace(a, b);
    default: throw new Error(`unknown fn ${c.fn}`);
  }
}

test('resolver: shared vectors', async (t) => {
  for (const c of resolverCases()) {
    await t.test(c.name, () => {
      const logs: string[] = [];
      const r = createResolver({ env: buildEnv(c.env), log: (l) => logs.push(l) });
      if (c.expect.error) {
        let caught: unknown;
        try { call(r, c.call); } catch (e) { caught = e; }
        assert.ok(caught instanceof HpconfError, `expected ${c.expect.error.code}, got ${String(caught)}`);
        assert.equal(caught.code, c.expect.error.code);
        if (c.expect.error.message !== undefined) assert.equal(caught.message, c.expect.error.message);
        if (c.expect.error.message_prefix !== undefined) assert.ok(caught.message.startsWith(c.expect.error.message_prefix), caught.message);
      } else {
        assert.deepEqual(call(r, c.call), c.expect.value);
        const ledger = Object.fromEntries(r.ledger().map((x) => [x.key, x.source]));
        for (const [k, src] of Object.entries(c.expect.sources ?? {})) assert.equal(ledger[k], src, k);
      }
      assert.deepEqual(logs, c.expect.logs);
    });
  }
});

test('resolver: reads process.env by default', () => {
  const key = 'CVN_HPO_CB_5M_DEPTH';
  const before = process.env[key];
  process.env[key] = '7';
  try {
    assert.equal(createResolver({ log: () => {} }).resolve('cb', '5m', 'DEPTH'), 7);
  } finally {
    if (before === undefined) delete process.env[key]; else process.env[key] = before;
  }
});

test('resolver: every fallback logs once per resolve, so a dashboard counts each use', () => {
  const logs: string[] = [];
  const r = createResolver({ env: {}, log: (l) => logs.push(l) });
  r.resolve('xgb', '5m', 'MAX_DEPTH', 6);
  r.resolve('xgb', '5m', 'MAX_DEPTH', 6);
  assert.equal(logs.length, 2);
  assert.match(logs[0], /^level=WARN event=hpo_fallback_applied .*fallback=6 reason=env_key_missing$/);
});

test('resolver: native params come only from resolved values (the ledger covers every native key); harness params never reach the library', () => {
  const r = createResolver({ env: baselineEnv(), log: () => {} });
  for (const model of ['XGB', 'LGB', 'CB']) {
    const native = r.nativeParams(model, '15m');
    const params = r.catalog.file.models[model].params;
    assert.deepEqual(Object.keys(native), Object.values(params).filter((p) => !p.harness).map((p) => p.native));
    assert.deepEqual(Object.keys(r.harnessParams(model, '15m')), ['calibration', 'focal_gamma', 'focal_alpha']);
    for (const p of Object.keys(params)) {
      assert.ok(r.ledger().some((x) => x.key === `CVN_HPO_${model}_15M_${p}` && x.source === 'env'), p);
    }
  }
});

test('resolver: a rule on HPO values is checked on the final params', () => {
  const env = { ...baselineEnv(), CVN_HPO_LGB_5M_SUBSAMPLE: '1', CVN_HPO_LGB_5M_SUBSAMPLE_RANGE_MIN: '1', CVN_HPO_LGB_5M_BAGGING_FREQ: '0' };
  const r = createResolver({ env, log: () => {} });
  assert.equal(r.nativeParams('lgb', '5m').subsample, 1);
});

test('resolver: a changed value, or a changed key a rule reads, is seen on the next call', () => {
  const env: Record<string, string | undefined> = baselineEnv();
  const logs: string[] = [];
  const r = createResolver({ env, log: (l) => logs.push(l) });
  assert.equal(r.resolve('lgb', '5m', 'SUBSAMPLE'), 0.8);
  assert.equal(r.resolve('lgb', '5m', 'SUBSAMPLE'), 0.8);
  env.CVN_HPO_LGB_5M_SUBSAMPLE = '0.7';
  assert.equal(r.resolve('lgb', '5m', 'SUBSAMPLE'), 0.7);
  env.CVN_HPO_LGB_5M_BAGGING_FREQ = '0';
  assert.throws(() => r.resolve('lgb', '5m', 'SUBSAMPLE'), (e: unknown) => e instanceof HpconfError && e.code === 'HPC_RULE_VIOLATED');
  env.CVN_HPO_LGB_5M_BAGGING_FREQ = '2';
  assert.equal(r.resolve('lgb', '5m', 'SUBSAMPLE'), 0.7);
  delete env.CVN_HPO_LGB_5M_SUBSAMPLE;
  assert.equal(r.resolve('lgb', '5m', 'SUBSAMPLE', 0.9), 0.9);
  assert.equal(r.ledger().find((x) => x.key === 'CVN_HPO_LGB_5M_SUBSAMPLE')!.source, 'fallback');
  env.CVN_HPO_LGB_5M_SUBSAMPLE = '0.7';
  assert.equal(r.resolve('lgb', '5m', 'SUBSAMPLE', 0.9), 0.7);
  assert.equal(r.ledger().find((x) => x.key === 'CVN_HPO_LGB_5M_SUBSAMPLE')!.source, 'env');
  env.CVN_HPO_XGB_5M_MAX_DEPTH = 'x';
  assert.throws(() => r.resolve('xgb', '5m', 'MAX_DEPTH'), /not an integer/);
  assert.equal(logs.length, 1);
});

test('typed accessors: an integer widens to float; a float read as an integer is HPC_VALUE_WRONG_TYPE (as in Python)', () => {
  const r = createResolver({ env: baselineEnv(), log: () => {} });
  assert.equal(r.resolveFloat('xgb', '5m', 'LEARNING_RATE'), 0.07);
  assert.equal(r.resolveFloat('xgb', '5m', 'MAX_DEPTH'), 6);
  assert.equal(r.resolveInt('xgb', '5m', 'MAX_DEPTH'), 6);
  assert.equal(r.resolveKeyStr('CVN_HPO_OBJECTIVE'), 'f1_buy');
  assert.equal(r.resolveKeyInt('CVN_EARLY_STOPPING_ROUNDS'), 150);
  assert.throws(() => r.resolveInt('xgb', '5m', 'LEARNING_RATE'), (e: unknown) => e instanceof HpconfError && e.code === 'HPC_VALUE_WRONG_TYPE'
    && e.message === 'CVN_HPO_XGB_5M_LEARNING_RATE holds a float; it cannot be read as int (use the accessor of its type)');
  assert.throws(() => r.resolveKeyStr('CVN_EARLY_STOPPING_ROUNDS'), /holds an integer; it cannot be read as str/);
});

test('memoised answers (key, range, whole set) follow every change of the texts they read', () => {
  const env = baselineEnv();
  const r = createResolver({ env, log: () => {} });
  assert.equal(r.resolveAll('lgb', '5m').defaults.SUBSAMPLE, 0.8);
  env.CVN_HPO_LGB_5M_SUBSAMPLE = '0.7';
  assert.equal(r.resolveAll('lgb', '5m').defaults.SUBSAMPLE, 0.7);
  env.CVN_EARLY_STOPPING_ROUNDS = '99';
  assert.equal(r.resolveAll('lgb', '5m').globals.CVN_EARLY_STOPPING_ROUNDS, 99, 'a global change is seen by the set');
  assert.equal(r.resolveKey('CVN_EARLY_STOPPING_ROUNDS'), 99);
  env.CVN_EARLY_STOPPING_ROUNDS = '98';
  assert.equal(r.resolveKey('CVN_EARLY_STOPPING_ROUNDS'), 98);
  assert.deepEqual(r.resolveHpoRange('lgb', '5m', 'SUBSAMPLE'), { min: 0.5, max: 1, scale: 'linear' });
  env.CVN_HPO_LGB_5M_SUBSAMPLE_RANGE_MIN = '0.6';
  assert.deepEqual(r.resolveHpoRange('lgb', '5m', 'SUBSAMPLE'), { min: 0.6, max: 1, scale: 'linear' });
  // A rule input the range reads: BAGGING_FREQ 0 with SUBSAMPLE below 1 is an error, seen at once.
  env.CVN_HPO_LGB_5M_BAGGING_FREQ = '0';
  assert.throws(() => r.resolveHpoRange('lgb', '5m', 'SUBSAMPLE'), /lgb_subsample_needs_bagging/);
  assert.throws(() => r.resolveAll('lgb', '5m'), /lgb_subsample_needs_bagging/);
  env.CVN_HPO_LGB_5M_BAGGING_FREQ = '1';
  const all = r.resolveAll('lgb', '5m');
  all.defaults.SUBSAMPLE = 0.1; // a caller's copy: the memo is not changed by it
  assert.equal(r.resolveAll('lgb', '5m').defaults.SUBSAMPLE, 0.7);
  assert.ok(r.ledger().some((x) => x.key === 'CVN_HPO_LGB_5M_SUBSAMPLE' && x.value === 0.7 && x.source === 'env'));
});
