import type { Catalog } from './types.js';
import { checkState, type Problem, type Scope } from './check.js';

export interface Coverage {
  required: number;
  valid: number;
  missing: string[];
  invalid: string[];
  errors: Problem[];
  warnings: Problem[];
  /** Floored to two decimals so 99.999 % never prints as 100. */
  percent: number;
  complete: boolean;
  /** What was required: one worker's model and timeframe (with the cross-cutting keys), or everything. */
  scope: Scope;
}

export function coverage(c: Catalog, raw: (key: string) => string | undefined, scope: Scope = {}): Coverage {
  const r = checkState(c, raw, scope);
  const bad = new Set([...r.missing, ...r.invalid]);
  const valid = r.required.length - bad.size;
  const percent = Math.floor((valid * 10000) / r.required.length) / 100;
  return {
    required: r.required.length,
    valid,
    missing: r.missing,
    invalid: r.invalid,
    errors: r.errors,
    warnings: r.warnings,
    percent,
    complete: bad.size === 0,
    scope,
  };
}

export function formatPercent(p: number): string {
  return p.toFixed(2);
}
