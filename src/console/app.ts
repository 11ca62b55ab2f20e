import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import * as R from './responses.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HpconfError } from '../errors/registry.js';
import { ROOT } from '../paths.js';
import { actorOf, allowed, CLI_ACTOR, type Principal } from './auth/principal.js';
import { errorResponse, parseInput, type RouteDef, type Vars } from './http.js';
import { inputProblem } from './schemas.js';
import { openapiDocument } from './openapi.js';
import { ErrorBody } from './responses.js';
import type { Deps } from './deps.js';
import { isLocalSecret } from './local-access.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes, COOKIE } from './routes/auth.js';
import { ssoRoutes } from './routes/sso.js';
import { webhookRoutes } from './routes/webhooks.js';
import { changeRoutes } from './routes/changes.js';
import { keyRoutes } from './routes/keys.js';
import { presetRoutes } from './routes/presets.js';
import { fallbackRoutes } from './routes/fallbacks.js';
import { draftRoutes } from './routes/drafts.js';
import { requestRoutes } from './routes/requests.js';
import { environmentRoutes } from './routes/environments.js';
import { runRoutes } from './routes/runs.js';
import { consoleMetrics } from './metrics.js';
import { SECURITY_HEADERS } from './fast-values.js';

export const API = '/api/v1';
const BODY_LIMIT = 64 * 1024;

const events: RouteDef = {
  method: 'get', path: '/events', operationId: 'streamEvents', action: 'read', tag: 'live',
  summary: 'Server-sent events: `revision` the moment the store moves (any writer, any Console process), `request` when a change request moves (its id), `ping` every 15 s; SDKs may subscribe to it too',
  handler: (c, d) => {
    const recheck = c.get('recheck')!;
    // A slot is taken before the stream opens (refused with 429/503 past the caps) and given back when it ends.
    const release = d.streams.acquire(actorOf(c.get('principal')!));
    return streamSSE(c, async (s) => {
      const feed = d.store.feed;
      await feed.ready();
      let last = feed.current();
      // Pushed, not polled: the feed wakes this stream on each new revision; a timer wakes it only
      // for the keep-alive ping and the periodic check that the caller may still read. A revision
      // that lands while an event is being written is kept in `pending`, never lost until the next timer.
      let wake: (() => void) | undefined;
      let pending = false;
      const off = feed.subscribe(() => { pending = true; wake?.(); });
      // Change requests move without a revision (an approval, a comment): their ids go out as `request` events.
      const movedRequests = new Set<number>();
      const offRequests = feed.onRequest((id) => { movedRequests.add(id); pending = true; wake?.(); });
      s.onAbort(() => { off(); offRequests(); release(); wake?.(); });
      await s.writeSSE({ event: 'revision', data: JSON.stringify({ revision: last }) });
      const recheckMs = d.recheckMs ?? 5000;
      let nextAuth = Date.now() + recheckMs;
      let nextPing = Date.now() + 15_000;
      try {
        while (!s.aborted && !s.closed) {
          if (!pending) await new Promise<void>((r) => { wake = r; setTimeout(r, Math.max(1, Math.min(nextAuth, nextPing) - Date.now())).unref(); });
          wake = undefined;
          pending = false;
          for (const id of [...movedRequests]) {
            movedRequests.delete(id);
            await s.writeSSE({ event: 'request', data: JSON.stringify({ id }) });
          }
          const head = feed.current();
          if (head !== last) {
            last = head;
            await s.writeSSE({ event: 'revision', data: JSON.stringify({ revision: head }) });
          }
          // A stream outlives no session: a signed-out, disabled or revoked caller is cut off.
          if (Date.now() >= nextAuth) {
            nextAuth = Date.now() + recheckMs;
            if (!(await recheck().catch(() => undefined))) { await s.writeSSE({ event: 'signed-out', data: '{}' }); break; }
          }
          if (Date.now() >= nextPing) {
            // An event, not a comment: the page sees it, so a stream held back by a buffering proxy shows as "live updates off".
            nextPing = Date.now() + 15_000;
            await s.writeSSE({ event: 'ping', data: JSON.stringify({ revision: last }) });
          }
        }
      } finally {
        off();
        offRequests();
        release();
      }
    }, async () => { release(); });
  },
};

