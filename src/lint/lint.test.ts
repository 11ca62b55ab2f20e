import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../catalog/load.js';
import { main } from '../cli/main.js';
import { ROOT } from '../paths.js';
import { applyBaseline, makeBaseline } from './baseline.js';
import { CORPUS, CORPUS_CONFIG, labels, score } from './corpus.js';
import { ghData, ghProp, render } from './formats.js';
import { lint } from './lint.js';
import { lintThreads } from './lint-pool.js';
import { catalogNames } from './names.js';

const names = catalogNames(loadCatalog());
const require = createRequire(import.meta.url);

test('the labelled corpus: precision and recall of the gate are 1.0', async () => {
  const r = await lint(['.'], { root: CORPUS, names, config: CORPUS_CONFIG });
  const expected = labels();
  const s = score(r.findings, expected);
  assert.deepEqual({ fp: s.fp, fn: s.fn }, { fp: [], fn: [] });
  assert.equal(s.precision, 1);
  assert.equal(s.recall, 1);
  assert.ok(expected.size >= 60, `corpus has ${expected.size} labelled violations`);
  assert.ok(r.files >= 10);
  assert.equal(r.suppressed.length, 5); // reasons given
  assert.ok(r.suppressed.every((x) => x.reason.length > 10));
  assert.equal(r.allowed.length, 2); // python/allowed/**
  const rules = new Set(r.findings.map((f) => f.rule));
  assert.deepEqual([...rules].sort(), ['HP001', 'HP002', 'HP003', 'HP004', 'HP005', 'HP006']);
});

test('names come from the catalog: parameters, native names, aliases, camelCase and the cross-cutting keys', () => {
  for (const n of ['max_depth', 'maxDepth', 'MAX_DEPTH', 'eta', 'lambda_l1', 'bagging_fraction', 'num_boost_round', 'subsample_freq', 'random_seed', 'early_stopping_rounds', 'nTrials', 'l2LeafReg']) {
    assert.ok(names.match(n), n);
  }
  for (const n of ['axis', 'timeout', 'n_jobs', 'verbose', 'test_size', 'window', 'max']) assert.equal(names.match(n), undefined, n);
  assert.equal(names.match('eta'), 'learning_rate');
  assert.equal(names.match('bagging_fraction'), 'subsample');
});

test('a baseline adopts known findings by path, rule, name and literal, not by line', async () => {
  const r = await lint(['python/train_xgb_legacy.py'], { root: CORPUS, names, config: CORPUS_CONFIG });
  const b = makeBaseline(r.findings);
  const moved = r.findings.map((f) => ({ ...f, line: f.line + 5 }));
  assert.equal(applyBaseline(moved, b).fresh.length, 0);
  const extra = { ...r.findings[0], literal: '7' };
  assert.deepEqual(applyBaseline([...moved, extra], b).fresh, [extra]);
  const twice = applyBaseline([...moved, moved[0]], b);
  assert.equal(twice.fresh.length, 1); // the baseline holds the count, a second copy is new
});

test('formats: text, GitHub annotations (escaped), JSON, and SARIF 2.1.0 valid against the schema', async () => {
  const r = await lint(['.'], { root: CORPUS, names, config: CORPUS_CONFIG });
  const sarif = JSON.parse(render(r, 'sarif', 'fail', '0.1.0'));
  const Ajv = require('ajv-draft-04');
  const validate = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, validateFormats: false, logger: false })
    .compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
  assert.equal(sarif.runs[0].results.length, r.findings.length);
  assert.deepEqual(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id), ['HP001', 'HP002', 'HP003', 'HP004', 'HP005', 'HP006']);
  assert.ok(sarif.runs[0].tool.driver.rules.every((x: { shortDescription: { text: string }; fullDescription: { text: string } }) => x.shortDescription.text && x.fullDescription.text.length > 40));
  const gh = render(r, 'github', 'fail', '0.1.0').split('\n');
  assert.equal(gh.length, r.findings.length + 1);
  assert.match(gh.at(-1)!, /^::error title=hpconf lint::\d+ finding\(s\) in \d+ file\(s\).* - failing\. By rule: HP001 \d+, HP002 \d+/);
  assert.match(gh[0], /^::error file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=HP00\d [^:,]+::/);
  assert.match(render(r, 'github', 'warn', '0.1.0'), /^::warning /);
  assert.equal(ghData('50% done\r\nnext'), '50%25 done%0D%0Anext');
  assert.equal(ghProp('a:b,c%'), 'a%3Ab%2Cc%25');
  assert.equal(JSON.parse(render(r, 'json', 'fail', '0.1.0')).findings.length, r.findings.length);
  assert.match(render(r, 'text', 'fail', '0.1.0'), /^python\/broken\.py:\d+:\d+  HP003  python parser: /m);
});

