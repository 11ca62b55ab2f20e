import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import * as R from '../responses.js';
import { HpconfError } from '../../errors/registry.js';
import { DEVICE_DAYS, DUMMY_HASH, SESSION_HOURS, sha256, verifyPassword, type UserRow } from '../auth/auth-store.js';
import { clientAddress, limitKey, viaTrustedProxy } from '../auth/client-ip.js';
import { admitAttempt, markOk } from '../auth/throttle.js';
import { codeStep, newTotpSecret, qrSvg, totp } from '../auth/totp.js';
import { body, principal, type Ctx, type RouteDef } from '../http.js';
import { S, strict } from '../schemas.js';
import type { Deps } from '../deps.js';

export const COOKIE = 'hpconf_session';
export const DEVICE_COOKIE = 'hpconf_device';

const Code = z.string().regex(/^[0-9]{6}$/, 'six digits');
/** A recovery code as shown (four groups of five hex digits); case, spaces and dashes are forgiven. */
const Recovery = z.string().max(64).regex(/^[0-9a-fA-F -]+$/, 'a recovery code');
/** The second factor, where one is enabled: a current code, or one of the recovery codes (spent by the use). */
const second = { totp: Code.optional(), recovery: Recovery.optional() };
const Login = strict({ username: S.text(64).min(1), password: S.secret(1024).min(1), ...second });
const Password = strict({ current: S.secret(1024).min(1), next: S.secret(1024).min(12), ...second });
const TotpSetup = strict({ password: S.secret(1024).min(1), ...second });
const TotpCode = strict({ code: Code });
const TotpOff = strict({ password: S.secret(1024).min(1), ...second });
type Second = { totp?: string; recovery?: string };

function peer(c: Ctx): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
}

/** The client's address (through trusted proxies only), as the per-address limit keys it. */
export function clientIp(c: Ctx, d: Deps): string {
  return limitKey(clientAddress(peer(c), c.req.header('x-forwarded-for'), d.trustedProxies));
}

export function secure(c: Ctx, d: Deps): boolean {
  return d.secureCookies || (viaTrustedProxy(peer(c), d.trustedProxies) && c.req.header('x-forwarded-proto') === 'https');
}

/**
 * Check a user's password (and second factor when enabled) behind the throttle: the attempt is
 * counted before the hash runs. Used by sign-in and by every step that re-asks the password.
 */
async function checkCredentials(c: Ctx, d: Deps, username: string, password: string, f: Second): Promise<UserRow> {
  const u = await d.auth.findUser(username);
  const devTok = getCookie(c, DEVICE_COOKIE);
  const device = u && devTok && (await d.auth.deviceUser(devTok)) === u.id ? sha256(devTok) : '';
  const attempt = await admitAttempt(d.store.db, { username, ip: clientIp(c, d), device });
  const pwOk = await verifyPassword(u?.password_hash ?? DUMMY_HASH, password);
  if (!pwOk || !u || u.disabled) throw new HpconfError('HPC_LOGIN_FAILED');
  if (u.totp_enabled) {
    if (f.recovery) {
      if (!(await d.auth.useRecoveryCode(u.id, f.recovery))) throw new HpconfError('HPC_LOGIN_FAILED');
    } else {
      const step = f.totp ? codeStep(u.totp_secret!, u.username, f.totp, (d.now ?? Date.now)()) : undefined;
      if (step === undefined || !(await d.auth.useTotpStep(u.id, step))) throw new HpconfError('HPC_LOGIN_FAILED');
    }
  }
  await markOk(d.store.db, attempt);
  if (!device) {
    setCookie(c, DEVICE_COOKIE, await d.auth.createDevice(u.id), { httpOnly: true, sameSite: 'Strict', secure: secure(c, d), path: '/api/v1/auth', maxAge: DEVICE_DAYS * 86400 });
  }
  return u;
}

async function login(c: Ctx, d: Deps) {
  const b = body<z.infer<typeof Login>>(c);
  const u = await checkCredentials(c, d, b.username, b.password, b);
  const s = await startSession(c, d, u.id);
  return c.json({ user: { username: u.username, role: u.role, mustChangePassword: u.must_change_password, totp: u.totp_enabled }, csrf: s.csrf });
}

/** A new session for a user whose sign-in succeeded (password or provider), as an HttpOnly cookie. */
export async function startSession(c: Ctx, d: Deps, userId: number) {
  const s = await d.auth.createSession(userId);
  setCookie(c, COOKIE, s.id, { httpOnly: true, sameSite: 'Strict', secure: secure(c, d), path: '/', maxAge: SESSION_HOURS * 3600 });
  return s;
}

async function logout(c: Ctx, d: Deps) {
  const p = principal(c);
  if (p.sessionHash) await d.auth.endSession(p.sessionHash);
  deleteCookie(c, COOKIE, { path: '/' });
  return c.json({ ok: true });
}

