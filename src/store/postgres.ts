import pg from 'pg';
import type { Db } from './db.js';

/** `postgres://user:pass@host:port/db` with the password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable database url)';
  }
}

export async function openPostgres(url: string, max = 4): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => { /* an idle client died; the next query reconnects */ });
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    describe: `PostgreSQL ${redactUrl(url)}`,
    query: async (sql, params) => ({ rows: (await pool.query(sql, params)).rows }),
    exec: async (sql) => { await pool.query(sql); },
    transaction: async (fn) => {
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
    },
    close: () => pool.end(),
  };
}
