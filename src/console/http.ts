import type { Context as HonoContext } from 'hono';
import { z } from 'zod';
import { HpconfError, isHpconfError } from '../errors/registry.js';
import { classifyDbError } from '../store/db-errors.js';
import type { Action, Principal } from './auth/principal.js';
import type { Deps } from './deps.js';

/** HTTP status for each error code; anything unlisted is a 400. */
const STATUS: Record<string, number> = {
  HPC_AUTH_REQUIRED: 401, HPC_LOGIN_FAILED: 401, HPC_SSO_REFUSED: 403, HPC_SSO_UNAVAILABLE: 502, HPC_FORBIDDEN: 403, HPC_CSRF: 403, HPC_PASSWORD_CHANGE_REQUIRED: 403, HPC_LOGIN_THROTTLED: 429, HPC_TOO_MANY_STREAMS: 429, HPC_SERVER_BUSY: 503,
  HPC_NOT_FOUND: 404, HPC_KEY_UNKNOWN: 404, HPC_SEGMENT_UNKNOWN: 404, HPC_GROUP_INVALID: 422, HPC_SEGMENT_AMBIGUOUS: 422, HPC_REVISION_UNKNOWN: 404, HPC_ENVIRONMENT_UNKNOWN: 404,
  HPC_APPROVAL_REQUIRED: 403, HPC_APPROVAL_REFUSED: 403, HPC_REQUEST_NOT_APPROVED: 409, HPC_REQUEST_STATE: 409,
  HPC_STORE_CONFLICT: 409, HPC_RUN_CONFLICT: 409, HPC_VALIDATION_FAILED: 422, HPC_FILE_INVALID: 422, HPC_COVERAGE_WOULD_DROP: 409,
  HPC_BODY_TOO_LARGE: 413, HPC_CONTENT_TYPE: 415, HPC_CROSS_SITE: 403,
  HPC_STORE_UNREACHABLE: 503, HPC_STORE_FULL: 507, HPC_STORE_LOCKED: 503, HPC_MIGRATION_REQUIRED: 503,
};

export function errorResponse(c: HonoContext, e0: unknown) {
  const e = classifyDbError(e0, 'database') ?? e0;
  if (isHpconfError(e)) {
    const status = STATUS[e.code] ?? 400;
    if ((status === 429 || status === 503) && e.params.seconds !== undefined) c.header('Retry-After', String(e.params.seconds));
    return c.json({ error: { code: e.code, message: e.message, detail: e.detail ?? null } }, status as 400);
  }
  console.error(e);
  return c.json({ error: { code: 'HPC_INTERNAL', message: 'internal error' } }, 500);
}

export type Vars = { principal?: Principal; body?: unknown; query?: Record<string, unknown>; recheck?: () => Promise<Principal | undefined> };
export type Ctx = HonoContext<{ Variables: Vars }>;

/** One API route: its role requirement, its input schemas and its handler. The role table test reads this list. */
export interface RouteDef {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** Who may call: a role's action, anyone, any signed-in user (`self`), or a signed-in operator or admin (`self-write`). */
  action: Action | 'public' | 'self' | 'self-write';
  summary: string;
  tag: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Largest body accepted, in bytes (64 KiB unless set): checked before anything is parsed. */
  bodyLimit?: number;
  /** The operation's name in the OpenAPI document (and the generated client). */
  operationId: string;
  /** The JSON answer's schema (the fixture checks every answer against it); absent for text answers. */
  response?: z.ZodType;
  /** The success status (200 unless set). */
  status?: 200 | 201 | 202;
  /** Answers carry an ETag, and If-None-Match may answer 304. */
  etag?: true;
  handler: (c: Ctx, deps: Deps) => Promise<Response> | Response;
}

export function parseInput<T>(schema: z.ZodType<T>, input: unknown, where: string): T {
  const r = schema.safeParse(input);
  if (!r.success) {
    const details = r.error.issues.map((i) => `${where}${i.path.length ? '.' + i.path.join('.') : ''}: ${i.message}`).join('; ');
    throw new HpconfError('HPC_USAGE', { details });
  }
  return r.data;
}

export const body = <T>(c: Ctx) => c.get('body') as T;
export const query = <T>(c: Ctx) => c.get('query') as T;
export const principal = (c: Ctx) => c.get('principal')!;
