import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkFilters } from './catalog.js';
import { expandBundle } from '../../catalog/bundle.js';
import { extract, readSource } from '../../lint/extract.js';
import { catalogNames } from '../../lint/names.js';
import type { Context } from '../context.js';
import type { Opts } from '../registry.js';

/** Harvest a legacy configuration's literal defaults and ranges into a bundle `hpconf seed --bundle` writes. */
export async function baselineExtract(ctx: Context, o: Opts, positionals: string[]): Promise<number> {
  const model = checkFilters(ctx.catalog, { model: o.model }).model;
  const files = positionals.map((p) => readSource(p.includes(':') && !p.startsWith('/') ? p : path.resolve(ctx.cwd, p), ctx.cwd));
  const r = await extract(ctx.catalog, catalogNames(ctx.catalog), files, { model, name: o.name as string | undefined });
  const keys = expandBundle(ctx.catalog, r.bundle, 'extracted bundle', false).length; // refuses a bundle the seed could not write
  for (const u of r.unknown) ctx.err(`unknown name ${u.name} at ${u.where}: not in the catalog, left out`);
  const text = JSON.stringify(r.bundle, null, 2) + '\n';
  if (o.out) {
    writeFileSync(path.resolve(ctx.cwd, String(o.out)), text);
    ctx.out(`wrote ${o.out}: ${keys} keys from ${r.sources.length} file(s), ${r.unknown.length} unknown name(s); review, then hpconf seed --dry-run --bundle ${o.out}`);
  } else ctx.out(text.trimEnd());
  return 0;
}
