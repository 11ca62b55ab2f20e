/** The few SQL calls the store needs; PGlite and node-postgres both provide them, with the same SQL. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages (never a password). */
  readonly describe: string;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel: `fn` gets each NOTIFY payload, from any process on this database (PGlite:
   * this process, the only one that may open it). Resolves to the unlisten function.
   */
  listen(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Called each time the LISTEN connection came back after a loss (a server restart): notifications
   * sent meanwhile are gone, so subscribers re-read. PGlite never loses it.
   */
  onResync?(fn: () => void): () => void;
  close(): Promise<void>;
}

/**
 * Many rows as one JSON document (`SELECT json_agg(...)::text AS j`): PGlite decodes each row of a result in
 * JavaScript, and 100,000 rows took 3x as long that way as one JSON.parse of the aggregate (the Console's first
 * key view, the values snapshot). Same SQL on PostgreSQL.
 */
export async function jsonRows<T>(q: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const { rows } = await q.query<{ j: string | null }>(sql, params);
  return rows[0]?.j ? JSON.parse(rows[0].j) as T[] : [];
}
