import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expandBundle, loadBundle } from '../catalog/bundle.js';
import { loadCatalog } from '../catalog/load.js';
import { main } from '../cli/main.js';
import { BASELINE_PATH } from '../paths.js';
import { extract, readSource } from './extract.js';
import { catalogNames } from './names.js';

const c = loadCatalog();
const names = catalogNames(c);
const FIX = path.join(path.dirname(new URL(import.meta.url).pathname), 'legacy-fixtures');
const files = ['settings.py', 'xgb_trainer.py', 'lgb_trainer.py', 'cb_trainer.py'].map((f) => readSource(path.join(FIX, f), FIX));
/** Normalised form: every key's canonical text, keys sorted. */
const normal = (entries: { key: string; text: string }[]) => JSON.stringify(Object.fromEntries(entries.map((e) => [e.key, e.text]).sort(([a], [b]) => a.localeCompare(b))), null, 1);

test('parity: the legacy code, extracted, equals the bundle the seed writes, byte for byte after normalisation', async () => {
  const r = await extract(c, names, files, { name: 'legacy' });
  assert.deepEqual(r.unknown, []);
  // Settings added after the legacy code existed (data gaps, the volatility-scaled label): the legacy code cannot
  // hold them, so the extraction lacks exactly those and equals the baseline in everything else.
  // (and the training levers: focal loss, calibration, regime weights, the threshold sweep).
  const newer = ['CVN_LABEL_METHOD', 'CVN_LABEL_VOL_K', 'CVN_LABEL_VOL_WINDOW', 'CVN_DATA_GAP_POLICY', 'CVN_DATA_MAX_GAP_MINUTES',
    'CVN_THRESHOLD_SWEEP_MIN', 'CVN_THRESHOLD_SWEEP_MAX', 'CVN_THRESHOLD_SWEEP_STEP', 'CVN_THRESHOLD_MAX_BUY_RATE', 'CVN_REGIME_WEIGHT_ALPHA', 'CVN_REGIME_WEIGHT_WINDOW',
    ...c.keys.filter((k) => ['CALIBRATION', 'FOCAL_GAMMA', 'FOCAL_ALPHA'].includes(k.param ?? '')).map((k) => k.key)];
  assert.equal(newer.length, 11 + 15 + 2 * 15 * 4);
  const firstFive = c.keys.filter((k) => newer.includes(k.key)).slice(0, 5).map((k) => k.key);
  assert.throws(() => expandBundle(c, r.bundle, 'extracted', true), new RegExp(`no value for ${newer.length} key\\(s\\): ${firstFive.join(', ')}`));
  const got = normal(expandBundle(c, r.bundle, 'extracted', false));
  const want = normal(loadBundle(c, BASELINE_PATH).filter((e) => !newer.includes(e.key)));
  assert.equal(got, want);
  assert.equal(Object.keys(JSON.parse(got)).length, 615 - newer.length);
});

test('extract: timeframe-specific suggest calls win, aliases map to catalog names, unknown names are listed', async () => {
  const src = `
def xgb_objective(trial, timeframe):
    if timeframe == "5m":
        a = trial.suggest_float("eta", 0.05, 0.15)
    else:
        a = trial.suggest_loguniform("eta", 0.01, 0.3)
    b = trial.suggest_int("max_leaves_per_tree", 2, 9)
    c = trial.suggest_int("max_depth", low=3, high=8)
XGB_DEFAULT = {"1h": {"max_depth": 4, "colsample_bylevel": 0.5}}
PLAIN = {"5m": {"max_depth": 4}}
`;
  const r = await extract(c, names, [{ text: src, label: 'legacy.py' }]);
  const lr = r.bundle.models.XGB.LEARNING_RATE.range!;
  assert.deepEqual(lr['5M'], { min: 0.05, max: 0.15, scale: 'linear' });
  assert.deepEqual(lr['1H'], { min: 0.01, max: 0.3, scale: 'log' });
  assert.deepEqual(r.bundle.models.XGB.MAX_DEPTH.range!['15M'], { min: 3, max: 8, scale: 'linear' });
  assert.equal(r.bundle.models.XGB.MAX_DEPTH.default['1H'], 4);
  assert.deepEqual(r.unknown.map((u) => u.name), ['colsample_bylevel', 'PLAIN', 'max_leaves_per_tree']);
  assert.match(r.unknown[1].where, /no model in the name; use --model/);
});

test('hpconf baseline extract reads a path or REV:path through git show, and writes a bundle the seed accepts', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-extract-'));
  execFileSync('git', ['init', '-q'], { cwd: dir });
  writeFileSync(path.join(dir, 'cfg.py'), 'CB_HP = {"5m": {"depth": 8, "iterations": 900}}\n');
  execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qam', 'x', '--allow-empty'], { cwd: dir });
  execFileSync('git', ['add', 'cfg.py'], { cwd: dir });
  execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'legacy'], { cwd: dir });
  writeFileSync(path.join(dir, 'cfg.py'), 'CB_HP = {"5m": {"depth": 5}}\n');
  const out: string[] = [];
  const err: string[] = [];
  assert.equal(await main(['baseline', 'extract', 'HEAD:cfg.py', '--out', 'legacy.json'], { cwd: dir, out: (l) => out.push(l), err: (l) => err.push(l) }), 0, err.join('\n'));
  const b = JSON.parse(readFileSync(path.join(dir, 'legacy.json'), 'utf8'));
  assert.deepEqual([b.models.CB.DEPTH.default['5M'], b.models.CB.ITERATIONS.default['5M']], [8, 900]);
  assert.match(out[0], /wrote legacy\.json: 2 keys from 1 file\(s\), 0 unknown name\(s\)/);
  assert.equal(await main(['baseline', 'extract', 'cfg.py'], { cwd: dir, out: (l) => out.push(l), err: () => {} }), 0);
  assert.match(out.at(-1)!, /"DEPTH": \{\s+"default": \{\s+"5M": 5/);
  assert.equal(await main(['baseline', 'extract', 'NOPE:cfg.py'], { cwd: dir, out: () => {}, err: (l) => err.push(l) }), 2);
  assert.match(err.at(-1)!, /HPC_FILE_INVALID\]: NOPE:cfg\.py: git show failed/);
});
