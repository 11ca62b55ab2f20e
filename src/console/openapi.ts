import { z } from 'zod';
import { VERSION } from '../version.js';
import type { RouteDef } from './http.js';
import { ErrorBody } from './responses.js';

/**
 * The OpenAPI 3.1 document, generated from the same route table and schemas the server validates
 * requests with and the tests check answers against. Shared shapes (named with `.meta({ id })`)
 * become components; everything else is inlined.
 */
export function openapiDocument(routes: RouteDef[], api: string, cookie: string): object {
  const schemas: Record<string, unknown> = {};
  const json = (schema: z.ZodType, io: 'input' | 'output') => {
    const s = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown> & { $defs?: Record<string, unknown> };
    for (const [id, def] of Object.entries(s.$defs ?? {})) schemas[id] = relink(def);
    const { $schema: _s, $defs: _d, ...rest } = s;
    return relink(rest);
  };
  const errorRef = { $ref: '#/components/schemas/Error' };
  json(ErrorBody, 'output');
  const err = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const p = api + r.path.replace(/:(\w+)/g, '{$1}');
    const parameters: object[] = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, description: PATH_PARAMS[m[1]] ?? m[1], schema: { type: 'string' } }));
    if (r.query) {
      const js = json(r.query, 'input') as { properties?: Record<string, { description?: string }>; required?: string[] };
      for (const [name, schema] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: 'query', required: (js.required ?? []).includes(name), description: schema.description ?? QUERY_HELP[name] ?? name, schema });
      }
    }
    if (r.action !== 'public' && !['/environments', '/auth'].some((x) => r.path.startsWith(x)) && !r.path.startsWith('/users') && !r.path.startsWith('/tokens')) {
      parameters.push({ name: 'environment', in: 'query', required: false, description: 'the environment read or written (default: default); an unknown one is 404 HPC_ENVIRONMENT_UNKNOWN', schema: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,31}$' } });
    }
    const ok = r.status ?? 200;
    const content = r.response ? { 'application/json': { schema: json(r.response, 'output') } }
      : r.path === '/events' ? { 'text/event-stream': { schema: { type: 'string', description: '`revision` events (data: {"revision": N}), `ping` every 15 s, `signed-out` when the caller may no longer read' } } }
        : { 'application/json': { schema: { type: 'object', additionalProperties: true } }, 'application/yaml': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } } };
    const etagHeader = { ETag: { description: '"r<revision>-<stamp>": the store revision the body was built at and the time of its head commit (two stores at one revision differ)', schema: { type: 'string' } } };
    const responses: Record<string, unknown> = { [ok]: { description: SUCCESS[r.method] ?? 'OK', content, ...(r.etag ? { headers: etagHeader } : {}) } };
    if (r.etag) {
      responses['304'] = { description: 'not modified: If-None-Match names the current ETag (with wait=N, after waiting for a change)', headers: etagHeader };
      parameters.push({ name: 'If-None-Match', in: 'header', required: false, description: 'the ETag of the body the caller holds', schema: { type: 'string' } });
    }
    responses['400'] = err('bad input (HPC_USAGE): a malformed value, an unknown field, a NUL byte');
    if (r.action !== 'public') {
      responses['401'] = err('not signed in, or the token is revoked, expired or its creator no longer an active admin (HPC_AUTH_REQUIRED)');
      responses['403'] = err('the role may not (HPC_FORBIDDEN), a missing CSRF header (HPC_CSRF), or a cross-site request (HPC_CROSS_SITE)');
    }
    if (r.path.includes(':')) responses['404'] = err('no such key, change-set, preset, user or token (HPC_KEY_UNKNOWN, HPC_NOT_FOUND)');
    if (r.action === 'write' || r.path.includes('revert')) responses['409'] = err('a key changed since baseRevision (HPC_STORE_CONFLICT, detail: the conflicts), or required keys would be unset without force (HPC_COVERAGE_WOULD_DROP)');
    if (r.body) {
      responses['413'] = err('the body is larger than the route accepts (HPC_BODY_TOO_LARGE)');
      responses['415'] = err('the body is not application/json (HPC_CONTENT_TYPE)');
    }
    if (r.action === 'write' || r.path === '/presets') responses['422'] = err('refused by the catalog rules, nothing stored (HPC_VALIDATION_FAILED, detail: the problems)');
    if (r.path === '/auth/login' || r.path.startsWith('/auth/')) responses['429'] = err('too many failed sign-ins (HPC_LOGIN_THROTTLED); see Retry-After');
    responses['503'] = err('the database cannot be reached (HPC_STORE_UNREACHABLE)');
    const write = r.method !== 'get';
    const security = r.action === 'public' ? [] : r.action === 'self' || r.action === 'self-write'
      ? [write ? { session: [], csrf: [] } : { session: [] }]
      : [write ? { session: [], csrf: [] } : { session: [] }, { token: [] }];
    (paths[p] ??= {})[r.method] = {
      operationId: r.operationId, summary: r.summary, tags: [r.tag], ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: !r.body.safeParse(undefined).success, content: { 'application/json': { schema: json(r.body, 'input') } } } } : {}),
      security, responses,
      'x-hpconf-role': r.action === 'public' ? 'anyone' : r.action === 'self' ? 'any signed-in user' : r.action === 'self-write' ? 'a signed-in operator or admin' : { read: 'viewer', write: 'operator', admin: 'admin' }[r.action],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'hpconf Console API', version: VERSION, license: { name: 'MIT', identifier: 'MIT' },
      description: 'Hyperparameters in PostgreSQL: search, edit, bulk-edit, review, revert. Errors answer {"error": {"code", "message", "detail"}} with a stable code from spec/errors.json.',
    },
    servers: [{ url: 'http://127.0.0.1:8080', description: 'hpconf serve on its default address (use your Console\'s URL)' }],
    tags: TAGS,
    security: [{ session: [] }, { token: [] }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: cookie, description: 'The session cookie set by POST /auth/login (HttpOnly, SameSite=Strict).' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'The CSRF token from /auth/login or /auth/me: every state-changing call with a session sends it.' },
        token: { type: 'http', scheme: 'bearer', description: 'An API token (read or write scope), created by an admin.' },
      },
      schemas,
    },
    paths,
  };
}

