import { cliActor } from './values.js';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { VERSION } from '../../version.js';
import path from 'node:path';
import { HpconfError } from '../../errors/registry.js';
import { loadBundle, type BundleEntry } from '../../catalog/bundle.js';
import { BASELINE_PATH, ROOT } from '../../paths.js';
import { eventLine } from '../../resolver/events.js';
import type { Opts } from '../registry.js';
import { shown } from '../../export/formats.js';
import { withStore, type Context } from '../context.js';
import type { Store } from '../../store/store.js';

/** `seed_script@<git sha>`, or the package version outside a git checkout. */
export function seedActor(): string {
  // Only hpconf's own checkout: an installed package must not report its user's repository.
  if (existsSync(path.join(ROOT, '.git'))) {
    try {
      const sha = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
      if (sha) return `seed_script@${sha}`;
    } catch { /* git missing */ }
  }
  return `seed_script@${VERSION}`;
}

export type SeedAction = 'insert' | 'same' | 'skip' | 'overwrite';
export interface SeedPlanRow { entry: BundleEntry; stored: string | null; action: SeedAction }

export function planSeed(bundle: BundleEntry[], stored: Map<string, string>, overwrite: Set<string>): SeedPlanRow[] {
  return bundle.map((entry) => {
    const cur = stored.get(entry.key) ?? null;
    const action: SeedAction = cur === null ? 'insert' : cur === entry.text ? 'same' : overwrite.has(entry.key) ? 'overwrite' : 'skip';
    return { entry, stored: cur, action };
  });
}

export interface SeedResult { plan: SeedPlanRow[]; revision: number; applied: number }

/** Write the bundle's missing keys; never replace a differing value unless named in `overwrite`. */
export async function runSeed(ctx: Context, o: { apply: boolean; bundle?: string; overwrite?: string[]; actor?: string; quiet?: boolean; environment?: string }): Promise<SeedResult> {
  const c = ctx.catalog;
  const bundle = loadBundle(c, o.bundle ? path.resolve(ctx.cwd, o.bundle) : BASELINE_PATH);
  const overwrite = new Set(o.overwrite ?? []);
  for (const k of overwrite) {
    if (!bundle.some((e) => e.key === k)) throw new HpconfError('HPC_USAGE', { details: `--overwrite ${k}: the bundle has no such key` });
  }
  return withStore(ctx, (root) => seedStore(ctx, root, bundle, overwrite, o));
}

/** The seed on an open store (`up` seeds every environment on one handle). */
export async function seedStore(ctx: Context, root: Store, bundle: BundleEntry[], overwrite: Set<string>,
  o: { apply: boolean; bundle?: string; actor?: string; quiet?: boolean; environment?: string }): Promise<SeedResult> {
  const c = ctx.catalog;
  {
    const store = o.environment ? await root.use(o.environment) : root;
    const base = await store.head();
    const plan = planSeed(bundle, await store.values(), overwrite);
    const say = o.quiet ? () => {} : ctx.out;
    if (!o.apply) {
      for (const r of plan) {
        const mark = r.entry.todoPerTf ? ' [TODO_PER_TF]' : '';
        const note = r.action === 'skip' || r.action === 'overwrite' ? ` (stored: ${shown(c, r.entry.key, r.stored)})` : '';
        say(`${r.action.padEnd(9)} ${r.entry.key}=${shown(c, r.entry.key, r.entry.text)}${mark}${note}`);
      }
    }
    for (const r of o.apply ? plan.filter((p) => p.action === 'skip') : []) {
      ctx.err(eventLine('seed_skipped', { key: r.entry.key, stored: shown(c, r.entry.key, r.stored), bundle: shown(c, r.entry.key, r.entry.text),
        hint: 'review, then hpconf seed --apply --overwrite KEY' }));
    }
    const writes = plan.filter((p) => p.action === 'insert' || p.action === 'overwrite');
    let revision = base;
    if (o.apply && writes.length) {
      const actor = o.actor === undefined ? seedActor() : `seed:${cliActor(ctx, o.actor).slice(4)}`;
      const res = await store.apply(writes.map((p) => ({ key: p.entry.key, value: p.entry.text })),
        { actor, actorKind: 'seed', reason: `seed ${path.basename(o.bundle ?? BASELINE_PATH)}`, baseRevision: base });
      revision = res.revision;
    }
    const n = (a: SeedAction) => plan.filter((p) => p.action === a).length;
    say(`${o.apply ? 'applied' : 'dry run'}: ${plan.length} keys, ${n('insert')} ${o.apply ? 'inserted' : 'to insert'}, ` +
      `${n('same')} unchanged, ${n('skip')} differing (skipped), ${n('overwrite')} ${o.apply ? 'overwritten' : 'to overwrite'}; ` +
      `${plan.filter((p) => p.entry.todoPerTf).length} marked [TODO_PER_TF]; store revision ${revision}`);
    if (o.apply) {
      ctx.err(eventLine('seed_applied', { inserted: n('insert'), overwritten: n('overwrite'), skipped: n('skip'), unchanged: n('same'), revision }));
    }
    return { plan, revision, applied: o.apply ? writes.length : 0 };
  }
}

/**
 * The groups file's groups (catalog/groups.json, or HPCONF_GROUPS) as group definitions (`group:NAME`) the
 * environment lacks, written as a seed change-set: a group edited in the store is never replaced from the file.
 */
export async function seedGroups(ctx: Context, root: Store, environment?: string): Promise<number> {
  const { loadGroups } = await import('../../ftf/groups.js');
  const file = loadGroups(undefined, ctx.env);
  {
    const store = environment ? await root.use(environment) : root;
    const state = await store.layered();
    const missing = Object.entries(file.groups).filter(([name]) => !state.has(`group:${name}`)).map(([name, tokens]) => ({ key: `group:${name}`, value: tokens.join(',') }));
    if (!missing.length) return 0;
    const res = await store.apply(missing, { actor: seedActor(), actorKind: 'seed', reason: `groups from ${path.basename(file.source)}` });
    ctx.err(eventLine('seed_applied', { inserted: missing.length, overwritten: 0, skipped: 0, unchanged: Object.keys(file.groups).length - missing.length, revision: res.revision }));
    return missing.length;
  }
}

export async function seed(ctx: Context, o: Opts): Promise<number> {
  if (!!o.apply === !!o.dryRun) throw new HpconfError('HPC_USAGE', { details: 'give exactly one of --dry-run and --apply' });
  await runSeed(ctx, { apply: !!o.apply, bundle: o.bundle as string | undefined, overwrite: o.overwrite as string[] | undefined, actor: o.actor as string | undefined });
  return 0;
}
