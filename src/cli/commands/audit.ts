import { HpconfError } from '../../errors/registry.js';
import { coverage, formatPercent, type Coverage } from '../../catalog/coverage.js';
import { eventLine } from '../../resolver/events.js';
import type { Opts } from '../registry.js';
import { withStore, type Context } from '../context.js';

export function printCoverage(ctx: Context, cov: Coverage, where: string, quiet = false): void {
  if (!quiet) {
    for (const k of cov.missing) ctx.out(`missing  ${k}`);
    for (const p of cov.errors.filter((e) => e.code !== 'HPC_KEY_MISSING')) ctx.out(`invalid  ${p.key}: ${p.message}`);
    for (const p of cov.warnings) ctx.out(`warning  ${p.key}: ${p.message}`);
  }
  ctx.out(`coverage ${formatPercent(cov.percent)} % (${cov.valid}/${cov.required} required keys present and valid; ` +
    `${cov.missing.length} missing, ${cov.invalid.length} invalid, ${cov.warnings.length} warnings) in ${where}`);
}

export function auditEvent(cov: Coverage, source: string): string {
  return eventLine('coverage_audit', { source, required: cov.required, valid: cov.valid, missing: cov.missing.length,
    invalid: cov.invalid.length, coverage_pct: formatPercent(cov.percent) }, cov.complete ? 'INFO' : 'ERROR');
}

export function coverageError(cov: Coverage): HpconfError {
  return new HpconfError('HPC_COVERAGE_INCOMPLETE', {
    percent: formatPercent(cov.percent), missing: cov.missing.length, invalid: cov.invalid.length, required: cov.required,
  }, cov);
}

/** The deploy-time gate: every required key present and valid, in the store or (--env) this environment. */
export async function audit(ctx: Context, o: Opts): Promise<number> {
  let cov: Coverage;
  let where: string;
  if (o.env) {
    cov = coverage(ctx.catalog, (k) => ctx.env[k]);
    where = 'the process environment';
  } else {
    [cov, where] = await withStore(ctx, async (s) => {
      const v = await s.values();
      return [coverage(ctx.catalog, (k) => v.get(k)), `${s.describe} at revision ${await s.head()}`] as const;
    });
  }
  if (o.json) ctx.out(JSON.stringify({ ...cov, where }, null, 2));
  else printCoverage(ctx, cov, where, !!o.quiet);
  ctx.err(auditEvent(cov, o.env ? 'env' : 'store'));
  if (!cov.complete) throw coverageError(cov);
  return 0;
}
