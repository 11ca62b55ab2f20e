import { coverage } from '../../catalog/coverage.js';
import { parse } from '../args.js';
import { withStore, type Context } from '../context.js';
import { coverageError, printCoverage } from './audit.js';
import { runSeed } from './seed.js';
import { intOption } from '../args.js';
import { runConsole } from './serve.js';

const USAGE = 'hpconf up [--bundle FILE] [--once] [--host H] [--port P]';

/** The main job on a fresh machine: migrate and seed the store (idempotent), audit it, then serve the Console (unless --once). */
export async function up(ctx: Context, argv: string[]): Promise<number> {
  const { values: o } = parse(argv, { bundle: { type: 'string' }, once: { type: 'boolean' }, host: { type: 'string' }, port: { type: 'string' } }, USAGE);
  await runSeed(ctx, { apply: true, bundle: o.bundle, quiet: false });
  const [cov, where] = await withStore(ctx, async (s) => {
    const v = await s.values();
    return [coverage(ctx.catalog, (k) => v.get(k)), `${s.describe} at revision ${await s.head()}`] as const;
  });
  printCoverage(ctx, cov, where, true);
  if (!cov.complete) throw coverageError(cov);
  if (o.once) {
    ctx.out('next: hpconf serve | hpconf catalog | hpconf export --format env | hpconf exec -- <worker command>');
    return 0;
  }
  return runConsole(ctx, { host: o.host, port: intOption(o.port, 'port') });
}

export async function migrateCmd(ctx: Context, argv: string[]): Promise<number> {
  parse(argv, {}, 'hpconf migrate');
  await withStore(ctx, async (s) => ctx.out(`migrated ${s.describe} (store revision ${await s.head()})`));
  return 0;
}
