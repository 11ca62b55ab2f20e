import type { Store } from './store.js';

/** Run `fn` with the store open, closing it (and releasing the PGlite lock) whatever happens. */
export async function withStore<T>(ctx: { openStore(o?: { direct?: boolean; read?: boolean }): Promise<Store> }, fn: (s: Store) => Promise<T>, o: { direct?: boolean; read?: boolean } = {}): Promise<T> {
  const s = await ctx.openStore(o);
  try { return await fn(s); } finally { await s.close(); }
}
