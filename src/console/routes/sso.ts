import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { HpconfError, isHpconfError } from '../../errors/registry.js';
import type { Ctx, RouteDef } from '../http.js';
import type { Deps } from '../deps.js';
import { clientIp, secure, startSession } from './auth.js';

/** Binds a sign-in to the browser that started it (Lax: the provider's redirect back is a cross-site GET). */
const FLOW_COOKIE = 'hpconf_oidc';
const FLOW_PATH = '/api/v1/auth/oidc';

const Providers = z.object({
  password: z.literal(true).describe('local users sign in with a password (kept for break-glass)'),
  oidc: z.object({ label: z.string(), start: z.string() }).nullable(),
});

function needOidc(d: Deps) {
  if (!d.oidc) throw new HpconfError('HPC_NOT_FOUND', { what: 'single sign-on (set HPCONF_OIDC_ISSUER and the other HPCONF_OIDC_* settings)' });
  return d.oidc;
}

async function start(c: Ctx, d: Deps) {
  const { url, state } = await needOidc(d).start();
  setCookie(c, FLOW_COOKIE, state, { httpOnly: true, sameSite: 'Lax', secure: secure(c, d), path: FLOW_PATH, maxAge: 600 });
  return c.redirect(url, 302);
}

/** Back from the provider: a session on success; either way the browser lands on the Console, told what happened. */
async function callback(c: Ctx, d: Deps) {
  const o = needOidc(d);
  const cookieState = getCookie(c, FLOW_COOKIE);
  deleteCookie(c, FLOW_COOKIE, { path: FLOW_PATH });
  try {
    const id = await o.finish(new URL(c.req.url).search, cookieState);
    const u = await d.auth.oidcUser(id);
    if (u.disabled) throw new HpconfError('HPC_SSO_REFUSED', { why: `user "${u.username}" is disabled in this Console` });
    await d.store.db.query('INSERT INTO hp_login_attempt (username, ip, device, ok) VALUES ($1, $2, $3, true)', [u.username, clientIp(c, d), 'sso']);
    await startSession(c, d, u.id);
    return c.redirect('/ui/', 302);
  } catch (e) {
    if (!isHpconfError(e)) throw e;
    return c.redirect(`/ui/#sso-error=${encodeURIComponent(`${e.code}: ${e.message}`)}`, 302);
  }
}

export const ssoRoutes: RouteDef[] = [
  {
    method: 'get', path: '/auth/providers', operationId: 'getSignInProviders', response: Providers, action: 'public', tag: 'auth',
    summary: 'How one may sign in: a password, and single sign-on where configured', handler: (c, d) => c.json({ password: true, oidc: d.oidc ? { label: d.oidc.label, start: `${FLOW_PATH}/start` } : null }),
  },
  { method: 'get', path: '/auth/oidc/start', operationId: 'startSso', action: 'public', tag: 'auth', summary: 'Start single sign-on: redirects to the provider (authorization code with PKCE)', handler: start },
  { method: 'get', path: '/auth/oidc/callback', operationId: 'finishSso', action: 'public', tag: 'auth', summary: 'The provider redirects here; sets the session cookie and redirects to the Console (errors as #sso-error=)', handler: callback },
];
