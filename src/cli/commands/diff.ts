import path from 'node:path';
import { HpconfError } from '../../errors/registry.js';
import type { Opts } from '../registry.js';
import { diffMaps, readValuesFile, shown } from '../../export/formats.js';
import { withStore, type Context } from '../context.js';
import { diffManifests, formatSourced, readManifest } from '../../ftf/manifest-diff.js';

/**
 * Two run manifests (hpconf ftf run's run.json, or one worker's manifest): every hyperparameter
 * configured differently, with where each value came from; --all adds the values each model
 * trained with (HPO picks included). Exit 1 when they differ.
 */
function diffRuns(ctx: Context, a: string, b: string, json: boolean, all: boolean): number {
  const d = diffManifests(ctx.catalog, readManifest(path.resolve(ctx.cwd, a)), readManifest(path.resolve(ctx.cwd, b)));
  if (json) ctx.out(JSON.stringify(all ? d : { configured: d.configured }, null, 2));
  else {
    ctx.out(`--- ${a}\n+++ ${b}`);
    for (const r of d.configured) ctx.out(`~ ${r.key}: ${formatSourced(r.left)} -> ${formatSourced(r.right)}`);
    ctx.out(`${d.configured.length} configured hyperparameter(s) differ`);
    if (all) {
      for (const r of d.trained) ctx.out(`~ ${r.worker} ${r.param} (${r.native}): ${formatSourced(r.left)} -> ${formatSourced(r.right)}`);
      ctx.out(`${d.trained.length} trained-with value(s) differ`);
    }
  }
  return d.configured.length || (all && d.trained.length) ? 1 : 0;
}

/**
 * Differences between the store and a file, another database, or two of its own revisions.
 * Exit 0 when equal, 1 when they differ (like diff(1)), so scripts can gate on it.
 */
export async function diff(ctx: Context, o: Opts, positionals: string[]): Promise<number> {
  if (positionals.length) {
    if (positionals.length !== 2) throw new HpconfError('HPC_USAGE', { details: 'give two run manifests' });
    return diffRuns(ctx, positionals[0], positionals[1], !!o.json, !!o.all);
  }
  const modes = [o.file, o.against, o.from].filter((x) => x !== undefined).length;
  if (modes !== 1) throw new HpconfError('HPC_USAGE', { details: 'give exactly one of --file, --against, --from (or two run manifests)' });
  const [left, right, labels] = await withStore(ctx, async (s) => {
    if (o.file !== undefined) return [await s.values(), readValuesFile(ctx.catalog, path.resolve(ctx.cwd, String(o.file))), ['store', String(o.file)]] as const;
    if (o.against !== undefined) {
      const { openStore } = await import('../../store/open.js');
      const other = await openStore({ databaseUrl: String(o.against), catalog: ctx.catalog });
      try { return [await s.values(), await other.values(), ['store', other.describe]] as const; } finally { await other.close(); }
    }
    const from = o.from as number;
    const to = (o.to as number | undefined) ?? await s.head();
    return [await s.at(from), await s.at(to), [`r${from}`, `r${to}`]] as const;
  });
  const rows = diffMaps(left, right, ctx.catalog);
  const c = ctx.catalog;
  if (o.json) ctx.out(JSON.stringify({ left: labels[0], right: labels[1], differences: rows }, null, 2));
  else {
    ctx.out(`--- ${labels[0]}\n+++ ${labels[1]}`);
    for (const r of rows) {
      const sign = r.left === null ? '+' : r.right === null ? '-' : '~';
      const unknown = c.byKey.has(r.key) ? '' : '  (not in the catalog)';
      ctx.out(`${sign} ${r.key}: ${shown(c, r.key, r.left)} -> ${shown(c, r.key, r.right)}${unknown}`);
    }
    ctx.out(`${rows.length} difference(s)`);
  }
  return rows.length ? 1 : 0;
}
