import { z } from 'zod';
import { LONE_SURROGATE, unsafeText } from '../safe-text.js';

/**
 * Building blocks of the API's input schemas. Objects are strict: an unknown field (a typo such
 * as `baseRevison`) is refused, never silently dropped. Numbers stay within what both the JSON
 * parser and PostgreSQL's bigint hold exactly.
 */
export const strict = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject(shape);

const MAX_ID = Number.MAX_SAFE_INTEGER;
/** Text that reaches terminals and screens: no control characters, bidi overrides or lone surrogates. */
const safe = (lines: boolean) => (v: z.core.$RefinementCtx<string>['value'], ctx: z.core.$RefinementCtx<string>) => {
  const why = unsafeText(v, { lines });
  if (why) ctx.addIssue({ code: 'custom', message: `${why} is not allowed here` });
};
export const S = {
  /** One line of text: a key, a value, a name. */
  text: (max: number) => z.string().max(max).superRefine(safe(false)),
  /** A password or other secret: any text (never shown, never logged). */
  secret: (max: number) => z.string().max(max),
  /** A revision a writer read. */
  revision: () => z.number().int().min(0).max(MAX_ID),
  /** A positive id in a query string. */
  queryId: () => z.coerce.number().int().min(1).max(MAX_ID),
  /** A reason or description: several lines allowed, nothing a terminal would act on. */
  reason: () => z.string().max(2000).superRefine(safe(true)),
};

/** A path parameter that must be a positive integer id; anything else is "not found". */
export function pathId(raw: string | undefined): number | undefined {
  if (!raw || !/^[1-9][0-9]{0,15}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n <= MAX_ID ? n : undefined;
}

/** Deeper than any body of the API: a deeper one is refused before anything recurses into it. */
export const MAX_NESTING = 16;

/**
 * What is wrong with a parsed input as a whole, or undefined: nesting past MAX_NESTING, a NUL byte
 * or a lone surrogate in any string or name (PostgreSQL text stores neither). Iterative, so a
 * deeply nested body cannot exhaust the stack.
 */
export function inputProblem(v0: unknown): string | undefined {
  const stack: [unknown, number][] = [[v0, 0]];
  const bad = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') { if (bad(v)) return 'a NUL byte or a lone UTF-16 surrogate is not allowed'; continue; }
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_NESTING) return `nesting deeper than ${MAX_NESTING} levels is not allowed`;
    for (const [k, x] of Object.entries(v)) {
      if (bad(k)) return 'a NUL byte or a lone UTF-16 surrogate is not allowed';
      stack.push([x, depth + 1]);
    }
  }
  return undefined;
}
