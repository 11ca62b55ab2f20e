import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog } from '../catalog/load.js';
import { catalogNames } from './names.js';
import { pythonRanges } from './python-chunks.js';
import { pythonScanner } from './scan-python.js';
import { triggersOf } from './triggers.js';

const names = catalogNames(loadCatalog());
const triggers = triggersOf(names)!;

/** A file with every shape the lexical pass has to get right. */
const SHAPES = [
  '# hpconf: ignore-file[HP002] a file-level directive before any statement',
  '"""Module doc, with a line at column 0 that looks like code:',
  'def not_code(max_depth=1):',
  '"""',
  'import os',
  '',
  '@decorator(',
  '    arg=1,',
  ')',
  'class Model(Base):',
  "    '''doc'''",
  '    # hpconf: ignore[HP001] a directive on a row of its own, after a docstring',
  '    depth = 6',
  '',
  '    def __init__(self, learning_rate=0.1):',
  '        self.n = 1',
  '# a comment at column 0 inside the class',
  '    @property',
  '    def other(self):',
  '        return 1',
  '',
  '    def fit(self, X):',
  '        if X:',
  '            pass',
  '        else:',
  '            params = {"max_depth": 4}',
  '        return XGBClassifier(**params)',
  '',
  'def helper():',
  '    x = 1 + \\',
  '        2',
  '    s = "a # not a comment"',
  '    return x',
  '',
  'try:',
  '    import yaml',
  'except ImportError:',
  '    LR = 0.3',
  '',
  'N_ESTIMATORS = 500',
  'async def train():',
  '    space = [trial.suggest_int("num_leaves", 8, 64) for trial in []]',
  '    return XGBClassifier(n_estimators=N_ESTIMATORS, subsample=0.8)',
  '',
  'def no_number(depth):',
  '    return XGBClassifier(max_depth=depth)',
  '',
  'def uses_constant():',
  '    return XGBClassifier(n_estimators=N_ESTIMATORS)',
  '',
  'grid = {"max_depth": [  # a list of only comments is a literal space',
  ']}',
  'log(f"{XGBClassifier(max_depth=3)}")',
  'if ready:',
  '    pass',
  'elif late:',
  '    model = XGBClassifier(max_depth=depth)',
  '    pass',
  'else:',
  '    model = XGBClassifier(max_depth=2)',
  '',
].join('\n');

const same = async (source: string) => {
  const filtered = await pythonScanner.scan('x.py', source, names);
  assert.deepEqual(filtered, await pythonScanner.scan('x.py', source, names, { exhaustive: true }));
  return filtered;
};

test('python chunks: only statements holding a trigger are parsed, with the headers around them, and the findings are the same', async () => {
  const ranges = pythonRanges(SHAPES, triggers.rows(SHAPES))!;
  assert.ok(ranges, 'the file has a shape the pass is sure of');
  const rows = new Set(ranges.flatMap((r) => Array.from({ length: r.endPosition.row - r.startPosition.row }, (_, i) => r.startPosition.row + i)));
  const row = (text: string) => SHAPES.split('\n').indexOf(text);
  for (const kept of ['# hpconf: ignore-file[HP002] a file-level directive before any statement', 'class Model(Base):', '    depth = 6',
    '    def __init__(self, learning_rate=0.1):', '    def fit(self, X):', '            params = {"max_depth": 4}', 'N_ESTIMATORS = 500', 'async def train():',
    '    return XGBClassifier(n_estimators=N_ESTIMATORS)', 'grid = {"max_depth": [  # a list of only comments is a literal space', 'log(f"{XGBClassifier(max_depth=3)}")',
    'if ready:', 'elif late:', 'else:', '    model = XGBClassifier(max_depth=2)']) {
    assert.ok(rows.has(row(kept)), `kept: ${kept}`);
  }
  // No number on a trigger row (max_depth=depth), nothing that may bind a module constant (import os), a clause
  // whose block holds no finding.
  for (const left of ['def helper():', '    def other(self):', '    import yaml', 'import os', 'def no_number(depth):', '    return XGBClassifier(max_depth=depth)',
    '    model = XGBClassifier(max_depth=depth)']) assert.ok(!rows.has(row(left)), `left out: ${left}`);
  const r = await same(SHAPES);
  assert.deepEqual(r.findings.map((f) => [f.line, f.name]), [[13, 'depth'], [15, 'learning_rate'], [26, 'max_depth'], [40, 'N_ESTIMATORS'], [42, 'num_leaves'], [43, 'subsample'],
    [51, 'max_depth'], [53, 'max_depth'], [60, 'max_depth']]);
  assert.deepEqual(r.suppressions.map((s) => [s.line, s.scope]), [[1, 'file'], [12, undefined]]);
});

test('python chunks: the whole file is parsed where the pass cannot be sure (tabs, an unterminated string or bracket, a syntax error)', async () => {
  const tabs = 'def train():\n\tx = 1\n\treturn XGBClassifier(max_depth=6)\n';
  const open = 'def train():\n    return XGBClassifier(max_depth=6)\ns = """never closed\n';
  const bracket = 'def train():\n    return XGBClassifier(max_depth=6\n';
  for (const src of [tabs, open, bracket]) {
    assert.equal(pythonRanges(src, triggers.rows(src)), undefined);
    await same(src);
  }
  // A syntax error inside a parsed statement: reported as parsing the whole file reports it.
  const broken = 'def helper():\n    return 1\n\ndef train(X, y):\n    model = XGBClassifier(max_depth=6) +\n    return model\n';
  assert.ok(pythonRanges(broken, triggers.rows(broken)));
  const r = await same(broken);
  assert.ok(r.parseError && r.parseError.line >= 4, JSON.stringify(r.parseError));
  assert.equal(r.findings[0]?.name, 'max_depth');
});

test('python chunks: a dict waiting on a model call outside the parsed statements is read from the whole file', async () => {
  const src = 'def setup():\n    cfg = {"seed": 7}\n    return cfg\n\n\ndef go(X, y, cfg):\n    model.fit(X, y, **cfg)\n';
  const r = await same(src);
  assert.deepEqual(r.findings.map((f) => [f.line, f.name]), [[2, 'seed']]);
});

test('python chunks: a syntax error in a statement that cannot hold a finding is not parsed, so not reported (HP003)', async () => {
  const src = 'x = = 1\n\ndef train(depth):\n    return XGBClassifier(max_depth=depth, subsample=0.8)\n';
  const r = await pythonScanner.scan('x.py', src, names);
  assert.equal(r.parseError, undefined);
  assert.deepEqual(r.findings.map((f) => [f.line, f.name]), [[4, 'subsample']]);
  // Parsing everything finds both the error and the same finding.
  const all = await pythonScanner.scan('x.py', src, names, { exhaustive: true });
  assert.equal(all.parseError?.line, 1);
  assert.deepEqual(all.findings.map((f) => [f.line, f.name]), [[4, 'subsample']]);
});