const health: RouteDef = {
  method: 'get', path: '/health', operationId: 'getHealth', response: R.Health, action: 'public', tag: 'live', summary: 'Liveness and the store revision',
  handler: async (c, d) => c.json({ ok: true, store: d.store.describe, revision: await d.store.head() }),
};

const live: RouteDef = {
  method: 'get', path: '/health/live', action: 'public', tag: 'live', operationId: 'getLiveness', response: R.Ok,
  summary: 'Liveness: the process serves HTTP (the database is not asked, so an outage does not restart replicas; /health is the readiness check)',
  handler: (c) => c.json({ ok: true as const }),
};

export const ROUTES: RouteDef[] = [health, live, ...authRoutes, ...ssoRoutes, ...keyRoutes, ...changeRoutes, ...presetRoutes, ...adminRoutes, ...fallbackRoutes, ...draftRoutes, ...requestRoutes, ...environmentRoutes, ...webhookRoutes, ...runRoutes, events];

/** The OpenAPI 3.1 document of every route (src/console/openapi.ts). */
export function openapi(): object {
  return openapiDocument(ROUTES, API, COOKIE);
}

/** The body as text, refused past `limit` bytes before more is read (a declared length is checked first). */
async function readBody(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > limit) throw new HpconfError('HPC_BODY_TOO_LARGE', { limit });
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) { await reader.cancel().catch(() => {}); throw new HpconfError('HPC_BODY_TOO_LARGE', { limit }); }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The contract, enforced in tests: a success matches the route's schema and status, an error the error schema. */
async function checkContract(r: RouteDef, res: Response): Promise<void> {
  if (!(res.headers.get('content-type') ?? '').startsWith('application/json')) return;
  const body = await res.clone().json();
  const schema = res.status < 400 ? r.response : ErrorBody;
  if (res.status < 400 && res.status !== (r.status ?? 200)) throw new Error(`contract: ${r.operationId} answered ${res.status}, documented ${r.status ?? 200}`);
  const check = schema?.safeParse(body);
  if (check && !check.success) throw new Error(`contract: ${r.operationId} answer does not match its schema: ${check.error.message}`);
}

async function authenticate(c: { req: { header(n: string): string | undefined } }, d: Deps, cookie: string | undefined): Promise<Principal | undefined> {
  const h = c.req.header('authorization');
  if (h?.startsWith('Bearer ')) {
    const presented = h.slice(7).trim();
    if (isLocalSecret(presented, d.localSecret)) {
      const actor = c.req.header('x-hpconf-actor');
      return { kind: 'token', name: 'local-cli', role: 'operator', local: true, ...(actor && CLI_ACTOR.test(actor) ? { cliActor: actor } : {}) };
    }
    const p = await d.auth.token(presented);
    if (!p) throw new HpconfError('HPC_AUTH_REQUIRED');
    return p;
  }
  return cookie ? d.auth.session(cookie) : undefined;
}

