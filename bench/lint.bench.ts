/**
 * The G5 gate against the plan's grep, `(learning_rate|max_depth|...)[^=]*=\s*[0-9]`, on the labelled
 * corpus and on a large generated tree: precision, recall (per line) and lines per second for each.
 *   node --import tsx bench/lint.bench.ts [FILES]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../src/catalog/load.js';
import { CORPUS, CORPUS_CONFIG, labels } from '../src/lint/corpus.js';
import { lint } from '../src/lint/lint.js';
import { catalogNames } from '../src/lint/names.js';

const c = loadCatalog();
const names = catalogNames(c);
const snake = [...new Set(Object.values(c.file.models).flatMap((m) => Object.entries(m.params).flatMap(([p, d]) => [p.toLowerCase(), d.native, ...d.aliases])))];
const GREP = `(${snake.join('|')})[^=]*=\\s*[0-9]`;

/** Line-level labels: a line counts as a violation if an HP001/HP002 is labelled on it (a notebook's lines as cell:line). */
function lineLabels(expected: Set<string>): Set<string> {
  return new Set([...expected].map((k) => k.split('|')).filter(([, line, rule]) => line !== '*' && (rule === 'HP001' || rule === 'HP002')).map(([p, line]) => `${p}|${line}`));
}

function prf(got: Set<string>, want: Set<string>) {
  const tp = [...got].filter((k) => want.has(k)).length;
  return { precision: got.size ? tp / got.size : 1, recall: want.size ? tp / want.size : 1 };
}

