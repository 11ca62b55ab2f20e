import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { HpconfError } from '../../errors/registry.js';
import { fallbackRate, parseDuration, STATUS_EXIT } from '../../observability/fallback-rate.js';
import type { Context } from '../context.js';
import type { Opts } from '../registry.js';

async function readLines(files: string[], cwd: string): Promise<string[]> {
  const lines: string[] = [];
  for (const f of files) {
    const input = f === '-' ? process.stdin : createReadStream(path.resolve(cwd, f));
    const rl = createInterface({ input, crlfDelay: Infinity });
    try { for await (const l of rl) lines.push(l); } catch (e) { throw new HpconfError('HPC_FILE_INVALID', { path: f, details: (e as Error).message }); }
  }
  return lines;
}

/** The fallback rate from log files: OK exits 0, WARN (> --warn %) 12, CRIT (> --crit %) 13. */
export async function coverageCmd(ctx: Context, o: Opts, positionals: string[]): Promise<number> {
  const files = [...((o.logs as string[] | undefined) ?? []), ...positionals];
  if (!files.length) throw new HpconfError('HPC_USAGE', { details: 'no logs given: --logs FILE... (use - for standard input)' });
  let windowMs: number | undefined;
  try { windowMs = o.window ? parseDuration(String(o.window)) : undefined; } catch (e) { throw new HpconfError('HPC_USAGE', { details: (e as Error).message }); }
  const now = o.now ? Date.parse(String(o.now)) : undefined;
  if (o.now && !Number.isFinite(now)) throw new HpconfError('HPC_USAGE', { details: `--now: not a date: ${o.now}` });
  const r = fallbackRate(await readLines(files, ctx.cwd), { windowMs, now, warnPct: o.warn as number, critPct: o.crit as number });
  if (o.json) ctx.out(JSON.stringify(r, null, 2));
  else {
    const fmt = (x: Record<string, number>) => Object.entries(x).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') || '-';
    ctx.out(`fallback rate ${Number.isFinite(r.ratePct) ? r.ratePct.toFixed(2) : 'inf'} %: ${r.fallbacks} fallback(s) / ${r.trainings} training(s)` +
      `${r.windowStart ? ` from ${r.windowStart} to ${r.windowEnd}` : ''}${r.undated ? ` (${r.undated} undated line(s) counted)` : ''} -> ${r.status}`);
    if (r.fallbacks) {
      ctx.out(`  by model: ${fmt(r.byModel)}`);
      ctx.out(`  by timeframe: ${fmt(r.byTimeframe)}`);
      ctx.out(`  by parameter: ${fmt(r.byParam)}`);
      ctx.out(`  by key: ${fmt(r.byKey)}`);
    }
  }
  return STATUS_EXIT[r.status];
}
