/**
 * A store made by a previous release (migrations 1-5: no log-integrity triggers; 1-6: no environments; 1-7: no single sign-on) upgrades with every value, the
 * whole change log and the legacy row kept, on a PGlite data directory and on PostgreSQL; afterwards the new rules hold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadBundle } from '../catalog/bundle.js';
import { loadCatalog } from '../catalog/load.js';
import { BASELINE_PATH } from '../paths.js';
import type { Db } from './db.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { createStore, legacyIsView } from './store.js';
import { freshPostgresUrl } from './testing.js';

/** Releases whose stores must upgrade: before the log-integrity triggers (1-5), before environments (1-6), before single sign-on (1-7), before runs in the store (1-9, segments). */
const RELEASES = [5, 6, 7, 9, 10];

async function previousRelease(db: Db, last: number): Promise<void> {
  await db.exec('CREATE TABLE hpconf_migration (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const m of MIGRATIONS.filter((x) => x.id <= last)) {
    await db.exec(m.sql);
    await db.query('INSERT INTO hpconf_migration (id, name) VALUES ($1, $2)', [m.id, m.name]);
  }
}

/** A write as those releases made it (one store, no environments before 1-7; `default` from 1-7), in their SQL. */
async function oldApply(db: Db, changes: { key: string; value: string | null }[], actor: string, kind: string, reason: string, last: number): Promise<void> {
  const envs = last >= 7;
  await db.transaction(async (tx) => {
    const cs = await tx.query<{ id: number }>(envs ? "INSERT INTO hp_changeset (actor, actor_kind, reason, environment) VALUES ($1, $2, $3, 'default') RETURNING id"
      : 'INSERT INTO hp_changeset (actor, actor_kind, reason) VALUES ($1, $2, $3) RETURNING id', [actor, kind, reason]);
    for (const c of changes) {
      const old = (await tx.query<{ value: string }>('SELECT value FROM hp_value WHERE key = $1', [c.key])).rows[0]?.value ?? null;
      const r = (await tx.query<{ revision: number }>('INSERT INTO hp_change (changeset_id, key, old_value, new_value) VALUES ($1, $2, $3, $4) RETURNING revision',
        [cs.rows[0].id, c.key, old, c.value])).rows[0].revision;
      if (c.value === null) await tx.query('DELETE FROM hp_value WHERE key = $1', [c.key]);
      else if (envs) await tx.query(`INSERT INTO hp_value (environment, key, value, revision, updated_by, updated_at) VALUES ('default', $1, $2, $3, $4, now())
        ON CONFLICT (environment, key) DO UPDATE SET value = EXCLUDED.value, revision = EXCLUDED.revision, updated_by = EXCLUDED.updated_by, updated_at = now()`, [c.key, c.value, r, actor]);
      else await tx.query(`INSERT INTO hp_value (key, value, revision, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, revision = EXCLUDED.revision, updated_by = EXCLUDED.updated_by, updated_at = now()`, [c.key, c.value, r, actor]);
      await tx.query(c.value === null ? 'UPDATE ftf_config SET base_env = base_env - $1::text WHERE id = 1' : 'UPDATE ftf_config SET base_env = jsonb_set(base_env, ARRAY[$1::text], to_jsonb($2::text)) WHERE id = 1',
        c.value === null ? [c.key] : [c.key, c.value]);
    }
  });
}

async function fill(db: Db, last: number) {
  const catalog = loadCatalog();
  const write = (changes: { key: string; value: string | null }[], actor: string, kind: string, reason: string) => oldApply(db, changes, actor, kind, reason, last);
  await write(loadBundle(catalog, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text })), 'seed_script@old', 'seed', '');
  await write([{ key: 'CVN_HPO_XGB_5M_LEARNING_RATE', value: '0.09' }, { key: 'CVN_HPO_CB_5M_DEPTH', value: '8' }], 'user:olivia', 'user', 'before the upgrade');
  await write([{ key: 'CVN_HPO_CB_5M_DEPTH', value: null }], 'cli:bob', 'cli', 'unset');
  // A user with a second factor, made before the upgrade: kept, and an approver as every writer was.
  await db.query("INSERT INTO hp_user (username, password_hash, role, totp_secret, totp_enabled) VALUES ('olivia', 'x', 'operator', 'JBSWY3DPEHPK3PXP', true)");
}

