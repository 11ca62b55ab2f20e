import { loadBundle } from '../catalog/bundle.js';
import { BASELINE_PATH } from '../paths.js';
import type { Store } from '../store/store.js';
import { authStore } from './auth/auth-store.js';
import { API, createApp } from './app.js';
import { consoleDeps, type ConsoleOptions } from './serve.js';

export const PASSWORDS = { admin: 'admin-password-1', olivia: 'operator-password-1', vera: 'viewer-password-1' } as const;

/** A Console app on a seeded store with one user per role, and a client per principal (cookie jar + CSRF). */
export async function consoleFixture(store: Store, o: ConsoleOptions = {}) {
  await store.feed.ready();
  const bundle = loadBundle(store.catalog, BASELINE_PATH);
  await store.apply(bundle.map((e) => ({ key: e.key, value: e.text })), { actor: 'seed_script@test', actorKind: 'seed', baseRevision: 0 });
  const auth = authStore(store.db);
  await auth.createUser('admin', PASSWORDS.admin, 'admin');
  await auth.createUser('olivia', PASSWORDS.olivia, 'operator');
  await auth.createUser('vera', PASSWORDS.vera, 'viewer');
  // The server's clock for second factors stands still in the middle of a 30 s period: tests step it forward
  // (offset) instead of sleeping, and a code a test makes at clock.now() is checked at that same instant, never
  // across a period boundary that real time crossed in between (a flake seen once in CI).
  const start = Math.floor(Date.now() / 30_000) * 30_000 + 15_000;
  const clock = { offset: 0, now: () => start + clock.offset };
  const deps = { ...consoleDeps(store, { pollMs: 50, recheckMs: 200, now: () => clock.now(), ...o }), checkResponses: true };
  const app = createApp(deps);
  const adminId = (await auth.findUser('admin'))!.id;
  /** An API token minted by the fixture's admin. */
  const token = async (name: string, scope: 'read' | 'write') => (await auth.createToken(name, scope, { name: 'admin', userId: adminId })).token;

  /** A caller: a cookie jar and CSRF token, or a Bearer token; `ip` is the peer address the server sees. */
  function client(bearer?: string, opts: { ip?: string } = {}) {
    // A small cookie jar: name -> value and path, sent where the path matches (as a browser would).
    const jar = new Map<string, { value: string; path: string }>();
    let csrf = '';
    async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const h: Record<string, string> = { ...headers };
      const url = API + path;
      const cookies = [...jar].filter(([, c]) => url.startsWith(c.path)).map(([n, c]) => `${n}=${c.value}`);
      if (cookies.length && !('cookie' in headers)) h.cookie = cookies.join('; ');
      if (csrf && method !== 'GET' && !('x-csrf-token' in headers)) h['x-csrf-token'] = csrf;
      if (bearer) h.authorization = `Bearer ${bearer}`;
      if (body !== undefined && !('content-type' in headers)) h['content-type'] = 'application/json';
      const env = { incoming: { socket: { remoteAddress: opts.ip ?? '127.0.0.1' } } };
      const res = await app.request(url, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) }, env);
      const setCookies = res.headers.getSetCookie();
      for (const sc of setCookies) {
        const [pair, ...attrs] = sc.split(';').map((x) => x.trim());
        const i = pair.indexOf('=');
        const name = pair.slice(0, i);
        const value = pair.slice(i + 1);
        const p = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
        if (!value || attrs.some((a) => /^max-age=0$/i.test(a))) jar.delete(name); else jar.set(name, { value, path: p });
      }
      const set = setCookies.find((x) => x.startsWith('hpconf_session=')) ?? null;
      const text = await res.text();
      let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
      try { json = JSON.parse(text); } catch { json = undefined; }
      return { status: res.status, json, text, headers: res.headers, setCookie: set, setCookies };
    }
    return {
      call,
      async login(username: string, password: string, totp?: string) {
        const r = await call('POST', '/auth/login', { username, password, ...(totp ? { totp } : {}) });
        if (r.status === 200) csrf = r.json.csrf;
        return r;
      },
      jar,
      get csrf() { return csrf; },
      set csrf(v: string) { csrf = v; },
    };
  }
  return { app, deps, store, auth, client, token, clock };
}
