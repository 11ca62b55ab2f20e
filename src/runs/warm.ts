/**
 * Warm-start candidates for a new run's studies: per model and token, the studies of the runs recorded in the store
 * (this environment, newest first) that a worker can open again. The worker picks the first compatible one (same
 * objective, label, feature set and data window: training/src/hpconf_training/warm.py) and says what it imported.
 */
import { existsSync } from 'node:fs';
import type { RunsClient } from './client.js';

export interface WarmCandidate { run: string; study: string; storage: string; signature: Record<string, unknown> }

/** A URL with its password shown as *** (as the workers record it). */
const redact = (url: string) => url.replace(/^(\w[\w+.-]*:\/\/[^:/@]+:)[^@]*@/, '$1***@');

/**
 * `storage` is this run's own study storage spec (journal:PATH, store, or a URL): a recorded `store`, or a recorded
 * URL that is this run's with the password hidden, is handed on as this run's; a journal must still exist.
 */
export async function warmCandidates(client: RunsClient, timeframe: string, keys: { model: string; token: string }[], storage: string, o: { runs?: number; perStudy?: number } = {}): Promise<Map<string, WarmCandidate[]>> {
  const out = new Map<string, WarmCandidate[]>(keys.map((k) => [`${k.model} ${k.token}`, []]));
  const recent = (await client.list({ limit: o.runs ?? 20 })).filter((r) => r.timeframe === timeframe);
  for (const summary of recent) {
    const run = await client.get(summary.id);
    if (!run) continue;
    for (const s of run.studies) {
      const list = out.get(`${s.model} ${s.token}`);
      if (!list || list.length >= (o.perStudy ?? 5) || !s.ok || !s.study || !s.storageSpec || !s.signature) continue;
      let spec = s.storageSpec;
      if (spec.startsWith('journal:')) { if (!existsSync(spec.slice('journal:'.length))) continue; }
      else if (spec === 'store') { if (storage !== 'store') continue; }
      else if (spec === redact(storage)) spec = storage;
      else continue; // a server this run cannot reach with its own credentials
      list.push({ run: run.id, study: s.study, storage: spec, signature: s.signature });
    }
  }
  return out;
}
