import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Queryable } from '../../store/db.js';
import type { Principal, Role } from './principal.js';
import { tokenRole } from './principal.js';

/** argon2id (algorithm 2) with the library's defaults: m=19 MiB, t=2, p=1 (OWASP's minimum). */
export const hashPassword = (pw: string) => hash(pw, { algorithm: 2 });
export const verifyPassword = (h: string, pw: string) => verify(h, pw).catch(() => false);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export interface UserRow { id: number; username: string; password_hash: string; role: Role; totp_secret: string | null; totp_enabled: boolean; must_change_password: boolean; disabled: boolean; created_at: Date }

export const SESSION_HOURS = 12;

export function authStore(db: Queryable) {
  return {
    async userCount(): Promise<number> {
      return Number((await db.query<{ n: unknown }>('SELECT count(*) AS n FROM hp_user')).rows[0].n);
    },
    async createUser(username: string, password: string, role: Role, mustChange = false): Promise<void> {
      await db.query('INSERT INTO hp_user (username, password_hash, role, must_change_password) VALUES ($1, $2, $3, $4)',
        [username, await hashPassword(password), role, mustChange]);
    },
    async findUser(username: string): Promise<UserRow | undefined> {
      const r = (await db.query<UserRow>('SELECT * FROM hp_user WHERE username = $1', [username])).rows[0];
      return r ? { ...r, id: Number(r.id) } : undefined;
    },
    async listUsers(): Promise<Omit<UserRow, 'password_hash' | 'totp_secret'>[]> {
      const { rows } = await db.query<UserRow>('SELECT id, username, role, totp_enabled, must_change_password, disabled, created_at FROM hp_user ORDER BY username');
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },
    async updateUser(username: string, f: { role?: Role; disabled?: boolean; password?: string; mustChange?: boolean; totpSecret?: string | null; totpEnabled?: boolean }): Promise<boolean> {
      const sets: string[] = [];
      const params: unknown[] = [];
      const add = (col: string, v: unknown) => { params.push(v); sets.push(`${col} = $${params.length}`); };
      if (f.role !== undefined) add('role', f.role);
      if (f.disabled !== undefined) add('disabled', f.disabled);
      if (f.password !== undefined) add('password_hash', await hashPassword(f.password));
      if (f.mustChange !== undefined) add('must_change_password', f.mustChange);
      if (f.totpSecret !== undefined) add('totp_secret', f.totpSecret);
      if (f.totpEnabled !== undefined) add('totp_enabled', f.totpEnabled);
      if (!sets.length) return true;
      params.push(username);
      const r = await db.query<{ id: unknown }>(`UPDATE hp_user SET ${sets.join(', ')} WHERE username = $${params.length} RETURNING id`, params);
      if (f.disabled || f.password !== undefined) await db.query('DELETE FROM hp_session WHERE user_id = (SELECT id FROM hp_user WHERE username = $1)', [username]);
      return r.rows.length > 0;
    },

    async createSession(userId: number): Promise<{ id: string; csrf: string; expires: Date }> {
      const id = randomToken();
      const csrf = randomToken(24);
      const expires = new Date(Date.now() + SESSION_HOURS * 3600_000);
      await db.query('INSERT INTO hp_session (id_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [sha256(id), userId, csrf, expires]);
      return { id, csrf, expires };
    },
    async session(id: string): Promise<Principal | undefined> {
      const { rows } = await db.query<{ username: string; role: Role; csrf_token: string; user_id: unknown; id_hash: string; must_change_password: boolean }>(
        `SELECT u.username, u.role, s.csrf_token, s.user_id, s.id_hash, u.must_change_password FROM hp_session s JOIN hp_user u ON u.id = s.user_id
         WHERE s.id_hash = $1 AND s.expires_at > now() AND NOT u.disabled`, [sha256(id)]);
      const r = rows[0];
      return r && { kind: 'user', name: r.username, role: r.role, csrf: r.csrf_token, sessionHash: r.id_hash, userId: Number(r.user_id), mustChangePassword: r.must_change_password };
    },
    async endSession(hashHex: string): Promise<void> {
      await db.query('DELETE FROM hp_session WHERE id_hash = $1', [hashHex]);
    },

    async createToken(name: string, scope: 'read' | 'write', createdBy: string): Promise<{ id: number; token: string }> {
      const token = `hpc_${randomToken()}`;
      const r = await db.query<{ id: unknown }>('INSERT INTO hp_api_token (name, token_hash, scope, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
        [name, sha256(token), scope, createdBy]);
      return { id: Number(r.rows[0].id), token };
    },
    async token(token: string): Promise<Principal | undefined> {
      const { rows } = await db.query<{ name: string; scope: 'read' | 'write'; id: unknown }>(
        'UPDATE hp_api_token SET last_used_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING id, name, scope', [sha256(token)]);
      const r = rows[0];
      return r && { kind: 'token', name: r.name, role: tokenRole(r.scope) };
    },
    async listTokens() {
      const { rows } = await db.query<Record<string, unknown>>('SELECT id, name, scope, created_by, created_at, last_used_at, revoked_at FROM hp_api_token ORDER BY id');
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },
    async revokeToken(id: number): Promise<boolean> {
      return (await db.query('UPDATE hp_api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id])).rows.length > 0;
    },

    async recordAttempt(username: string, ip: string, ok: boolean): Promise<void> {
      await db.query('INSERT INTO hp_login_attempt (username, ip, ok) VALUES ($1, $2, $3)', [username, ip, ok]);
    },
    /** Failed sign-ins in the window, for this username and for this address. */
    async recentFailures(username: string, ip: string, minutes: number): Promise<{ user: number; ip: number; oldest: Date | null }> {
      const { rows } = await db.query<{ u: unknown; i: unknown; oldest: Date | null }>(
        `SELECT count(*) FILTER (WHERE username = $1) AS u, count(*) FILTER (WHERE ip = $2) AS i,
                min(at) FILTER (WHERE username = $1) AS oldest
         FROM hp_login_attempt WHERE NOT ok AND at > now() - make_interval(mins => $3)`, [username, ip, minutes]);
      return { user: Number(rows[0].u), ip: Number(rows[0].i), oldest: rows[0].oldest };
    },
  };
}

export type AuthStore = ReturnType<typeof authStore>;
