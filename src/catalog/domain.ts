import { formatValue } from '../resolver/grammar.js';
import type { Domain } from './types.js';

/** Inside the continuous part [min, max] of a domain (what a search range may cover). */
export function inContinuous(v: number, d: Domain): boolean {
  if (d.min !== undefined && (d.minExclusive ? v <= d.min : v < d.min)) return false;
  if (d.max !== undefined && (d.maxExclusive ? v >= d.max : v > d.max)) return false;
  return true;
}

/** Inside the domain a single value may take: the continuous part or one of the extra values. */
export function inDomain(v: number, d: Domain): boolean {
  return inContinuous(v, d) || (d.extra ?? []).includes(v);
}

/** Human form, identical in both SDKs: "(0, 1]", "[1, +inf) or -1". */
export function formatDomain(d: Domain, withExtra = true): string {
  const lo = d.min === undefined ? '(-inf' : `${d.minExclusive ? '(' : '['}${formatValue(d.min)}`;
  const hi = d.max === undefined ? '+inf)' : `${formatValue(d.max)}${d.maxExclusive ? ')' : ']'}`;
  const extra = withExtra && d.extra?.length ? ` or ${d.extra.map(formatValue).join(' or ')}` : '';
  return `${lo}, ${hi}${extra}`;
}
