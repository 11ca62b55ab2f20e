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
    close: () => pool.end(),
  };
}
