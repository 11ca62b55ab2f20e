import { HpconfError } from '../errors/registry.js';
import { eventLine } from '../resolver/events.js';
import { formatPercent, type Coverage } from './coverage.js';
import { scopeLabel } from './scope.js';

/**
 * Coverage as people and logs read it: the audit, `up`, `exec`, the fine-tune runner and the Console all
 * report it the same way, so it lives below them all. `out` is any line writer.
 */
export function printCoverage(ctx: { out(line: string): void }, cov: Coverage, where: string, quiet = false): void {
  if (!quiet) {
    for (const k of cov.missing) ctx.out(`missing  ${k}`);
    for (const p of cov.errors.filter((e) => e.code !== 'HPC_KEY_MISSING')) ctx.out(`invalid  ${p.key}: ${p.message}`);
    for (const p of cov.warnings) ctx.out(`warning  ${p.key}: ${p.message}`);
  }
  const of = cov.scope.model || cov.scope.timeframe ? ` for ${scopeLabel(cov.scope)}` : '';
  ctx.out(`coverage ${formatPercent(cov.percent)} % (${cov.valid}/${cov.required} required keys present and valid${of}; ` +
    `${cov.missing.length} missing, ${cov.invalid.length} invalid, ${cov.warnings.length} warnings) in ${where}`);
}

export function auditEvent(cov: Coverage, source: string): string {
  const scope = [cov.scope.model, cov.scope.timeframe].filter(Boolean).join('_') || 'all';
  return eventLine('coverage_audit', { source, scope, required: cov.required, valid: cov.valid, missing: cov.missing.length,
    invalid: cov.invalid.length, coverage_pct: formatPercent(cov.percent) }, cov.complete ? 'INFO' : 'ERROR');
}

export function coverageError(cov: Coverage): HpconfError {
  // The refusal names every key a worker would trip on (up to 20 shown), so nobody has to run an audit to find it.
  const bad = [...cov.missing, ...cov.invalid];
  const keys = bad.slice(0, 20).join(', ') + (bad.length > 20 ? `, ... and ${bad.length - 20} more` : '');
  return new HpconfError('HPC_COVERAGE_INCOMPLETE', {
    percent: formatPercent(cov.percent), missing: cov.missing.length, invalid: cov.invalid.length, required: cov.required,
    scope: scopeLabel(cov.scope), keys,
  }, cov);
}
