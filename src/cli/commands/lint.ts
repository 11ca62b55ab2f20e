import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HpconfError } from '../../errors/registry.js';
import { readJson } from '../../catalog/load.js';
import { ROOT } from '../../paths.js';
import { makeBaseline, type Baseline } from '../../lint/baseline.js';
import { LINT_FORMATS, render, type LintFormat } from '../../lint/formats.js';
import { DEFAULT_CONFIG, lint, loadConfig } from '../../lint/lint.js';
import { catalogNames } from '../../lint/names.js';
import { parse } from '../args.js';
import type { Context } from '../context.js';

const USAGE = `hpconf lint [PATHS...] [--mode warn|fail] [--format ${LINT_FORMATS.join('|')}] [--config FILE] [--baseline FILE] [--write-baseline FILE]`;
export const CONFIG_FILE = '.hpconf-lint.json';

/** The G5 gate: hyperparameter literals in Python and TypeScript. warn: report, exit 0; fail: exit 1 on any finding. */
export async function lintCmd(ctx: Context, argv: string[]): Promise<number> {
  const { values: o, positionals } = parse(argv, {
    mode: { type: 'string' }, format: { type: 'string' }, config: { type: 'string' }, baseline: { type: 'string' }, 'write-baseline': { type: 'string' },
  }, USAGE);
  const mode = (o.mode ?? 'fail') as 'warn' | 'fail';
  if (!['warn', 'fail'].includes(mode)) throw new HpconfError('HPC_USAGE', { details: `--mode takes warn or fail\nusage: ${USAGE}` });
  const format = (o.format ?? 'text') as LintFormat;
  if (!LINT_FORMATS.includes(format)) throw new HpconfError('HPC_USAGE', { details: `--format takes ${LINT_FORMATS.join(', ')}\nusage: ${USAGE}` });
  const cfgPath = o.config ? path.resolve(ctx.cwd, o.config) : path.join(ctx.cwd, CONFIG_FILE);
  const config = o.config || existsSync(cfgPath) ? loadConfig(cfgPath) : DEFAULT_CONFIG;
  const root = o.config || existsSync(cfgPath) ? path.dirname(cfgPath) : ctx.cwd;
  const baselineFile = o.baseline ? path.resolve(ctx.cwd, o.baseline) : config.baseline ? path.resolve(root, config.baseline) : undefined;
  const baseline = baselineFile && existsSync(baselineFile) ? (readJson(baselineFile) as Baseline) : undefined;
  const paths = positionals.length ? positionals.map((p) => path.relative(root, path.resolve(ctx.cwd, p)) || '.') : ['.'];
  const r = await lint(paths, { root, names: catalogNames(ctx.catalog), config, baseline: o['write-baseline'] ? undefined : baseline });
  if (o['write-baseline']) {
    const file = path.resolve(ctx.cwd, o['write-baseline']);
    writeFileSync(file, JSON.stringify(makeBaseline(r.findings), null, 2) + '\n');
    ctx.out(`wrote ${r.findings.length} finding(s) to ${file}`);
    return 0;
  }
  const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const text = render(r, format, mode, version);
  if (text) ctx.out(text);
  return mode === 'fail' && r.findings.length ? 1 : 0;
}
