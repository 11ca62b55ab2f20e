import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HpconfError } from '../../errors/registry.js';
import { readJson } from '../../catalog/load.js';
import { VERSION } from '../../version.js';
import { makeBaseline, pruneBaseline, type Baseline } from '../../lint/baseline.js';
import { addNoqa } from '../../lint/noqa.js';
import { explain, render, stepSummary, type LintFormat } from '../../lint/formats.js';
import { lint, loadConfig } from '../../lint/lint.js';
import { discoverer } from '../../lint/config.js';
import { catalogNames } from '../../lint/names.js';
import { RULES } from '../../lint/rules.js';
import type { Context } from '../context.js';
import type { Opts } from '../registry.js';

export { CONFIG_FILE } from '../../lint/config.js';

/** The G5 gate: hyperparameter literals in Python, notebooks and TypeScript. warn: report, exit 0; fail: exit 1 on any finding. */
export async function lintCmd(ctx: Context, o: Opts, positionals: string[]): Promise<number> {
  if (o.explain !== undefined) {
    const id = String(o.explain).toUpperCase();
    if (!(id in RULES)) throw new HpconfError('HPC_USAGE', { details: `unknown rule ${o.explain}; known: ${Object.keys(RULES).join(', ')}` });
    ctx.out(explain(id as keyof typeof RULES));
    return 0;
  }
  const mode = o.mode as 'warn' | 'fail';
  const format = o.format as LintFormat;
  const config = o.config ? loadConfig(path.resolve(ctx.cwd, String(o.config))) : undefined;
  if (o.config && !config) throw new HpconfError('HPC_FILE_INVALID', { path: String(o.config), details: 'no [tool.hpconf.lint] table' });
  const baselineFile = o.baseline ? path.resolve(ctx.cwd, String(o.baseline)) : undefined;
  const baseline = o.writeBaseline ? null : baselineFile ? (existsSync(baselineFile) ? readJson(baselineFile) as Baseline : null) : undefined;
  const paths = positionals.length ? positionals : ['.'];
  const named = o.writeBaseline ? path.resolve(ctx.cwd, String(o.writeBaseline)) : baselineFile;
  const r = await lint(paths, { root: ctx.cwd, names: catalogNames(ctx.catalog), config, baseline, noDefaultExcludes: o.defaultExcludes === false, baselineFile: named });
  for (const s of r.skipped) ctx.err(`warning: skipped ${path.relative(ctx.cwd, s.path) || s.path}: ${s.reason}`);
  if (o.writeBaseline) {
    const file = path.resolve(ctx.cwd, String(o.writeBaseline));
    writeFileSync(file, JSON.stringify(makeBaseline(r.findings.filter((f) => f.rule === 'HP001' || f.rule === 'HP002'), (f) => r.baselinePath.get(f) ?? f.path), null, 2) + '\n');
    ctx.out(`wrote ${r.findings.length} finding(s) to ${file}`);
    return 0;
  }
  if (o.pruneBaseline) {
    // The baseline in use: --baseline, else the one of the configuration governing the first path.
    const cfg = config ?? discoverer()(path.resolve(ctx.cwd, paths[0]));
    const file = baselineFile ?? (cfg?.baseline ? path.resolve(cfg.dir, cfg.baseline) : undefined);
    if (!file || !existsSync(file)) throw new HpconfError('HPC_USAGE', { details: '--prune-baseline: no baseline file (name one with --baseline or in the config)' });
    const pruned = pruneBaseline(readJson(file) as Baseline, r.stale);
    writeFileSync(file, JSON.stringify(pruned, null, 2) + '\n');
    ctx.out(`pruned ${r.stale.reduce((n, s) => n + s.count, 0)} stale finding(s) from ${file}`);
    return 0;
  }
  if (o.addNoqa !== undefined) {
    const reason = String(o.addNoqa).trim();
    if (!reason) throw new HpconfError('HPC_USAGE', { details: '--add-noqa needs a reason: it is written into every suppression' });
    const n = addNoqa(ctx.cwd, r.findings, reason);
    ctx.out(`added ${n.comments} suppression(s) for ${n.findings} finding(s) in ${n.files} file(s)` + (n.skipped ? `; ${n.skipped} left as they are (parse errors, suppression problems, lines that already carry a suppression)` : ''));
    return 0;
  }
  const text = render(r, format, mode, VERSION);
  if (text) ctx.out(text);
  if (format === 'github' && ctx.env.GITHUB_STEP_SUMMARY) appendFileSync(ctx.env.GITHUB_STEP_SUMMARY, stepSummary(r, mode));
  return mode === 'fail' && r.findings.length ? 1 : 0;
}

