import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { HpconfError } from '../errors/registry.js';
import { readJson } from '../catalog/load.js';
import { applyBaseline, type Baseline, type StaleEntry } from './baseline.js';
import { defaults, discoverer, type LintConfig } from './config.js';
import { RULES } from './rules.js';
import { scannerFor } from './scanners.js';
import { scopedNames } from './names.js';
import { triggersOf } from './triggers.js';
import type { Catalog } from '../catalog/types.js';
import { lintThreads, POOL_AVAILABLE, POOL_MIN_BYTES, scanInPool } from './lint-pool.js';
import type { Finding, NameMatcher, RuleId, ScanResult, Scanner, Suppression } from './types.js';
import { defaultExcluded, GitIgnores, walk, type Skipped } from './walk.js';

export type { LintConfig } from './config.js';
export { loadConfigFile as loadConfig } from './config.js';
/** A plain configuration (allow/exclude globs relative to the linted root), as tests and benches pass it. */
export type PlainConfig = Partial<Omit<LintConfig, 'dir'>>;
export const DEFAULT_CONFIG: PlainConfig = {};

export interface LintResult {
  files: number;
  lines: number;
  /** What fails the gate: new findings, unparsable files, suppressions without a reason, unknown or unused. */
  findings: Finding[];
  suppressed: (Finding & { reason: string })[];
  baselined: Finding[];
  allowed: Finding[];
  /** Ignored by a per-path rule of the configuration. */
  ignored: Finding[];
  /** Baseline entries no finding matched any more (`--prune-baseline` drops them). */
  stale: StaleEntry[];
  /** Paths passed over: broken links, link loops, unreadable directories. */
  skipped: Skipped[];
  /** Each finding's path relative to its configuration (what a baseline records). */
  baselinePath: Map<Finding, string>;
}

export interface LintOptions {
  /** Report paths relative to this directory. */
  root: string;
  names: NameMatcher;
  /** One configuration for every file (as `--config` gives); otherwise each file's nearest one is discovered. */
  config?: LintConfig | PlainConfig;
  /** Override the configuration's baseline (a parsed file), or `null` for none. */
  baseline?: Baseline | null;
  /** Lint tests, virtual environments and installed packages too. */
  noDefaultExcludes?: boolean;
  /**
   * The baseline file named on the command line (--baseline, --write-baseline). Files under no
   * configuration file keep their baseline paths relative to its folder, so a run from any
   * subfolder matches the same entries.
   */
  baselineFile?: string;
  /** Parse every file and inspect every node, as before triggers.ts: what the filtered run is tested against. */
  exhaustive?: boolean;
}

const KNOWN = new Set(Object.keys(RULES));

/** Lines `from`..`to` are one logical line joined by backslashes: a directive at its end covers all of it. */
function continued(lines: string[], from: number, to: number): boolean {
  if (to <= from || to - from > 50) return false;
  for (let l = from; l < to; l++) if (!/\\\r?$/.test(lines[l - 1] ?? '')) return false;
  return true;
}
const toPosix = (p: string) => p.split(path.sep).join('/');
/** What source.split('\n').length counts, without the array. */
function lineCount(source: string): number {
  let n = 1;
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) n++;
  return n;
}

interface Compiled { cfg: LintConfig; names: NameMatcher; allowed: (p: string) => boolean; excluded: (p: string) => boolean; included: (p: string) => boolean; ignores: [(p: string) => boolean, string[]][] }

function compile(cfg: LintConfig, names: NameMatcher): Compiled {
  const m = (globs: string[]) => (globs.length ? picomatch(globs, { dot: true }) : () => false);
  return { cfg, names: scopedNames(names, cfg.generic), allowed: m(cfg.allow), excluded: m(cfg.exclude), included: m(cfg.include), ignores: Object.entries(cfg.perPathIgnores).map(([g, rules]) => [picomatch(g, { dot: true }), rules]) };
}

/** Each file's scan, in order: on worker threads for a large tree (lint-pool.ts), else here. */
async function scanAll(todo: { scanner: Scanner; c: Compiled; relReport: string; source: string }[], o: LintOptions): Promise<ScanResult[]> {
  const file = (o.names as { file?: Catalog['file'] }).file;
  const threads = lintThreads();
  const bytes = todo.reduce((n, t) => n + t.source.length, 0);
  if (POOL_AVAILABLE && file && threads > 1 && bytes >= POOL_MIN_BYTES) {
    const got = await scanInPool(todo.map((t, id) => ({ id, path: t.relReport, source: t.source, generic: t.c.cfg.generic, exhaustive: o.exhaustive })), file, threads,
      (j) => todo[j.id].scanner.scan(j.path, j.source, todo[j.id].c.names, { exhaustive: o.exhaustive }));
    return todo.map((_, id) => got.get(id)!);
  }
  const out: ScanResult[] = [];
  for (const t of todo) out.push(await t.scanner.scan(t.relReport, t.source, t.c.names, { exhaustive: o.exhaustive }));
  return out;
}

