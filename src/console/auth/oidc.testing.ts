/**
 * A real OpenID Connect provider for tests (oidc-provider, on a loopback port): signed ID tokens,
 * PKCE enforced, its own sign-in and consent pages. `browse` walks those pages as a browser would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface Account { sub: string; preferred_username?: string; email?: string; groups?: string[] }

export const CLIENT = { id: 'hpconf-console', secret: 'a-client-secret-of-some-length', redirect: 'http://console.test/api/v1/auth/oidc/callback' };

export async function startProvider(accounts: Record<string, Account>, redirect = CLIENT.redirect): Promise<{ issuer: string; server: Server; close(): Promise<void> }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The dev pages and in-memory adapter warn on construction and on first use: not a test's concern.
  const warn = console.warn, info = console.info, log = console.log;
  console.warn = () => {}; console.info = () => {};
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uris: [redirect], grant_types: ['authorization_code'], response_types: ['code'] }],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['preferred_username'], email: ['email'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    // The dev sign-in page takes any password: the login field names the account.
    findAccount: (_ctx, id) => (accounts[id] ? { accountId: id, claims: () => ({ ...accounts[id] }) } : undefined),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  });
  server.on('request', provider.callback());
  console.warn = warn; console.info = info; console.log = log;
  return { issuer, server, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/**
 * Follow the provider's pages from the authorization URL as `login`, with a cookie jar, signing in and
 * consenting; stops at the first redirect that leaves the provider (the Console's callback) and returns it.
 */
export async function browse(authUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const origin = new URL(authUrl).origin;
  let url = authUrl;
  let method = 'GET';
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      method, redirect: 'manual', body,
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const i = pair.indexOf('=');
      if (pair.slice(i + 1)) jar.set(pair.slice(0, i), pair.slice(i + 1)); else jar.delete(pair.slice(0, i));
    }
    const loc = res.headers.get('location');
    if (loc) {
      const next = new URL(loc, url);
      if (next.origin !== origin) return next;
      url = next.href; method = 'GET'; body = undefined;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no form on the provider's page: ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    method = 'POST';
    body = prompt === 'login' ? new URLSearchParams({ prompt, login, password: 'any' }).toString() : new URLSearchParams({ prompt }).toString();
  }
  throw new Error('too many redirects at the provider');
}
