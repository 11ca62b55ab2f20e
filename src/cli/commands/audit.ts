import { coverage, type Coverage } from '../../catalog/coverage.js';
import { workerScope } from '../../catalog/scope.js';
import { auditEvent, coverageError, printCoverage } from '../../catalog/coverage-report.js';
import type { Opts } from '../registry.js';
import { withStore, type Context } from '../context.js';

export { auditEvent, coverageError, printCoverage } from '../../catalog/coverage-report.js';

/** The deploy-time gate: every required key present and valid, in the store or (--env) this environment. */
export async function audit(ctx: Context, o: Opts): Promise<number> {
  let cov: Coverage;
  let where: string;
  const scope = workerScope(ctx.catalog, o);
  if (o.env) {
    cov = coverage(ctx.catalog, (k) => ctx.env[k], scope);
    where = 'the process environment';
  } else {
    [cov, where] = await withStore(ctx, async (s) => {
      const v = await s.values();
      return [coverage(ctx.catalog, (k) => v.get(k), scope), `${s.describe} at revision ${await s.head()}`] as const;
    });
  }
  if (o.json) ctx.out(JSON.stringify({ ...cov, where }, null, 2));
  else printCoverage(ctx, cov, where, !!o.quiet);
  ctx.err(auditEvent(cov, o.env ? 'env' : 'store'));
  if (!cov.complete) throw coverageError(cov);
  return 0;
}