/** What a reader of the old schema sees, in the shape the new store reports it. */
async function oldView(db: Db) {
  const values = (await db.query<{ key: string; value: string }>('SELECT key, value FROM hp_value ORDER BY key')).rows.map((r) => [r.key, r.value]);
  const log = (await db.query<Record<string, unknown>>(
    `SELECT c.revision, c.key, c.old_value, c.new_value, c.changeset_id, s.actor, s.actor_kind, s.reason, c.created_at, s.reverts
     FROM hp_change c JOIN hp_changeset s ON s.id = c.changeset_id ORDER BY c.revision DESC`)).rows
    .map((r) => ({ revision: Number(r.revision), key: r.key, oldValue: r.old_value, newValue: r.new_value, changesetId: Number(r.changeset_id), actor: r.actor, actorKind: r.actor_kind, reason: r.reason, at: r.created_at, reverts: r.reverts === null ? null : Number(r.reverts) }));
  const legacy = (await db.query<{ base_env: unknown }>('SELECT base_env FROM ftf_config WHERE id = 1')).rows[0].base_env;
  return { values, log, legacy, head: log.length ? log[0].revision : 0 };
}

async function upgradeKeepsEverything(db: Db, last: number): Promise<void> {
  await previousRelease(db, last);
  await fill(db, last);
  const before = await oldView(db);
  const users = (await db.query('SELECT id, username, password_hash, role, totp_secret, totp_enabled FROM hp_user')).rows;
  assert.equal(before.values.length, loadBundle(loadCatalog(), BASELINE_PATH).length - 1, 'the seed, one key unset');
  assert.deepEqual(await migrate(db), MIGRATIONS.filter((m) => m.id > last).map((m) => m.id));
  const s = createStore(db, loadCatalog());
  const log = (await s.history({ limit: 100_000 })).map(({ environment, changeRequest, breakGlass, ...e }) => {
    // Every old change is the default environment's, applied directly.
    assert.deepEqual({ environment, changeRequest, breakGlass }, { environment: 'default', changeRequest: null, breakGlass: false });
    return e;
  });
  assert.deepEqual({ values: [...await s.values()], log, legacy: (await s.legacy()).baseEnv, head: await s.head() }, before);
  // The new rules hold on the upgraded store, and its own writes pass them.
  await assert.rejects(db.query("UPDATE hp_value SET value = '0.5' WHERE key = 'CVN_HPO_XGB_5M_LEARNING_RATE'"), /without its change row/);
  await s.apply([{ key: 'CVN_HPO_CB_5M_DEPTH', value: '6' }], { actor: 'user:olivia', actorKind: 'user', reason: 'after the upgrade' });
  assert.equal((await s.values()).get('CVN_HPO_CB_5M_DEPTH'), '6');
  assert.equal((await s.legacy()).baseEnv.CVN_HPO_CB_5M_DEPTH, '6');
  assert.equal(await s.head(), before.head + 1);
  assert.deepEqual((await db.query('SELECT id, username, password_hash, role, totp_secret, totp_enabled FROM hp_user')).rows, users);
  assert.deepEqual((await db.query<{ approver: boolean; oidc_subject: string | null }>('SELECT approver, oidc_subject FROM hp_user')).rows, [{ approver: true, oidc_subject: null }]);
  await s.feed.close();
}

for (const last of RELEASES) test(`a PGlite data directory of a previous release (migrations 1-${last}) upgrades with every value and the whole change log`, async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'hpconf-upgrade-')), 'pgdata');
  const db = await openPglite(dir, {}, { snapshot: false }); // initdb, not the new release's migrated snapshot
  try { await upgradeKeepsEverything(db, last); } finally { await db.close(); }
  // And it reopens as a current store.
  const again = await openPglite(dir);
  try { assert.deepEqual(await migrate(again), []); } finally { await again.close(); }
});

const url = process.env.HPCONF_TEST_DATABASE_URL;
for (const last of RELEASES) test(`a PostgreSQL database of a previous release (migrations 1-${last}) upgrades with every value and the whole change log`, { skip: !url && 'HPCONF_TEST_DATABASE_URL is not set' }, async () => {
  const fresh = await freshPostgresUrl(url!, { empty: true });
  const db = await openPostgres(fresh.url);
  try { await upgradeKeepsEverything(db, last); } finally { await db.close(); await fresh.drop(); }
});

test('a store of the previous release that was written: its legacy table stays a table; one that never was becomes the view, and both read the values', async () => {
  for (const written of [true, false]) {
    const db = await openPglite(undefined, {}, { snapshot: false });
    try {
      await previousRelease(db, 10);
      if (written) await fill(db, 10);
      await migrate(db);
      assert.equal(await legacyIsView(db), !written);
      const s = createStore(db, loadCatalog());
      await s.apply([{ key: 'CVN_HPO_CB_5M_DEPTH', value: '7' }], { actor: 'user:olivia', actorKind: 'user', reason: 'after the upgrade' });
      assert.deepEqual((await s.legacy()).baseEnv, Object.fromEntries(await s.values()));
      await s.feed.close();
    } finally { await db.close(); }
  }
});
