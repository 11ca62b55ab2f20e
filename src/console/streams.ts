import { HpconfError } from '../errors/registry.js';

/**
 * Long-lived answers (the event stream, long polls) hold a socket and memory each: without a cap,
 * one read token held 10,500 streams (1.26 GB) and the Console stopped answering /health. Each
 * caller gets a share and the process a total; past either, a clear refusal with Retry-After.
 * Counting and taking a slot happen in one synchronous step, so parallel requests cannot overshoot.
 */
export interface StreamLimits { perPrincipal: number; total: number }

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perPrincipal: 32, total: 2000 };

/** The limits from HPCONF_MAX_STREAMS_PER_CALLER and HPCONF_MAX_STREAMS, else the defaults. */
export function streamLimitsFromEnv(env: Record<string, string | undefined> = process.env): StreamLimits {
  const n = (name: string, dflt: number) => {
    const v = env[name];
    if (v === undefined || v === '') return dflt;
    if (!/^[1-9][0-9]{0,6}$/.test(v)) throw new HpconfError('HPC_USAGE', { details: `${name} takes a whole number >= 1, got "${v}"` });
    return Number(v);
  };
  return { perPrincipal: n('HPCONF_MAX_STREAMS_PER_CALLER', DEFAULT_STREAM_LIMITS.perPrincipal), total: n('HPCONF_MAX_STREAMS', DEFAULT_STREAM_LIMITS.total) };
}

export function streamSlots(limits: StreamLimits = DEFAULT_STREAM_LIMITS) {
  const held = new Map<string, number>();
  let total = 0;
  return {
    /** Take a slot for `caller` or throw; the returned function gives it back (once). */
    acquire(caller: string): () => void {
      if (total >= limits.total) throw new HpconfError('HPC_SERVER_BUSY', { what: 'live streams', limit: limits.total, seconds: 5 });
      const mine = held.get(caller) ?? 0;
      if (mine >= limits.perPrincipal) throw new HpconfError('HPC_TOO_MANY_STREAMS', { limit: limits.perPrincipal, seconds: 5 });
      held.set(caller, mine + 1);
      total++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        total--;
        const left = (held.get(caller) ?? 1) - 1;
        if (left > 0) held.set(caller, left); else held.delete(caller);
      };
    },
    active: () => total,
    limits,
  };
}

export type StreamSlots = ReturnType<typeof streamSlots>;
