import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import * as OTPAuth from 'otpauth';
import { HpconfError } from '../../errors/registry.js';
import { SESSION_HOURS, verifyPassword } from '../auth/auth-store.js';
import { body, principal, type Ctx, type RouteDef } from '../http.js';
import type { Deps } from '../deps.js';

export const COOKIE = 'hpconf_session';
const WINDOW_MIN = 15;
const MAX_PER_USER = 5;
const MAX_PER_IP = 20;

const Login = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024), totp: z.string().regex(/^[0-9]{6}$/).optional() });
const Password = z.object({ current: z.string().min(1), next: z.string().min(12).max(1024) });
const TotpCode = z.object({ code: z.string().regex(/^[0-9]{6}$/) });

export function clientIp(c: Ctx): string {
  const inc = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return inc?.socket?.remoteAddress ?? 'unknown';
}

function totp(secret: string, label: string) {
  return new OTPAuth.TOTP({ issuer: 'hpconf', label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

async function login(c: Ctx, d: Deps) {
  const b = body<z.infer<typeof Login>>(c);
  const ip = clientIp(c);
  const f = await d.auth.recentFailures(b.username, ip, WINDOW_MIN);
  if (f.user >= MAX_PER_USER || f.ip >= MAX_PER_IP) {
    const wait = f.oldest ? Math.max(1, Math.ceil((f.oldest.getTime() + WINDOW_MIN * 60_000 - Date.now()) / 1000)) : WINDOW_MIN * 60;
    throw new HpconfError('HPC_LOGIN_THROTTLED', { seconds: wait });
  }
  const u = await d.auth.findUser(b.username);
  // Verify a hash even for an unknown user, so timing does not tell which usernames exist.
  const ok = (await verifyPassword(u?.password_hash ?? '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$4pSW+gUDOjVVBMEjXd8e5ojaMZ6vwW2mhGEFYYK8CWU', b.password))
    && !!u && !u.disabled && (!u.totp_enabled || (!!b.totp && totp(u.totp_secret!, u.username).validate({ token: b.totp, window: 1 }) !== null));
  await d.auth.recordAttempt(b.username, ip, ok);
  if (!ok || !u) throw new HpconfError('HPC_LOGIN_FAILED');
  const s = await d.auth.createSession(u.id);
  setCookie(c, COOKIE, s.id, { httpOnly: true, sameSite: 'Strict', secure: d.secureCookies || c.req.header('x-forwarded-proto') === 'https', path: '/', maxAge: SESSION_HOURS * 3600 });
  return c.json({ user: { username: u.username, role: u.role, mustChangePassword: u.must_change_password, totp: u.totp_enabled }, csrf: s.csrf });
}

async function logout(c: Ctx, d: Deps) {
  const p = principal(c);
  if (p.sessionHash) await d.auth.endSession(p.sessionHash);
  deleteCookie(c, COOKIE, { path: '/' });
  return c.json({ ok: true });
}

async function me(c: Ctx) {
  const p = principal(c);
  return c.json({ kind: p.kind, name: p.name, role: p.role, csrf: p.csrf ?? null, mustChangePassword: p.mustChangePassword ?? false });
}

async function changePassword(c: Ctx, d: Deps) {
  const p = principal(c);
  const b = body<z.infer<typeof Password>>(c);
  const u = (await d.auth.findUser(p.name))!;
  if (!(await verifyPassword(u.password_hash, b.current))) throw new HpconfError('HPC_LOGIN_FAILED');
  await d.auth.updateUser(p.name, { password: b.next, mustChange: false });
  deleteCookie(c, COOKIE, { path: '/' });
  return c.json({ ok: true, note: 'password changed; every session of this user was closed' });
}

async function totpSetup(c: Ctx, d: Deps) {
  const p = principal(c);
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await d.auth.updateUser(p.name, { totpSecret: secret, totpEnabled: false });
  return c.json({ secret, uri: totp(secret, p.name).toString() });
}

async function totpEnable(c: Ctx, d: Deps) {
  const p = principal(c);
  const u = (await d.auth.findUser(p.name))!;
  if (!u.totp_secret || totp(u.totp_secret, u.username).validate({ token: body<z.infer<typeof TotpCode>>(c).code, window: 1 }) === null) {
    throw new HpconfError('HPC_LOGIN_FAILED');
  }
  await d.auth.updateUser(p.name, { totpEnabled: true });
  return c.json({ ok: true });
}

export const authRoutes: RouteDef[] = [
  { method: 'post', path: '/auth/login', action: 'public', tag: 'auth', summary: 'Sign in; sets an HttpOnly SameSite=Strict session cookie and returns the CSRF token', body: Login, handler: login },
  { method: 'post', path: '/auth/logout', action: 'self', tag: 'auth', summary: 'End this session', handler: logout },
  { method: 'get', path: '/auth/me', action: 'read', tag: 'auth', summary: 'Who is calling, with the session CSRF token', handler: me },
  { method: 'post', path: '/auth/password', action: 'self', tag: 'auth', summary: 'Change your own password (closes your sessions)', body: Password, handler: changePassword },
  { method: 'post', path: '/auth/totp/setup', action: 'self', tag: 'auth', summary: 'Create a TOTP secret (second factor) for yourself', handler: totpSetup },
  { method: 'post', path: '/auth/totp/enable', action: 'self', tag: 'auth', summary: 'Turn the second factor on with a current code', body: TotpCode, handler: totpEnable },
];

export { getCookie };
