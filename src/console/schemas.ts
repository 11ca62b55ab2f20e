import { z } from 'zod';

/**
 * Building blocks of the API's input schemas. Objects are strict: an unknown field (a typo such
 * as `baseRevison`) is refused, never silently dropped. Numbers stay within what both the JSON
 * parser and PostgreSQL's bigint hold exactly.
 */
export const strict = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject(shape);

const MAX_ID = Number.MAX_SAFE_INTEGER;
export const S = {
  text: (max: number) => z.string().max(max),
  /** A revision a writer read. */
  revision: () => z.number().int().min(0).max(MAX_ID),
  /** A positive id in a query string. */
  queryId: () => z.coerce.number().int().min(1).max(MAX_ID),
  reason: () => z.string().max(2000),
};

/** A path parameter that must be a positive integer id; anything else is "not found". */
export function pathId(raw: string | undefined): number | undefined {
  if (!raw || !/^[1-9][0-9]{0,15}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n <= MAX_ID ? n : undefined;
}

/** True when any string in a parsed input holds a NUL byte (PostgreSQL text cannot store one). */
export function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (Array.isArray(v)) return v.some(hasNul);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x));
  return false;
}
