import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Db } from '../store/db.js';
import { resolvePublic } from './address.js';
import { eventText } from './events.js';

/** `X-Hpconf-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook's secret>` */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Retries: 10 s, 20 s, 40 s ... capped at 1 h; after MAX_ATTEMPTS the delivery is failed (shown in the log). */
export const MAX_ATTEMPTS = 8;
export const backoffSeconds = (attempts: number) => Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
/** Events and their delivery log are kept this long (the change log itself is kept for ever). */
export const KEEP_DAYS = 30;
/** A claimed delivery is another replica's again after this, if its claimer died mid-flight. */
const LEASE_SECONDS = 60;

interface Claimed { webhook_id: unknown; event_id: unknown; attempts: unknown; url: string; secret: string; allow_private: boolean; kind: string; environment: string | null; payload: Record<string, unknown>; at: Date }

/** The body: a Slack-compatible message (`text`) with the event as data beside it. */
export function eventBody(c: { eventId: number; kind: string; environment: string | null; payload: Record<string, unknown>; at: Date }): string {
  return JSON.stringify({ text: eventText(c.kind, c.environment, c.payload), event: c.kind, id: c.eventId, environment: c.environment, at: c.at.toISOString(), data: c.payload });
}

async function post(url: URL, body: string, headers: Record<string, string>, allowPrivate: boolean, timeoutMs: number): Promise<number> {
  const addr = await resolvePublic(url, allowPrivate);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, {
      method: 'POST', timeout: timeoutMs, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'hpconf-webhook', ...headers },
      // Connect to the address that was checked, never to one a second DNS answer gives (rebinding).
      lookup: (_h: string, o: { all?: boolean }, cb: (e: Error | null, a: string | { address: string; family: number }[], f?: number) => void) =>
        (o?.all ? cb(null, [{ address: addr.address, family: addr.family }]) : cb(null, addr.address, addr.family)),
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); res.on('error', reject); });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Delivers due webhook deliveries. Each replica may run one: a delivery is claimed by one of them at a time
 * (a lease taken with SKIP LOCKED), so a receiver gets each event once per success, retried after a failure.
 */
export function webhookDispatcher(db: Db, o: { timeoutMs?: number; log?: (l: string) => void; batch?: number } = {}) {
  async function claim(): Promise<Claimed[]> {
    const { rows } = await db.query<Claimed>(
      `WITH due AS (
         SELECT webhook_id, event_id FROM hp_webhook_delivery WHERE state = 'pending' AND next_at <= now()
         ORDER BY next_at, event_id LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE hp_webhook_delivery d SET attempts = d.attempts + 1, next_at = now() + make_interval(secs => $2)
       FROM due, hp_webhook w, hp_event e
       WHERE d.webhook_id = due.webhook_id AND d.event_id = due.event_id AND w.id = d.webhook_id AND e.id = d.event_id
       RETURNING d.webhook_id, d.event_id, d.attempts, w.url, w.secret, w.allow_private, e.kind, e.environment, e.payload, e.created_at AS at`,
      [o.batch ?? 20, LEASE_SECONDS]);
    return rows;
  }

  async function deliverOne(c: Claimed): Promise<void> {
    const eventId = Number(c.event_id);
    const body = eventBody({ eventId, kind: c.kind, environment: c.environment, payload: typeof c.payload === 'string' ? JSON.parse(c.payload) : c.payload, at: c.at });
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await post(new URL(c.url), body, {
        'x-hpconf-signature': signature(c.secret, body), 'x-hpconf-event': c.kind, 'x-hpconf-delivery': `${Number(c.webhook_id)}-${eventId}`,
      }, c.allow_private, o.timeoutMs ?? 10_000);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) { error = (e as Error).message.slice(0, 500); }
    const attempts = Number(c.attempts);
    if (!error) {
      await db.query("UPDATE hp_webhook_delivery SET state = 'delivered', delivered_at = now(), last_status = $3, last_error = NULL WHERE webhook_id = $1 AND event_id = $2", [c.webhook_id, c.event_id, status]);
      return;
    }
    const give = attempts >= MAX_ATTEMPTS;
    await db.query(
      `UPDATE hp_webhook_delivery SET state = $3, last_status = $4, last_error = $5, next_at = now() + make_interval(secs => $6) WHERE webhook_id = $1 AND event_id = $2`,
      [c.webhook_id, c.event_id, give ? 'failed' : 'pending', status, error, backoffSeconds(attempts)]);
    o.log?.(`webhook ${Number(c.webhook_id)}: ${c.kind} #${eventId} attempt ${attempts} failed: ${error}${give ? ' (giving up)' : ''}`);
  }

  /**
   * Forget events (and their finished deliveries) older than `days`: every write makes an event, with or
   * without webhooks, so the outbox would grow with the change log. An event still pending somewhere stays.
   */
  async function prune(days = KEEP_DAYS): Promise<number> {
    return db.transaction(async (tx) => {
      const old = `SELECT id FROM hp_event e WHERE e.created_at < now() - make_interval(days => $1)
                   AND NOT EXISTS (SELECT 1 FROM hp_webhook_delivery d WHERE d.event_id = e.id AND d.state = 'pending')`;
      await tx.query(`DELETE FROM hp_webhook_delivery WHERE event_id IN (${old})`, [days]);
      return (await tx.query(`DELETE FROM hp_event WHERE id IN (${old}) RETURNING id`, [days])).rows.length;
    });
  }
  let prunedAt = 0;

  /** Deliver what is due now; resolves when this batch is done. Prunes the outbox about once an hour. */
  async function tick(): Promise<number> {
    const batch = await claim();
    await Promise.all(batch.map(deliverOne));
    if (Date.now() - prunedAt > 3600_000) {
      prunedAt = Date.now();
      await prune().catch((e: Error) => o.log?.(`webhooks: pruning old events failed: ${e.message}`));
    }
    return batch.length;
  }

  return { tick, prune };
}
