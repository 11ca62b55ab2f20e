import { loadBundle } from '../catalog/bundle.js';
import { BASELINE_PATH } from '../paths.js';
import type { Store } from '../store/store.js';
import { authStore } from './auth/auth-store.js';
import { API, createApp } from './app.js';
import { consoleDeps } from './serve.js';

export const PASSWORDS = { admin: 'admin-password-1', olivia: 'operator-password-1', vera: 'viewer-password-1' } as const;

/** A Console app on a seeded store with one user per role, and a client per principal (cookie jar + CSRF). */
export async function consoleFixture(store: Store) {
  const bundle = loadBundle(store.catalog, BASELINE_PATH);
  await store.apply(bundle.map((e) => ({ key: e.key, value: e.text })), { actor: 'seed_script@test', actorKind: 'seed', baseRevision: 0 });
  const auth = authStore(store.db);
  await auth.createUser('admin', PASSWORDS.admin, 'admin');
  await auth.createUser('olivia', PASSWORDS.olivia, 'operator');
  await auth.createUser('vera', PASSWORDS.vera, 'viewer');
  const app = createApp({ ...consoleDeps(store, { pollMs: 50 }) });

  function client(bearer?: string) {
    let cookie = '';
    let csrf = '';
    async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const h: Record<string, string> = { ...headers };
      if (cookie) h.cookie = cookie;
      if (csrf && method !== 'GET' && !('x-csrf-token' in headers)) h['x-csrf-token'] = csrf;
      if (bearer) h.authorization = `Bearer ${bearer}`;
      if (body !== undefined) h['content-type'] = 'application/json';
      const res = await app.request(API + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0].endsWith('=') ? '' : set.split(';')[0];
      const text = await res.text();
      let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
      try { json = JSON.parse(text); } catch { json = undefined; }
      return { status: res.status, json, text, headers: res.headers, setCookie: set };
    }
    return {
      call,
      async login(username: string, password: string, totp?: string) {
        const r = await call('POST', '/auth/login', { username, password, ...(totp ? { totp } : {}) });
        if (r.status === 200) csrf = r.json.csrf;
        return r;
      },
      get csrf() { return csrf; },
      set csrf(v: string) { csrf = v; },
    };
  }
  return { app, store, auth, client };
}
