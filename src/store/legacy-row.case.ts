/**
 * The legacy row ftf_config on each backend (legacy-row.pglite.test.ts, legacy-row.postgres.test.ts): a store hpconf
 * makes gets a view over the values, so no write rewrites a document; a table adopted from a legacy system stays a
 * table that every write keeps in step. Legacy readers and writers see one row either way.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog } from '../catalog/load.js';
import type { Db } from './db.js';
import { migrate } from './migrations.js';
import { createStore, legacyIsView } from './store.js';

const LR = 'CVN_HPO_XGB_5M_LEARNING_RATE';
const DEPTH = 'CVN_HPO_XGB_5M_MAX_DEPTH';
const who = { actor: 'alice', actorKind: 'user' as const, reason: 'test' };

export function legacyRowSuite(name: string, empty: () => Promise<{ db: Db; drop(): Promise<void> }>): void {
  describe(`legacy row (${name})`, () => {
    test('a new store: ftf_config is a view that reads as the table did, keeps other tools\' keys, and refuses a legacy write of a key hpconf keeps', async () => {
      const { db, drop } = await empty();
      try {
        await migrate(db);
        assert.equal(await legacyIsView(db), true);
        const s = createStore(db, loadCatalog());
        await s.apply([{ key: LR, value: '0.07' }, { key: DEPTH, value: '6' }], who);
        let row = await s.legacy();
        assert.deepEqual(row.baseEnv, { [LR]: '0.07', [DEPTH]: '6' });
        assert.equal(row.updatedBy, 'alice');
        // A legacy tool's own key, written the way it always was, with its lock first.
        await db.transaction(async (tx) => {
          await tx.query('SELECT id FROM ftf_config WHERE id = 1 FOR UPDATE');
          await tx.query(`UPDATE ftf_config SET base_env = base_env || '{"OTHER_TOOL_FLAG": "on"}'::jsonb, updated_by = 'other-tool', updated_at = now() WHERE id = 1`);
        });
        row = await s.legacy();
        assert.equal(row.baseEnv.OTHER_TOOL_FLAG, 'on');
        assert.equal(row.updatedBy, 'other-tool');
        await s.apply([{ key: LR, value: '0.08' }], { ...who, actor: 'bob' });
        row = await s.legacy();
        assert.deepEqual(row.baseEnv, { [LR]: '0.08', [DEPTH]: '6', OTHER_TOOL_FLAG: 'on' }, 'the tool\'s key survives, the value follows at once');
        assert.equal(row.updatedBy, 'bob');
        // A key hpconf keeps cannot be changed behind its back: refused, and nothing changes.
        await assert.rejects(db.query(`UPDATE ftf_config SET base_env = base_env || '{"${LR}": "0.5"}'::jsonb WHERE id = 1`), /kept by hpconf/);
        await assert.rejects(db.query(`UPDATE ftf_config SET base_env = base_env - '${DEPTH}' WHERE id = 1`), /kept by hpconf/);
        assert.deepEqual((await s.legacy()).baseEnv, row.baseEnv);
        await db.query(`UPDATE ftf_config SET base_env = base_env - 'OTHER_TOOL_FLAG' WHERE id = 1`);
        assert.deepEqual((await s.legacy()).baseEnv, Object.fromEntries(await s.values()));
        // An unset key leaves the row with it.
        await s.apply([{ key: DEPTH, value: null }], { ...who, force: true });
        assert.ok(!(DEPTH in (await s.legacy()).baseEnv));
        await s.close();
      } finally { await drop(); }
    });

    test('a legacy table adopted from another system stays a table, and every write keeps it in step', async () => {
      const { db, drop } = await empty();
      try {
        // The legacy system's own table, with a column of its own and a key of its own.
        await db.exec(`CREATE TABLE ftf_config (id integer PRIMARY KEY, base_env jsonb NOT NULL, updated_by text, updated_at timestamptz, note text);
          INSERT INTO ftf_config VALUES (1, '{"OTHER_TOOL_FLAG": "kept"}', 'legacy-system', now(), 'theirs')`);
        await migrate(db);
        assert.equal(await legacyIsView(db), false);
        const s = createStore(db, loadCatalog());
        await s.apply([{ key: LR, value: '0.07' }], who);
        assert.deepEqual((await s.legacy()).baseEnv, { OTHER_TOOL_FLAG: 'kept', [LR]: '0.07' });
        assert.equal((await db.query<{ note: string }>('SELECT note FROM ftf_config')).rows[0].note, 'theirs');
        await s.close();
      } finally { await drop(); }
    });
  });
}