const UI_DIR = path.join(ROOT, 'src', 'console', 'ui');
const UI_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** The router; `metrics` is shared with the /values fast path (fast-values.ts) when the server has one. */
export function createApp(d: Deps, metrics = consoleMetrics(d)) {
  const app = new Hono<{ Variables: Vars }>();
  app.onError((e, c) => errorResponse(c, e));
  app.notFound((c) => errorResponse(c, new HpconfError('HPC_NOT_FOUND', { what: c.req.path })));
  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v); // X-Frame-Options for browsers that predate CSP's frame-ancestors
    // API answers hold values, sessions and tokens: no cache keeps them, except the ETag-validated /values and /export.
    if (c.req.path.startsWith(API) && !c.res.headers.has('cache-control')) c.header('Cache-Control', 'no-store');
    if (!c.req.path.startsWith(API)) c.header('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'");
  });
  app.get(`${API}/openapi.json`, (c) => c.json(openapi()));
  // Prometheus scrapes without a session: counts and ratios only, never a value.
  app.get('/metrics', async (c) => c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }));
  for (const r of ROUTES) {
    app.on(r.method.toUpperCase(), API + r.path, async (c, next) => {
      const t0 = performance.now();
      try { await next(); } finally { metrics.observe(r.method.toUpperCase(), r.path, c.res.status, (performance.now() - t0) / 1000); }
    });
    app.on(r.method.toUpperCase(), API + r.path, async (c) => {
      // Browsers say where a request comes from; a state change from another site is refused
      // outright (login CSRF included), whatever cookies it carries.
      const site = c.req.header('sec-fetch-site');
      if (r.method !== 'get' && site && site !== 'same-origin' && site !== 'none') throw new HpconfError('HPC_CROSS_SITE', { site });
      const bad = inputProblem(c.req.param()) ?? inputProblem(c.req.queries());
      if (bad) throw new HpconfError('HPC_USAGE', { details: `${bad} in a path or query` });
      if (r.action !== 'public') {
        const cookie = getCookie(c, COOKIE);
        const p = await authenticate(c, d, cookie);
        if (!p) throw new HpconfError('HPC_AUTH_REQUIRED');
        const self = r.action === 'self' || r.action === 'self-write';
        if (self && p.kind !== 'user') throw new HpconfError('HPC_FORBIDDEN', { actor: `token:${p.name}`, role: p.role, action: 'act as a user' });
        const need = r.action === 'self' ? undefined : r.action === 'self-write' ? 'write' : r.action;
        if (need && !allowed(p.role, need)) throw new HpconfError('HPC_FORBIDDEN', { actor: `${p.kind}:${p.name}`, role: p.role, action: `${r.method.toUpperCase()} ${r.path}` });
        // A session proves itself with the CSRF token on every state-changing call; a Bearer token is not sent by browsers on their own.
        if (r.method !== 'get' && p.kind === 'user' && c.req.header('x-csrf-token') !== p.csrf) throw new HpconfError('HPC_CSRF');
        // A one-time password (first start, or reset by an admin) opens nothing but its own replacement.
        if (p.mustChangePassword && !['/auth/me', '/auth/password', '/auth/logout'].includes(r.path)) {
          throw new HpconfError('HPC_PASSWORD_CHANGE_REQUIRED', { user: p.name });
        }
        c.set('principal', p);
        c.set('recheck', () => authenticate(c, d, cookie));
      }
      // Any route may name the environment it reads or writes; the rest of the query is the route's own.
      const { environment, ...rest } = c.req.query();
      const dd = environment === undefined ? d : await d.forEnvironment(environment);
      if (r.query) c.set('query', parseInput(r.query, rest, 'query'));
      if (r.body) {
        const text = await readBody(c.req.raw, r.bodyLimit ?? BODY_LIMIT);
        let raw: unknown;
        if (text) {
          // JSON only: a cross-site form can send text/plain without a preflight, never application/json.
          const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
          if (type !== 'application/json') throw new HpconfError('HPC_CONTENT_TYPE', { type: type || '(none)' });
          try { raw = JSON.parse(text); } catch { throw new HpconfError('HPC_USAGE', { details: 'body is not valid JSON' }); }
          const bad = inputProblem(raw);
          if (bad) throw new HpconfError('HPC_USAGE', { details: `${bad} in the body` });
        }
        c.set('body', parseInput(r.body, raw, 'body'));
      }
      const res = await r.handler(c, dd);
      if (d.checkResponses) await checkContract(r, res);
      return res;
    });
  }
  app.get('/', (c) => c.redirect('/ui/'));
  app.get('/ui/*', (c) => {
    const rel = c.req.path.slice('/ui/'.length) || 'index.html';
    if (!/^[a-z0-9_-]+\.(html|js|css)$/.test(rel)) throw new HpconfError('HPC_NOT_FOUND', { what: c.req.path });
    let text: string;
    try { text = readFileSync(path.join(UI_DIR, rel), 'utf8'); } catch { throw new HpconfError('HPC_NOT_FOUND', { what: c.req.path }); }
    return c.body(text, 200, { 'content-type': UI_TYPES[path.extname(rel)], 'cache-control': 'no-cache' });
  });
  return app;
}
