import type { Finding } from './types.js';

/** Known findings adopted as they are, keyed by path, rule, name and literal (never line numbers, which move). */
export interface BaselineEntry { path: string; rule: string; name: string; literal: string; count: number }
export interface Baseline { version: 1; findings: BaselineEntry[] }

const keyOf = (f: { path: string; rule: string; name: string; literal: string }) => JSON.stringify([f.path, f.rule, f.name, f.literal]);

export function makeBaseline(findings: Finding[]): Baseline {
  const m = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const k = keyOf(f);
    const e = m.get(k);
    if (e) e.count++;
    else m.set(k, { path: f.path, rule: f.rule, name: f.name, literal: f.literal, count: 1 });
  }
  return { version: 1, findings: [...m.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b))) };
}

/** Split findings into those the baseline covers (each entry covers up to `count`) and new ones. */
export function applyBaseline(findings: Finding[], b: Baseline | undefined): { fresh: Finding[]; known: Finding[] } {
  if (!b) return { fresh: findings, known: [] };
  const left = new Map(b.findings.map((e) => [keyOf(e), e.count]));
  const fresh: Finding[] = [];
  const known: Finding[] = [];
  for (const f of findings) {
    const k = keyOf(f);
    const n = left.get(k) ?? 0;
    if (n > 0) { left.set(k, n - 1); known.push(f); } else fresh.push(f);
  }
  return { fresh, known };
}