/**
 * Scan paths with the scanner of each file's language, each file under its nearest configuration; then apply
 * suppressions (inline and file-level), allow-lists, per-path ignores and the baseline of that configuration.
 */
export async function lint(paths: string[], o: LintOptions): Promise<LintResult> {
  const forced = o.config ? ('dir' in o.config && o.config.dir ? o.config as LintConfig : { ...defaults(o.root), ...o.config, dir: o.root } as LintConfig) : undefined;
  const discover = discoverer();
  const compiled = new Map<LintConfig, Compiled>();
  // One default configuration for the run: files without a config file form one group (one baseline).
  const fallback = defaults(o.baselineFile ? path.dirname(o.baselineFile) : o.root);
  const configFor = (dir: string): Compiled => {
    const cfg = forced ?? discover(dir) ?? fallback;
    let c = compiled.get(cfg);
    if (!c) compiled.set(cfg, (c = compile(cfg, o.names)));
    return c;
  };
  const git = new GitIgnores();
  const roots = paths.map((p) => path.resolve(o.root, p));
  for (const [i, abs] of roots.entries()) if (!existsSync(abs)) throw new HpconfError('HPC_USAGE', { details: `no such file or directory: ${paths[i]}` });
  const explicit = new Set(roots);

  /** Why a path is not linted (undefined: it is). Paths named on the command line are always linted. */
  const skip = (abs: string, isDir: boolean): string | undefined => {
    if (explicit.has(abs)) return undefined;
    const c = configFor(isDir ? abs : path.dirname(abs));
    const rel = toPosix(path.relative(c.cfg.dir, abs));
    if (rel.startsWith('..')) return undefined;
    if (c.excluded(rel) || (isDir && c.excluded(rel + '/'))) return 'excluded by the configuration';
    if (c.cfg.respectGitignore && git.ignored(abs, isDir)) return '.gitignore';
    if (c.cfg.defaultExcludes && !o.noDefaultExcludes) {
      const why = defaultExcluded(rel, isDir);
      if (why && !c.included(rel)) {
        // Directories of tests are entered (an include glob may want a file inside); heavy ones are pruned.
        if (!isDir || !why.startsWith('tests') && !c.cfg.include.some((g) => g.includes(path.basename(abs)))) return why;
      }
      if (isDir && existsSync(path.join(abs, 'pyvenv.cfg')) && !c.cfg.include.some((g) => g.includes(path.basename(abs)))) return 'a virtual environment (pyvenv.cfg)';
    }
    return undefined;
  };

  const { files, skipped } = walk(roots, skip);
  const res: LintResult = { files: 0, lines: 0, findings: [], suppressed: [], baselined: [], allowed: [], ignored: [], stale: [], skipped, baselinePath: new Map() };
  const byConfig = new Map<LintConfig, Finding[]>();
  const linted = new Map<LintConfig, Set<string>>();
  const todo: { scanner: Scanner; c: Compiled; relReport: string; relCfg: string; source: string }[] = [];
  for (const abs of files) {
    const scanner = scannerFor(abs);
    if (!scanner) continue;
    const c = configFor(path.dirname(abs));
    const relReport = toPosix(path.relative(o.root, abs));
    const relCfg = toPosix(path.relative(c.cfg.dir, abs));
    let source: string;
    try { source = readFileSync(abs, 'utf8'); } catch (e) { skipped.push({ path: abs, reason: `unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})` }); continue; }
    res.files++;
    // A file with no trigger (a name, a directive) holds no finding: it is not parsed (triggers.ts). Notebooks
    // count the lines of their code cells, so they are always read.
    const triggers = o.exhaustive || scanner.language === 'notebook' ? undefined : triggersOf(c.names);
    if (triggers && !triggers.any(source)) { res.lines += lineCount(source); continue; }
    todo.push({ scanner, c, relReport, relCfg, source });
  }
  const scanned = await scanAll(todo, o);
  for (const [i, { scanner, c, relReport, relCfg, source }] of todo.entries()) {
    const r = scanned[i];
    const lines = source.split('\n');
    res.lines += r.lines ?? lines.length;
    const all: Finding[] = [];
    const at = (f: Finding) => { f.snippet ??= (lines[f.line - 1] ?? '').trim().slice(0, 200); return f; };
    for (const e of [...(r.parseError ? [r.parseError] : []), ...(r.parseErrors ?? [])]) {
      all.push({ rule: 'HP003', path: relReport, line: e.line, col: e.col, endLine: e.line, endCol: e.col, name: '', literal: '', via: 'parser',
        message: e.cell ? `python parser: ${e.message}; cell ${e.cell} cannot be checked` : `${scanner.language} parser: ${e.message}; the file cannot be checked`, ...(e.cell ? { cell: e.cell, ...(e.fileLine ? { fileLine: e.fileLine } : {}) } : {}) });
    }
    const meta = (s: Suppression, rule: RuleId, message: string): Finding =>
      ({ rule, path: relReport, line: s.line, col: 1, endLine: s.line, endCol: 1, name: '', literal: '', via: 'comment', message, ...(s.cell ? { cell: s.cell } : {}) });
    const usable: Suppression[] = [];
    for (const s of r.suppressions) {
      const unknown = s.rules.filter((id) => !KNOWN.has(id));
      const kind = s.scope === 'file' ? 'ignore-file' : 'ignore';
      if (unknown.length || !s.rules.length) all.push(meta(s, 'HP005', `hpconf: ${kind}[${s.rules.join(',')}] names ${s.rules.length ? `unknown rule id(s) ${unknown.join(', ')}` : 'no rule'}; known: ${[...KNOWN].join(', ')}`));
      if (!s.reason) all.push(meta(s, 'HP004', `hpconf: ${kind}[${s.rules.join(',')}] needs a reason after it; the suppression does not apply`));
      else usable.push(s);
    }
    const used = new Set<Suppression>();
    for (const f0 of r.findings) {
      const f = at(f0);
      const s = usable.find((x) => x.rules.includes(f.rule) && (x.scope === 'file' || (x.cell === f.cell && (x.line === f.line || (!f.cell && continued(lines, f.line, x.line))))));
      if (s) { used.add(s); res.suppressed.push({ ...f, reason: s.reason }); continue; }
      if (c.allowed(relCfg)) { res.allowed.push(f); continue; }
      const ig = c.ignores.find(([m, rules]) => m(relCfg) && rules.includes(f.rule));
      if (ig) { res.ignored.push(f); continue; }
      all.push(f);
    }
    for (const s of usable) {
      if (!used.has(s) && s.rules.every((id) => KNOWN.has(id)) && !c.allowed(relCfg)) {
        all.push(meta(s, 'HP006', `hpconf: ${s.scope === 'file' ? 'ignore-file' : 'ignore'}[${s.rules.join(',')}] matches no finding${s.scope === 'file' ? ' in this file' : ' on this line'}; remove it`));
      }
    }
    for (const f of all) f.pathInConfig = relCfg;
    if (!linted.has(c.cfg)) linted.set(c.cfg, new Set());
    linted.get(c.cfg)!.add(relCfg);
    const list = byConfig.get(c.cfg) ?? [];
    list.push(...all);
    byConfig.set(c.cfg, list);
  }
  // The baseline of each configuration, keyed by paths relative to it (so it holds wherever the gate is run from).
  for (const [cfg, found] of byConfig) {
    let b: Baseline | undefined;
    if (o.baseline !== undefined) b = o.baseline ?? undefined;
    else if (cfg.baseline) {
      const file = path.resolve(cfg.dir, cfg.baseline);
      b = existsSync(file) ? readJson(file) as Baseline : undefined;
    }
    const mine = linted.get(cfg) ?? new Set<string>();
    // An entry is this run's business when its file was linted, or is gone from a path the run walked (deleted or renamed).
    const inScope = (p: string) => {
      if (mine.has(p)) return true;
      const abs = path.resolve(cfg.dir, p);
      return !existsSync(abs) && roots.some((r) => abs === r || abs.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
    };
    const { fresh, known, stale } = applyBaseline(found, b, mine, inScope);
    res.findings.push(...fresh);
    res.baselined.push(...known);
    res.stale.push(...stale);
  }
  for (const f of [...res.findings, ...res.baselined]) {
    res.baselinePath.set(f, f.pathInConfig ?? f.path);
    delete f.pathInConfig;
  }
  return res;
}
