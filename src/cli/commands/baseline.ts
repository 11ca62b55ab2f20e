import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { HpconfError } from '../../errors/registry.js';
import { expandBundle } from '../../catalog/bundle.js';
import { extract, readSource } from '../../lint/extract.js';
import { catalogNames } from '../../lint/names.js';
import { parse } from '../args.js';
import type { Context } from '../context.js';

const USAGE = 'hpconf baseline extract (PATH | REV:PATH)... [--model M] [--name NAME] [--out FILE]';

/** Harvest a legacy configuration's literal defaults and ranges into a bundle `hpconf seed --bundle` writes. */
export async function baselineCmd(ctx: Context, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'extract') throw new HpconfError('HPC_USAGE', { details: `usage: ${USAGE}` });
  const { values: o, positionals } = parse(rest, { model: { type: 'string' }, name: { type: 'string' }, out: { type: 'string' } }, USAGE);
  if (!positionals.length) throw new HpconfError('HPC_USAGE', { details: `usage: ${USAGE}` });
  if (o.model && !ctx.catalog.models.includes(o.model.toUpperCase())) throw new HpconfError('HPC_MODEL_UNKNOWN', { model: o.model, known: ctx.catalog.models.join(', ') });
  const files = positionals.map((p) => readSource(p.includes(':') && !p.startsWith('/') ? p : path.resolve(ctx.cwd, p), ctx.cwd));
  const r = await extract(ctx.catalog, catalogNames(ctx.catalog), files, { model: o.model, name: o.name });
  const keys = expandBundle(ctx.catalog, r.bundle, 'extracted bundle', false).length; // refuses a bundle the seed could not write
  for (const u of r.unknown) ctx.err(`unknown name ${u.name} at ${u.where}: not in the catalog, left out`);
  const text = JSON.stringify(r.bundle, null, 2) + '\n';
  if (o.out) {
    writeFileSync(path.resolve(ctx.cwd, o.out), text);
    ctx.out(`wrote ${o.out}: ${keys} keys from ${r.sources.length} file(s), ${r.unknown.length} unknown name(s); review, then hpconf seed --dry-run --bundle ${o.out}`);
  } else ctx.out(text.trimEnd());
  return 0;
}
