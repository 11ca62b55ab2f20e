/** Small statistics for bisect: a mean, and a 95 % interval for a difference of two means (Welch). */

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
}

// Two-sided 97.5 % quantiles of Student's t for 1..30 degrees of freedom; past 30 the normal's 1.96 is within 2 %.
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function t975(df: number): number {
  if (!(df >= 1)) return Infinity;
  return df > 30 ? 1.96 : T975[Math.floor(df) - 1];
}

export interface Interval { value: number; lo: number; hi: number }

/**
 * mean(a) - mean(b) with a Welch 95 % interval. With one sample on each side there is no noise estimate: the
 * interval is the point itself (the command is taken as deterministic; use --repeats to measure noise).
 */
export function difference(a: readonly number[], b: readonly number[]): Interval {
  const value = mean(a) - mean(b);
  const va = variance(a) / a.length, vb = variance(b) / b.length;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { value, lo: value, hi: value };
  // Welch-Satterthwaite degrees of freedom; a side with one sample adds no variance and no degrees of freedom.
  const df = (va + vb) ** 2 / ((a.length > 1 ? va ** 2 / (a.length - 1) : 0) + (b.length > 1 ? vb ** 2 / (b.length - 1) : 0));
  const h = t975(df) * se;
  return { value, lo: value - h, hi: value + h };
}