/** Rewrite zod's local `#/$defs/X` references to the document's components. */
function relink<T>(v: T): T {
  if (Array.isArray(v)) return v.map(relink) as T;
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === '$ref' && typeof x === 'string' ? x.replace('#/$defs/', '#/components/schemas/') : relink(x)])) as T;
  }
  return v;
}

const SUCCESS: Record<string, string> = { get: 'the answer', post: 'done', put: 'written', patch: 'changed', delete: 'removed' };
const PATH_PARAMS: Record<string, string> = {
  key: 'a catalog key, e.g. CVN_HPO_XGB_5M_LEARNING_RATE', id: 'a change-set, change request or token id', name: 'a preset or environment name', username: 'a user name',
};
const QUERY_HELP: Record<string, string> = {
  q: 'words that must each match a key segment, a library, a native name, an alias or a doc word', model: 'XGB, LGB or CB', timeframe: '1M, 5M, 15M, 30M or 1H',
  param: 'a parameter, e.g. LEARNING_RATE', kind: 'default, range or global keys', state: 'set, missing or invalid', page: 'page number, from 1', pageSize: 'rows per page',
  key: 'exactly this key', actor: 'actors containing this text', since: 'from this time', until: 'until this time', changeset: 'one change-set', limit: 'at most this many rows',
  part: 'default, min, max or scale', format: 'env, dotenv, json or k8s', days: 'the last N days',
};
const TAGS = [
  { name: 'auth', description: 'Sign-in, sessions, passwords and second factors.' },
  { name: 'keys', description: 'Search, read, validate and write values.' },
  { name: 'changes', description: 'The change log, change-sets and revert.' },
  { name: 'presets', description: 'Named sets of values, previewed and applied.' },
  { name: 'drafts', description: 'Staged changes kept per user.' },
  { name: 'admin', description: 'Users and API tokens.' },
  { name: 'requests', description: 'Change requests: propose, review, approve, apply, schedule.' },
  { name: 'webhooks', description: 'Webhooks (admins): signed POSTs per event, with a delivery log.' },
  { name: 'runs', description: 'Fine-tune runs: which store state trained which models, and how well (both gates, defaults and best trial per study).' },
  { name: 'environments', description: 'Named environments and their review policies.' },
  { name: 'observability', description: 'Fallback reports from the SDKs.' },
  { name: 'live', description: 'Health and live updates.' },
];
