import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';
import { loadBundle } from './bundle.js';
import { loadCatalog } from './load.js';
import { BASELINE_PATH } from '../paths.js';
import { formatGroup, groupsOf, layersOf, parseAddress, parseGroup, resolveIn } from './segments.js';
import { segmentVectors, type SegmentCase } from './segment-vectors.js';
import { createResolver } from '../resolver/resolver.js';

const FILE = path.join(ROOT, 'spec', 'vectors', 'segments.json');
const vectors = JSON.parse(readFileSync(FILE, 'utf8')) as { cases: SegmentCase[] };

test('the shared segment vectors are current (node --import tsx scripts/gen-segment-vectors.ts) and hold 200 or more queries', () => {
  assert.deepEqual(vectors.cases, segmentVectors().cases);
  assert.ok(vectors.cases.reduce((n, c) => n + c.queries.length, 0) >= 200);
  // They exercise every kind of layer.
  const layers = new Set(vectors.cases.flatMap((c) => c.queries.map((q) => (q.layer === null ? 'none' : q.layer.startsWith('group:') ? 'group' : q.layer === 'base' ? 'base' : 'token'))));
  assert.deepEqual([...layers].sort(), ['base', 'group', 'none', 'token']);
});

test('every vector query resolves to its value and layer, through the segments module and through createResolver({ segment })', () => {
  for (const c of vectors.cases) {
    const state = new Map(Object.entries(c.state));
    const g = groupsOf(state);
    for (const q of c.queries) {
      const r = resolveIn(state, g, q.segment, q.key);
      assert.deepEqual([r?.value ?? null, r?.layer ?? null], [q.value, q.layer], `${q.segment} ${q.key} in ${JSON.stringify(c.state)}`);
    }
    const res = createResolver({ env: c.state, segment: c.flat.segment, log: () => {} });
    for (const [k, layer] of Object.entries(c.flat.layers)) assert.equal(res.layer(k), layer);
  }
});

test('addresses and groups: spelling checked, canonical form, priority order (larger first, none last, then by name)', () => {
  assert.deepEqual(parseAddress('CVN_X@UNI'), { key: 'CVN_X', segment: 'UNI' });
  assert.deepEqual(parseAddress('CVN_X@group:defi_top5'), { key: 'CVN_X', segment: 'group:defi_top5' });
  assert.deepEqual(parseAddress('CVN_X'), { key: 'CVN_X', segment: null });
  for (const bad of ['CVN_X@uni', 'CVN_X@group:Bad', 'CVN_X@', 'CVN_X@U']) assert.throws(() => parseAddress(bad), /HPC_SEGMENT_INVALID|is not a segment/);
  assert.equal(formatGroup(parseGroup('group:a', ' uni ,AAVE, uni ; priority = 3')), 'UNI,AAVE;priority=3');
  assert.throws(() => parseGroup('group:a', 'UNI;prio=3'), /is not priority=N/);
  assert.throws(() => parseGroup('group:a', ''), /no tokens/);
  const g = groupsOf([['group:b', 'UNI'], ['group:a', 'UNI'], ['group:c', 'UNI;priority=1'], ['group:d', 'UNI;priority=-2']]);
  assert.deepEqual(layersOf('UNI', g), ['UNI', 'group:c', 'group:d', 'group:a', 'group:b', 'base']);
  assert.deepEqual(layersOf('group:a', g), ['group:a', 'base']);
  assert.deepEqual(layersOf(null, g), ['base']);
});

test('createResolver({ segment }) over a layered snapshot: typed values of the segment, its layer per key, workers unchanged', () => {
  const c = loadCatalog();
  const env: Record<string, string> = Object.fromEntries(loadBundle(c, BASELINE_PATH).map((e) => [e.key, e.text]));
  Object.assign(env, { 'group:defi_top5': 'UNI,AAVE', 'CVN_HPO_XGB_5M_LEARNING_RATE@UNI': '0.09', 'CVN_HPO_XGB_5M_MAX_DEPTH@group:defi_top5': '7' });
  const uni = createResolver({ env, segment: 'UNI', log: () => {} });
  assert.equal(uni.resolveFloat('xgb', '5m', 'LEARNING_RATE'), 0.09);
  assert.equal(uni.resolveInt('xgb', '5m', 'MAX_DEPTH'), 7);
  assert.deepEqual(['CVN_HPO_XGB_5M_LEARNING_RATE', 'CVN_HPO_XGB_5M_MAX_DEPTH', 'CVN_HPO_XGB_5M_GAMMA'].map((k) => uni.layer(k)), ['UNI', 'group:defi_top5', 'base']);
  const all = uni.resolveAll('xgb', '5m');
  assert.equal(all.defaults.LEARNING_RATE, 0.09);
  const sol = createResolver({ env, segment: 'SOL', log: () => {} });
  assert.equal(sol.resolveFloat('xgb', '5m', 'LEARNING_RATE'), 0.07);
  const plain = createResolver({ env, log: () => {} });
  assert.equal(plain.resolveFloat('xgb', '5m', 'LEARNING_RATE'), 0.07, 'no segment: the base, as today');
  assert.throws(() => createResolver({ env, segment: 'uni' }), /not a segment/);
});

test('a 3 x 5 x 50 grid (model x timeframe x token): every value a worker resolves names its layer, and the layer holds that value', () => {
  const c = loadCatalog();
  const env: Record<string, string> = Object.fromEntries(loadBundle(c, BASELINE_PATH).map((e) => [e.key, e.text]));
  const tokens = Array.from({ length: 50 }, (_, i) => `T${String(i).padStart(2, '0')}X`);
  Object.assign(env, { 'group:evens': tokens.filter((_, i) => i % 2 === 0).join(',') + ';priority=2', 'group:tens': tokens.filter((_, i) => i % 10 === 0).join(',') + ';priority=5' });
  // Overrides of defaults (their own values, so every state stays valid): some per token, some per group.
  for (const k of c.keys.filter((x) => x.kind === 'default' && x.model)) {
    const h = [...k.key].reduce((a, ch) => (a * 31 + ch.charCodeAt(0)) >>> 0, 7);
    if (h % 3 === 0) env[`${k.key}@group:evens`] = env[k.key];
    if (h % 5 === 0) env[`${k.key}@group:tens`] = env[k.key];
    if (h % 7 === 0) env[`${k.key}@${tokens[h % 50]}`] = env[k.key];
  }
  let n = 0;
  const layers = new Map<string, number>();
  for (const token of tokens) {
    const r = createResolver({ env, segment: token, log: () => {} });
    for (const model of c.models) {
      for (const tf of c.timeframes) {
        r.resolveAll(model, tf);
        for (const k of [...c.groups.get(`${model}|${tf}`)!, ...c.globals]) {
          const layer = r.layer(k.key);
          assert.ok(layer, `${token} ${k.key} names no layer`);
          assert.ok(env[layer === 'base' ? k.key : `${k.key}@${layer}`] !== undefined, `${token} ${k.key}: layer ${layer} holds no value`);
          layers.set(layer.startsWith('group:') ? 'group' : layer === 'base' ? 'base' : 'token', (layers.get(layer.startsWith('group:') ? 'group' : layer === 'base' ? 'base' : 'token') ?? 0) + 1);
          n++;
        }
      }
    }
  }
  assert.ok(n >= 3 * 5 * 50 * 20, `${n} values`);
  assert.deepEqual([...layers.keys()].sort(), ['base', 'group', 'token'], 'every kind of layer appears');
});
