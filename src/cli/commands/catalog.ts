import { formatDomain } from '../../catalog/domain.js';
import { HpconfError } from '../../errors/registry.js';
import { didYouMean } from '../../catalog/suggest.js';
import type { Catalog } from '../../catalog/types.js';
import { modelId } from '../../catalog/scope.js';
import type { Context } from '../context.js';
import type { Opts } from '../registry.js';

/** A filter naming a model, timeframe or parameter the catalog lacks is an error with a suggestion, never an empty list. */
export function checkFilters(c: Catalog, f: { model?: unknown; timeframe?: unknown; param?: unknown }): { model?: string; timeframe?: string; param?: string } {
  const up = (v: unknown) => (v === undefined ? undefined : String(v).toUpperCase());
  const [model, timeframe, param] = [up(f.model), up(f.timeframe), up(f.param)];
  const hint = (v: string, known: Iterable<string>) => { const h = didYouMean(v, known); return h ? `${h.replace(/^; /, ' (')})` : ''; };
  // The library's name works too (`--model xgboost`), as in the Console's search.
  const modelKnown = model === undefined ? undefined : modelId(c, String(f.model));
  if (timeframe && !c.timeframes.includes(timeframe)) throw new HpconfError('HPC_TIMEFRAME_UNKNOWN', { timeframe: String(f.timeframe), known: c.timeframes.join(', ') + hint(timeframe, c.timeframes) });
  const params = new Set(c.keys.flatMap((k) => (k.param ? [k.param] : [])));
  if (param && !params.has(param)) throw new HpconfError('HPC_PARAM_UNKNOWN', { param: String(f.param), model: model ?? 'any model', hint: didYouMean(param, params) });
  return { model: modelKnown, timeframe, param };
}

/** List the catalog's keys, filtered, with their types and domains, and print the counts. */
export async function catalog(ctx: Context, o: Opts): Promise<number> {
  const c = ctx.catalog;
  const f = checkFilters(c, o);
  const keys = c.keys.filter((k) =>
    (!f.model || k.model === f.model) &&
    (!f.timeframe || k.timeframe === f.timeframe) &&
    (!f.param || k.param === f.param) &&
    (!o.kind || (o.kind === 'range' ? ['min', 'max', 'scale'].includes(k.kind) : k.kind === o.kind)));
  if (o.json) {
    ctx.out(JSON.stringify(keys, null, 2));
    return 0;
  }
  if (o.names) {
    ctx.out(keys.map((k) => k.key).join('\n'));
    return 0;
  }
  for (const k of keys) {
    const dom = k.type === 'enum' ? `{${(k.values ?? []).join('|')}}` : formatDomain(k.domain!, k.kind !== 'min' && k.kind !== 'max');
    ctx.out(`${k.key.padEnd(44)} ${k.type.padEnd(5)} ${dom}`);
  }
  const count = (f: (k: (typeof keys)[number]) => boolean) => keys.filter(f).length;
  const searchable = count((k) => k.kind === 'min');
  ctx.out(`${keys.length} keys: ${count((k) => k.kind === 'default')} defaults (${searchable} searchable), ` +
    `${count((k) => ['min', 'max', 'scale'].includes(k.kind))} range keys, ${count((k) => k.kind === 'global')} cross-cutting; ` +
    `catalog v${c.file.version}: ${c.models.length} models x ${c.timeframes.length} timeframes`);
  return 0;
}
