import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../paths.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { LARGE_STORE_KEYS, openPglite, pgliteProfile } from './pglite.js';
import { loadSnapshot, pgliteVersion } from './pglite-snapshot.js';

const DIST = path.join(ROOT, 'dist');

test('the build ships a migrated data directory for this PGlite version; a new store starts from it and needs no migration', { skip: !existsSync(path.join(DIST, 'pglite-snapshot.json')) && 'build first (npm run build)' }, async () => {
  const meta = JSON.parse(readFileSync(path.join(DIST, 'pglite-snapshot.json'), 'utf8'));
  assert.equal(meta.pglite, pgliteVersion());
  assert.deepEqual(meta.migrations, MIGRATIONS.map((m) => m.id));
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'hpconf-snap-')), 'pgdata');
  const db = await openPglite(dir);
  try {
    assert.deepEqual(await migrate(db), [], 'every migration is already in the snapshot');
    assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM hp_value')).rows[0].n, 0);
    assert.equal((await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0].shared_buffers, '4MB', 'sized for a small store');
  } finally {
    await db.close();
  }
  // The directory is a real store: it opens again, without the snapshot.
  const again = await openPglite(dir);
  assert.deepEqual(await migrate(again), []);
  await again.close();
});

test('a snapshot written by another PGlite version, or switched off, is not used (initdb runs instead)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-snapmeta-'));
  writeFileSync(path.join(dir, 'pglite-snapshot.tar.gz'), 'not read');
  writeFileSync(path.join(dir, 'pglite-snapshot.json'), JSON.stringify({ pglite: '0.0.1', migrations: [1] }));
  assert.equal(loadSnapshot({ dir }), undefined);
  if (existsSync(path.join(DIST, 'pglite-snapshot.json'))) {
    cpSync(path.join(DIST, 'pglite-snapshot.json'), path.join(dir, 'pglite-snapshot.json'));
    assert.ok(loadSnapshot({ dir }) instanceof Blob);
    assert.equal(loadSnapshot({ dir, env: { HPCONF_PGLITE_SNAPSHOT: 'off' } }), undefined);
  }
  // Off: the store still opens (initdb) and migrates from nothing.
  const db = await openPglite(undefined, {}, { snapshot: false });
  try {
    assert.deepEqual(await migrate(db), MIGRATIONS.map((m) => m.id));
  } finally {
    await db.close();
  }
});

test('PGlite is sized to the store: small stores get 4 MB of shared buffers and baseline-compiled code, large ones 32 MB and TurboFan; both 10 connections', async () => {
  assert.deepEqual(pgliteProfile(615, {}), { conf: ['shared_buffers=4MB', 'max_connections=10'], liftoffOnly: true });
  assert.deepEqual(pgliteProfile(LARGE_STORE_KEYS, {}).liftoffOnly, true);
  assert.deepEqual(pgliteProfile(LARGE_STORE_KEYS + 1, {}), { conf: ['shared_buffers=32MB', 'max_connections=10'], liftoffOnly: false });
  assert.deepEqual(pgliteProfile(615, { HPCONF_PGLITE_SIZE: 'large' }).conf, ['shared_buffers=32MB', 'max_connections=10']);
  assert.deepEqual(pgliteProfile(100_000, { HPCONF_PGLITE_SIZE: 'small' }).conf, ['shared_buffers=4MB', 'max_connections=10']);
  const db = await openPglite(undefined, {}, { keys: 100_000 });
  try {
    assert.equal((await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0].shared_buffers, '32MB');
    assert.equal((await db.query<{ max_connections: string }>('SHOW max_connections')).rows[0].max_connections, '10');
  } finally {
    await db.close();
  }
});

test('a small PGlite store still takes a transaction that locks 1,500 relations (its lock table is sized by max_connections)', async () => {
  const db = await openPglite(undefined, {}, { keys: 615 });
  try {
    // 1,500 tables, each with its primary key's index: 3,000 locks held to the commit. hpconf's whole schema is 85 relations and their TOAST tables.
    await db.transaction(async (tx) => { for (let i = 0; i < 1500; i++) await tx.exec(`CREATE TABLE lock_room_${i} (a int PRIMARY KEY)`); });
    assert.equal((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'lock_room_%' AND relkind = 'r'")).rows[0].n, 1500);
  } finally {
    await db.close();
  }
});
