import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HpconfError } from '../../errors/registry.js';
import { readJson } from '../../catalog/load.js';
import { VERSION } from '../../version.js';
import { makeBaseline, type Baseline } from '../../lint/baseline.js';
import { render, type LintFormat } from '../../lint/formats.js';
import { DEFAULT_CONFIG, lint, loadConfig } from '../../lint/lint.js';
import { catalogNames } from '../../lint/names.js';
import type { Context } from '../context.js';
import type { Opts } from '../registry.js';

export const CONFIG_FILE = '.hpconf-lint.json';

/** The G5 gate: hyperparameter literals in Python and TypeScript. warn: report, exit 0; fail: exit 1 on any finding. */
export async function lintCmd(ctx: Context, o: Opts, positionals: string[]): Promise<number> {
  const mode = o.mode as 'warn' | 'fail';
  const format = o.format as LintFormat;
  const cfgPath = o.config ? path.resolve(ctx.cwd, String(o.config)) : path.join(ctx.cwd, CONFIG_FILE);
  const config = o.config || existsSync(cfgPath) ? loadConfig(cfgPath) : DEFAULT_CONFIG;
  const root = o.config || existsSync(cfgPath) ? path.dirname(cfgPath) : ctx.cwd;
  const baselineFile = o.baseline ? path.resolve(ctx.cwd, String(o.baseline)) : config.baseline ? path.resolve(root, config.baseline) : undefined;
  const baseline = baselineFile && existsSync(baselineFile) ? (readJson(baselineFile) as Baseline) : undefined;
  const paths = positionals.length ? positionals.map((p) => path.relative(root, path.resolve(ctx.cwd, p)) || '.') : ['.'];
  const r = await lint(paths, { root, names: catalogNames(ctx.catalog), config, baseline: o.writeBaseline ? undefined : baseline });
  if (o.writeBaseline) {
    const file = path.resolve(ctx.cwd, String(o.writeBaseline));
    writeFileSync(file, JSON.stringify(makeBaseline(r.findings), null, 2) + '\n');
    ctx.out(`wrote ${r.findings.length} finding(s) to ${file}`);
    return 0;
  }
  const text = render(r, format, mode, VERSION);
  if (text) ctx.out(text);
  return mode === 'fail' && r.findings.length ? 1 : 0;
}
