import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from './types.js';

/**
 * `hpconf lint --add-noqa REASON`: a reasoned suppression at the end of the line of every HP001/HP002 finding,
 * the adoption path (suppress today's literals, fail on every new one). Lines that cannot take a trailing comment
 * safely (a backslash continuation, a notebook cell, a line already carrying a suppression) are left alone.
 */
export function addNoqa(root: string, findings: Finding[], reason: string): { files: number; comments: number; findings: number; skipped: number } {
  const byFile = new Map<string, Finding[]>();
  let skipped = 0;
  for (const f of findings) {
    if ((f.rule !== 'HP001' && f.rule !== 'HP002') || f.cell) { skipped++; continue; }
    byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
  }
  const clean = reason.replace(/[\r\n]+/g, ' ').trim();
  let files = 0, comments = 0, done = 0;
  for (const [rel, fs] of byFile) {
    const file = path.resolve(root, rel);
    const py = /\.pyi?$/.test(file);
    const lines = readFileSync(file, 'utf8').split('\n');
    const rulesByLine = new Map<number, Set<string>>();
    for (const f of fs) rulesByLine.set(f.line, (rulesByLine.get(f.line) ?? new Set()).add(f.rule));
    let changed = false;
    for (const [line, rules] of rulesByLine) {
      const text = lines[line - 1] ?? '';
      const n = fs.filter((f) => f.line === line).length;
      if (/\\\s*$/.test(text) || /hpconf:\s*ignore/.test(text)) { skipped += n; continue; }
      const eol = text.endsWith('\r') ? '\r' : '';
      lines[line - 1] = `${text.slice(0, text.length - eol.length)}  ${py ? '#' : '//'} hpconf: ignore[${[...rules].sort().join(',')}] ${clean}${eol}`;
      comments++; done += n; changed = true;
    }
    if (changed) { writeFileSync(file, lines.join('\n')); files++; }
  }
  return { files, comments, findings: done, skipped };
}
