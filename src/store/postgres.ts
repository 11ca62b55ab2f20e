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
  let listenClient: pg.Client | undefined;
  let closed = false;
  const ensureListener = async () => {
    if (listenClient) return;
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => { for (const [fn, ch] of listeners) if (ch === m.channel) fn(m.payload ?? ''); });
    c.on('error', () => {
      // Reconnect and re-LISTEN; meanwhile the feed's safety poll covers the gap.
      listenClient = undefined;
      if (!closed) setTimeout(() => { void ensureListener().then(() => Promise.all([...new Set(listeners.values())].map((ch) => listenClient?.query(`LISTEN ${ch}`)))).catch(() => {}); }, 1000).unref();
    });
    await c.connect();
    listenClient = c;
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
    close: async () => {
      closed = true;
      await listenClient?.end().catch(() => {});
      await pool.end();
    },
  };
}
