import pg from 'pg';
import type { Db } from './db.js';
import { rethrowDb } from './db-errors.js';
import { redactUrl } from './redact.js';

export { redactUrl };

export async function openPostgres(url: string, max = 4): Promise<Db> {
  const where = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  pool.on('error', () => { /* an idle client died; the next query reconnects */ });
  await pool.query('SELECT 1');
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => { try { return await fn(); } catch (e) { rethrowDb(e, where); } };
  const listeners = new Map<(payload: string) => void, string>();
  const resyncs = new Set<() => void>();
  let listenClient: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  /**
   * The LISTEN connection, reconnected for as long as it takes (a server restart can last seconds):
   * backoff from 100 ms to 2 s, then LISTEN again on every channel and tell the subscribers to
   * re-read what they may have missed while it was down (NOTIFYs are not queued for a dead session).
   */
  const connectListener = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => { for (const [fn, ch] of listeners) if (ch === m.channel) fn(m.payload ?? ''); });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (listenClient === c) listenClient = undefined;
      c.end().catch(() => {});
      if (!closed) void reconnect();
    };
    c.on('error', onLost);
    c.on('end', onLost);
    await c.connect();
    for (const ch of new Set(listeners.values())) await c.query(`LISTEN ${ch}`);
    listenClient = c;
  };
  const reconnect = async () => {
    if (connecting) return connecting;
    connecting = (async () => {
      for (let wait = 100; !closed; wait = Math.min(wait * 2, 2000)) {
        await new Promise((r) => setTimeout(r, wait).unref());
        try {
          await connectListener();
          for (const fn of resyncs) fn();
          return;
        } catch { /* still down: try again */ }
      }
    })().finally(() => { connecting = undefined; });
    return connecting;
  };
  const ensureListener = async () => {
    if (listenClient) return;
    if (connecting) return connecting;
    connecting = connectListener().finally(() => { connecting = undefined; });
    return connecting;
  };
  return {
    kind: 'postgres',
    describe: `PostgreSQL ${where}`,
    query: (sql, params) => guard(async () => ({ rows: (await pool.query(sql, params)).rows })),
    exec: (sql) => guard(async () => { await pool.query(sql); }),
    transaction: (fn) => guard(async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({
          query: async (sql, params) => ({ rows: (await client.query(sql, params)).rows }),
          exec: async (sql) => { await client.query(sql); },
        });
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    }),
    // One dedicated connection carries every LISTEN of this process; it reconnects when it drops.
    listen: async (channel, fn) => {
      listeners.set(fn, channel);
      await ensureListener();
      await listenClient!.query(`LISTEN ${channel}`);
      return async () => { listeners.delete(fn); };
    },
    onResync: (fn) => { resyncs.add(fn); return () => { resyncs.delete(fn); }; },
    close: async () => {
      closed = true;
      await listenClient?.end().catch(() => {});
      await pool.end();
    },
  };
}
