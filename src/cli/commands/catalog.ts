import { formatDomain } from '../../catalog/domain.js';
import { parse } from '../args.js';
import type { Context } from '../context.js';

const USAGE = 'hpconf catalog [--model M] [--timeframe TF] [--param P] [--kind default|range|global] [--json]';

/** List the catalog's keys, filtered, with their types and domains, and print the counts. */
export async function catalog(ctx: Context, argv: string[]): Promise<number> {
  const { values: o } = parse(argv, {
    model: { type: 'string' }, timeframe: { type: 'string' }, param: { type: 'string' },
    kind: { type: 'string' }, json: { type: 'boolean' },
  }, USAGE);
  const c = ctx.catalog;
  const keys = c.keys.filter((k) =>
    (!o.model || k.model === o.model.toUpperCase()) &&
    (!o.timeframe || k.timeframe === o.timeframe.toUpperCase()) &&
    (!o.param || k.param === o.param.toUpperCase()) &&
    (!o.kind || (o.kind === 'range' ? ['min', 'max', 'scale'].includes(k.kind) : k.kind === o.kind)));
  if (o.json) {
    ctx.out(JSON.stringify(keys, null, 2));
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
