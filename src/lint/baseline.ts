import { createRequire } from 'node:module';
import type { Finding } from './types.js';

/**
 * Known findings adopted as they are. An entry is keyed by path, rule, name, literal and the content of its line
 * (whitespace ignored), never by line number, which moves; `lines` only breaks ties between identical lines.
 */
export interface BaselineEntry { path: string; rule: string; name: string; literal: string; context?: string; lines?: number[]; count: number }
export interface Baseline { version: 1 | 2; findings: BaselineEntry[] }
/** An entry (or part of its count) that no finding matched: the code was fixed or deleted. */
export interface StaleEntry { path: string; rule: string; name: string; literal: string; context?: string; count: number }

// node:crypto loads only when a baseline is read or written: `lint one.py` has none (its start-up is a target).
const createHash: typeof import('node:crypto').createHash = (...a) => (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).createHash(...a);
export const contextOf = (snippet: string | undefined) => createHash('sha256').update((snippet ?? '').replace(/\s+/g, '')).digest('hex').slice(0, 16);
const pathOf = (f: Finding) => f.pathInConfig ?? f.path;
const base = (x: { rule: string; name: string; literal: string }) => JSON.stringify([x.rule, x.name, x.literal]);

export function makeBaseline(findings: Finding[], recordedPath: (f: Finding) => string = pathOf): Baseline {
  const m = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const e0 = { path: recordedPath(f), rule: f.rule, name: f.name, literal: f.literal, context: contextOf(f.snippet) };
    const k = JSON.stringify([e0.path, base(e0), e0.context]);
    const e = m.get(k);
    if (e) { e.count++; e.lines!.push(f.line); } else m.set(k, { ...e0, lines: [f.line], count: 1 });
  }
  const key = (e: BaselineEntry) => JSON.stringify([e.path, e.rule, e.name, e.literal, e.context]);
  return { version: 2, findings: [...m.values()].sort((a, b) => key(a).localeCompare(key(b))) };
}

/**
 * Split findings into those the baseline covers and new ones, and list what it holds that nothing matched.
 * 1. Same path and content: matched, up to the entry's count; when there are more candidates than the count, the
 *    ones nearest the recorded lines are the known ones, so a new copy is blamed on the new line.
 * 2. A file renamed (its old path no longer linted): an entry of the same content in a vanished path still matches.
 * 3. Entries without content (version 1 files) match on path, rule, name and literal, as they always did.
 * A stale entry's count is never lent to another literal: it only reports. Entries `inScope` rejects (files the
 * run did not cover) take no part at all.
 */
export function applyBaseline(findings: Finding[], b: Baseline | undefined, linted: Set<string> = new Set(), inScope: (path: string) => boolean = () => true):
  { fresh: Finding[]; known: Finding[]; stale: StaleEntry[] } {
  if (!b) return { fresh: findings, known: [], stale: [] };
  // Only entries of the files this run covered (or of files gone from the paths it walked) can match
  // or go stale: a run on part of a repository leaves the rest of the baseline alone.
  const entries = b.findings.filter((e) => inScope(e.path)).map((e) => ({ ...e, left: e.count }));
  const known = new Set<number>(); // indices: the same object may appear twice
  const byKey = new Map<string, typeof entries>();
  for (const e of entries) {
    const k = e.context ? JSON.stringify([e.path, base(e), e.context]) : JSON.stringify([e.path, base(e)]);
    byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  // Pass 1: same path, same content (or same key, for version 1 entries).
  const groups = new Map<string, number[]>();
  for (const [i, f] of findings.entries()) {
    const exact = JSON.stringify([pathOf(f), base(f), contextOf(f.snippet)]);
    const k = byKey.has(exact) ? exact : JSON.stringify([pathOf(f), base(f)]);
    groups.set(k, [...(groups.get(k) ?? []), i]);
  }
  for (const [k, idx] of groups) {
    for (const e of byKey.get(k) ?? []) {
      if (e.left <= 0) continue;
      const recorded = e.lines ?? [];
      const line = (i: number) => findings[i].line;
      const ranked = idx.filter((i) => !known.has(i)).sort((x, y) => nearest(line(x), recorded) - nearest(line(y), recorded) || line(x) - line(y) || x - y);
      for (const i of ranked.slice(0, e.left)) known.add(i);
      e.left -= Math.min(e.left, ranked.length);
    }
  }
  // Pass 2: a renamed file: same rule, name, literal and content, from an entry whose path is no longer linted.
  for (const [i, f] of findings.entries()) {
    if (known.has(i)) continue;
    const e = entries.find((x) => x.left > 0 && x.context && x.context === contextOf(f.snippet) && base(x) === base(f) && !linted.has(x.path));
    if (e) { known.add(i); e.left--; }
  }
  const stale = entries.filter((e) => e.left > 0).map((e) => ({ path: e.path, rule: e.rule, name: e.name, literal: e.literal, context: e.context, count: e.left }));
  return { fresh: findings.filter((_, i) => !known.has(i)), known: findings.filter((_, i) => known.has(i)), stale };
}

const nearest = (line: number, recorded: number[]) => (recorded.length ? Math.min(...recorded.map((r) => Math.abs(r - line))) : 0);

/** The baseline without its stale entries (or stale parts of a count). */
export function pruneBaseline(b: Baseline, stale: StaleEntry[]): Baseline {
  const drop = new Map(stale.map((s) => [JSON.stringify([s.path, s.rule, s.name, s.literal, s.context ?? null]), s.count]));
  const findings: BaselineEntry[] = [];
  for (const e of b.findings) {
    const k = JSON.stringify([e.path, e.rule, e.name, e.literal, e.context ?? null]);
    const d = Math.min(drop.get(k) ?? 0, e.count);
    if (d) drop.set(k, drop.get(k)! - d);
    if (e.count - d > 0) findings.push({ ...e, count: e.count - d, ...(e.lines ? { lines: e.lines.slice(0, e.count - d) } : {}) });
  }
  return { version: b.version, findings };
}
