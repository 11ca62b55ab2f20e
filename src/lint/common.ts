import type { Suppression } from './types.js';

/** Optuna's suggest calls (snake_case in Python, camelCase in a TypeScript port). */
export const SUGGEST = /^suggest_?(int|float|uniform|loguniform|discrete_?uniform|categorical)$/i;

const SUPPRESS = /hpconf:\s*ignore\[([A-Z0-9_,\s]+)\]\s*(.*)$/;

/** `hpconf: ignore[HP001] reason` in a comment's text. */
export function parseSuppression(comment: string, line: number): Suppression | undefined {
  const m = SUPPRESS.exec(comment);
  if (!m) return undefined;
  const reason = m[2].replace(/\*\/\s*$/, '').trim();
  return { line, rules: m[1].split(',').map((r) => r.trim()).filter(Boolean), reason };
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
