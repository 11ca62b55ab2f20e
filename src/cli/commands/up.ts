import { coverage } from '../../catalog/coverage.js';
import { HpconfError } from '../../errors/registry.js';
import { grantAppRole } from '../../store/migrations.js';
import type { Opts } from '../registry.js';
import { withStore, type Context } from '../context.js';
import { coverageError, printCoverage } from './audit.js';
import { runSeed, seedGroups } from './seed.js';
import { environmentNames } from '../../store/store.js';
import { runConsole } from './serve.js';

/** The main job on a fresh machine: migrate and seed the store (idempotent), audit it, then serve the Console (unless --once). */
export async function up(ctx: Context, o: Opts): Promise<number> {
  await runSeed(ctx, { apply: true, bundle: o.bundle as string | undefined, quiet: false });
  // Every environment gets the catalog's new keys (and the groups file's groups) it lacks, protected ones included:
  // a seed only fills what is missing, so it needs no approval; it never changes a value a team set.
  const others = await withStore(ctx, async (s) => ((s.kind as string) === 'remote' ? [] : (await environmentNames(s.db)).filter((e) => e !== s.environment)));
  for (const e of others) await runSeed(ctx, { apply: true, bundle: o.bundle as string | undefined, quiet: true, environment: e });
  for (const e of [undefined, ...others]) await seedGroups(ctx, e);
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
  return runConsole(ctx, { host: o.host as string, port: o.port as number });
}

/**
 * Run by the owner of the schema. With --app-role, also grant the role the Console and CLI
 * connect as exactly what they need (append-only on the change log); run it after every upgrade.
 */
export async function migrateCmd(ctx: Context, o: Opts): Promise<number> {
  await withStore(ctx, async (s) => {
    ctx.out(`migrated ${s.describe} (store revision ${await s.head()})`);
    if (o.appRole !== undefined) {
      if (s.kind !== 'postgres') throw new HpconfError('HPC_USAGE', { details: '--app-role is for a PostgreSQL server (the embedded store has one user: protect its directory instead)' });
      await grantAppRole(s.db, String(o.appRole));
      ctx.out(`granted role ${o.appRole}: read and write the values, sessions and users; append only to hp_change and hp_changeset`);
    }
  }, { direct: true });
  return 0;
}
