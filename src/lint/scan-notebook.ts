import jsonc from 'jsonc-parser';
import { EXTENSIONS } from './languages.js';
import { lineIndex } from './common.js';
import { pythonScanner } from './scan-python.js';
import type { Finding, ScanResult, Scanner, Suppression } from './types.js';

/** IPython lines that are not Python: magics (%, %%), shell escapes (!), help (?x, x?). Blanked so line numbers hold. */
const MAGIC = /^\s*(%|!|\?)|^\s*[\w.]+\?\??\s*$/;
/**
 * IPython's automagic: `cd ..`, `ls *.csv`, `pip install xgboost` run as shell commands without a `%`. Such a line is
 * blanked unless what follows the name makes it Python (`ls = [...]`, `cd(x)`, `time.sleep(1)`, `env, x = ...`).
 */
const AUTOMAGIC = /^\s*(?:cd|ls|pwd|pip|conda|cat|mkdir|rmdir|rm|cp|mv|ll|env|who|whos|reset|history|clear|less|more|man|alias|load_ext|reload_ext|run|mamba|pushd|popd|dirs|bookmark|pycat|psource|pdoc|pinfo)\b(?!\.|\s*(?:[=(\[,:)\]]|[-+*/%&|^<>@]=|==|$))/;
/** Cell magics whose body is still Python (timed, captured, profiled): the body is checked; any other makes the cell another language. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'memit', 'mprun', 'px', 'autoreload']);

interface Cell { cell_type?: string; source?: string | string[] }

/**
 * Jupyter notebooks: every code cell scanned as Python by the Python scanner, findings and suppressions tagged
 * with their cell (1-based, counting every cell) and the line within it. A language cell magic (%%bash, %%sql) makes the
 * whole cell not Python, %%time and the like do not; a cell that does not parse is HP003 for that cell, and the other
 * cells are still checked.
 */
export const notebookScanner: Scanner = {
  language: 'notebook',
  extensions: [...EXTENSIONS.notebook],
  async scan(path, source, names, o): Promise<ScanResult> {
    let nb: { cells?: Cell[]; metadata?: { kernelspec?: { language?: string }; language_info?: { name?: string } } };
    try { nb = JSON.parse(source); } catch (e) {
      return { findings: [], suppressions: [], parseError: { line: 1, col: 1, message: `not a notebook (invalid JSON: ${(e as Error).message})` }, lines: 0 };
    }
    const lang = (nb.metadata?.language_info?.name ?? nb.metadata?.kernelspec?.language ?? 'python').toLowerCase();
    if (lang !== 'python' || !Array.isArray(nb.cells)) return { findings: [], suppressions: [], lines: 0 };
    const fileLineOf = jsonLines(source);
    const findings: Finding[] = [];
    const suppressions: Suppression[] = [];
    const parseErrors: NonNullable<ScanResult['parseErrors']> = [];
    let lines = 0;
    for (const [i, cell] of nb.cells.entries()) {
      if (cell.cell_type !== 'code') continue;
      const text = Array.isArray(cell.source) ? cell.source.join('') : (cell.source ?? '');
      const cellMagic = /^\s*%%(\w+)/.exec(text);
      if (cellMagic && !PYTHON_CELL_MAGICS.has(cellMagic[1])) continue; // %%bash, %%sql, %%writefile...: not Python
      const cellLines = text.split('\n');
      const code = cellLines.map((l) => (MAGIC.test(l) || AUTOMAGIC.test(l) ? '' : l)).join('\n');
      lines += cellLines.length;
      const r = await pythonScanner.scan(path, code, names, o);
      const n = i + 1;
      for (const f of r.findings) findings.push({ ...f, cell: n, fileLine: fileLineOf(i, cell.source, f.line), snippet: (cellLines[f.line - 1] ?? '').trim().slice(0, 200), message: f.message });
      for (const s of r.suppressions) suppressions.push({ ...s, cell: s.scope === 'file' ? undefined : n });
      if (r.parseError) parseErrors.push({ ...r.parseError, cell: n, fileLine: fileLineOf(i, cell.source, r.parseError.line) });
    }
    return { findings, suppressions, parseErrors, lines };
  },
};

/**
 * Where a cell's line sits in the notebook file: the JSON line of the source element holding the start of that
 * line (nbformat writes one element per line; a source given as one string is one JSON line).
 */
function jsonLines(text: string): (cell: number, src: Cell['source'], line: number) => number | undefined {
  let tree: jsonc.Node | undefined;
  let at: ((offset: number) => { line: number }) | undefined;
  return (cell, src, line) => {
    tree ??= jsonc.parseTree(text);
    at ??= lineIndex(text);
    if (!tree) return undefined;
    let element = 0;
    if (Array.isArray(src) && line > 1) {
      // Line `line` starts after the cell's (line-1)th newline: in the element holding it, or the next one
      // when that newline ends its element.
      let before = 0;
      for (let e = 0; e < src.length; e++) {
        const nl = (src[e].match(/\n/g) ?? []).length;
        if (before + nl >= line - 1) { element = before + nl === line - 1 && src[e].endsWith('\n') ? e + 1 : e; break; }
        before += nl;
      }
    }
    const node = jsonc.findNodeAtLocation(tree, Array.isArray(src) ? ['cells', cell, 'source', Math.min(element, src.length - 1)] : ['cells', cell, 'source']);
    return node ? at(node.offset).line : undefined;
  };
}