test('SARIF fingerprints: unique for repeated literals, unchanged when lines move, GitHub\'s primaryLocationLineHash form', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-fp-'));
  const code = 'a = {"max_depth": 6}\nb = {"max_depth": 6}\nc = {"max_depth": 6, "eta": 0.1}\n';
  writeFileSync(path.join(dir, 'm.py'), code);
  const before = JSON.parse(render(await lint(['.'], { root: dir, names }), 'sarif', 'fail', '0')).runs[0].results;
  writeFileSync(path.join(dir, 'm.py'), '"""moved down"""\n\n' + code);
  const after = JSON.parse(render(await lint(['.'], { root: dir, names }), 'sarif', 'fail', '0')).runs[0].results;
  const v2 = (rs: { partialFingerprints: Record<string, string> }[]) => rs.map((x) => x.partialFingerprints['hpconf/v2']);
  assert.equal(new Set(v2(before)).size, 4, 'four findings, four fingerprints');
  assert.deepEqual(v2(after), v2(before));
  assert.deepEqual(after.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints.primaryLocationLineHash),
    before.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints.primaryLocationLineHash));
  for (const x of before) assert.match(x.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{16}:\d+$/);
});

test('hpconf lint: warn mode exits 0, fail mode exits 1; the project\'s own code passes in fail mode', async () => {
  const out: string[] = [];
  const run = (...argv: string[]) => main(['lint', ...argv], { out: (l) => out.push(l), err: (l) => out.push(l), cwd: ROOT });
  assert.equal(await run('--mode', 'warn', 'src/lint/corpus/python/lgb_pipeline.py', '--config', path.join(CORPUS, '..', 'corpus.config.json')), 0);
  assert.equal(await run('--mode', 'fail', 'src/lint/corpus/python/lgb_pipeline.py', '--config', path.join(CORPUS, '..', 'corpus.config.json')), 1);
  out.length = 0;
  assert.equal(await run('--mode', 'fail'), 0, out.join('\n'));
  assert.match(out.at(-1)!, /^0 finding\(s\) in \d+ file\(s\)/);
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-lint-'));
  writeFileSync(path.join(dir, 'a.py'), 'params = {"max_depth": 6}\n');
  writeFileSync(path.join(dir, 'b.ts'), 'export const p = { maxDepth: 6 };\n');
  const base = path.join(dir, 'base.json');
  assert.equal(await main(['lint', '.', '--write-baseline', base], { out: () => {}, err: () => {}, cwd: dir }), 0);
  assert.equal(JSON.parse(readFileSync(base, 'utf8')).findings.length, 2);
  assert.equal(await main(['lint', '.', '--baseline', base], { out: () => {}, err: () => {}, cwd: dir }), 0);
  writeFileSync(path.join(dir, 'a.py'), 'params = {"max_depth": 6, "eta": 0.3}\n');
  assert.equal(await main(['lint', '.', '--baseline', base], { out: () => {}, err: () => {}, cwd: dir }), 1);
});

