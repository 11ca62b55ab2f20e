import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from './types.js';

/**
 * `hpconf lint --add-noqa REASON`: a reasoned suppression at the end of the line of every HP001/HP002 finding,
 * the adoption path (suppress today's literals, fail on every new one). Lines that cannot take a trailing comment
 * safely (a backslash continuation, a line already carrying a suppression) are left alone; notebook cells get theirs in the cell.
 */
export function addNoqa(root: string, findings: Finding[], reason: string): { files: number; comments: number; findings: number; skipped: number } {
  const byFile = new Map<string, Finding[]>();
  let skipped = 0;
  for (const f of findings) {
    if (f.rule !== 'HP001' && f.rule !== 'HP002') { skipped++; continue; }
    byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
  }
  const clean = reason.replace(/[\r\n]+/g, ' ').trim();
  let files = 0, comments = 0, done = 0;
  /** Suppress the findings of one piece of source (a file, or a notebook cell); false when nothing changed. */
  const annotate = (lines: string[], fs: Finding[], marker: string): boolean => {
    const rulesByLine = new Map<number, Set<string>>();
    for (const f of fs) rulesByLine.set(f.line, (rulesByLine.get(f.line) ?? new Set()).add(f.rule));
    let changed = false;
    // A line continued with a backslash cannot end in a comment: the directive goes at the end of the logical line.
    const end = (line: number) => { let l = line; while (l < lines.length && /\\\r?\n?$/.test(lines[l - 1] ?? '') && l - line < 50) l++; return l; };
    const moved = new Map<number, Set<string>>();
    for (const [line, rules] of rulesByLine) { const e = end(line); moved.set(e, new Set([...(moved.get(e) ?? []), ...rules])); }
    for (const [line, rules] of moved) {
      const text = lines[line - 1] ?? '';
      const n = fs.filter((f) => end(f.line) === line).length;
      if (/\\\s*$/.test(text) || /hpconf:\s*ignore/.test(text)) { skipped += n; continue; }
      const eol = /\r?\n?$/.exec(text)![0];
      // At the end of the line, after any comment already there (read as `# note  # hpconf: ...`, as Ruff reads noqa).
      lines[line - 1] = `${text.slice(0, text.length - eol.length)}  ${marker} hpconf: ignore[${[...rules].sort().join(',')}] ${clean}${eol}`;
      comments++; done += n; changed = true;
    }
    return changed;
  };
  for (const [rel, fs] of byFile) {
    const file = path.resolve(root, rel);
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.ipynb')) {
      if (addToNotebook(file, text, fs, annotate)) files++;
      continue;
    }
    const lines = text.split('\n');
    if (annotate(lines, fs, /\.pyi?$/.test(file) ? '#' : '//')) { writeFileSync(file, lines.join('\n')); files++; }
  }
  return { files, comments, findings: done, skipped };
}

/**
 * A notebook: each finding's cell (1-based over all cells) gets the directive on its line. The cell's source keeps its
 * form (a list of lines or one string), and the file its indentation, so the diff shows only the new comments.
 */
function addToNotebook(file: string, text: string, fs: Finding[], annotate: (lines: string[], fs: Finding[], marker: string) => boolean): boolean {
  const nb = JSON.parse(text) as { cells: { source?: string | string[] }[] };
  let changed = false;
  const byCell = new Map<number, Finding[]>();
  for (const f of fs) if (f.cell) byCell.set(f.cell, [...(byCell.get(f.cell) ?? []), f]);
  for (const [n, cfs] of byCell) {
    const cell = nb.cells[n - 1];
    if (!cell) continue;
    const asList = Array.isArray(cell.source);
    const lines = asList ? [...cell.source as string[]] : String(cell.source ?? '').split(/(?<=\n)/);
    if (!annotate(lines, cfs, '#')) continue;
    cell.source = asList ? lines : lines.join('');
    changed = true;
  }
  if (changed) {
    const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? ' ';
    writeFileSync(file, JSON.stringify(nb, null, indent) + (text.endsWith('\n') ? '\n' : ''));
  }
  return changed;
}
