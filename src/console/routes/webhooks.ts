import { z } from 'zod';
import { HpconfError } from '../../errors/registry.js';
import { EVENT_KINDS } from '../../notify/events.js';
import { webhooks } from '../../notify/webhooks.js';
import { actorOf } from '../auth/principal.js';
import { body, principal, query, type RouteDef } from '../http.js';
import { S, pathId, strict } from '../schemas.js';

// Admins only: a webhook carries the store's events (keys, reasons, who) to a URL of their choosing.
const NewWebhook = strict({
  url: S.text(2000).min(1), secret: S.secret(512).min(16).describe('signs each body (X-Hpconf-Signature: sha256=<hex HMAC>); never shown again'),
  events: z.array(z.enum(EVENT_KINDS)).max(EVENT_KINDS.length).optional().describe('every event when absent'),
  allowPrivate: z.boolean().optional().describe('allow a loopback or private address (refused otherwise)'),
});
const Deliveries = strict({ webhook: S.queryId().optional(), limit: z.coerce.number().int().min(1).max(1000).optional() });

const iso = z.string();
const Webhook = z.object({ id: z.number().int(), url: z.string(), events: z.array(z.string()).nullable(), allowPrivate: z.boolean(), createdBy: z.string(), createdAt: iso,
  pending: z.number().int(), delivered: z.number().int(), failed: z.number().int() });
const WebhookList = z.object({ items: z.array(Webhook), events: z.array(z.string()).describe('the event kinds there are') });
const DeliveryList = z.object({ items: z.array(z.object({
  webhookId: z.number().int(), eventId: z.number().int(), kind: z.string(), environment: z.string().nullable(), state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(), nextAt: iso, lastStatus: z.number().int().nullable(), lastError: z.string().nullable(), deliveredAt: iso.nullable(), at: iso })) });

const json = <T>(x: T) => JSON.parse(JSON.stringify(x)) as T; // dates as ISO text, as the schema says

export const webhookRoutes: RouteDef[] = [
  {
    method: 'get', path: '/webhooks', operationId: 'listWebhooks', response: WebhookList, action: 'admin', tag: 'webhooks', summary: 'List webhooks with their delivery counts (never their secret)',
    handler: async (c, d) => c.json({ items: json(await webhooks(d.store.db).list()), events: [...EVENT_KINDS] }),
  },
  {
    method: 'post', path: '/webhooks', operationId: 'addWebhook', response: Webhook, status: 201, action: 'admin', tag: 'webhooks', body: NewWebhook,
    summary: 'Add a webhook: a signed POST per event, retried with backoff; loopback and private addresses only with allowPrivate. No reachability check',
    handler: async (c, d) => {
      const b = body<z.infer<typeof NewWebhook>>(c);
      const w = await webhooks(d.store.db).add(b.url, { secret: b.secret, events: b.events, allowPrivate: b.allowPrivate, actor: actorOf(principal(c)) });
      return c.json(json(w), 201);
    },
  },
  {
    method: 'delete', path: '/webhooks/:id', operationId: 'removeWebhook', response: z.object({ ok: z.literal(true) }), action: 'admin', tag: 'webhooks', summary: 'Stop delivering to a webhook (its deliveries stay in the log)',
    handler: async (c, d) => {
      const id = pathId(c.req.param('id'));
      if (id === undefined) throw new HpconfError('HPC_NOT_FOUND', { what: `webhook ${c.req.param('id')}` });
      await webhooks(d.store.db).remove(id);
      return c.json({ ok: true as const });
    },
  },
  {
    method: 'get', path: '/webhooks/deliveries', operationId: 'listWebhookDeliveries', response: DeliveryList, action: 'admin', tag: 'webhooks', query: Deliveries,
    summary: 'The delivery log, newest first: state, attempts, the last status or error',
    handler: async (c, d) => {
      const q = query<z.infer<typeof Deliveries>>(c);
      return c.json({ items: json(await webhooks(d.store.db).deliveries({ webhookId: q.webhook, limit: q.limit ?? 100 })) });
    },
  },
];
