import { coverage } from '../../catalog/coverage.js';
import { HpconfError } from '../../errors/registry.js';
import { grantAppRole } from '../../store/migrations.js';
import type { Opts } from '../registry.js';
import { withStore, type Context } from '../context.js';
import { coverageError, printCoverage } from './audit.js';
import { seedGroups, seedStore } from './seed.js';
import path from 'node:path';
import { loadBundle } from '../../catalog/bundle.js';
import { BASELINE_PATH } from '../../paths.js';
import { environmentNames } from '../../store/store.js';
import { runConsole } from './serve.js';

/** The main job on a fresh machine: migrate and seed the store (idempotent), audit it, then serve the Console (unless --once). */
export async function up(ctx: Context, o: Opts): Promise<number> {
  const bundlePath = o.bundle as string | undefined;
  const bundle = loadBundle(ctx.catalog, bundlePath ? path.resolve(ctx.cwd, bundlePath) : BASELINE_PATH);
  // One open store for everything (a PGlite start is the slow part of `up`).
  const [cov, where] = await withStore(ctx, async (s) => {
    await seedStore(ctx, s, bundle, new Set(), { apply: true, bundle: bundlePath, quiet: false });
    // Every environment gets the catalog's new keys (and the groups file's groups) it lacks, protected ones included:
    // a seed only fills what is missing, so it needs no approval; it never changes a value a team set.
    const others = (s.kind as string) === 'remote' ? [] : (await environmentNames(s.db)).filter((e) => e !== s.environment);
    for (const e of others) await seedStore(ctx, s, bundle, new Set(), { apply: true, bundle: bundlePath, quiet: true, environment: e });
    for (const e of [undefined, ...others]) await seedGroups(ctx, s, e);
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
