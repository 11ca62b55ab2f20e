import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Db } from '../../store/db.js';
import { HpconfError } from '../../errors/registry.js';
import { AUTH_CHANNEL, type RevisionFeed } from '../../store/feed.js';
import type { Principal, Role } from './principal.js';
import { tokenRole } from './principal.js';

/** argon2id (algorithm 2) with the library's defaults: m=19 MiB, t=2, p=1 (OWASP's minimum). */
export const hashPassword = (pw: string) => hash(pw, { algorithm: 2 });
export const verifyPassword = (h: string, pw: string) => verify(h, pw).catch(() => false);
/** Verified for an unknown user too, so timing does not tell which usernames exist. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$4pSW+gUDOjVVBMEjXd8e5ojaMZ6vwW2mhGEFYYK8CWU';
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export interface UserRow {
  id: number; username: string; password_hash: string; role: Role; totp_secret: string | null; totp_enabled: boolean;
  totp_pending_secret: string | null; totp_last_step: number | null; must_change_password: boolean; disabled: boolean; created_at: Date;
  oidc_issuer: string | null; oidc_subject: string | null; approver: boolean;
}

/** What a provider said about a user at sign-in (oidc.ts maps the claims). */
export interface OidcIdentity { issuer: string; subject: string; username: string; role: Role; approver: boolean }

/** Ten codes of 80 random bits each: a SHA-256 of that much entropy cannot be searched, so no slow hash is needed. */
export const RECOVERY_CODES = 10;
const newRecoveryCode = () => randomBytes(10).toString('hex').replace(/(.{5})(?=.)/g, '$1-');
/** Case, spaces and dashes do not matter when a code is typed back. */
export const recoveryHash = (code: string) => sha256(code.toLowerCase().replace(/[^0-9a-f]/g, ''));
/** A provider's users have no password: this is no argon2 hash, so no password ever verifies. */
const NO_PASSWORD = '!oidc';

export const SESSION_HOURS = 12;
export const DEVICE_DAYS = 180;
/** last_used_at is written at most this often per token: a read must not cost a write. */
const TOKEN_TOUCH_SECONDS = 60;

export interface UserPatch {
  role?: Role; disabled?: boolean; password?: string; mustChange?: boolean; approver?: boolean;
  totpPending?: string | null; totpActivate?: boolean; totpOff?: boolean;
}

/** How long a session or token lookup is reused: a read costs no query; any change is announced at once anyway. */
const LOOKUP_CACHE_MS = 5000;

/**
 * Users, sessions, devices and tokens. Session and token lookups are cached briefly; every
 * change to a user, session or token is announced (NOTIFY hpconf_auth) so every process, this one
 * included, drops its cache at once: a revoked token or a disabled user stops at the next request.
 */
