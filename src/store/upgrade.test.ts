/**
 * A store made by the previous release (migrations 1-5: no log-integrity triggers) upgrades with every value, the
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
import { createStore } from './store.js';
import { freshPostgresUrl } from './testing.js';

const PREVIOUS = MIGRATIONS.filter((m) => m.id <= 5);

async function previousRelease(db: Db): Promise<void> {
  await db.exec('CREATE TABLE hpconf_migration (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const m of PREVIOUS) {
    await db.exec(m.sql);
    await db.query('INSERT INTO hpconf_migration (id, name) VALUES ($1, $2)', [m.id, m.name]);
  }
}

async function fill(db: Db) {
  const catalog = loadCatalog();
  const s = createStore(db, catalog);
  await s.apply(loadBundle(catalog, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text })), { actor: 'seed_script@old', actorKind: 'seed', baseRevision: 0 });
  await s.apply([{ key: 'CVN_HPO_XGB_5M_LEARNING_RATE', value: '0.09' }, { key: 'CVN_HPO_CB_5M_DEPTH', value: '8' }], { actor: 'user:olivia', actorKind: 'user', reason: 'before the upgrade' });
  await s.apply([{ key: 'CVN_HPO_CB_5M_DEPTH', value: null }], { actor: 'cli:bob', actorKind: 'cli', reason: 'unset', force: true });
  return s;
}

async function upgradeKeepsEverything(db: Db): Promise<void> {
  await previousRelease(db);
  const old = await fill(db);
  const before = { values: [...await old.values()], log: await old.history({ limit: 100_000 }), legacy: (await old.legacy()).baseEnv, head: await old.head() };
  assert.equal(before.values.length, 473);
  assert.deepEqual(await migrate(db), MIGRATIONS.filter((m) => m.id > 5).map((m) => m.id));
  const s = createStore(db, loadCatalog());
  assert.deepEqual({ values: [...await s.values()], log: await s.history({ limit: 100_000 }), legacy: (await s.legacy()).baseEnv, head: await s.head() }, before);
  // The new rules hold on the upgraded store, and its own writes pass them.
  await assert.rejects(db.query("UPDATE hp_value SET value = '0.5' WHERE key = 'CVN_HPO_XGB_5M_LEARNING_RATE'"), /without its change row/);
  await s.apply([{ key: 'CVN_HPO_CB_5M_DEPTH', value: '6' }], { actor: 'user:olivia', actorKind: 'user', reason: 'after the upgrade' });
  assert.equal((await s.values()).get('CVN_HPO_CB_5M_DEPTH'), '6');
  assert.equal(await s.head(), before.head + 1);
  await s.feed.close();
}

test('a PGlite data directory of the previous release upgrades with every value and the whole change log', async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'hpconf-upgrade-')), 'pgdata');
  const db = await openPglite(dir, {}, { snapshot: false }); // initdb, not the new release's migrated snapshot
  try { await upgradeKeepsEverything(db); } finally { await db.close(); }
  // And it reopens as a current store.
  const again = await openPglite(dir);
  try { assert.deepEqual(await migrate(again), []); } finally { await again.close(); }
});

const url = process.env.HPCONF_TEST_DATABASE_URL;
test('a PostgreSQL database of the previous release upgrades with every value and the whole change log', { skip: !url && 'HPCONF_TEST_DATABASE_URL is not set' }, async () => {
  const fresh = await freshPostgresUrl(url!, { empty: true });
  const db = await openPostgres(fresh.url);
  try { await upgradeKeepsEverything(db); } finally { await db.close(); await fresh.drop(); }
});
