import { HpconfError, remoteError } from '../errors/registry.js';
import { createResolver, type ResolverOptions } from './resolver.js';

/** Aborts when either does (AbortSignal.any needs Node 20.3). */
function either(a: AbortSignal, b: AbortSignal): AbortSignal {
  const c = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) c.abort(s.reason);
    else s.addEventListener('abort', () => c.abort(s.reason), { once: true });
  }
  return c.signal;
}

/** The stored values at one revision, as a Console's GET /api/v1/values answers them. */
export interface ValuesSnapshot { revision: number; etag: string; values: Record<string, string> }

export interface ConsoleValuesOptions {
  /** The Console's base address, e.g. http://hpconf:8080 */
  url: string;
  /** An API token (read scope is enough). */
  token: string;
  /** How long one request may take beyond its long-poll wait (ms); 10 s by default. */
  timeoutMs?: number;
  /** A snapshot kept from an earlier process (the CLI's cache): the first request revalidates it. */
  initial?: ValuesSnapshot;
  /** The environment to read (the Console's `default` when not given). */
  environment?: string;
  /** Read every address (base, overrides, group definitions): for `resolver({ segment })`. */
  layered?: boolean;
}

/**
 * Values from a Console for processes that live longer than one read: each request names the
 * ETag it holds, so an unchanged store answers 304 with no body; `changes()` long-polls and yields
 * a snapshot as soon as the store moves (no polling interval to tune). The Python SDK's
 * hpconf.console.ConsoleValues does the same.
 */
export function consoleValues(o: ConsoleValuesOptions) {
  const base = o.url.replace(/\/+$/, '') + '/api/v1/values';
  const q = (extra?: string) => {
    const parts = [o.environment ? `environment=${encodeURIComponent(o.environment)}` : '', o.layered ? 'layered=1' : '', extra ?? ''].filter(Boolean);
    return parts.length ? `${base}?${parts.join('&')}` : base;
  };
  let current: ValuesSnapshot | undefined = o.initial;
  const stats = { requests: 0, notModified: 0 };

  async function request(waitSeconds: number, signal?: AbortSignal): Promise<ValuesSnapshot> {
    const timeout = AbortSignal.timeout((o.timeoutMs ?? 10_000) + waitSeconds * 1000);
    let res: Response;
    try {
      res = await fetch(q(waitSeconds > 0 && current ? `wait=${waitSeconds}` : undefined), {
        headers: { authorization: `Bearer ${o.token}`, ...(current ? { 'if-none-match': current.etag } : {}) },
        signal: signal ? either(signal, timeout) : timeout,
      });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new HpconfError('HPC_STORE_UNREACHABLE', { details: `${o.url}: ${(e as Error).message}` });
    }
    stats.requests++;
    if (res.status === 304 && current) { stats.notModified++; return current; }
    const body = await res.json().catch(() => ({})) as { revision?: number; values?: Record<string, string>; error?: { code: string; message: string; detail?: unknown } };
    if (!res.ok || !body.values) {
      if (body.error?.code) throw remoteError(body.error.code, body.error.message, body.error.detail);
      throw new HpconfError('HPC_STORE_UNREACHABLE', { details: `${o.url}: HTTP ${res.status}` });
    }
    current = { revision: Number(body.revision), etag: res.headers.get('etag') ?? '', values: body.values };
    return current;
  }

  return {
    /** The last snapshot read, if any. */
    get current(): ValuesSnapshot | undefined { return current; },
    /** Requests made and how many were answered 304 (nothing sent again). */
    stats,
    /** The values now: a conditional request once something was read (the same object back when unchanged). */
    refresh: (signal?: AbortSignal) => request(0, signal),
    /** The values as they stood at `revision` (a run pinned to one revision reads the same in every task). */
    async at(revision: number, signal?: AbortSignal): Promise<ValuesSnapshot> {
      const res = await fetch(q(`revision=${revision}`), { headers: { authorization: `Bearer ${o.token}` }, signal: signal ?? AbortSignal.timeout(o.timeoutMs ?? 10_000) })
        .catch((e: Error) => { throw new HpconfError('HPC_STORE_UNREACHABLE', { details: `${o.url}: ${e.message}` }); });
      const body = await res.json().catch(() => ({})) as { revision?: number; values?: Record<string, string>; error?: { code: string; message: string; detail?: unknown } };
      if (!res.ok || !body.values) {
        if (body.error?.code) throw remoteError(body.error.code, body.error.message, body.error.detail);
        throw new HpconfError('HPC_STORE_UNREACHABLE', { details: `${o.url}: HTTP ${res.status}` });
      }
      return { revision: Number(body.revision), etag: res.headers.get('etag') ?? '', values: body.values };
    },
    /**
     * Every new snapshot, the first one at once: each long poll waits up to `waitSeconds` (max 60)
     * for the store to move. Stop it with the signal or by leaving the loop.
     */
    async *changes(opts: { waitSeconds?: number; signal?: AbortSignal } = {}): AsyncGenerator<ValuesSnapshot> {
      const wait = Math.min(60, Math.max(1, opts.waitSeconds ?? 30));
      let last: ValuesSnapshot | undefined;
      while (!opts.signal?.aborted) {
        const s = last ? await request(wait, opts.signal) : current ?? await request(0, opts.signal);
        if (s !== last) { last = s; yield s; }
      }
    },
    /** A resolver over the current snapshot (read it first): the same strict semantics as over the environment. */
    resolver(opts: Omit<ResolverOptions, 'env'> = {}) {
      if (!current) throw new HpconfError('HPC_USAGE', { details: 'read the values first: await refresh()' });
      if (opts.segment !== undefined && !o.layered) throw new HpconfError('HPC_USAGE', { details: 'a segment resolves over every address: consoleValues({ ..., layered: true })' });
      return createResolver({ ...opts, env: current.values });
    },
  };
}
export type ConsoleValues = ReturnType<typeof consoleValues>;
