import { REDACTED, isSecret } from '../catalog/check.js';
import { exportValues, type ExportFormat } from '../export/formats.js';
import type { Store } from '../store/store.js';
import { segmentBody } from '../catalog/segments.js';

export type Variant = 'full' | 'redacted';

const secrets = new WeakMap<Store['catalog'], boolean>();
/** A viewer gets the redacted body only where the catalog marks some key secret; otherwise one body serves all. */
export function variantFor(c: Store['catalog'], role: string): Variant {
  let any = secrets.get(c);
  if (any === undefined) { any = c.keys.some((k) => k.secret); secrets.set(c, any); }
  return role === 'viewer' && any ? 'redacted' : 'full';
}
/** `layered`: every address (base, overrides, groups); `segment:S`: segment S flattened to the base names. */
export type Format = 'values' | 'layered' | `segment:${string}` | ExportFormat;
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
  // The plain bodies once built, for a synchronous read (the /values fast path): keyed by variant, for revision `at`.
  const ready = new Map<Variant, CachedBody>();

  /** `all`: the overrides and group definitions too (by address), for a segment's body. */
  async function snapshot(all = false): Promise<{ revision: number; stamp: string; values: Map<string, string> }> {
    const { rows } = await store.db.query<{ head: unknown; at: unknown; v: Record<string, string> | string | null }>(
      `SELECT h.revision AS head, floor(extract(epoch FROM h.created_at) * 1000000)::bigint::text AS at,
              (SELECT json_object_agg(key, value ORDER BY key) FROM hp_value WHERE environment = $1 AND ($2 OR segment = '')) AS v
       FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT revision, created_at FROM hp_change ORDER BY revision DESC LIMIT 1) h ON true`, [store.environment, all]);
    const v = typeof rows[0].v === 'string' ? JSON.parse(rows[0].v) : rows[0].v ?? {};
    // The head commit's time (µs) tells apart two stores, or a store restored from a backup, at one revision.
    const stamp = rows[0].at === null ? '0' : BigInt(String(rows[0].at)).toString(36);
    return { revision: Number(rows[0].head ?? 0), stamp, values: new Map(Object.entries(v)) };
  }

  async function build(variant: Variant, format: Format): Promise<CachedBody> {
    const layered = format === 'layered' || format.startsWith('segment:');
    const snap = await snapshot(layered);
    store.feed.bump(snap.revision); // a commit this process has not heard of yet
    let values = variant === 'full' ? snap.values : new Map([...snap.values].map(([k, v]) => [k, isSecret(store.catalog, k) ? REDACTED : v]));
    let layers: Record<string, string> | undefined;
    if (format.startsWith('segment:')) {
      // A segment flattened to the base names (what a worker for it reads), with the layer of each value not the base's.
      ({ values, layers } = segmentBody(values, format.slice('segment:'.length), store.catalog.keys.map((k) => k.key)));
    }
    const body = format === 'values' || layered
      ? JSON.stringify({ revision: snap.revision, store: store.describe, values: Object.fromEntries(values), ...(layers ? { layers } : {}) })
      : exportValues(store.catalog, values, format as ExportFormat, { revision: snap.revision });
    const tag = format === 'values' ? '' : `-${format.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    return { body, revision: snap.revision, etag: `"r${snap.revision}-${snap.stamp}${variant === 'redacted' ? '-redacted' : ''}${tag}"`, contentType: TYPES[layered ? 'values' : format] };
  }

  return {
    async get(variant: Variant, format: Format = 'values'): Promise<CachedBody> {
      await store.feed.ready();
      const revision = store.feed.current();
      if (revision !== at) { bodies.clear(); ready.clear(); at = revision; }
      const k = `${variant}|${format}`;
      let p = bodies.get(k);
      if (!p) {
        p = build(variant, format);
        // Segment names come from callers: past a bound a body is built for its request alone, never kept, so
        // asking for many made-up segments cannot grow this process's memory.
        if (bodies.size < MAX_BODIES || !format.startsWith('segment:')) {
          bodies.set(k, p);
          p.catch(() => bodies.delete(k));
        }
      }
      const b = await p;
      // Built from a snapshot newer than the revision we keyed it under: key it right for the next reader.
      if (b.revision !== at && store.feed.current() === b.revision) { bodies.clear(); ready.clear(); at = b.revision; bodies.set(k, Promise.resolve(b)); }
      if (format === 'values' && b.revision === at && bodies.get(k)) ready.set(variant, b);
      return b;
    },
    /**
     * The plain body of the current revision, if built: no promise, no database. Undefined when the feed has
     * moved past it (or it was never built): the caller takes the ordinary path, which builds it.
     */
    peek(variant: Variant): CachedBody | undefined {
      const b = ready.get(variant);
      return b && b.revision === at && store.feed.current() === at ? b : undefined;
    },
    /** How many bodies are kept for the current revision (tests). */
    size: () => bodies.size,
  };
}

/** Bodies kept per revision: the base and export formats, and this many segments' (the others are built per request). */
const MAX_BODIES = 256;

export type ValuesCache = ReturnType<typeof valuesCache>;

/** If-None-Match holds this ETag (a list, or *): the client has the current body. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, '')).includes(etag);
}
