import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../catalog/load.js';
import { loadBundle } from '../catalog/bundle.js';
import { BASELINE_PATH } from '../paths.js';
import { dataDirCli } from '../cli/testing.js';
import { planRanges } from './suggest-ranges.js';
import type { WorkerManifest } from './types.js';

const c = loadCatalog();
const baseline = new Map(loadBundle(c, BASELINE_PATH).map((e) => [e.key, e.text]));
const RUN = { id: 'r-ranges', environment: 'default', revision: 616, dir: '/runs/r' };

const ci = { value: 0.01, lo: -0.01, hi: 0.02 };
const split = { rows: 100, f1_buy: 0.4, precision: 0.3, recall: 0.9, pr_auc: 0.3, positive_rate: 0.25, predicted_positive_rate: 0.9, always_buy_f1: 0.4,
  beats_always_buy: false, logloss: 0.5, skill: { method: 'm', block: 10, resamples: 10, seed: 1, f1_margin: ci, pr_auc_margin: ci, has_skill: false } };
/** A made-up XGB 5M study whose trials put LEARNING_RATE and MAX_DEPTH where `lr` and `depth` say; value rises with `score`. */
function manifest(token: string, trials: { lr: number; depth: number; score: number }[]): WorkerManifest {
  const resolved = [...baseline].filter(([k]) => k.startsWith('CVN_HPO_XGB_5M_') || !k.startsWith('CVN_HPO_')).map(([key, value]) => ({ key, value, source: 'env' }));
  return {
    kind: 'hpconf/training-manifest', run_id: RUN.id, model: 'XGB', timeframe: '5M', token, store_revision: 616, resolved, trained_with: [],
    study: { name: `s-${token}`, n_trials: trials.length, best_trial: 0, best_value: 0, defaults_value: null, objective: 'f1_buy', direction: 'maximize',
      trials: trials.map((t, i) => ({ number: i, state: 'COMPLETE', value: t.score, params: { LEARNING_RATE: t.lr, MAX_DEPTH: t.depth, SUBSAMPLE: 0.5 + (i % 10) / 20 }, defaults: i === 0 })) },
    threshold: { method: 'max_f1', value: 0.2 }, label: { definition: 'x', horizon_bars: 12, threshold: 0.004 },
    data: { source: 'x', splits: {} }, metrics: { validation: split, test: split }, duration_s: 1,
  };
}
// XGB 5M LEARNING_RATE is searched in [0.05, 0.15] (linear), MAX_DEPTH in [5, 12]: the good trials crowd 0.15 and stay off depth's top.
const trials = Array.from({ length: 30 }, (_, i) => ({ lr: i < 27 ? 0.06 + (i % 9) * 0.008 : 0.149 + (i - 27) * 0.0003, depth: 5 + (i % 4), score: i < 27 ? 0.40 + i / 1000 : 0.5 + i / 1000 }));

test('good trials crowding a bound widen it, within the hard domain; a side no good trial visits is narrowed, never past the default', () => {
  const p = planRanges(c, RUN, [manifest('UNI', trials), manifest('CRV', trials)]);
  const byKey = Object.fromEntries(p.evidence.proposals.map((x) => [x.key, x]));
  const lr = byKey.CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX;
  assert.deepEqual([lr.action, lr.current, lr.proposed, lr.near, lr.good], ['widen', 0.15, 0.2, 6, 6]); // half the width out: 0.15 + 0.05
  const depth = byKey.CVN_HPO_XGB_5M_MAX_DEPTH_RANGE_MAX;
  assert.deepEqual([depth.action, depth.current, depth.proposed, depth.trials], ['narrow', 12, 9, 60]); // the highest good depth 8, plus a tenth of 7, rounded up
  // No good trial below 0.149: the lower side is narrowed, but only up to the stored default (0.07), never past it.
  const lrMin = byKey.CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MIN;
  assert.deepEqual([lrMin.action, lrMin.current, lrMin.proposed], ['narrow', 0.05, 0.07]);
  assert.ok(!byKey.CVN_HPO_XGB_5M_MAX_DEPTH_RANGE_MIN, 'a good trial sits on depth 5: that side is neither crowded nor unvisited');
  assert.deepEqual(p.changes.find((x) => x.key === 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX'), { key: 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX', value: '0.2' });
  assert.deepEqual(lr.values.slice(0, 3).map((x) => +x.toFixed(4)), [0.1496, 0.1493, 0.149]);
  // Fewer than 20 trials: crowding still widens, but nothing is narrowed on so little evidence.
  const few = planRanges(c, RUN, [manifest('UNI', trials.slice(20))]);
  assert.ok(few.evidence.proposals.every((x) => x.action === 'widen'));
  // Nothing to change: refused with its code (exit 1).
  assert.throws(() => planRanges(c, RUN, [manifest('UNI', trials.map((t) => ({ ...t, lr: 0.1, depth: 8 })).slice(0, 10))]), (e: Error & { code?: string }) => e.code === 'HPC_RANGES_NOTHING');
});

test('hpconf ftf suggest-ranges DIR: one change request with the evidence; refused when the ranges moved since the run', async () => {
  const cli = dataDirCli('hpconf-ranges-');
  after(() => cli.cleanup());
  assert.equal((await cli.hp('seed', '--apply')).code, 0);
  const dir = path.join(cli.dir, 'run');
  mkdirSync(dir);
  const ms = [manifest('UNI', trials), manifest('CRV', trials)];
  for (const m of ms) writeFileSync(path.join(dir, `XGB_${m.token}.json`), JSON.stringify(m));
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify({
    kind: 'hpconf/ftf-run', version: 1, run_id: RUN.id, created_at: '2026-12-03T00:00:00Z', factor: 'model_type', crypto_group: 'x', tokens: ['UNI', 'CRV'], models: ['XGB'],
    timeframe: '5M', data_dir: '/data', store: { describe: 'x', revision: 615, environment: 'default' }, configured: {}, parallel: 1,
    gate: { minF1: 0.4, minTokens: 1, pass: true, perModel: {} }, wall_seconds: 1,
    workers: ms.map((m) => ({ model: 'XGB', token: m.token, ok: true, exitCode: 0, seconds: 1, manifestPath: '', logPath: '' })),
  }));
  const r = await cli.hp('ftf', 'suggest-ranges', dir, '--json');
  assert.equal(r.code, 0, r.err);
  const cr = JSON.parse((await cli.hp('cr', 'show', String(JSON.parse(r.out).id), '--json')).out);
  assert.equal(cr.evidence.kind, 'ftf-suggest-ranges');
  assert.deepEqual(cr.items.map((i: { key: string; old: string; new: string }) => [i.key, i.old, i.new]).sort(),
    [['CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX', '0.15', '0.2'], ['CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MIN', '0.05', '0.07'], ['CVN_HPO_XGB_5M_MAX_DEPTH_RANGE_MAX', '12', '9'],
      ['CVN_HPO_XGB_5M_SUBSAMPLE_RANGE_MIN', '0.5', '0.8']]);
  assert.match((await cli.hp('cr', 'show', String(cr.id))).out, /CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX: widen 0\.15 -> 0\.2: 6 of 6 good trials within 5 % of the bound/);
  assert.equal((await cli.hp('set', 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX=0.14', '--reason', 'moved')).code, 0);
  const stale = await cli.hp('ftf', 'suggest-ranges', dir);
  assert.equal(stale.code, 5);
  assert.match(stale.err, /HPC_PROMOTE_STALE.*CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX: 0\.15 -> 0\.14/);
});
