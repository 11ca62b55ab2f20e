import { HpconfError } from '../errors/registry.js';
import { didYouMean } from './suggest.js';
import type { Catalog } from './types.js';
import type { Scope } from './check.js';

/**
 * A model as people name it: the catalog id in any case (`xgb`, `XGB`) or its library (`xgboost`), as
 * the Console's search accepts. Unknown names are an error with a suggestion.
 */
export function modelId(c: Catalog, given: string): string {
  const up = given.trim().toUpperCase();
  if (c.models.includes(up)) return up;
  const byLibrary = c.models.find((m) => (c.file.models[m] as { library?: string }).library?.toUpperCase() === up);
  if (byLibrary) return byLibrary;
  const known = [...c.models, ...c.models.map((m) => (c.file.models[m] as { library?: string }).library ?? m)];
  const h = didYouMean(given, known);
  throw new HpconfError('HPC_MODEL_UNKNOWN', { model: given, known: c.models.join(', ') + (h ? ` (${h.replace(/^; /, '')})` : '') });
}

export function timeframeId(c: Catalog, given: string): string {
  const up = given.trim().toUpperCase();
  if (c.timeframes.includes(up)) return up;
  const h = didYouMean(up, c.timeframes);
  throw new HpconfError('HPC_TIMEFRAME_UNKNOWN', { timeframe: given, known: c.timeframes.join(', ') + (h ? ` (${h.replace(/^; /, '')})` : '') });
}

/** The keys one worker needs: its model (and timeframe), plus every cross-cutting key. */
export function workerScope(c: Catalog, o: { model?: unknown; timeframe?: unknown }): Scope {
  return {
    ...(o.model !== undefined ? { model: modelId(c, String(o.model)) } : {}),
    ...(o.timeframe !== undefined ? { timeframe: timeframeId(c, String(o.timeframe)) } : {}),
  };
}

/** How a scope reads in messages: "XGB 5M and the cross-cutting keys", or "the whole catalog". */
export function scopeLabel(s: Scope): string {
  const parts = [s.model, s.timeframe].filter(Boolean);
  return parts.length ? `${parts.join(' ')} and the cross-cutting keys` : 'the whole catalog';
}
