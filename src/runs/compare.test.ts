// hpconf: ignore-file[HP001] recorded values of two fake runs: data under comparison, never trained with
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog } from '../catalog/load.js';
import { compareRuns } from './compare.js';
import { sampleRun, sampleStudy } from './testing.js';

const c = loadCatalog();

test('two runs for one model and token: the values its workers got that differ, with their layers, and the best trial values that differ', () => {
  const uni = { ...sampleStudy('XGB', 'UNI', true), overrides: { CVN_HPO_XGB_5M_LEARNING_RATE: '0.05' } };
  const a = sampleRun('A', 1, { configured: { CVN_HPO_XGB_5M_LEARNING_RATE: '0.07', CVN_HPO_XGB_5M_MAX_DEPTH: '6', CVN_HPO_LGB_5M_NUM_LEAVES: '31', CVN_HPO_N_TRIALS: '20' },
    studies: [uni, sampleStudy('XGB', 'CRV', false)] });
  const b = sampleRun('B', 2, { configured: { CVN_HPO_XGB_5M_LEARNING_RATE: '0.07', CVN_HPO_XGB_5M_MAX_DEPTH: '7', CVN_HPO_LGB_5M_NUM_LEAVES: '63', CVN_HPO_N_TRIALS: '20' },
    layers: {}, studies: [{ ...sampleStudy('XGB', 'UNI', true), params: { MAX_DEPTH: 8, LEARNING_RATE: 0.09 } }] });
  const d = compareRuns(c, a, b, 'xgb', 'uni');
  assert.deepEqual(d.configured, [
    { key: 'CVN_HPO_XGB_5M_LEARNING_RATE', left: '0.05', right: '0.07', leftLayer: 'UNI', rightLayer: 'base' },
    { key: 'CVN_HPO_XGB_5M_MAX_DEPTH', left: '6', right: '7', leftLayer: 'base', rightLayer: 'base' },
  ], 'the other model\'s key is not this study\'s; the cross-cutting key did not change');
  assert.deepEqual(d.trained, [{ param: 'MAX_DEPTH', left: 7, right: 8 }]);
  assert.deepEqual(d.sides.map((x) => [x.run, x.revision, !!x.study]), [['A', 1, true], ['B', 2, true]]);
  // A study one run lacks: its side is null and its values are the base ones.
  const crv = compareRuns(c, a, b, 'XGB', 'CRV');
  assert.equal(crv.sides[1].study, null);
  assert.deepEqual(crv.trained, [{ param: 'LEARNING_RATE', left: 0.09, right: null }, { param: 'MAX_DEPTH', left: 7, right: null }]);
  // A record from before overrides were kept says the layer and that the value is unknown: never the base value.
  const old = compareRuns(c, { ...a, studies: [sampleStudy('XGB', 'UNI', true)] }, b, 'XGB', 'UNI');
  assert.deepEqual(old.configured[0], { key: 'CVN_HPO_XGB_5M_LEARNING_RATE', left: '(not recorded)', right: '0.07', leftLayer: 'UNI', rightLayer: 'base' });
});
