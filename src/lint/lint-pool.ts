import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Catalog } from '../catalog/types.js';
import type { ScanResult } from './types.js';

/** One file to scan: its path as reported (the scanner is chosen by its extension) and its configuration's generic names. */
export interface Job { id: number; path: string; source: string; generic: Record<string, boolean>; exhaustive?: boolean }

/**
 * Below this much source a run stays on one thread: a worker costs about 50 ms to start (its parser included),
 * which `lint one.py` would pay for nothing.
 */
export const POOL_MIN_BYTES = 2 * 1024 * 1024;

/**
 * How many threads scan (this one included): HPCONF_LINT_THREADS, else one per core but one, up to 4, and one
 * below 4 cores: on 2 cores V8's compiler and collector threads already keep the second core busy through a
 * cold run, and a worker (its own cold start) made 125,000- and 470,000-line trees 4-8% slower, not faster (bench/lint.bench.ts).
 */
export function lintThreads(env: Record<string, string | undefined> = process.env, cores = availableParallelism()): number {
  const n = Number(env.HPCONF_LINT_THREADS);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 16) : cores >= 4 ? Math.min(cores - 1, 4) : 1;
}

/**
 * Threads run dist/lint-worker.js, so only the built package has them: from the source tree (tests, benches under
 * tsx, whose loader does not reach worker threads) the scan stays on the main thread.
 */
export const POOL_AVAILABLE = !import.meta.url.endsWith('.ts');

/**
 * Scan jobs on worker threads, each holding its own parser, and on this thread (`local`): the parse is WebAssembly
 * on one thread, so a large tree is bound by it. Files go out in batches as threads ask for work, largest first, so
 * one long file does not hold the run's end; this thread takes a batch whenever it is free, so the workers' start-up
 * (about 50 ms each, their parsers cold) costs no idle time. Results come back by id.
 */
export async function scanInPool(jobs: Job[], file: Catalog['file'], threads: number, local: (job: Job) => Promise<ScanResult>): Promise<Map<number, ScanResult>> {
  const out = new Map<number, ScanResult>();
  const queue = [...jobs].sort((a, b) => b.source.length - a.source.length);
  const url = new URL('./lint-worker.js', import.meta.url);
  const workers = Array.from({ length: Math.min(threads - 1, jobs.length) }, () => new Worker(url, { workerData: { file } }));
  // Small batches: few messages, yet threads stay evenly loaded to the end.
  const take = () => queue.splice(0, Math.max(1, Math.min(16, Math.floor(queue.length / (threads * 4)))));
  try {
    const remote = workers.map((w) => new Promise<void>((resolve, reject) => {
      let inFlight = 0;
      const next = () => {
        const batch = take();
        if (!batch.length) { if (!inFlight) resolve(); return; }
        inFlight += batch.length;
        w.postMessage(batch);
      };
      w.on('message', (m: { id: number; result?: ScanResult; error?: string }) => {
        if (m.error !== undefined) { reject(new Error(`lint worker: ${m.error}`)); return; }
        out.set(m.id, m.result!);
        if (--inFlight === 0) next();
      });
      w.on('error', reject);
      w.on('exit', (code) => { if (queue.length || inFlight) reject(new Error(`lint worker exited with ${code}`)); });
      next();
    }));
    const here = (async () => {
      for (let batch = take(); batch.length; batch = take()) {
        for (const j of batch) out.set(j.id, await local(j));
        // Let the workers' replies in, so they get their next batch while this thread works.
        await new Promise((r) => setImmediate(r));
      }
    })();
    await Promise.all([here, ...remote]);
  } finally {
    // After a failure this thread stops at the end of its batch instead of scanning what is left.
    queue.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