// The gate parses only files holding a trigger, only the statements holding one (python-chunks.ts), and inspects
// only the rows holding one (triggers.ts): on the
// corpus and on the installed training libraries (about 470,000 lines of real Python), it reports exactly what
// parsing every file and inspecting every node reports.
test('triggers: the filtered gate reports what the exhaustive one does, on the corpus and the installed libraries', async (t) => {
  const same = async (root: string, paths: string[], config: object) => {
    const a = await lint(paths, { root, names, config, exhaustive: true });
    const b = await lint(paths, { root, names, config });
    const view = (r: typeof a) => ({ findings: r.findings, suppressed: r.suppressed, allowed: r.allowed, ignored: r.ignored, files: r.files, lines: r.lines });
    assert.deepEqual(view(b), view(a));
    return a;
  };
  await same(CORPUS, ['.'], CORPUS_CONFIG);
  const lib = path.join(ROOT, '.venv', 'lib');
  const site = existsSync(lib) ? path.join(lib, readdirSync(lib).find((d) => d.startsWith('python')) ?? '', 'site-packages') : '';
  const trees = ['xgboost', 'lightgbm', 'catboost', 'optuna', 'sklearn'].filter((p) => site && existsSync(path.join(site, p)));
  if (!trees.length) return t.skip('no .venv (bash scripts/python-env.sh)');
  const cfg = { respectGitignore: false, defaultExcludes: false };
  const r = await same(site, trees, cfg);
  assert.ok(r.lines > 100_000 && r.findings.length > 100, `${r.lines} lines, ${r.findings.length} findings`);
  // The built CLI scans that tree on worker threads (lint-pool.ts): the same findings as on its main thread alone,
  // and as this process found.
  const cli = (threads: string) => JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'bin', 'hpconf.js'), 'lint', ...trees, '--format', 'json', '--mode', 'warn', '--config', cfgFile],
    { cwd: site, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, HPCONF_LINT_THREADS: threads } })) as { files: number; lines: number; findings: { path: string; line: number; rule: string; name: string }[] };
  const cfgFile = path.join(mkdtempSync(path.join(tmpdir(), 'hpconf-lint-cfg-')), 'cfg.json');
  writeFileSync(cfgFile, JSON.stringify(cfg));
  const [pooled, alone] = [cli('2'), cli('1')];
  assert.deepEqual(pooled, alone);
  const key = (f: { path: string; line: number; rule: string; name: string }) => `${f.path}|${f.line}|${f.rule}|${f.name}`;
  assert.deepEqual({ files: pooled.files, lines: pooled.lines, findings: pooled.findings.map(key) }, { files: r.files, lines: r.lines, findings: r.findings.map(key) });
});

test('triggers: a file holding no name is counted, not parsed; a broken one holding none is no HP003', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-triggers-'));
  writeFileSync(path.join(dir, 'plain.py'), 'def add(a, b:\n    return a + b\n');
  writeFileSync(path.join(dir, 'model.py'), 'def train(X, y:\n    return XGBClassifier(max_depth=6)\n');
  const r = await lint(['.'], { root: dir, names });
  assert.equal(r.files, 2);
  assert.equal(r.lines, 6);
  // plain.py cannot hold a hard-coded hyperparameter, parsed or not; model.py can, so its syntax error is reported.
  assert.deepEqual(r.findings.map((f) => [f.path, f.rule]).sort(), [['model.py', 'HP001'], ['model.py', 'HP003']]);
  const all = await lint(['.'], { root: dir, names, exhaustive: true });
  assert.deepEqual(all.findings.map((f) => [f.path, f.rule]).sort(), [['model.py', 'HP001'], ['model.py', 'HP003'], ['plain.py', 'HP003']]);
});

test('lint threads: one below 4 cores (a worker was slower on 2), else one per core but one, up to 4; HPCONF_LINT_THREADS overrides', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 8, 64].map((cores) => lintThreads({}, cores)), [1, 1, 1, 3, 4, 4, 4]);
  assert.equal(lintThreads({ HPCONF_LINT_THREADS: '2' }, 2), 2);
  assert.equal(lintThreads({ HPCONF_LINT_THREADS: '1' }, 8), 1);
  assert.equal(lintThreads({ HPCONF_LINT_THREADS: '99' }, 2), 16);
  // Not a whole number of at least 1: the default.
  for (const bad of ['0', '-1', '1.5', 'many', '']) assert.equal(lintThreads({ HPCONF_LINT_THREADS: bad }, 8), 4, bad);
});
