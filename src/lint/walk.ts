import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * What the gate skips unless told otherwise (config `defaultExcludes: false`, `include` globs, or `--no-default-excludes`):
 * version control, caches, virtual environments and installed packages (Ruff's list and a few more), and tests
 * (Semgrep skips them too: a library's test suite is full of deliberate literals).
 */
export const DEFAULT_EXCLUDED_DIRS = new Set([
  '.bzr', '.direnv', '.eggs', '.git', '.git-rewrite', '.hg', '.ipynb_checkpoints', '.mypy_cache', '.nox', '.pants.d', '.pyenv', '.pytest_cache',
  '.pytype', '.ruff_cache', '.svn', '.tox', '.venv', '.vscode', '__pypackages__', '_build', 'buck-out', 'dist', 'node_modules', 'site-packages',
  'dist-packages', 'venv', '__pycache__', 'build', '.hpconf',
]);
export const TEST_DIRS = new Set(['test', 'tests', 'testing', '__tests__']);
const TEST_FILE = /(^test_.*\.py$|_test\.py$|^conftest\.py$|\.(test|spec)\.[cm]?[jt]sx?$)/;

/** Why a default exclude applies to a path relative to a config directory (undefined: it does not). */
export function defaultExcluded(rel: string, isDir: boolean): string | undefined {
  const parts = rel.split('/');
  for (const [i, p] of parts.entries()) {
    const dirPart = i < parts.length - 1 || isDir;
    if (dirPart && DEFAULT_EXCLUDED_DIRS.has(p)) return `default exclude ${p}/`;
    if (dirPart && TEST_DIRS.has(p)) return `tests (${p}/)`;
  }
  if (!isDir && TEST_FILE.test(parts[parts.length - 1])) return 'tests (file name)';
  return undefined;
}

export interface Skipped { path: string; reason: string }

/** .gitignore files from the walk's directories and their ancestors up to the repository root, each scoped to its directory. */
export class GitIgnores {
  private readonly byDir = new Map<string, Ignore | null>();
  private readonly roots = new Map<string, string>();

  private rules(dir: string): Ignore | null {
    if (this.byDir.has(dir)) return this.byDir.get(dir)!;
    const f = path.join(dir, '.gitignore');
    let ig: Ignore | null = null;
    try { if (existsSync(f)) ig = ignore().add(readFileSync(f, 'utf8')); } catch { ig = null; }
    this.byDir.set(dir, ig);
    return ig;
  }

  /** The repository root above `dir` (a directory holding .git), or the filesystem root. */
  private repo(dir: string): string {
    const hit = this.roots.get(dir);
    if (hit) return hit;
    const up = path.dirname(dir);
    const r = existsSync(path.join(dir, '.git')) || up === dir ? dir : this.repo(up);
    this.roots.set(dir, r);
    return r;
  }

  ignored(abs: string, isDir: boolean): boolean {
    const root = this.repo(path.dirname(abs));
    for (let d = path.dirname(abs); ; d = path.dirname(d)) {
      const ig = this.rules(d);
      if (ig) {
        const rel = path.relative(d, abs).split(path.sep).join('/');
        if (rel && ig.ignores(isDir ? rel + '/' : rel)) return true;
      }
      if (d === root || path.dirname(d) === d) return false;
    }
  }
}

/**
 * Every file under the given paths, depth first, sorted. Never aborts: a broken link, a link loop or an unreadable
 * directory is reported in `skipped` and passed over. `skip(abs, isDir)` prunes what the configuration excludes.
 */
export function walk(roots: string[], skip: (abs: string, isDir: boolean) => string | undefined): { files: string[]; skipped: Skipped[] } {
  const files: string[] = [];
  const skipped: Skipped[] = [];
  const seen = new Set<string>();
  const visit = (abs: string, entry?: Dirent) => {
    let isDir: boolean;
    if (entry && !entry.isSymbolicLink()) isDir = entry.isDirectory();
    else {
      try { isDir = statSync(abs).isDirectory(); } catch (e) {
        skipped.push({ path: abs, reason: (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'symbolic link loop' : `broken link or unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
        return;
      }
    }
    if (!isDir) { files.push(abs); return; }
    let real: string;
    try { real = realpathSync(abs); } catch { skipped.push({ path: abs, reason: 'unresolvable path' }); return; }
    if (seen.has(real)) { skipped.push({ path: abs, reason: `already walked as ${real} (a link back into the tree)` }); return; }
    seen.add(real);
    let entries: Dirent[];
    try { entries = readdirSync(abs, { withFileTypes: true }); } catch (e) { skipped.push({ path: abs, reason: `unreadable directory (${(e as NodeJS.ErrnoException).code ?? 'error'})` }); return; }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = path.join(abs, e.name);
      const childIsDir = e.isDirectory() || (e.isSymbolicLink() && isDirSafe(child));
      if (skip(child, childIsDir)) continue;
      visit(child, e);
    }
  };
  for (const r of roots) visit(r);
  return { files, skipped };
}

function isDirSafe(p: string): boolean {
  try { return statSync(p).isDirectory(); } catch { return false; }
}
