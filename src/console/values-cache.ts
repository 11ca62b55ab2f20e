import { REDACTED } from '../catalog/check.js';
import { exportValues, type ExportFormat } from '../export/formats.js';
import type { Store } from '../store/store.js';

export type Variant = 'full' | 'redacted';
export interface CachedBody { body: string; etag: string; revision: number; contentType: string }

const TYPES: Record<string, string> = { values: 'application/json', json: 'application/json', k8s: 'application/yaml', env: 'text/plain; charset=utf-8', dotenv: 'text/plain; charset=utf-8' };

/**
 * The serialised values (and each export format), built once per store revision and per
 * redaction variant, so a read costs a lookup and a write of bytes, not a database round trip.
 * The revision comes from the store's feed (in memory, pushed); a body is rebuilt from one
 * snapshot (values and revision read by one statement) the first time a new revision is asked for,
 * and concurrent askers share that one build. The ETag is "r<revision>-<head commit time>" (a redacted body's differs): the revision alone would
 * let a client holding "r469" of one store take a 304 from another store, or from this one restored
 * from a backup, at revision 469 with other values.
 */
export function valuesCache(store: Store) {
  let at = -1;
  const bodies = new Map<string, Promise<CachedBody>>();

  async function snapshot(): Promise<{ revision: number; stamp: string; values: Map<string, string> }> {
    const { rows } = await store.db.query<{ head: unknown; at: unknown; v: Record<string, string> | string | null }>(
      `SELECT h.revision AS head, floor(extract(epoch FROM h.created_at) * 1000000)::bigint::text AS at,
              (SELECT json_object_agg(key, value ORDER BY key) FROM hp_value WHERE environment = $1) AS v
       FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT revision, created_at FROM hp_change ORDER BY revision DESC LIMIT 1) h ON true`, [store.environment]);
    const v = typeof rows[0].v === 'string' ? JSON.parse(rows[0].v) : rows[0].v ?? {};
    // The head commit's time (µs) tells apart two stores, or a store restored from a backup, at one revision.
    const stamp = rows[0].at === null ? '0' : BigInt(String(rows[0].at)).toString(36);
    return { revision: Number(rows[0].head ?? 0), stamp, values: new Map(Object.entries(v)) };
  }

  async function build(variant: Variant, format: 'values' | ExportFormat): Promise<CachedBody> {
    const snap = await snapshot();
    store.feed.bump(snap.revision); // a commit this process has not heard of yet
    const values = variant === 'full' ? snap.values
      : new Map([...snap.values].map(([k, v]) => [k, store.catalog.byKey.get(k)?.secret ? REDACTED : v]));
    const body = format === 'values'
      ? JSON.stringify({ revision: snap.revision, store: store.describe, values: Object.fromEntries(values) })
      : exportValues(store.catalog, values, format, { revision: snap.revision });
    return { body, revision: snap.revision, etag: `"r${snap.revision}-${snap.stamp}${variant === 'redacted' ? '-redacted' : ''}${format === 'values' ? '' : `-${format}`}"`, contentType: TYPES[format] };
  }

  return {
    async get(variant: Variant, format: 'values' | ExportFormat = 'values'): Promise<CachedBody> {
      await store.feed.ready();
      const revision = store.feed.current();
      if (revision !== at) { bodies.clear(); at = revision; }
      const k = `${variant}|${format}`;
      let p = bodies.get(k);
      if (!p) {
        p = build(variant, format);
        bodies.set(k, p);
        p.catch(() => bodies.delete(k));
      }
      const b = await p;
      // Built from a snapshot newer than the revision we keyed it under: key it right for the next reader.
      if (b.revision !== at && store.feed.current() === b.revision) { bodies.clear(); at = b.revision; bodies.set(k, Promise.resolve(b)); }
      return b;
    },
  };
}

export type ValuesCache = ReturnType<typeof valuesCache>;

/** If-None-Match holds this ETag (a list, or *): the client has the current body. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(etag);
}