async function compare(label: string, root: string, expected: Set<string>, config = { allow: [] as string[], exclude: [] as string[] }) {
  const want = lineLabels(expected);
  let t = performance.now();
  const r = await lint(['.'], { root, names, config });
  const gateMs = performance.now() - t;
  const gateLines = new Set(r.findings.filter((f) => f.rule === 'HP001' || f.rule === 'HP002').map((f) => `${f.path}|${f.cell ? `c${f.cell}:` : ''}${f.line}`));
  t = performance.now();
  let out = '';
  try { out = execFileSync('grep', ['-rEn', '--include=*.py', '--include=*.ts', GREP, '.'], { cwd: root, maxBuffer: 1 << 28 }).toString(); } catch (e) { out = (e as { stdout?: Buffer }).stdout?.toString() ?? ''; }
  const grepMs = performance.now() - t;
  const grepLines = new Set(out.split('\n').filter(Boolean).map((l) => { const [p, n] = l.replace(/^\.\//, '').split(':'); return `${p}|${n}`; })
    .filter((k) => !k.startsWith('python/allowed/')));
  const g = prf(gateLines, want);
  const p = prf(grepLines, want);
  console.log(`${label}: ${r.files} files, ${r.lines} lines, ${want.size} violating lines`);
  console.log(`  gate  precision ${g.precision.toFixed(3)} recall ${g.recall.toFixed(3)}  ${(r.lines / gateMs * 1000).toFixed(0).padStart(9)} lines/s (${gateMs.toFixed(0)} ms)`);
  console.log(`  grep  precision ${p.precision.toFixed(3)} recall ${p.recall.toFixed(3)}  ${(r.lines / grepMs * 1000).toFixed(0).padStart(9)} lines/s (${grepMs.toFixed(0)} ms)`);
}

await compare('labelled corpus', CORPUS, labels(), CORPUS_CONFIG);

// A large generated tree: realistic lines with known labels (V = violation, C = clean look-alike).
const FILES = Number(process.argv[2] ?? 600);
const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-lint-bench-'));
const py: [string, boolean][] = [
  ['model = XGBClassifier(max_depth=6, n_jobs=4)', true], ['params = {"learning_rate": 0.05, "metric": "auc"}', true],
  ['depth = trial.suggest_int("max_depth", 3, 10)', true], ['n = cfg.get("n_estimators", 400)', true], ['def fit(X, y, subsample=0.8):', true],
  ['reg_alpha = 0.01', true], ['    num_leaves: int = 63', true],
  ['# max_depth = 6 was too deep', false], ['msg = "learning_rate = 0.1 diverged"', false], ['x = np.mean(a, axis=1)', false],
  ['timeout = 30', false], ['model = XGBClassifier(max_depth=depth, n_jobs=4)', false], ['log(f"max_depth={d}")', false],
  ['rows = data[:, 0:5]', false], ['    """Set max_depth=4 for small data."""', false], ['total = count + 1', false],
];
const ts: [string, boolean][] = [
  ['const params = { maxDepth: 6, nJobs: 4 };', true], ["const p = { 'learning_rate': 0.05 };", true], ["trial.suggestInt('max_depth', 3, 10);", true],
  ['function fit(x: number[], subsample = 0.8) { return x; }', true], ['let regAlpha = 0.01;', true],
  ['// maxDepth = 6 was too deep', false], ["const msg = 'learning_rate = 0.1 diverged';", false], ['const m = sum(a, { axis: 1 });', false],
  ['const timeout = 30;', false], ['const params2 = { maxDepth: depth };', false], ['const s = `maxDepth=${d}`;', false], ['const total = count + 1;', false],
];
const expected = new Set<string>();
let lcg = 7; // the generator's state
const rand = (n: number) => { lcg = (lcg * 1103515245 + 12345) % 2147483648; return Math.floor((lcg / 2147483648) * n); };
for (let f = 0; f < FILES; f++) {
  const isPy = f % 2 === 0;
  const rel = `${isPy ? 'python' : 'typescript'}/pkg${f % 20}/mod${f}.${isPy ? 'py' : 'ts'}`;
  mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
  const lines: string[] = [];
  for (let i = 0; i < 200; i++) {
    const pool = isPy ? py : ts;
    const [line, bad] = pool[rand(pool.length)];
    // Python bodies need a def around indented lines and parameter defaults need a body.
    if (isPy && line.startsWith('def ')) { lines.push(line, '    return X'); if (bad) expected.add(`${rel}|${lines.length - 1}|HP001|x`); i++; continue; }
    if (isPy && line.startsWith('    ')) { lines.push('class C:', line); if (bad) expected.add(`${rel}|${lines.length}|HP001|x`); i++; continue; }
    lines.push(line);
    if (bad) expected.add(`${rel}|${lines.length}|HP001|x`);
  }
  writeFileSync(path.join(dir, rel), lines.join('\n') + '\n');
}
await compare(`generated tree (${FILES} files)`, dir, expected);
rmSync(dir, { recursive: true, force: true });

// Real code at scale: the installed training libraries in .venv, as whole processes (start-up included), the gate
// beside Ruff's syntax-error check (`ruff check --select E9`) on the same tree in the same run: a tree of about
// 120,000 lines (the issue's size: the libraries but sklearn, with sklearn's ensemble and tree) and all of them.
{
  const { spawnSync } = await import('node:child_process');
  const { existsSync, readdirSync, readFileSync } = await import('node:fs');
  const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
  const sp = path.join(root, '.venv', 'lib');
  const site = existsSync(sp) ? path.join(sp, readdirSync(sp).find((d) => d.startsWith('python'))!, 'site-packages') : '';
  const cfg = path.join(mkdtempSync(path.join(tmpdir(), 'hpconf-lint-venv-')), 'cfg.json');
  writeFileSync(cfg, JSON.stringify({ respectGitignore: false, defaultExcludes: false }));
  const bin = path.join(root, 'bin', 'hpconf.js');
  const ruffBin = path.join(root, '.venv', 'bin', 'ruff');
  const runs = 5;
  const all = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? all(path.join(d, e.name)) : e.name.endsWith('.py') ? [path.join(d, e.name)] : []);
  /** Median wall time of each command, the commands interleaved run by run (so a burst of load hits all alike). */
  const time = (cmds: Record<string, [string, string[], Record<string, string>?]>) => {
    const ms: Record<string, number[]> = {};
    const out: Record<string, string> = {};
    for (let i = 0; i < runs; i++) {
      for (const [k, [cmd, args, env]] of Object.entries(cmds)) {
        const t = performance.now();
        const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
        (ms[k] ??= []).push(performance.now() - t);
        out[k] = r.stdout + r.stderr;
      }
    }
    return Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, { ms: v.sort((a, b) => a - b)[Math.floor(runs / 2)], out: out[k] }]));
  };
  for (const [label, parts] of [['about 120,000 lines', ['xgboost', 'lightgbm', 'catboost', 'optuna', 'sklearn/ensemble', 'sklearn/tree']], ['all', ['xgboost', 'lightgbm', 'catboost', 'optuna', 'sklearn']]] as const) {
    const tree = parts.map((p) => path.join(site, p)).filter((p) => site && existsSync(p));
    if (tree.length < parts.length) { console.log('.venv tree: not installed (bash scripts/python-env.sh)'); break; }
    const lines = tree.flatMap(all).reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length, 0);
    const gateArgs = [bin, 'lint', ...tree, '--config', cfg, '--mode', 'warn'];
    const r = time({
      gate: [process.execPath, gateArgs],
      // On two threads (src/lint/lint-pool.ts; one is the default below 4 cores).
      pool: [process.execPath, gateArgs, { HPCONF_LINT_THREADS: '2' }],
      ...(existsSync(ruffBin) ? { ruff: [ruffBin, ['check', '--select', 'E9', '--no-cache', '--isolated', '--exit-zero', ...tree]] } : {}),
      node: [process.execPath, ['-e', '0']],
    });
    const counted = Number(/in \d+ file\(s\), (\d+) lines/.exec(r.gate.out)?.[1] ?? lines);
    console.log(`.venv tree, ${label} (${parts.join(', ')}): ${counted.toLocaleString('en')} lines of Python; whole processes, median of ${runs}, interleaved`);
    console.log(`  hpconf lint            ${(counted / r.gate.ms * 1000).toFixed(0).padStart(9)} lines/s (${r.gate.ms.toFixed(0)} ms, start-up included; node -e 0 takes ${r.node.ms.toFixed(0)} ms)`);
    console.log(`  hpconf lint, 2 threads ${(counted / r.pool.ms * 1000).toFixed(0).padStart(9)} lines/s (${r.pool.ms.toFixed(0)} ms, HPCONF_LINT_THREADS=2: ${(r.pool.ms / r.gate.ms).toFixed(2)}x one thread's time)`);
    if (r.ruff) console.log(`  ruff check --select E9 ${(counted / r.ruff.ms * 1000).toFixed(0).padStart(9)} lines/s (${r.ruff.ms.toFixed(0)} ms); hpconf takes ${(r.gate.ms / r.ruff.ms).toFixed(1)}x Ruff's time (aim: within 5x) -> ${r.gate.ms / r.ruff.ms <= 5 ? 'met' : 'NOT met'}`);
    else console.log('  ruff: not installed (python/requirements.lock pins it)');
  }
}
