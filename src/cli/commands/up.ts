import { coverage } from '../../catalog/coverage.js';
import { HpconfError } from '../../errors/registry.js';
import { grantAppRole } from '../../store/migrations.js';
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

const MIGRATE_USAGE = 'hpconf migrate [--app-role ROLE]';
/**
 * Run by the owner of the schema. With --app-role, also grant the role the Console and CLI
 * connect as exactly what they need (append-only on the change log); run it after every upgrade.
 */
export async function migrateCmd(ctx: Context, argv: string[]): Promise<number> {
  const { values: o } = parse(argv, { 'app-role': { type: 'string' } }, MIGRATE_USAGE);
  await withStore(ctx, async (s) => {
    ctx.out(`migrated ${s.describe} (store revision ${await s.head()})`);
    if (o['app-role'] !== undefined) {
      if (s.kind !== 'postgres') throw new HpconfError('HPC_USAGE', { details: '--app-role is for a PostgreSQL server (the embedded store has one user: protect its directory instead)' });
      await grantAppRole(s.db, o['app-role']);
      ctx.out(`granted role ${o['app-role']}: read and write the values, sessions and users; append only to hp_change and hp_changeset`);
    }
  });
  return 0;
}