export function authStore(db: Db, feed?: RevisionFeed) {
  const user = (r: UserRow) => ({ ...r, id: Number(r.id), totp_last_step: r.totp_last_step === null ? null : Number(r.totp_last_step) });
  const cache = new Map<string, { p: Principal | undefined; until: number }>();
  // A lookup that started before a change must not put its (old) answer back after the clear.
  let generation = 0;
  // Tokens a lookup just found, by the presented text: the /values fast path's check is one map lookup, no hash.
  // Held no longer than the hashed entry, and cleared with it on any change.
  const presented = new Map<string, { p: Principal; until: number }>();
  const clear = () => { generation++; cache.clear(); presented.clear(); };
  feed?.onAuthChange(clear);
  const cachedLookup = async (k: string, load: () => Promise<Principal | undefined>) => {
    const hit = cache.get(k);
    if (hit && hit.until > Date.now()) return hit.p;
    const g = generation;
    const p = await load();
    if (g !== generation) return p;
    cache.set(k, { p, until: Date.now() + LOOKUP_CACHE_MS });
    if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
    return p;
  };
  const changed = async () => {
    clear();
    await db.query('SELECT pg_notify($1, $2)', [AUTH_CHANNEL, '']);
  };
  return {
    db,
    async userCount(): Promise<number> {
      return Number((await db.query<{ n: unknown }>('SELECT count(*) AS n FROM hp_user')).rows[0].n);
    },
    async createUser(username: string, password: string, role: Role, mustChange = false): Promise<void> {
      await db.query('INSERT INTO hp_user (username, password_hash, role, must_change_password) VALUES ($1, $2, $3, $4)',
        [username, await hashPassword(password), role, mustChange]);
    },
    async findUser(username: string): Promise<UserRow | undefined> {
      const r = (await db.query<UserRow>('SELECT * FROM hp_user WHERE username = $1', [username])).rows[0];
      return r ? user(r) : undefined;
    },
    async listUsers() {
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT u.id, u.username, u.role, u.totp_enabled, u.must_change_password, u.disabled, u.created_at, u.approver, (u.oidc_subject IS NOT NULL) AS sso,
                (SELECT max(at) FROM hp_login_attempt a WHERE a.username = u.username AND a.ok) AS last_sign_in
         FROM hp_user u ORDER BY u.username`);
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },
    /** Change a user; a new password, a disable or a role change closes the user's sessions. */
    async updateUser(username: string, f: UserPatch): Promise<boolean> {
      const sets: string[] = [];
      const params: unknown[] = [];
      const add = (col: string, v: unknown) => { params.push(v); sets.push(`${col} = $${params.length}`); };
      if (f.role !== undefined) add('role', f.role);
      if (f.disabled !== undefined) add('disabled', f.disabled);
      if (f.approver !== undefined) add('approver', f.approver);
      if (f.password !== undefined) add('password_hash', await hashPassword(f.password));
      if (f.mustChange !== undefined) add('must_change_password', f.mustChange);
      if (f.totpPending !== undefined) add('totp_pending_secret', f.totpPending);
      if (f.totpActivate) sets.push('totp_secret = totp_pending_secret', 'totp_pending_secret = NULL', 'totp_enabled = true');
      if (f.totpOff) sets.push('totp_secret = NULL', 'totp_pending_secret = NULL', 'totp_enabled = false', 'totp_last_step = NULL');
      if (!sets.length) return true;
      params.push(username);
      const r = await db.query<{ id: unknown }>(`UPDATE hp_user SET ${sets.join(', ')} WHERE username = $${params.length} RETURNING id`, params);
      if (r.rows.length && (f.disabled || f.password !== undefined || f.role !== undefined)) {
        await db.query('DELETE FROM hp_session WHERE user_id = $1', [r.rows[0].id]);
      }
      if (r.rows.length && f.totpOff) await db.query('DELETE FROM hp_recovery_code WHERE user_id = $1', [r.rows[0].id]);
      await changed();
      return r.rows.length > 0;
    },
    /** New recovery codes for a user (the old ones stop working); returned once, kept only as hashes. */
    async newRecoveryCodes(userId: number): Promise<string[]> {
      const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM hp_recovery_code WHERE user_id = $1', [userId]);
        for (const c of codes) await tx.query('INSERT INTO hp_recovery_code (user_id, code_hash) VALUES ($1, $2)', [userId, recoveryHash(c)]);
      });
      return codes;
    },
    /** Spend a recovery code: true once per code, whatever the number of parallel tries (the UPDATE is the check). */
    async useRecoveryCode(userId: number, code: string): Promise<boolean> {
      const r = await db.query('UPDATE hp_recovery_code SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id', [userId, recoveryHash(code)]);
      return r.rows.length > 0;
    },
    async recoveryCodesLeft(userId: number): Promise<number> {
      return Number((await db.query<{ n: unknown }>('SELECT count(*) AS n FROM hp_recovery_code WHERE user_id = $1 AND used_at IS NULL', [userId])).rows[0].n);
    },
    /**
     * The user a provider vouched for, created at first sign-in and brought in line with the claims at each
     * one (role, approver status, re-enabled never: a disabled user stays disabled). Matched by issuer and
     * subject only: a local user of the same name is never taken over, the sign-in is refused.
     */
    async oidcUser(id: OidcIdentity): Promise<UserRow> {
      return db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(73, hashtext($1))', [`${id.issuer} ${id.subject}`]);
        const known = (await tx.query<UserRow>('SELECT * FROM hp_user WHERE oidc_issuer = $1 AND oidc_subject = $2', [id.issuer, id.subject])).rows[0];
        let row: UserRow | undefined;
        if (known) {
          row = (await tx.query<UserRow>('UPDATE hp_user SET role = $2, approver = $3 WHERE id = $1 RETURNING *', [known.id, id.role, id.approver])).rows[0];
          if (known.role !== id.role) await tx.query('DELETE FROM hp_session WHERE user_id = $1', [known.id]);
        } else {
          row = (await tx.query<UserRow>(
            `INSERT INTO hp_user (username, password_hash, role, approver, oidc_issuer, oidc_subject) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (username) DO NOTHING RETURNING *`, [id.username, NO_PASSWORD, id.role, id.approver, id.issuer, id.subject])).rows[0];
          if (!row) throw new HpconfError('HPC_SSO_REFUSED', { why: `the name "${id.username}" belongs to another user of this Console: an admin renames one of them` });
        }
        await tx.query('SELECT pg_notify($1, $2)', [AUTH_CHANNEL, '']);
        return user(row);
      }).finally(clear); // this process at once, not when its own NOTIFY comes back
    },
    /** Spend a TOTP time step: true once per step and user, whatever the number of parallel tries. */
    async useTotpStep(userId: number, step: number): Promise<boolean> {
      const r = await db.query('UPDATE hp_user SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id', [userId, step]);
      return r.rows.length > 0;
    },

    async createSession(userId: number): Promise<{ id: string; csrf: string; expires: Date }> {
      const id = randomToken();
      const csrf = randomToken(24);
      const expires = new Date(Date.now() + SESSION_HOURS * 3600_000);
      await db.query('INSERT INTO hp_session (id_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [sha256(id), userId, csrf, expires]);
      return { id, csrf, expires };
    },
    session(id: string): Promise<Principal | undefined> {
      return cachedLookup(`s:${sha256(id)}`, () => this.loadSession(id));
    },
    async loadSession(id: string): Promise<Principal | undefined> {
      const { rows } = await db.query<{ username: string; role: Role; csrf_token: string; user_id: unknown; id_hash: string; must_change_password: boolean; totp_enabled: boolean }>(
        `SELECT u.username, u.role, s.csrf_token, s.user_id, s.id_hash, u.must_change_password, u.totp_enabled FROM hp_session s JOIN hp_user u ON u.id = s.user_id
         WHERE s.id_hash = $1 AND s.expires_at > now() AND NOT u.disabled`, [sha256(id)]);
      const r = rows[0];
      return r && { kind: 'user', name: r.username, role: r.role, csrf: r.csrf_token, sessionHash: r.id_hash, userId: Number(r.user_id), mustChangePassword: r.must_change_password, totp: r.totp_enabled };
    },
    async endSession(hashHex: string): Promise<void> {
      await db.query('DELETE FROM hp_session WHERE id_hash = $1', [hashHex]);
      await changed();
    },

    /** The user a known-device cookie belongs to. */
    async deviceUser(token: string): Promise<number | undefined> {
      const { rows } = await db.query<{ user_id: unknown }>(
        `UPDATE hp_device SET last_used_at = now() WHERE token_hash = $1 AND created_at > now() - make_interval(days => $2) RETURNING user_id`, [sha256(token), DEVICE_DAYS]);
      return rows[0] ? Number(rows[0].user_id) : undefined;
    },
    async createDevice(userId: number): Promise<string> {
      const token = randomToken();
      await db.query('INSERT INTO hp_device (token_hash, user_id) VALUES ($1, $2)', [sha256(token), userId]);
      return token;
    },

    async createToken(name: string, scope: 'read' | 'write', creator: { name: string; userId?: number }, expiresAt?: Date): Promise<{ id: number; token: string }> {
      const token = `hpc_${randomToken()}`;
      const r = await db.query<{ id: unknown }>(
        'INSERT INTO hp_api_token (name, token_hash, scope, created_by, created_by_user_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [name, sha256(token), scope, `user:${creator.name}`, creator.userId ?? null, expiresAt ?? null]);
      return { id: Number(r.rows[0].id), token };
    },
    /** A token acts only while it is unrevoked, unexpired, and its creator is still an active admin. */
    /** A token's principal if a lookup in the last moments found it (cleared with the cache on any change); else undefined. */
    peekToken(token: string): Principal | undefined {
      const hit = presented.get(token);
      return hit && hit.until > Date.now() ? hit.p : undefined;
    },
    async token(token: string): Promise<Principal | undefined> {
      const key = `t:${sha256(token)}`;
      const p = await cachedLookup(key, () => this.loadToken(token));
      const hit = cache.get(key); // absent when a change cleared the cache meanwhile: then nothing is kept
      if (p && hit?.p === p) {
        if (presented.size >= 10_000 && !presented.has(token)) presented.delete(presented.keys().next().value!);
        presented.set(token, { p, until: hit.until });
      }
      return p;
    },
    async loadToken(token: string): Promise<Principal | undefined> {
      const { rows } = await db.query<{ id: unknown; name: string; scope: 'read' | 'write'; stale: boolean; user_id: unknown; username: string }>(
        `SELECT t.id, t.name, t.scope, u.id AS user_id, u.username, (t.last_used_at IS NULL OR t.last_used_at < now() - make_interval(secs => $2)) AS stale
         FROM hp_api_token t JOIN hp_user u ON u.id = t.created_by_user_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
           AND u.role = 'admin' AND NOT u.disabled`, [sha256(token), TOKEN_TOUCH_SECONDS]);
      const r = rows[0];
      if (!r) return undefined;
      if (r.stale) await db.query('UPDATE hp_api_token SET last_used_at = now() WHERE id = $1', [r.id]);
      return { kind: 'token', name: r.name, role: tokenRole(r.scope), owner: { id: Number(r.user_id), name: r.username } };
    },
    async listTokens() {
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT t.id, t.name, t.scope, t.created_by, t.created_at, t.last_used_at, t.revoked_at, t.expires_at,
                (t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND coalesce(u.role = 'admin' AND NOT u.disabled, false)) AS active
         FROM hp_api_token t LEFT JOIN hp_user u ON u.id = t.created_by_user_id ORDER BY t.id`);
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },
    async revokeToken(id: number): Promise<boolean> {
      const ok = (await db.query('UPDATE hp_api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id])).rows.length > 0;
      await changed();
      return ok;
    },
  };
}

export type AuthStore = ReturnType<typeof authStore>;
