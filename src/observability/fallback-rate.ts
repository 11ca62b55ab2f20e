import { parseLogfmt } from './logfmt-parse.js';

/**
 * The plan's health figure, from log lines instead of Loki:
 *   fallbacks (event=hpo_fallback_applied) / trainings (event=training_started) in a window.
 * Timestamps come from a ts= / time= field or a leading RFC 3339 stamp (kubectl logs --timestamps,
 * Loki exports); lines without one are counted whatever the window.
 */
export interface RateOptions { windowMs?: number; now?: number; warnPct: number; critPct: number }
export type Status = 'OK' | 'WARN' | 'CRIT';
export interface RateReport {
  trainings: number; fallbacks: number; ratePct: number; status: Status;
  byModel: Record<string, number>; byTimeframe: Record<string, number>; byParam: Record<string, number>; byKey: Record<string, number>;
  windowStart: string | null; windowEnd: string | null; undated: number; lines: number;
}

const LEADING_TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)\s+/;

export function parseDuration(s: string): number {
  const m = /^(\d+)(ms|s|m|h|d|w)$/.exec(s.trim());
  if (!m) throw new Error(`not a duration: ${s} (e.g. 7d, 24h, 30m)`);
  return Number(m[1]) * { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8 }[m[2] as 'ms']!;
}

interface Ev { event: string; at: number | null; f: Record<string, string> }

function events(lines: Iterable<string>): Ev[] {
  const out: Ev[] = [];
  for (const raw of lines) {
    if (!raw.includes('event=')) continue;
    let line = raw;
    let at: number | null = null;
    const lead = LEADING_TS.exec(line);
    if (lead) { at = Date.parse(lead[1]); line = line.slice(lead[0].length); }
    const f = parseLogfmt(line);
    if (!f.event) continue;
    const ts = f.ts ?? f.time;
    if (ts && at === null) at = Date.parse(ts);
    out.push({ event: f.event, at: at !== null && Number.isFinite(at) ? at : null, f });
  }
  return out;
}

export function fallbackRate(lines: Iterable<string>, o: RateOptions): RateReport {
  const all = events(lines);
  const dated = all.filter((e) => e.at !== null).map((e) => e.at!);
  const end = o.now ?? (dated.length ? Math.max(...dated) : null);
  const start = o.windowMs !== undefined && end !== null ? end - o.windowMs : null;
  const inWindow = all.filter((e) => e.at === null || start === null || (e.at > start && e.at <= end!));
  const trainings = inWindow.filter((e) => e.event === 'training_started').length;
  const falls = inWindow.filter((e) => e.event === 'hpo_fallback_applied');
  const count = (k: string) => falls.reduce<Record<string, number>>((acc, e) => { const v = e.f[k] ?? '(cross-cutting)'; acc[v] = (acc[v] ?? 0) + 1; return acc; }, {});
  const ratePct = trainings ? (falls.length / trainings) * 100 : falls.length ? Infinity : 0;
  const status: Status = ratePct > o.critPct ? 'CRIT' : ratePct > o.warnPct ? 'WARN' : 'OK';
  return {
    trainings, fallbacks: falls.length, ratePct, status, byModel: count('model'), byTimeframe: count('timeframe'), byParam: count('param'), byKey: count('key'),
    windowStart: start === null ? null : new Date(start).toISOString(), windowEnd: end === null ? null : new Date(end).toISOString(),
    undated: inWindow.filter((e) => e.at === null).length, lines: all.length,
  };
}

export const STATUS_EXIT: Record<Status, number> = { OK: 0, WARN: 12, CRIT: 13 };
