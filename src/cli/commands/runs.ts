import { HpconfError } from '../../errors/registry.js';
import type { Interval } from '../../ftf/types.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runsClient } from '../../runs/client.js';
import { Run } from '../../runs/schema.js';
import type { RunRecord } from '../../runs/record.js';
import type { TrialFigures } from '../../runs/record.js';
import type { Opts } from '../registry.js';
import { withStore, type Context } from '../context.js';
import { cliActor } from './values.js';

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;
const ci = (x: Interval | null) => (x ? `${signed(x.value)} [${signed(x.lo)}, ${signed(x.hi)}]` : '-');

/** `hpconf runs list`: the environment's recorded runs, newest first. */
export async function runsList(ctx: Context, o: Opts): Promise<number> {
  const items = await withStore(ctx, (s) => runsClient(s, cliActor(ctx)).list({ model: o.model as string | undefined, token: o.token as string | undefined, limit: o.limit as number | undefined }));
  if (o.json) { ctx.out(JSON.stringify(items, null, 2)); return 0; }
  if (!items.length) { ctx.out('no runs recorded in this environment (hpconf ftf run records each run)'); return 0; }
  for (const r of items) {
    ctx.out(`${r.id}  ${r.createdAt.slice(0, 16).replace('T', ' ')}  ${r.environment} r${r.revision}  ${r.timeframe} ${r.models.join(',')} x ${r.tokens.join(',')}  `
      + `skill gate ${r.skillPass ? 'PASS' : 'FAIL'} (${r.withSkill}/${r.studies} studies with skill), plan's gate ${r.f1Pass ? 'PASS' : 'FAIL'}  ${r.wallSeconds.toFixed(0)} s`);
  }
  return 0;
}

function figures(label: string, f: TrialFigures | null): string {
  if (!f) return `${label}: -`;
  return `${label} (trial ${f.trial ?? '?'}): val F1 ${f.validation.f1.toFixed(3)}, test F1 ${f.test.f1.toFixed(3)} (always-buy ${f.test.alwaysBuyF1.toFixed(3)}), `
    + `F1 margin ${ci(f.test.f1Margin)}, PR-AUC margin ${ci(f.test.prAucMargin)}, skill ${f.test.skill === null ? '-' : f.test.skill ? 'yes' : 'no'}`;
}

/** `hpconf runs show ID`: one run, the store state it trained with, both gates, and per study defaults vs best. */
export async function runsShow(ctx: Context, o: Opts, [id]: string[]): Promise<number> {
  const r = await withStore(ctx, (s) => runsClient(s, cliActor(ctx)).get(id));
  if (!r) throw new HpconfError('HPC_NOT_FOUND', { what: `run ${id}` });
  if (o.json) { ctx.out(JSON.stringify(r, null, 2)); return 0; }
  ctx.out(`run ${r.id}: ${r.timeframe} ${r.models.join(', ')} x ${r.tokens.join(', ')}; environment ${r.environment} at revision ${r.revision}; ${r.createdAt}; ${r.wallSeconds.toFixed(0)} s`);
  ctx.out(`recorded by ${r.recordedBy} at ${r.recordedAt}; folder ${r.dir}; studies in ${r.studyStorage}`);
  if (r.label) ctx.out(`label: ${r.label}`);
  const g = r.gates;
  ctx.out(`skill gate: ${g.skill.pass ? 'PASS' : 'FAIL'} (${Object.entries(g.skill.perModel).map(([m, x]) => `${m} ${x.passing}/${x.of}`).join(', ')}; need ${g.skill.minTokens})`
    + `; plan's gate: ${g.f1.pass ? 'PASS' : 'FAIL'} (${Object.entries(g.f1.perModel).map(([m, x]) => `${m} ${x.passing}/${x.of}`).join(', ')}); deciding: ${g.deciding}`);
  for (const s of r.studies) {
    ctx.out(`${s.model} ${s.token}${s.ok ? '' : `: FAILED ${s.error ?? ''}`}${s.study ? `  (${s.study})` : ''}`);
    if (!s.ok) continue;
    ctx.out(`  ${figures('defaults', s.defaults)}`);
    ctx.out(`  ${figures('best', s.best)}`);
    if (s.versusDefaults) ctx.out(`  best - defaults on test: F1 ${ci(s.versusDefaults.f1)}, PR-AUC ${ci(s.versusDefaults.prAuc)}`);
    const layers = r.layers[s.token];
    if (layers && Object.keys(layers).length) ctx.out(`  segment layers: ${Object.entries(layers).map(([k, l]) => `${k} from ${l}`).join(', ')}`);
  }
  return 0;
}

/**
 * `hpconf runs record FILE`: record a run written elsewhere (hpconf.optuna.record for a team's own study, or a
 * run.json-derived record), checked as `POST /runs` checks it; then `ftf promote ID` and the Runs screen have it.
 */
export async function runsRecord(ctx: Context, o: Opts, [file]: string[]): Promise<number> {
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(path.resolve(ctx.cwd, file), 'utf8')); } catch (e) {
    throw new HpconfError('HPC_USAGE', { details: `${file}: not a JSON run record (${(e as Error).message})` });
  }
  const r = Run.safeParse(raw);
  if (!r.success) throw new HpconfError('HPC_USAGE', { details: `${file}: ${r.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ')}` });
  const rec = r.data as RunRecord;
  if (rec.environment !== (ctx.environment ?? 'default')) {
    throw new HpconfError('HPC_USAGE', { details: `${file} is a run of environment ${rec.environment}: record it with --environment ${rec.environment}` });
  }
  const res = await withStore(ctx, (s) => runsClient(s, cliActor(ctx)).record(rec));
  if (o.json) ctx.out(JSON.stringify({ id: rec.id, created: res.created }));
  else ctx.out(`${res.created ? 'recorded' : 'recorded again'} run ${rec.id}: ${rec.timeframe} ${rec.models.join(', ')} x ${rec.tokens.join(', ')} at r${rec.revision} in ${rec.environment}`);
  return 0;
}
