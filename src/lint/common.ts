import type { Suppression } from './types.js';

/** Optuna's suggest calls (snake_case in Python, camelCase in a TypeScript port). */
export const SUGGEST = /^suggest_?(int|float|uniform|loguniform|discrete_?uniform|categorical)$/i;

/** At the start of the comment (after #, // or /*): a mention elsewhere in a comment, as in documentation, is not a directive. */
const SUPPRESS = /^[#/*\s]*hpconf:\s*ignore(-file)?\[([^\]]*)\]\s*(.*)$/s;

/** `hpconf: ignore[HP001] reason` (this line) or `hpconf: ignore-file[HP001] reason` (the whole file) in a comment's text. */
export function parseSuppression(comment: string, line: number): Suppression | undefined {
  const m = SUPPRESS.exec(comment);
  if (!m) return undefined;
  const reason = m[3].replace(/\*\/\s*$/, '').replace(/\s+/g, ' ').trim();
  const s: Suppression = { line, rules: m[2].split(',').map((r) => r.trim()).filter(Boolean), reason };
  if (m[1]) s.scope = 'file';
  return s;
}

/** 1-based line and column of a character offset. */
export function lineIndex(source: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
    return { line: lo + 1, col: offset - starts[lo] + 1 };
  };
}
