import { HpconfError } from '../../errors/registry.js';
import type { Store } from '../../store/store.js';
import type { Opts } from '../registry.js';
import { withStore, type Context } from '../context.js';
import { cliActor } from './values.js';

/** The CLI manages webhooks on the store itself (the store owner); through a Console an admin uses its API or Admin screen. */
async function onStore<T>(ctx: Context, fn: (w: ReturnType<typeof import('../../notify/webhooks.js')['webhooks']>, s: Store) => Promise<T>): Promise<T> {
  return withStore(ctx, async (s) => {
    if ((s as unknown as { api?: unknown }).api) throw new HpconfError('HPC_USAGE', { details: 'the CLI manages webhooks on the store itself (--data-dir or --database-url); through a Console, an admin uses its Admin screen or /api/v1/webhooks' });
    const { webhooks } = await import('../../notify/webhooks.js');
    return fn(webhooks(s.db), s);
  });
}

export async function webhooksAdd(ctx: Context, o: Opts, [url]: string[]): Promise<number> {
  const events = o.events === undefined ? undefined : String(o.events).split(',').map((e) => e.trim()).filter(Boolean);
  const w = await onStore(ctx, (h) => h.add(url, { secret: String(o.secret ?? ''), events, allowPrivate: !!o.allowPrivate, actor: cliActor(ctx, o.actor as string | undefined) }));
  ctx.out(`webhook ${w.id}: ${w.url} (${w.events ? w.events.join(', ') : 'every event'})`);
  return 0;
}

export async function webhooksList(ctx: Context, o: Opts): Promise<number> {
  const rows = await onStore(ctx, (h) => h.list());
  if (o.json) { ctx.out(JSON.stringify(rows, null, 2)); return 0; }
  for (const w of rows) ctx.out(`${w.id} ${w.url} ${w.events ? w.events.join(',') : 'every event'}  delivered ${w.delivered}, pending ${w.pending}, failed ${w.failed}`);
  if (!rows.length) ctx.out('no webhooks');
  return 0;
}

export async function webhooksRemove(ctx: Context, _o: Opts, [id]: string[]): Promise<number> {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) throw new HpconfError('HPC_USAGE', { details: `a webhook id is a positive whole number, got "${id}"` });
  await onStore(ctx, (h) => h.remove(Number(id)));
  ctx.out(`webhook ${id} removed`);
  return 0;
}

export async function webhooksDeliveries(ctx: Context, o: Opts): Promise<number> {
  const rows = await onStore(ctx, (h) => h.deliveries({ webhookId: o.webhook as number | undefined, limit: o.limit as number }));
  if (o.json) { ctx.out(JSON.stringify(rows, null, 2)); return 0; }
  for (const d of rows) ctx.out(`${d.at.toISOString()} webhook ${d.webhookId} ${d.kind} #${d.eventId} ${d.state} after ${d.attempts} attempt(s)${d.lastError ? `: ${d.lastError}` : ''}`);
  if (!rows.length) ctx.out('no deliveries');
  return 0;
}
