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
