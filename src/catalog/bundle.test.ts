import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundle, expandBundle } from './bundle.js';
import { loadCatalog, readJson } from './load.js';
import { BASELINE_PATH } from '../paths.js';

const c = loadCatalog();
const entries = loadBundle(c, BASELINE_PATH);
const byKey = new Map(entries.map((e) => [e.key, e]));

test('baseline: the original plan and the former in-code values', () => {
  const v = (k: string) => byKey.get(k)!.value;
  assert.equal(v('CVN_HPO_XGB_5M_LEARNING_RATE'), 0.07);
  assert.deepEqual(['MIN', 'MAX', 'SCALE'].map((p) => v(`CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_${p}`)), [0.05, 0.15, 'linear']);
  for (const tf of ['1M', '15M', '30M', '1H']) {
    assert.equal(v(`CVN_HPO_XGB_${tf}_LEARNING_RATE`), 0.1);
    assert.deepEqual(['MIN', 'MAX', 'SCALE'].map((p) => v(`CVN_HPO_XGB_${tf}_LEARNING_RATE_RANGE_${p}`)), [0.01, 0.3, 'log']);
  }
  for (const tf of c.timeframes) {
    assert.equal(v(`CVN_HPO_XGB_${tf}_MAX_DEPTH`), 6);
    assert.deepEqual(['MIN', 'MAX', 'SCALE'].map((p) => v(`CVN_HPO_XGB_${tf}_MAX_DEPTH_RANGE_${p}`)), [5, 12, 'linear']);
    for (const m of c.models) assert.equal(v(`CVN_HPO_${m}_${tf}_RANDOM_STATE`), 42);
  }
  assert.equal(v('CVN_EARLY_STOPPING_ROUNDS'), 150);
});

test('baseline: LGB and CB values repeated across timeframes carry the TODO_PER_TF mark; seeds, the harness levers (off on purpose) and per-timeframe values do not', () => {
  for (const e of entries) {
    if (/_(RANDOM_STATE|CALIBRATION|FOCAL_GAMMA|FOCAL_ALPHA)(_RANGE_|$)/.test(e.key) || e.key.startsWith('CVN_EARLY') || !e.key.startsWith('CVN_HPO_') ) assert.equal(e.todoPerTf, false, e.key);
    else if (/^CVN_HPO_(LGB|CB)_/.test(e.key)) assert.equal(e.todoPerTf, true, e.key);
  }
  assert.equal(byKey.get('CVN_HPO_XGB_5M_LEARNING_RATE')!.todoPerTf, false);
  assert.equal(byKey.get('CVN_HPO_XGB_1H_LEARNING_RATE')!.todoPerTf, true);
  assert.equal(byKey.get('CVN_HPO_XGB_1M_N_ESTIMATORS')!.todoPerTf, false);
  assert.ok(entries.every((e) => e.reason.length > 10));
});

test('bundle: unknown names and gaps are refused with the path and what is wrong', () => {
  const file = structuredClone(readJson(BASELINE_PATH)) as { models: Record<string, Record<string, { default: Record<string, number> }>> };
  file.models.XGB.ETA = { default: { ALL: 0.1 }, reason: 'alias' } as never;
  assert.throws(() => expandBundle(c, file, 'b.json', true), /b\.json: unknown parameter XGB ETA/);
  const gap = structuredClone(readJson(BASELINE_PATH)) as typeof file;
  gap.models.CB.DEPTH.default = { '5M': 6 };
  assert.throws(() => expandBundle(c, gap, 'g.json', true), /CB DEPTH: no default for 1M/);
  // A preset may cover part of the catalog.
  assert.equal(expandBundle(c, { version: 1, name: 'p', globals: {}, models: { CB: { DEPTH: { default: { '5M': 7 }, reason: 'deeper' } } } }, 'p.json', false).length, 1);
});
