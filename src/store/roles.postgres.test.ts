/**
 * The owner migrates; the Console connects as an application role that cannot rewrite the audit
 * log, whatever SQL it sends (the attack in issue 9: DISABLE TRIGGER, UPDATE, ENABLE TRIGGER).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { main } from '../cli/main.js';
import { consoleFixture, PASSWORDS } from '../console/testing.js';
import { HpconfError } from '../errors/registry.js';
import { openStore } from './open.js';
import { freshPostgresUrl } from './testing.js';

const url = process.env.HPCONF_TEST_DATABASE_URL;

test('the application role appends to the change log and can neither rewrite nor drop it', { skip: !url && 'HPCONF_TEST_DATABASE_URL is not set' }, async () => {
  const fresh = await freshPostgresUrl(url!);
  const role = `hpconf_app_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'app-password'`);
  try {
    const out: string[] = [];
    const code = await main(['--database-url', fresh.url, 'migrate', '--app-role', role], { out: (l) => out.push(l), err: (l) => out.push(l), env: {} });
    assert.equal(code, 0, out.join('\n'));
    assert.match(out.join('\n'), new RegExp(`granted role ${role}`));
    const appUrl = new URL(fresh.url);
    appUrl.username = role;
    appUrl.password = 'app-password';

    // The Console works as the application role: seed, users, sessions, writes, history.
    const store = await openStore({ databaseUrl: appUrl.toString() });
    const fx = await consoleFixture(store);
    const op = fx.client();
    assert.equal((await op.login('olivia', PASSWORDS.olivia)).status, 200);
    const w = await op.call('PUT', '/keys/CVN_HPO_CB_5M_DEPTH', { value: '7', reason: 'as the app role' });
    assert.equal(w.status, 200, w.text);
    assert.equal((await store.history({ key: 'CVN_HPO_CB_5M_DEPTH', limit: 1 }))[0].actor, 'user:olivia');

    // Every way the attacker rewrote the log is refused to the application role.
    const attacks = [
      'ALTER TABLE hp_changeset DISABLE TRIGGER hp_changeset_append_only',
      'ALTER TABLE hp_change DISABLE TRIGGER ALL',
      "UPDATE hp_changeset SET actor = 'user:mallory', reason = 'nothing to see'",
      "UPDATE hp_change SET new_value = '1'",
      'DELETE FROM hp_change',
      'TRUNCATE hp_change',
      'DROP TRIGGER hp_change_append_only ON hp_change',
      'DROP TABLE hp_change CASCADE',
      'ALTER TABLE hp_change OWNER TO CURRENT_USER',
      'CREATE TABLE evil (x int)',
    ];
    for (const sql of attacks) {
      await assert.rejects(store.db.query(sql), (e: unknown) => /permission denied|must be owner/.test(String((e as Error).message)), sql);
    }
    const cs = await store.history({ key: 'CVN_HPO_CB_5M_DEPTH', limit: 1 });
    assert.deepEqual([cs[0].actor, cs[0].reason], ['user:olivia', 'as the app role']);
    await store.close();

    // A schema behind this version: the application role is told to have the owner migrate.
    await admin.end();
    const owner = new pg.Client({ connectionString: fresh.url });
    await owner.connect();
    await owner.query('DELETE FROM hpconf_migration WHERE id = (SELECT max(id) FROM hpconf_migration)');
    await assert.rejects(openStore({ databaseUrl: appUrl.toString() }), (e: unknown) => e instanceof HpconfError && e.code === 'HPC_MIGRATION_REQUIRED' && e.exitCode === 6);
    await owner.end();
  } finally {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await fresh.drop();
    await c.query(`DROP ROLE IF EXISTS ${role}`);
    await c.end();
    await admin.end().catch(() => {});
  }
});
