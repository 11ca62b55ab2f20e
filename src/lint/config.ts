import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { HpconfError } from '../errors/registry.js';

/**
 * The gate's configuration: `.hpconf-lint.json`, or a `[tool.hpconf.lint]` table in `pyproject.toml`, found like
 * Ruff finds its own: the nearest one walking up from each linted file. Every path in it is relative to the
 * directory that holds it.
 */
export interface LintConfig {
  /** The directory the paths below are relative to. */
  dir: string;
  /** The file it came from (undefined: the defaults). */
  file?: string;
  /** Globs where literals are allowed: the resolver modules. */
  allow: string[];
  /** Globs never scanned. */
  exclude: string[];
  /** Globs scanned even though the default excludes (tests, virtual environments, installed packages) would skip them. */
  include: string[];
  /** Globs -> rules ignored there, with the reason kept in the config ("scripts/**": ["HP001"]). */
  perPathIgnores: Record<string, string[]>;
  /** Skip tests, virtual environments and installed packages (default true). */
  defaultExcludes: boolean;
  /** Honour .gitignore files (default true). */
  respectGitignore: boolean;
  baseline?: string;
  /** Generic names (seed, alpha, gamma, ...) flagged everywhere, not only where they configure a model: name -> true. */
  generic: Record<string, boolean>;
}

const KEYS: Record<string, keyof LintConfig> = {
  allow: 'allow', exclude: 'exclude', include: 'include', baseline: 'baseline', generic: 'generic',
  perPathIgnores: 'perPathIgnores', 'per-path-ignores': 'perPathIgnores',
  defaultExcludes: 'defaultExcludes', 'default-excludes': 'defaultExcludes',
  respectGitignore: 'respectGitignore', 'respect-gitignore': 'respectGitignore',
};

export function defaults(dir: string): LintConfig {
  return { dir, allow: [], exclude: [], include: [], perPathIgnores: {}, defaultExcludes: true, respectGitignore: true, generic: {} };
}

/** Check a raw table key by key: an unknown or mistyped key is an error naming the file, never a silent default. */
export function fromRaw(raw: unknown, dir: string, file: string): LintConfig {
  const bad = (details: string) => new HpconfError('HPC_FILE_INVALID', { path: file, details });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('expected a table of settings');
  const c = defaults(dir);
  c.file = file;
  const strings = (k: string, v: unknown) => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw bad(`${k} must be a list of globs`);
    return v as string[];
  };
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (k === '$comment') continue;
    const key = KEYS[k];
    if (!key) throw bad(`unknown setting "${k}"; known: ${[...new Set(Object.keys(KEYS).filter((x) => !x.includes('-')))].join(', ')}`);
    if (key === 'allow' || key === 'exclude' || key === 'include') c[key] = strings(k, v);
    else if (key === 'baseline') { if (typeof v !== 'string') throw bad('baseline must be a path'); c.baseline = v; }
    else if (key === 'defaultExcludes' || key === 'respectGitignore') { if (typeof v !== 'boolean') throw bad(`${k} must be true or false`); c[key] = v; }
    else if (key === 'perPathIgnores') {
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw bad(`${k} must map globs to lists of rule ids`);
      c.perPathIgnores = Object.fromEntries(Object.entries(v).map(([g, rules]) => [g, strings(`${k}."${g}"`, rules)]));
    } else if (key === 'generic') {
      if (!v || typeof v !== 'object' || Array.isArray(v) || !Object.values(v).every((x) => typeof x === 'boolean')) throw bad(`${k} must map names to true or false`);
      c.generic = v as Record<string, boolean>;
    }
  }
  return c;
}

/** A config file: `.hpconf-lint.json` (or any JSON), or `pyproject.toml` (its `[tool.hpconf.lint]` table). */
export function loadConfigFile(file: string): LintConfig | undefined {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new HpconfError('HPC_FILE_INVALID', { path: file, details: (e as Error).message }); }
  const dir = path.dirname(file);
  if (path.basename(file) === 'pyproject.toml') {
    let doc: Record<string, unknown>;
    try { doc = parseToml(text) as Record<string, unknown>; } catch (e) { throw new HpconfError('HPC_FILE_INVALID', { path: file, details: (e as Error).message }); }
    const table = ((doc.tool as Record<string, unknown> | undefined)?.hpconf as Record<string, unknown> | undefined)?.lint;
    return table === undefined ? undefined : fromRaw(table, dir, file);
  }
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (e) { throw new HpconfError('HPC_FILE_INVALID', { path: file, details: (e as Error).message }); }
  return fromRaw(raw, dir, file);
}

export const CONFIG_FILE = '.hpconf-lint.json';

/** The nearest configuration walking up from `dir` (a pyproject.toml without the table does not count), cached per directory. */
export function discoverer(): (dir: string) => LintConfig | undefined {
  const cache = new Map<string, LintConfig | undefined>();
  const find = (dir: string): LintConfig | undefined => {
    if (cache.has(dir)) return cache.get(dir);
    let found: LintConfig | undefined;
    const json = path.join(dir, CONFIG_FILE);
    const toml = path.join(dir, 'pyproject.toml');
    if (existsSync(json)) found = loadConfigFile(json);
    else if (existsSync(toml)) found = loadConfigFile(toml);
    if (!found) {
      const up = path.dirname(dir);
      found = up === dir ? undefined : find(up);
    }
    cache.set(dir, found);
    return found;
  };
  return find;
}
