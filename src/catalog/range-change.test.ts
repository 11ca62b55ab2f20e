import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog } from './load.js';
import { rangeChanges } from './range-change.js';

const c = loadCatalog();
const K = 'CVN_HPO_XGB_5M_MAX_DEPTH_RANGE_';
let rev = 0;
const row = (cs: number, key: string, oldValue: string | null, newValue: string | null) => ({ revision: ++rev, changesetId: cs, key, oldValue, newValue });

test('range changes are classed per change-set and parameter: widened, narrowed, moved, scale changed, added, removed', () => {
  const rows = [
    row(1, `${K}MIN`, '5', '4'), // min down alone: widened
    row(2, `${K}MAX`, '12', '10'), // max down alone: narrowed
    row(3, `${K}MIN`, '5', '6'), row(3, `${K}MAX`, '12', '14'), // both up: moved
    row(4, `${K}MIN`, '5', '3'), row(4, `${K}MAX`, '12', '14'), // both out: widened
    row(5, 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_SCALE', 'linear', 'log'),
    row(6, `${K}MAX@UNI`, null, '9'), // an override of a bound: added for UNI
    row(7, `${K}MAX@UNI`, '9', null),
    row(8, 'CVN_HPO_XGB_5M_MAX_DEPTH', '6', '7'), // a default: no class
    row(9, `${K}MIN`, '5', '5'),
  ];
  const got = rangeChanges(c, rows);
  assert.deepEqual(rows.map((r) => got.get(r.revision) ?? null),
    ['widened', 'narrowed', 'moved', 'moved', 'widened', 'widened', 'scale changed', 'added', 'removed', null, null]);
});
