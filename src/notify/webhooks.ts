import { HpconfError } from '../errors/registry.js';
import type { Db } from '../store/db.js';
import { obviouslyPrivate } from './address.js';
import { EVENT_KINDS } from './events.js';

export interface Webhook { id: number; url: string; events: string[] | null; allowPrivate: boolean; createdBy: string; createdAt: Date; pending: number; delivered: number; failed: number }
export interface Delivery {
  webhookId: number; eventId: number; kind: string; environment: string | null; state: 'pending' | 'delivered' | 'failed'; attempts: number;
  nextAt: Date; lastStatus: number | null; lastError: string | null; deliveredAt: Date | null; at: Date;
}

const num = (v: unknown) => Number(v);

/**
 * Webhooks: a POST per event to each URL, signed with its secret. The secret is kept as given (it must sign),
 * in the store, which only its owner and the Console's role read; it is never shown again.
 */
export function webhooks(db: Db) {
  async function add(url: string, o: { secret: string; events?: string[]; allowPrivate?: boolean; actor: string }): Promise<Webhook> {
    let u: URL;
    try { u = new URL(url); } catch { throw new HpconfError('HPC_USAGE', { details: `"${url}" is not a URL` }); }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new HpconfError('HPC_USAGE', { details: 'a webhook URL is http:// or https://' });
    if (u.username || u.password) throw new HpconfError('HPC_USAGE', { details: 'put no credentials in the URL: the signature authenticates hpconf' });
    if (!o.allowPrivate && obviouslyPrivate(u)) {
      throw new HpconfError('HPC_USAGE', { details: `${u.hostname} is a loopback or private address: add it with --allow-private (an admin, or the store owner through the local CLI)` });
    }
    if (!o.secret || o.secret.length < 16) throw new HpconfError('HPC_USAGE', { details: '--secret: 16 characters or more (the receiver checks X-Hpconf-Signature with it)' });
    const events = o.events?.length ? [...new Set(o.events)] : null;
    const unknown = (events ?? []).filter((e) => !(EVENT_KINDS as readonly string[]).includes(e));
    if (unknown.length) throw new HpconfError('HPC_USAGE', { details: `unknown event(s) ${unknown.join(', ')}; known: ${EVENT_KINDS.join(', ')}` });
    const { rows } = await db.query<{ id: unknown }>(
      'INSERT INTO hp_webhook (url, secret, events, allow_private, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id', [u.toString(), o.secret, events, !!o.allowPrivate, o.actor]);
    return (await list()).find((w) => w.id === num(rows[0].id))!;
  }

  async function list(): Promise<Webhook[]> {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT w.id, w.url, w.events, w.allow_private, w.created_by, w.created_at,
              count(*) FILTER (WHERE d.state = 'pending') AS pending, count(*) FILTER (WHERE d.state = 'delivered') AS delivered,
              count(*) FILTER (WHERE d.state = 'failed') AS failed
       FROM hp_webhook w LEFT JOIN hp_webhook_delivery d ON d.webhook_id = w.id
       WHERE w.removed_at IS NULL GROUP BY w.id ORDER BY w.id`);
    return rows.map((r) => ({ id: num(r.id), url: String(r.url), events: (r.events as string[] | null) ?? null, allowPrivate: r.allow_private === true, createdBy: String(r.created_by),
      createdAt: r.created_at as Date, pending: num(r.pending), delivered: num(r.delivered), failed: num(r.failed) }));
  }

  /** Stop delivering to it (its deliveries stay in the log). */
  async function remove(id: number): Promise<void> {
    const { rows } = await db.query('UPDATE hp_webhook SET removed_at = now() WHERE id = $1 AND removed_at IS NULL RETURNING id', [id]);
    if (!rows.length) throw new HpconfError('HPC_NOT_FOUND', { what: `webhook ${id}` });
    await db.query("UPDATE hp_webhook_delivery SET state = 'failed', last_error = 'webhook removed' WHERE webhook_id = $1 AND state = 'pending'", [id]);
  }

  async function deliveries(f: { webhookId?: number; limit?: number } = {}): Promise<Delivery[]> {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT d.*, e.kind, e.environment, e.created_at AS at FROM hp_webhook_delivery d JOIN hp_event e ON e.id = d.event_id
       WHERE ($1::bigint IS NULL OR d.webhook_id = $1) ORDER BY d.event_id DESC, d.webhook_id LIMIT $2`, [f.webhookId ?? null, f.limit ?? 100]);
    return rows.map((r) => ({
      webhookId: num(r.webhook_id), eventId: num(r.event_id), kind: String(r.kind), environment: (r.environment as string | null) ?? null, state: r.state as Delivery['state'],
      attempts: num(r.attempts), nextAt: r.next_at as Date, lastStatus: r.last_status === null ? null : num(r.last_status), lastError: (r.last_error as string | null) ?? null,
      deliveredAt: (r.delivered_at as Date | null) ?? null, at: r.at as Date,
    }));
  }

  return { add, list, remove, deliveries };
}
