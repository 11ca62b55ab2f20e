import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { eventLine } from '../resolver/events.js';
import type { Context } from '../cli/context.js';
import { evaluateGate, evaluateSkillGate } from './gate.js';
import { chartSvg, markdown, skillSvg, table } from './report.js';
import type { RunManifest, WorkerResult } from './types.js';
import { warmLine } from '../runs/record.js';

/** Both gates from the workers' manifests, then run.json, the report and its figures; the same for `run` and `collect`. */
export function finish(ctx: Context, planned: RunManifest, results: WorkerResult[], dir: string): RunManifest {
  const { models } = planned;
  const skillMin = planned.skill_gate?.minTokens ?? planned.gate.minTokens;
  const run: RunManifest = {
    ...planned,
    gate: { minF1: planned.gate.minF1, minTokens: planned.gate.minTokens, requireSkill: planned.gate.requireSkill, ...evaluateGate(results, models, planned.gate) },
    skill_gate: { minTokens: skillMin, ...evaluateSkillGate(results, models, { minTokens: skillMin }) },
    deciding_gate: planned.deciding_gate ?? 'skill',
    workers: results.map(({ manifest, ...r }) => ({ ...r, metrics: manifest?.metrics, trained_with: manifest?.trained_with, best_trial: manifest?.study.best_trial,
      ...(manifest ? { warm_start: warmLine(manifest) } : {}) })),
  };
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify(run, null, 2) + '\n');
  writeFileSync(path.join(dir, 'report.svg'), chartSvg(run, results));
  writeFileSync(path.join(dir, 'skill.svg'), skillSvg(run, results));
  writeFileSync(path.join(dir, 'report.md'), markdown(run, results, 'report.svg', 'skill.svg'));
  ctx.out('');
  ctx.out(table(results));
  ctx.out('');
  const sg = run.skill_gate!;
  for (const m of models) ctx.out(`skill gate ${m}: ${sg.perModel[m].passing}/${sg.perModel[m].of} tokens with skill (both test margins' 95 % lower bounds above 0; need ${sg.minTokens}): ${sg.perModel[m].pass ? 'pass' : 'fail'}`);
  for (const m of models) ctx.out(`plan's gate ${m}: ${run.gate.perModel[m].passing}/${run.gate.perModel[m].of} tokens with val F1 >= ${run.gate.minF1} (need ${run.gate.minTokens}): ${run.gate.perModel[m].pass ? 'pass' : 'fail'}`);
  const pass = run.deciding_gate === 'f1' ? run.gate.pass : sg.pass;
  ctx.out(`skill gate: ${sg.pass ? 'PASS' : 'FAIL'}; plan's gate (F1): ${run.gate.pass ? 'PASS' : 'FAIL'}; deciding: ${run.deciding_gate}; ` +
    (run.wall_seconds ? `wall time ${run.wall_seconds.toFixed(1)} s; ` : '') + `report ${path.join(dir, 'report.md')}`);
  ctx.err(eventLine('ftf_finished', { run_id: run.run_id, gate: pass ? 'pass' : 'fail', failed_workers: results.filter((r) => !r.ok).length, wall_s: run.wall_seconds.toFixed(1) }, pass ? 'INFO' : 'WARN'));
  return run;
}

/** The error for a failed gate: which models missed, by how much. */
export function gateFailure(run: RunManifest): string {
  if (run.deciding_gate === 'f1') {
    return run.models.filter((m) => !run.gate.perModel[m].pass)
      .map((m) => `${m} ${run.gate.perModel[m].passing}/${run.gate.perModel[m].of} tokens at val F1 >= ${run.gate.minF1}, need ${run.gate.minTokens}`).join('; ');
  }
  const sg = run.skill_gate!;
  return run.models.filter((m) => !sg.perModel[m].pass)
    .map((m) => `${m} skill on ${sg.perModel[m].passing}/${sg.perModel[m].of} tokens, need ${sg.minTokens}`).join('; ');
}
