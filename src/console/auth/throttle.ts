import { HpconfError } from '../../errors/registry.js';
import type { Db } from '../../store/db.js';

/**
 * Sign-in throttling that slows a guesser without locking the owner out (OWASP's device-cookie
 * scheme):
 * - per address: 20 failures in 15 minutes, then that address waits (except a known browser);
 * - per user, from browsers the user never signed in from: 5 failures since the user's last
 *   success, then each further try waits 30 s, doubling, up to 15 minutes;
 * - per user and known browser (a device cookie set at a successful sign-in): the same, counted
 *   apart, so strangers' failures never slow the owner's own browser.
 * The attempt is recorded, as a failure, before the password is checked, in a transaction
 * serialised per user and per address: parallel guesses are counted as they arrive, not after
 * the hash, so a burst gets no more tries than a sequence.
 */
export const POLICY = { windowMin: 15, perAddress: 20, perUser: 5, firstWaitS: 30, maxWaitS: 900 } as const;

export interface AttemptScope { username: string; ip: string; device: string }

const num = (v: unknown) => Number(v);

/** Admit one attempt (recorded as a failure until markOk) or throw HPC_LOGIN_THROTTLED with the wait. */
export async function admitAttempt(db: Db, s: AttemptScope): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(71, hashtext($1))', [s.username]);
    await tx.query('SELECT pg_advisory_xact_lock(72, hashtext($1))', [s.ip]);
    const { rows } = await tx.query<Record<string, unknown>>(
      `WITH w AS (SELECT username, ip, device, ok, at FROM hp_login_attempt WHERE at > now() - make_interval(mins => $4)),
            since AS (SELECT coalesce(max(at), '-infinity'::timestamptz) AS t FROM w WHERE username = $1 AND ok AND ($3 = '' OR device = $3))
       SELECT (SELECT count(*) FROM w WHERE ip = $2 AND NOT ok) AS ip_fails,
              (SELECT extract(epoch FROM min(at) + make_interval(mins => $4) - now()) FROM w WHERE ip = $2 AND NOT ok) AS ip_wait,
              (SELECT count(*) FROM w, since WHERE username = $1 AND device = $3 AND NOT ok AND at > since.t) AS fails,
              (SELECT extract(epoch FROM now() - max(at)) FROM w WHERE username = $1 AND device = $3 AND NOT ok) AS since_last`,
      [s.username, s.ip, s.device, POLICY.windowMin]);
    const r = rows[0];
    // A valid device cookie passes the per-address limit, as it passes the per-user one: strangers
    // failing from the owner's address (a shared office, a NAT) do not lock out the owner's browser.
    if (!s.device && num(r.ip_fails) >= POLICY.perAddress) throw new HpconfError('HPC_LOGIN_THROTTLED', { seconds: Math.max(1, Math.ceil(num(r.ip_wait))) });
    const fails = num(r.fails);
    if (fails >= POLICY.perUser) {
      const wait = Math.min(POLICY.maxWaitS, POLICY.firstWaitS * 2 ** (fails - POLICY.perUser));
      const left = wait - num(r.since_last ?? wait);
      if (left > 0) throw new HpconfError('HPC_LOGIN_THROTTLED', { seconds: Math.ceil(left) });
    }
    if (Math.random() < 0.01) await tx.query("DELETE FROM hp_login_attempt WHERE at < now() - interval '1 day'");
    const ins = await tx.query<{ id: unknown }>('INSERT INTO hp_login_attempt (username, ip, device, ok) VALUES ($1, $2, $3, false) RETURNING id', [s.username, s.ip, s.device]);
    return num(ins.rows[0].id);
  });
}

export async function markOk(db: Db, attemptId: number): Promise<void> {
  await db.query('UPDATE hp_login_attempt SET ok = true WHERE id = $1', [attemptId]);
}