async function me(c: Ctx, d: Deps) {
  const p = principal(c);
  const recoveryCodesLeft = p.totp && p.userId !== undefined ? await d.auth.recoveryCodesLeft(p.userId) : null;
  return c.json({ kind: p.kind, name: p.name, role: p.role, csrf: p.csrf ?? null, mustChangePassword: p.mustChangePassword ?? false, totp: p.totp ?? false, recoveryCodesLeft });
}

async function changePassword(c: Ctx, d: Deps) {
  const p = principal(c);
  const b = body<z.infer<typeof Password>>(c);
  await checkCredentials(c, d, p.name, b.current, b);
  await d.auth.updateUser(p.name, { password: b.next, mustChange: false });
  deleteCookie(c, COOKIE, { path: '/' });
  return c.json({ ok: true, note: 'password changed; every session of this user was closed' });
}

/** Enrolment step 1: behind the password (and the current code, to replace a factor); the active factor stays until step 2. */
async function totpSetup(c: Ctx, d: Deps) {
  const p = principal(c);
  const b = body<z.infer<typeof TotpSetup>>(c);
  await checkCredentials(c, d, p.name, b.password, b);
  const secret = newTotpSecret();
  await d.auth.updateUser(p.name, { totpPending: secret });
  const uri = totp(secret, p.name).toString();
  return c.json({ secret, uri, qrSvg: qrSvg(uri) });
}

/** Enrolment step 2: a code from the new secret proves the app holds it. */
async function totpEnable(c: Ctx, d: Deps) {
  const p = principal(c);
  const u = (await d.auth.findUser(p.name))!;
  if (!u.totp_pending_secret) throw new HpconfError('HPC_USAGE', { details: 'no second factor is being set up: start with POST /auth/totp/setup' });
  const step = codeStep(u.totp_pending_secret, u.username, body<z.infer<typeof TotpCode>>(c).code, (d.now ?? Date.now)());
  if (step === undefined) throw new HpconfError('HPC_LOGIN_FAILED');
  await d.auth.updateUser(p.name, { totpActivate: true });
  await d.auth.useTotpStep(u.id, step);
  return c.json({ ok: true, recoveryCodes: await d.auth.newRecoveryCodes(u.id) });
}

/** New recovery codes (the old ones stop working), behind the password and the second factor; shown once. */
async function recoveryCodes(c: Ctx, d: Deps) {
  const p = principal(c);
  const b = body<z.infer<typeof TotpSetup>>(c);
  const u = await checkCredentials(c, d, p.name, b.password, b);
  if (!u.totp_enabled) throw new HpconfError('HPC_USAGE', { details: 'recovery codes stand in for a second factor: enable one first' });
  return c.json({ recoveryCodes: await d.auth.newRecoveryCodes(u.id) });
}

async function totpDisable(c: Ctx, d: Deps) {
  const p = principal(c);
  const b = body<z.infer<typeof TotpOff>>(c);
  const u = await checkCredentials(c, d, p.name, b.password, b);
  if (!u.totp_enabled) throw new HpconfError('HPC_USAGE', { details: 'no second factor is enabled' });
  await d.auth.updateUser(p.name, { totpOff: true });
  return c.json({ ok: true });
}

export const authRoutes: RouteDef[] = [
  { method: 'post', path: '/auth/login', operationId: 'login', response: R.Login, action: 'public', tag: 'auth', summary: 'Sign in; sets an HttpOnly SameSite=Strict session cookie and returns the CSRF token', body: Login, handler: login },
  { method: 'post', path: '/auth/logout', operationId: 'logout', response: R.Ok, action: 'self', tag: 'auth', summary: 'End this session', handler: logout },
  { method: 'get', path: '/auth/me', operationId: 'getMe', response: R.Me, action: 'read', tag: 'auth', summary: 'Who is calling, with the session CSRF token', handler: me },
  { method: 'post', path: '/auth/password', operationId: 'changePassword', response: R.PasswordChanged, action: 'self', tag: 'auth', summary: 'Change your own password (closes your sessions); needs the current password and code', body: Password, handler: changePassword },
  { method: 'post', path: '/auth/totp/setup', operationId: 'setupTotp', response: R.TotpSetup, action: 'self', tag: 'auth', summary: 'Start enrolling a second factor (TOTP): needs your password, and your current code to replace one', body: TotpSetup, handler: totpSetup },
  { method: 'post', path: '/auth/totp/enable', operationId: 'enableTotp', response: R.TotpEnabled, action: 'self', tag: 'auth', summary: 'Finish enrolling: a current code from the new secret turns it on; answers ten single-use recovery codes, shown this once', body: TotpCode, handler: totpEnable },
  { method: 'post', path: '/auth/totp/recovery-codes', operationId: 'newRecoveryCodes', response: R.RecoveryCodes, action: 'self', tag: 'auth', summary: 'Replace your recovery codes (the old ones stop working): password and second factor; shown this once', body: TotpSetup, handler: recoveryCodes },
  { method: 'post', path: '/auth/totp/disable', operationId: 'disableTotp', response: R.Ok, action: 'self', tag: 'auth', summary: 'Turn your second factor off (password and a current code or a recovery code); its recovery codes go too', body: TotpOff, handler: totpDisable },
];

export { getCookie };
