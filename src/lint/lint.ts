import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { HpconfError } from '../errors/registry.js';
import { applyBaseline, type Baseline } from './baseline.js';
import { scannerFor } from './scanners.js';
import type { Finding, NameMatcher } from './types.js';

export interface LintConfig {
  /** Paths (globs, relative to the config) where literals are allowed: the resolver modules. */
  allow: string[];
  /** Paths never scanned (vendored code, test corpora). */
  exclude: string[];
  baseline?: string;
}
export const DEFAULT_CONFIG: LintConfig = { allow: [], exclude: [] };
const ALWAYS_SKIP = new Set(['node_modules', '.git', '.venv', 'venv', '__pycache__', 'dist', 'build', '.hpconf']);

export function loadConfig(file: string): LintConfig {
  let raw: Partial<LintConfig>;
  try { raw = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new HpconfError('HPC_FILE_INVALID', { path: file, details: (e as Error).message }); }
  return { allow: raw.allow ?? [], exclude: raw.exclude ?? [], baseline: raw.baseline };
}

export interface LintResult {
  files: number;
  lines: number;
  /** What fails the gate: new findings, unparsable files, suppressions without a reason. */
  findings: Finding[];
  suppressed: (Finding & { reason: string })[];
  baselined: Finding[];
  allowed: Finding[];
}

function walk(p: string, out: string[]) {
  const st = statSync(p);
  if (st.isFile()) { out.push(p); return; }
  for (const name of readdirSync(p).sort()) {
    if (ALWAYS_SKIP.has(name)) continue;
    walk(path.join(p, name), out);
  }
}

/** Scan paths with the scanner of each file's language, then apply suppressions, the allow-list and the baseline. */
export async function lint(paths: string[], o: { root: string; names: NameMatcher; config?: LintConfig; baseline?: Baseline }): Promise<LintResult> {
  const cfg = o.config ?? DEFAULT_CONFIG;
  const allowed = picomatch(cfg.allow.length ? cfg.allow : ['\0'], { dot: true });
  const excluded = picomatch(cfg.exclude.length ? cfg.exclude : ['\0'], { dot: true });
  const files: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(o.root, p);
    try { walk(abs, files); } catch { throw new HpconfError('HPC_USAGE', { details: `no such file or directory: ${p}` }); }
  }
  const res: LintResult = { files: 0, lines: 0, findings: [], suppressed: [], baselined: [], allowed: [] };
  const all: Finding[] = [];
  for (const abs of files) {
    const rel = path.relative(o.root, abs).split(path.sep).join('/');
    const scanner = scannerFor(abs);
    if (!scanner || excluded(rel)) continue;
    const source = readFileSync(abs, 'utf8');
    res.files++;
    res.lines += source.split('\n').length;
    const r = await scanner.scan(rel, source, o.names);
    if (r.findings.length) {
      const lines = source.split('\n');
      for (const f of r.findings) f.snippet = (lines[f.line - 1] ?? '').trim().slice(0, 200);
    }
    if (r.parseError) {
      all.push({ rule: 'HP003', path: rel, line: r.parseError.line, col: r.parseError.col, endLine: r.parseError.line, endCol: r.parseError.col,
        name: '', literal: '', via: 'parser', message: `${scanner.language} parser: ${r.parseError.message}; the file cannot be checked` });
    }
    const byLine = new Map(r.suppressions.map((s) => [s.line, s]));
    for (const s of r.suppressions) {
      if (!s.reason) all.push({ rule: 'HP004', path: rel, line: s.line, col: 1, endLine: s.line, endCol: 1, name: '', literal: '', via: 'comment',
        message: `hpconf: ignore[${s.rules.join(',')}] needs a reason after it; the suppression does not apply` });
    }
    for (const f of r.findings) {
      const s = byLine.get(f.line);
      if (s && s.reason && s.rules.includes(f.rule)) { res.suppressed.push({ ...f, reason: s.reason }); continue; }
      if (allowed(rel)) { res.allowed.push(f); continue; }
      all.push(f);
    }
  }
  const { fresh, known } = applyBaseline(all, o.baseline);
  res.findings = fresh;
  res.baselined = known;
  return res;
}
