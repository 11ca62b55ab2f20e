import { test } from 'node:test';
import assert from 'node:assert/strict';
import { termIndex } from './term-index.js';

const hay = ['_cvn_hpo_xgb_5m_learning_rate  eta  shrinkage', '_cvn_hpo_xgb_15m_learning_rate  eta', '_cvn_hpo_lgb_5m_num_leaves  leaves', '_cvn_hpo_cb_1h_depth  depth'];
/** The plain scan the index must agree with. */
const scan = (terms: string[]) => hay.flatMap((h, i) => (terms.every((t) => h.includes(t) || h.includes(' ' + t.slice(1))) ? [i] : []));

test('a term matches at the start of a key segment or a word, as the plain scan does, whatever was asked before', () => {
  const ix = termIndex(hay);
  const queries = [['_5m'], ['__'], ['_ '], ['_'], ['_z'], ['_5'], ['_15m'], ['_l'], ['_le'], ['_lea'], ['_leaves'], ['_learn'], ['_eta'], ['_shr'], ['_5m', '_lea'], ['_xgb', '_eta', '_15'], ['_nothing'], ['_rate', '_depth'], ['_m_learning']];
  // Forwards, then backwards: a kept prefix never changes what a longer term matches.
  for (const q of [...queries, ...[...queries].reverse()]) assert.deepEqual([...ix.matching(q)!], scan(q), q.join(' '));
  assert.equal(ix.matching([]), undefined);
  assert.deepEqual([...ix.matching(['_5m'])!], [0, 2], '"5m" is not "15m"');
});

test('the cache keeps the most recent terms only', () => {
  const ix = termIndex(hay, 3);
  for (const t of ['_ab', '_bc', '_cd', '_de', '_ef']) ix.matching([t]);
  assert.equal(ix.size(), 3);
  assert.deepEqual([...ix.matching(['_cvn'])!], [0, 1, 2, 3]);
});
