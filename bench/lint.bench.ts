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

/** Line-level labels: a line counts as a violation if anything on it is labelled (HP003/HP004 aside). */
function lineLabels(expected: Set<string>): Set<string> {
  return new Set([...expected].map((k) => k.split('|')).filter(([, line, rule]) => line !== '*' && rule !== 'HP004').map(([p, line]) => `${p}|${line}`));
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
  const gateLines = new Set(r.findings.filter((f) => f.rule === 'HP001' || f.rule === 'HP002').map((f) => `${f.path}|${f.line}`));
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
