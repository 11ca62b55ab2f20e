/**
 * GET /api/v1/values for a caller already known, answered on node's own request and response: no Web Request or
 * Response objects, no router, no query parsing, and the body a Buffer built once per revision. It is the read every
 * worker makes at start and on each poll, so its cost is the Console's cost under a fleet.
 *
 * It answers only what the ordinary route would answer the same way: the plain body (no query at all) for a Bearer
 * token whose lookup is cached (cleared at once by any change to users or tokens, as for the route) or the local
 * CLI's secret, when the current revision's body is built. Anything else, a first request included, goes to the
 * router, which fills the caches. The headers are the route's and the app's own; the request is counted alike.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { allowed, type Principal } from './auth/principal.js';
import type { Deps } from './deps.js';
import { isLocalSecret } from './local-access.js';
import { notModified, variantFor, type CachedBody } from './values-cache.js';

export const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' } as const;
const PATH = '/api/v1/values';

interface Metrics { observe(method: string, route: string, status: number, seconds: number): void; fastHit(): void }
// Headers as flat [name, value, ...] arrays: node writes them without walking an object's keys.
interface Prepared { body: CachedBody; buf: Buffer; ok: string[]; notModified: string[] }

export function fastValues(d: Deps, m: Metrics): (req: IncomingMessage, res: ServerResponse) => boolean {
  const prepared = new WeakMap<CachedBody, Prepared>();
  const prepare = (b: CachedBody): Prepared => {
    let p = prepared.get(b);
    if (!p) {
      const common = { etag: b.etag, 'cache-control': 'no-cache', 'x-hpconf-revision': String(b.revision), ...SECURITY_HEADERS };
      const buf = Buffer.from(b.body);
      const flat = (o: Record<string, string>) => Object.entries(o).flat();
      p = { body: b, buf, ok: flat({ ...common, 'content-type': b.contentType, 'content-length': String(buf.length) }), notModified: flat(common) };
      prepared.set(b, p);
    }
    return p;
  };
  const principal = (h: string | undefined): Principal | undefined => {
    if (!h || !h.startsWith('Bearer ')) return undefined;
    const presented = h.slice(7).trim();
    // The local CLI's secret without an actor header reads as the route would give it (an actor changes nothing for a read).
    if (isLocalSecret(presented, d.localSecret)) return { kind: 'token', name: 'local-cli', role: 'operator', local: true };
    return d.auth.peekToken(presented);
  };
  return (req, res) => {
    if (req.method !== 'GET' || req.url !== PATH) return false;
    const t0 = performance.now();
    const p = principal(req.headers.authorization);
    if (!p || !allowed(p.role, 'read')) return false;
    const b = d.values.peek(variantFor(d.catalog, p.role));
    if (!b) return false;
    const x = prepare(b);
    if (notModified(req.headers['if-none-match'], b.etag)) { res.writeHead(304, x.notModified); res.end(); m.observe('GET', '/values', 304, (performance.now() - t0) / 1000); m.fastHit(); return true; }
    res.writeHead(200, x.ok);
    res.end(x.buf);
    m.observe('GET', '/values', 200, (performance.now() - t0) / 1000);
    m.fastHit();
    return true;
  };
}
