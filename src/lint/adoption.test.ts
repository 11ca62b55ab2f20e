/**
 * What a team adopting the gate on its own repository meets: notebooks, a file walker that never aborts,
 * config discovery, default excludes, suppressions that are checked, a baseline by content, the GitHub summary,
 * --explain and --add-noqa. Each case builds a small repository in a temporary directory and runs the CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../cli/main.js';

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-adopt-'));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

async function hp(cwd: string, ...argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await main(['lint', ...argv], { out: (l) => out.push(l), err: (l) => err.push(l), cwd, env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const nb = (cells: { type?: string; src: string }[], language = 'python') => JSON.stringify({
  nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { language, name: language }, language_info: { name: language } },
  cells: cells.map((c) => ({ cell_type: c.type ?? 'code', metadata: {}, source: c.src.split(/(?<=\n)/), ...(c.type === 'markdown' ? {} : { outputs: [], execution_count: null }) })),
});

test('notebooks: code cells are linted with cell and line; magics and shell lines skipped; a broken cell is HP003 for that cell', async () => {
  const dir = repo({
    'tune.ipynb': nb([
      { type: 'markdown', src: '# Tuning\nmax_depth = 6 is what we used' },
      { src: '%matplotlib inline\n!pip install xgboost\nimport xgboost as xgb\nparams = {"max_depth": 6, "eta": 0.3}' },
      { src: '%%bash\necho max_depth=6' },
      { src: '%%time\nm = xgb.XGBClassifier(n_estimators=500)' },
      { src: 'def broken(:\n    pass' },
      { src: 'study.optimize(lambda t: t.suggest_int("max_depth", 3, 9))\nxgb.XGBClassifier?' },
    ]),
    'r.ipynb': nb([{ src: 'max_depth <- 6' }], 'R'),
  });
  const r = await hp(dir, '--mode', 'warn');
  assert.equal(r.code, 0);
  assert.match(r.out, /^tune\.ipynb:cell 2:4:11  HP001  max_depth hard-coded as 6/m);
  assert.match(r.out, /^tune\.ipynb:cell 2:4:\d+  HP001  eta hard-coded as 0\.3/m);
  assert.match(r.out, /^tune\.ipynb:cell 4:2:\d+  HP001  n_estimators hard-coded as 500/m, 'a %%time cell is still Python');
  assert.match(r.out, /^tune\.ipynb:cell 5:1:\d+  HP003  python parser: .*; cell 5 cannot be checked/m);
  assert.match(r.out, /^tune\.ipynb:cell 6:1:\d+  HP002  search range for max_depth hard-coded as 3\.\.9/m);
  assert.doesNotMatch(r.out, /cell 1:|cell 3:|r\.ipynb/);
  assert.match(r.out, /5 finding\(s\) in 2 file\(s\)/);
  const sarifRun = JSON.parse((await hp(dir, '--mode', 'warn', '--format', 'sarif')).out).runs[0];
  const sarif = sarifRun.results;
  assert.ok(sarif.every((x: { message: { text: string }; properties: { cell: number } }) => /^cell \d, line \d: /.test(x.message.text) && x.properties.cell > 1));
  // Code hosts show the .ipynb file itself: each result's line is the JSON line holding that cell's line.
  const fileLines = readFileSync(path.join(dir, 'tune.ipynb'), 'utf8').split('\n');
  const wanted: Record<string, RegExp> = { HP001: /max_depth|eta|n_estimators/, HP002: /suggest_int/, HP003: /def broken/ };
  for (const x of sarif as { ruleId: string; locations: { physicalLocation: { region: { startLine: number; startColumn?: number } } }[] }[]) {
    const region = x.locations[0].physicalLocation.region;
    assert.match(fileLines[region.startLine - 1], wanted[x.ruleId], `${x.ruleId} at JSON line ${region.startLine}`);
    assert.equal(region.startColumn, undefined);
  }
  for (const rule of sarifRun.tool.driver.rules) assert.match(rule.helpUri, new RegExp(`docs/lint-rules\\.md#${rule.id.toLowerCase()}$`));
  const gh = (await hp(dir, '--mode', 'warn', '--format', 'github')).out.split('\n').filter((l) => l.includes('file=tune.ipynb'));
  assert.equal(gh.length, 5);
  for (const l of gh) assert.match(fileLines[Number(/,line=(\d+),/.exec(l)![1]) - 1], /max_depth|eta|n_estimators|suggest_int|def broken/, l);
  const json = JSON.parse((await hp(dir, '--mode', 'warn', '--format', 'json')).out);
  assert.deepEqual(json.findings.map((f: { cell: number; line: number }) => `${f.cell}:${f.line}`).sort(), ['2:4', '2:4', '4:2', '5:1', '6:1']);
  // A suppression inside a cell applies to that cell's line.
  writeFileSync(path.join(dir, 'tune.ipynb'), nb([{ src: 'params = {"max_depth": 6}  # hpconf: ignore[HP001] the tutorial\'s value' }]));
  assert.match((await hp(dir, 'tune.ipynb')).out, /^0 finding\(s\) in 1 file\(s\), 1 lines; 1 suppressed/m);
});

test('the walker never aborts: a dangling link and a link loop are reported and skipped, even inside an excluded folder', async () => {
  const dir = repo({ 'src/train.py': 'params = {"max_depth": 6}\n' });
  symlinkSync(path.join(dir, 'nowhere.py'), path.join(dir, 'src', 'dangling.py'));
  symlinkSync(dir, path.join(dir, 'src', 'loop'));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(path.join(dir, 'gone'), path.join(dir, 'node_modules', 'dangling'));
  const r = await hp(dir);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /^src\/train\.py:1:\d+  HP001/m);
  assert.match(r.err, /warning: skipped src\/dangling\.py: broken link or unreadable \(ENOENT\)/);
  assert.match(r.err, /warning: skipped src\/loop: already walked as /);
  assert.doesNotMatch(r.err, /node_modules/);
  assert.match(r.out, /1 finding\(s\) in 1 file\(s\).*; 2 path\(s\) skipped/);
});

test('default excludes (tests, virtual environments, installed packages) and .gitignore; include globs and --no-default-excludes bring them back', async () => {
  const lit = 'p = {"max_depth": 6}\n';
  const dir = repo({
    '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'generated/\n*.tmp.py\n',
    'src/train.py': lit, 'tests/test_train.py': lit, 'src/conftest.py': lit, 'src/train_test.py': lit, 'web/model.test.ts': 'const p = { maxDepth: 6 };\n',
    '.venv/lib/python3.11/site-packages/xgboost/sklearn.py': lit, 'env/pyvenv.cfg': 'home = /usr\n', 'env/lib/x.py': lit,
    'vendor/site-packages/lib.py': lit, 'generated/out.py': lit, 'src/scratch.tmp.py': lit,
  });
  const r = await hp(dir, '--format', 'json');
  assert.deepEqual(JSON.parse(r.out).findings.map((f: { path: string }) => f.path), ['src/train.py']);
  const all = await hp(dir, '--format', 'json', '--no-default-excludes');
  assert.deepEqual(JSON.parse(all.out).findings.map((f: { path: string }) => f.path).sort(),
    ['.venv/lib/python3.11/site-packages/xgboost/sklearn.py', 'env/lib/x.py', 'src/conftest.py', 'src/train.py', 'src/train_test.py', 'tests/test_train.py', 'vendor/site-packages/lib.py', 'web/model.test.ts']);
  writeFileSync(path.join(dir, '.hpconf-lint.json'), JSON.stringify({ include: ['tests/**'], respectGitignore: false }));
  const inc = await hp(dir, '--format', 'json');
  assert.deepEqual(JSON.parse(inc.out).findings.map((f: { path: string }) => f.path).sort(), ['generated/out.py', 'src/scratch.tmp.py', 'src/train.py', 'tests/test_train.py']);
  // A file named on the command line is always linted.
  assert.equal(JSON.parse((await hp(dir, 'src/conftest.py', '--format', 'json')).out).findings.length, 1);
});

test('config discovery like Ruff: the nearest .hpconf-lint.json or pyproject.toml [tool.hpconf.lint] above each file, paths relative to it', async () => {
  const dir = repo({
    'pyproject.toml': '[project]\nname = "x"\n\n[tool.hpconf.lint]\nexclude = ["legacy/**"]\nbaseline = "lint-baseline.json"\n[tool.hpconf.lint.per-path-ignores]\n"scripts/**" = ["HP001"]\n',
    'pkg/train.py': 'p = {"max_depth": 6}\n', 'legacy/old.py': 'p = {"max_depth": 6}\n', 'scripts/tune.py': 'p = {"max_depth": 6}\n',
    'sub/.hpconf-lint.json': JSON.stringify({ allow: ['vendored/**'] }), 'sub/vendored/a.py': 'p = {"max_depth": 6}\n', 'sub/b.py': 'p = {"eta": 0.3}\n',
    'other/pyproject.toml': '[project]\nname = "no table here"\n', 'other/c.py': 'p = {"subsample": 0.8}\n',
  });
  const fromRoot = await hp(dir, '--format', 'json');
  const paths = (r: { out: string }) => JSON.parse(r.out).findings.map((f: { path: string }) => f.path).sort();
  assert.deepEqual(paths(fromRoot), ['other/c.py', 'pkg/train.py', 'sub/b.py']);
  const j = JSON.parse(fromRoot.out);
  assert.deepEqual([j.ignored.length, j.allowed.length], [1, 1]);
  // Run from a subfolder: the same configuration applies (it was lost before).
  assert.deepEqual(paths(await hp(path.join(dir, 'pkg'), '--format', 'json')), ['train.py']);
  assert.deepEqual(paths(await hp(path.join(dir, 'legacy'), '--format', 'json')), []);
  // The baseline named in pyproject.toml, relative to it, written and then honoured from a subfolder.
  assert.equal((await hp(dir, '--write-baseline', path.join(dir, 'lint-baseline.json'))).code, 0);
  assert.equal((await hp(path.join(dir, 'pkg'))).code, 0);
  // A mistyped setting is an error naming the file, never a silent default.
  writeFileSync(path.join(dir, 'sub', '.hpconf-lint.json'), JSON.stringify({ alow: ['x'] }));
  const bad = await hp(path.join(dir, 'sub'));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /\.hpconf-lint\.json: unknown setting "alow"; known: allow, exclude, include/);
});

test('generic names: only in a model\'s context by default; the config flags one everywhere (true) or makes any name context-only (false)', async () => {
  const src = 'sampler = TPESampler(seed=1)\nsplit = train_test_split(X, random_state=2)\nm = XGBClassifier(seed=3, max_depth=6)\nopts = {"max_depth": 4}\n';
  const dir = repo({ 'a.py': src });
  const found = async () => JSON.parse((await hp(dir, '--format', 'json')).out).findings.map((f: { line: number; name: string }) => `${f.line}:${f.name}`);
  assert.deepEqual(await found(), ['3:seed', '3:max_depth', '4:max_depth']);
  writeFileSync(path.join(dir, '.hpconf-lint.json'), JSON.stringify({ generic: { seed: true, max_depth: false } }));
  assert.deepEqual(await found(), ['1:seed', '3:seed', '3:max_depth']);
});

test('each HP001 in a known model context suggests its resolver call (model from the call, timeframe from a "5m" key)', async () => {
  const dir = repo({ 'a.py': 'm = xgb.XGBClassifier(max_depth=6)\nP = {"5m": lgb.LGBMClassifier(num_leaves=31, learning_rate=0.05)}\nq = {"max_depth": 6}\n' });
  const f = JSON.parse((await hp(dir, '--format', 'json')).out).findings as { line: number; suggestion?: string; message: string }[];
  assert.deepEqual(f.map((x) => x.suggestion), ['r.resolve_int("xgb", timeframe, "MAX_DEPTH")', 'r.resolve_int("lgb", "5m", "NUM_LEAVES")', 'r.resolve_float("lgb", "5m", "LEARNING_RATE")', undefined]);
  assert.match(f[1].message, /read it with r\.resolve_int\("lgb", "5m", "NUM_LEAVES"\) from the store/);
  // A hyperparameter the catalog does not hold yet: flagged, and the message says to add it.
  writeFileSync(path.join(dir, 'a.py'), 'm = CatBoostClassifier(colsample_bylevel=0.5)\n');
  assert.match((await hp(dir)).out, /colsample_bylevel hard-coded as 0\.5 \(keyword argument\): a hyperparameter the catalog does not hold yet; add it to the catalog/);
});

test('suppressions are checked: an unknown rule id (HP005), an unused one (HP006), file-level ignores, per-path ignores', async () => {
  const dir = repo({
    'a.py': 'x = {"eta": 0.3}  # hpconf: ignore[HP0001] typo\ny = 1  # hpconf: ignore[HP001] nothing here\n',
    'b.py': '# hpconf: ignore-file[HP001] generated from the 2023 paper\nx = {"eta": 0.3}\ny = {"max_depth": 4}\n',
    'c.py': '# hpconf: ignore-file[HP002] nothing to excuse\nx = 1\n',
    'd.ts': '// hpconf: ignore-file[HP001] fixtures for the demo\nexport const p = { maxDepth: 6 };\n',
  });
  const r = await hp(dir, '--format', 'json');
  const f = JSON.parse(r.out).findings.map((x: { path: string; line: number; rule: string }) => `${x.path}:${x.line} ${x.rule}`).sort();
  assert.deepEqual(f, ['a.py:1 HP001', 'a.py:1 HP005', 'a.py:2 HP006', 'c.py:1 HP006']);
  assert.equal(JSON.parse(r.out).suppressed.length, 3);
});

test('the baseline matches by content: lines move, a file is renamed, a new copy is blamed on the new line, stale entries are reported and pruned', async () => {
  const dir = repo({ 'm/train.py': 'a = {"max_depth": 6}\nb = {"max_depth": 6}\nc = {"eta": 0.3}\n' });
  const base = path.join(dir, 'base.json');
  await hp(dir, '--write-baseline', base);
  const b = JSON.parse(readFileSync(base, 'utf8'));
  assert.equal(b.version, 2);
  // Lines move and the file is renamed (git mv): nothing new.
  mkdirSync(path.join(dir, 'models'));
  renameSync(path.join(dir, 'm', 'train.py'), path.join(dir, 'models', 'train.py'));
  writeFileSync(path.join(dir, 'models', 'train.py'), '"""Training."""\n\na = {"max_depth": 6}\nb = {"max_depth": 6}\nc = {"eta": 0.3}\n');
  assert.equal((await hp(dir, '--baseline', base)).code, 0);
  // A new copy of an old literal, inserted above: the new line is the one reported.
  writeFileSync(path.join(dir, 'models', 'train.py'), 'z = {"max_depth": 6}\n"""Training."""\n\na = {"max_depth": 6}\nb = {"max_depth": 6}\nc = {"eta": 0.3}\n');
  const dup = await hp(dir, '--baseline', base, '--format', 'json');
  assert.deepEqual(JSON.parse(dup.out).findings.map((x: { line: number }) => x.line), [1]);
  // Fixed code leaves a stale entry, reported; its slot is not lent to a new literal elsewhere.
  writeFileSync(path.join(dir, 'models', 'train.py'), 'a = {"max_depth": 6}\nc = {"eta": r.resolve_float("xgb", "5m", "LEARNING_RATE")}\nd = {"eta": 0.3}\n');
  const stale = await hp(dir, '--baseline', base);
  assert.equal(stale.code, 1);
  assert.match(stale.out, /^models\/train\.py:3:\d+  HP001  eta hard-coded as 0\.3/m);
  assert.match(stale.out, /m\/train\.py: stale baseline entry: HP001 eta = 0\.3 \(x1\) no longer found/);
  assert.match(stale.out, /2 stale baseline entries \(--prune-baseline drops them\)/);
  assert.equal((await hp(dir, '--baseline', base, '--prune-baseline')).code, 0);
  assert.deepEqual(JSON.parse(readFileSync(base, 'utf8')).findings.map((e: { count: number }) => e.count), [1]);
});

test('a baseline is matched and pruned only for the files a run covers: no config, many files; a config, a run from a subfolder', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 6; i++) files[`pkg${i % 2}/train_${i}.py`] = `import xgboost as xgb\nm = xgb.XGBClassifier(max_depth=${i + 3}, n_estimators=${100 + i})\n`;
  const dir = repo(files);
  const base = path.join(dir, 'b.json');
  assert.equal((await hp(dir, '--write-baseline', base)).code, 0);
  const written = JSON.parse(readFileSync(base, 'utf8')).findings.length;
  assert.equal(written, 12);
  const next = await hp(dir, '--baseline', base, '--mode', 'fail');
  assert.equal(next.code, 0, next.out);
  assert.doesNotMatch(next.out, /stale/);
  assert.match(next.out, /0 finding\(s\) in 6 file\(s\).*12 in the baseline/);
  // Pruning from the whole tree and from one folder keeps every live entry.
  assert.match((await hp(dir, '--baseline', base, '--prune-baseline')).out, /pruned 0 stale/);
  assert.match((await hp(dir, 'pkg0', '--baseline', base, '--prune-baseline')).out, /pruned 0 stale/);
  assert.equal(JSON.parse(readFileSync(base, 'utf8')).findings.length, 12);
  assert.equal((await hp(dir, '--baseline', base, '--mode', 'fail')).code, 0);
  // A fix in one folder is stale there (and pruned from there), the other folder's entries untouched.
  writeFileSync(path.join(dir, 'pkg1', 'train_1.py'), 'import xgboost as xgb\nm = xgb.XGBClassifier(**r.native_params("xgb", "5m"))\n');
  const sub = await hp(path.join(dir, 'pkg1'), '--baseline', base);
  assert.match(sub.out, /2 stale baseline entries/);
  assert.match((await hp(path.join(dir, 'pkg1'), '--baseline', base, '--prune-baseline')).out, /pruned 2 stale/);
  assert.equal(JSON.parse(readFileSync(base, 'utf8')).findings.length, 10);
  assert.equal((await hp(dir, '--baseline', base, '--mode', 'fail')).code, 0);

  // The same with the baseline named in a config at the root, pruned from a subfolder.
  const cfgDir = repo({ ...files, '.hpconf-lint.json': JSON.stringify({ baseline: 'lint-baseline.json' }) });
  assert.equal((await hp(cfgDir, '--write-baseline', path.join(cfgDir, 'lint-baseline.json'))).code, 0);
  assert.match((await hp(path.join(cfgDir, 'pkg0'), '--prune-baseline')).out, /pruned 0 stale/);
  assert.equal(JSON.parse(readFileSync(path.join(cfgDir, 'lint-baseline.json'), 'utf8')).findings.length, 12);
  const whole = await hp(cfgDir, '--mode', 'fail');
  assert.equal(whole.code, 0, whole.out);
  assert.doesNotMatch(whole.out, /stale/);
});

test('docs/lint-rules.md (each rule\'s helpUri in SARIF) is current with the rules', async () => {
  const { rulesMarkdown } = await import('./formats.js');
  const { ROOT } = await import('../paths.js');
  assert.equal(readFileSync(path.join(ROOT, 'docs', 'lint-rules.md'), 'utf8'), rulesMarkdown(), 'regenerate: node --import tsx -e "import(\'./src/lint/formats.ts\').then((m) => require(\'fs\').writeFileSync(\'docs/lint-rules.md\', m.rulesMarkdown()))"');
});

test('--explain, --help, the GitHub summary line and $GITHUB_STEP_SUMMARY', async () => {
  const e = await hp(process.cwd(), '--explain', 'hp001');
  assert.equal(e.code, 0);
  assert.match(e.out, /^HP001 hard-coded-hyperparameter: Hyperparameter literal in code\n\nA numeric literal[\s\S]*Flagged:\n    model = XGBClassifier\(max_depth=6[\s\S]*Instead:\n    model = XGBClassifier\(\*\*r\.native_params/);
  assert.equal((await hp(process.cwd(), '--explain', 'HP999')).code, 2);
  const help = await hp(process.cwd(), '--help');
  assert.equal(help.code, 0);
  const dir = repo({ 'a.py': 'x = {"eta": 0.3, "max_depth": 6}\ny = {"subsample": 0.8}\n', 'b.py': 'z = {"eta": 0.1}\n' });
  const summary = path.join(dir, 'summary.md');
  const out: string[] = [];
  const code = await main(['lint', '--format', 'github'], { out: (l) => out.push(l), err: () => {}, cwd: dir, env: { ...process.env, GITHUB_STEP_SUMMARY: summary } });
  assert.equal(code, 1);
  assert.match(out.join('\n'), /\n::error title=hpconf lint::4 finding\(s\) in 2 file\(s\).* - failing\. By rule: HP001 4$/);
  const md = readFileSync(summary, 'utf8');
  assert.match(md, /^### hpconf lint: failing/);
  assert.match(md, /\| HP001 Hyperparameter literal in code \| 4 \|/);
  assert.match(md, /\| `a\.py` \| 3 \|\n\| `b\.py` \| 1 \|/);
});

test('--add-noqa writes a reasoned suppression on every finding line (Python and TypeScript), and the gate then passes', async () => {
  const dir = repo({
    'a.py': 'x = {"eta": 0.3, "max_depth": 6}\ny = trial.suggest_int("max_depth", 3, 9)\nz = f(subsample=0.5) + \\\n    1\n',
    'b.ts': 'export const p = { maxDepth: 6 };\n',
  });
  assert.equal((await hp(dir)).code, 1);
  const r = await hp(dir, '--add-noqa', 'adopted 2026-11; moving to the store');
  assert.match(r.out, /added 4 suppression\(s\) for 5 finding\(s\) in 2 file\(s\)/);
  assert.equal(readFileSync(path.join(dir, 'a.py'), 'utf8').split('\n')[0], 'x = {"eta": 0.3, "max_depth": 6}  # hpconf: ignore[HP001] adopted 2026-11; moving to the store');
  assert.match(readFileSync(path.join(dir, 'b.ts'), 'utf8'), /maxDepth: 6 \};  \/\/ hpconf: ignore\[HP001\] adopted/);
  // A line continued with a backslash takes the directive at the end of its logical line.
  assert.equal(readFileSync(path.join(dir, 'a.py'), 'utf8').split('\n')[3], '    1  # hpconf: ignore[HP001] adopted 2026-11; moving to the store');
  const after = await hp(dir, '--mode', 'fail');
  assert.equal(after.code, 0, after.out);
  assert.match(after.out, /^0 finding\(s\).* 5 suppressed/m);
  assert.equal((await hp(dir, '--add-noqa', ' ')).code, 2);
});

test('--add-noqa on lines that already carry a comment, and in notebooks: afterwards a fail run has 0 findings and every file parses', async () => {
  const dir = repo({
    'a.py': 'import xgboost as xgb\nm = xgb.XGBClassifier(max_depth=6)  # the old value\nn = xgb.XGBClassifier(\n    n_estimators=500,  # tuned by hand\n    eta=0.3,\n)\n',
    'b.ts': 'export const p = { maxDepth: 6 }; // from the paper\n',
    'tune.ipynb': nb([
      { type: 'markdown', src: '# Tuning' },
      { src: 'import xgboost as xgb\nparams = {"max_depth": 6, "eta": 0.3}  # baseline\n' },
      { src: 'cd ..\nm = xgb.XGBClassifier(n_estimators=500)' },
    ]),
  });
  const before = await hp(dir, '--format', 'json');
  assert.equal(JSON.parse(before.out).findings.length, 7, before.out);
  const r = await hp(dir, '--add-noqa', 'adopted');
  assert.match(r.out, /for 7 finding\(s\) in 3 file\(s\)/);
  const after = await hp(dir, '--mode', 'fail', '--format', 'json');
  assert.equal(after.code, 0, after.out);
  const j = JSON.parse(after.out);
  assert.deepEqual([j.findings.length, j.suppressed.length], [0, 7]);
  // Every file still parses: no HP003, and the notebook is still a notebook with its cells in form.
  const saved = JSON.parse(readFileSync(path.join(dir, 'tune.ipynb'), 'utf8'));
  assert.equal(saved.cells.length, 3);
  assert.deepEqual(saved.cells[1].source, ['import xgboost as xgb\n', 'params = {"max_depth": 6, "eta": 0.3}  # baseline  # hpconf: ignore[HP001] adopted\n']);
  assert.match(readFileSync(path.join(dir, 'a.py'), 'utf8'), /max_depth=6\)  # the old value  # hpconf: ignore\[HP001\] adopted\n/);
});
