/**
 * The store's behaviour, one suite run against every backend (store.pglite.test.ts,
 * store.postgres.test.ts), the way Hono runs one router suite against each router.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HpconfError } from '../errors/registry.js';
import { loadBundle } from '../catalog/bundle.js';
import { BASELINE_PATH } from '../paths.js';
import { bulkCatalog, bulkValues } from './testing.js';
import { ANALYZE_AFTER, createStore, type Store, type WriteOptions } from './store.js';
import { expectCode } from '../errors/testing.js';

const who: WriteOptions = { actor: 'alice', actorKind: 'user', reason: 'test' };
const LR = 'CVN_HPO_XGB_5M_LEARNING_RATE';
const DEPTH = 'CVN_HPO_CB_5M_DEPTH';


/** Everything a reader could see: values, legacy row, change log length, revision. */
async function snapshot(s: Store) {
  return { values: [...await s.values()], legacy: (await s.legacy()).baseEnv, head: await s.head(), log: (await s.history({ limit: 100000 })).length };
}

export function storeSuite(name: string, open: () => Promise<Store>): void {
  describe(`store (${name})`, () => {
    let s: Store;
    const seed = async () => {
      const bundle = loadBundle(s.catalog, BASELINE_PATH);
      return s.apply(bundle.map((e) => ({ key: e.key, value: e.text })), { actor: 'seed_script@test', actorKind: 'seed', baseRevision: 0 });
    };
    before(async () => { s = await open(); await seed(); });
    after(async () => { await s.close(); });

    test('seeding writes every key as one change-set; revisions are change log ids', async () => {
      assert.equal((await s.values()).size, 615);
      assert.equal(await s.head(), 615);
      const cs = await s.history({ changesetId: 1, limit: 1000 });
      assert.equal(cs.length, 615);
      assert.deepEqual(cs.map((c) => c.revision).sort((a, b) => a - b), Array.from({ length: 615 }, (_, i) => i + 1));
    });

    test('the legacy ftf_config row mirrors every value in the same transaction', async () => {
      const before = await s.legacy();
      assert.deepEqual(before.baseEnv, Object.fromEntries(await s.values()));
      await s.apply([{ key: LR, value: '0.08' }], who);
      const after = await s.legacy();
      assert.equal(after.baseEnv[LR], '0.08');
      assert.equal(after.updatedBy, 'alice');
      assert.ok(after.updatedAt! >= before.updatedAt!);
      await s.apply([{ key: LR, value: null }], { ...who, force: true });
      assert.ok(!(LR in (await s.legacy()).baseEnv));
      await s.apply([{ key: LR, value: '0.07' }], who);
      assert.deepEqual((await s.legacy()).baseEnv, Object.fromEntries(await s.values()));
    });

    test('the legacy row stays equal to the values through mixed writes, few keys (jsonb_set) and many (merge), sets and unsets', async () => {
      await s.db.query(`UPDATE ftf_config SET base_env = base_env || '{"OTHER_TOOL_FLAG": "kept"}'::jsonb WHERE id = 1`);
      const xgb = (p: string) => `CVN_HPO_XGB_1H_${p}`;
      const before = Object.fromEntries(await s.values());
      const few = [{ key: xgb('MAX_DEPTH'), value: '5' }, { key: xgb('LEARNING_RATE'), value: '0.05' }, { key: 'CVN_HPO_LGB_1H_MIN_CHILD_SAMPLES', value: null }];
      await s.apply(few, { ...who, force: true });
      const many = s.catalog.keys.map((k) => k.key).filter((k) => k.startsWith('CVN_HPO_CB_1H_')).slice(0, 10);
      assert.equal(many.length, 10);
      await s.apply([...many.map((k) => ({ key: k, value: null })), { key: 'CVN_HPO_LGB_1H_MIN_CHILD_SAMPLES', value: before.CVN_HPO_LGB_1H_MIN_CHILD_SAMPLES }], { ...who, force: true });
      let legacy = (await s.legacy()).baseEnv;
      assert.equal(legacy.OTHER_TOOL_FLAG, 'kept');
      delete legacy.OTHER_TOOL_FLAG;
      assert.deepEqual(legacy, Object.fromEntries(await s.values()));
      // Put everything back as one write of many keys.
      const now = Object.fromEntries(await s.values());
      const back = Object.entries(before).filter(([k, v]) => now[k] !== v).map(([key, value]) => ({ key, value }));
      assert.ok(back.length > 8);
      await s.apply(back, who);
      legacy = (await s.legacy()).baseEnv;
      delete legacy.OTHER_TOOL_FLAG;
      assert.deepEqual(legacy, before);
      await s.db.query(`UPDATE ftf_config SET base_env = base_env - 'OTHER_TOOL_FLAG' WHERE id = 1`);
    });

    test('keys other tools keep in base_env survive our writes', async () => {
      await s.db.query(`UPDATE ftf_config SET base_env = base_env || '{"OTHER_TOOL_FLAG": "on"}'::jsonb WHERE id = 1`);
      await s.apply([{ key: DEPTH, value: '7' }], who);
      assert.equal((await s.legacy()).baseEnv.OTHER_TOOL_FLAG, 'on');
      await s.apply([{ key: DEPTH, value: '6' }], who);
      await s.db.query(`UPDATE ftf_config SET base_env = base_env - 'OTHER_TOOL_FLAG' WHERE id = 1`);
    });

    test('each change records key, old, new, actor, time, reason and change-set', async () => {
      const r = await s.apply([{ key: DEPTH, value: '8' }, { key: 'CVN_HPO_CB_5M_ITERATIONS', value: '900' }], { actor: 'bob', actorKind: 'user', reason: 'deeper trees' });
      assert.equal(r.changes.length, 2);
      const h = await s.history({ changesetId: r.changesetId! });
      assert.deepEqual(h.map((x) => [x.key, x.oldValue, x.newValue, x.actor, x.reason]).sort(), [
        ['CVN_HPO_CB_5M_DEPTH', '6', '8', 'bob', 'deeper trees'],
        ['CVN_HPO_CB_5M_ITERATIONS', '1000', '900', 'bob', 'deeper trees'],
      ]);
      assert.ok(h.every((x) => x.at instanceof Date && x.actorKind === 'user'));
      assert.equal(r.revision, await s.head());
      const byKey = await s.history({ key: DEPTH, limit: 1 });
      assert.equal(byKey[0].newValue, '8');
      assert.ok((await s.history({ actor: 'bob' })).every((x) => x.actor === 'bob'));
      assert.equal((await s.history({ since: new Date(Date.now() + 60_000) })).length, 0);
    });

    test('values are stored in canonical text, and writing the same value is a no-op', async () => {
      const r1 = await s.apply([{ key: LR, value: ' 0.070 ' }], who);
      assert.equal(r1.changes.length, 0);
      assert.equal(r1.changesetId, null);
      const r2 = await s.apply([{ key: LR, value: '7e-2' }], who);
      assert.equal(r2.changes.length, 0);
      assert.equal((await s.values()).get(LR), '0.07');
    });

    const refusals: [string, { key: string; value: string | null }[], string][] = [
      ['not a number', [{ key: LR, value: 'fast' }], 'HPC_VALIDATION_FAILED'],
      ['outside the domain', [{ key: LR, value: '1.5' }], 'HPC_VALIDATION_FAILED'],
      ['CatBoost depth 17', [{ key: DEPTH, value: '17' }], 'HPC_VALIDATION_FAILED'],
      ['min above max', [{ key: `${LR}_RANGE_MIN`, value: '0.2' }], 'HPC_VALIDATION_FAILED'],
      ['log with min 0', [{ key: 'CVN_HPO_XGB_5M_REG_ALPHA_RANGE_MIN', value: '0' }], 'HPC_VALIDATION_FAILED'],
      ['log on a ratio', [{ key: 'CVN_HPO_XGB_5M_SUBSAMPLE_RANGE_SCALE', value: 'log' }], 'HPC_VALIDATION_FAILED'],
      ['subsample < 1 with bagging 0', [{ key: 'CVN_HPO_LGB_5M_BAGGING_FREQ', value: '0' }], 'HPC_VALIDATION_FAILED'],
      ['unknown key', [{ key: 'CVN_HPO_XGB_5M_LEARNING_RATEE', value: '0.1' }], 'HPC_KEY_UNKNOWN'],
      ['one bad key spoils the batch', [{ key: DEPTH, value: '5' }, { key: LR, value: 'nan' }], 'HPC_VALIDATION_FAILED'],
      ['the same key twice', [{ key: DEPTH, value: '5' }, { key: DEPTH, value: '4' }], 'HPC_USAGE'],
    ];
    for (const [what, changes, code] of refusals) {
      test(`refused and nothing changes: ${what}`, async () => {
        const before = await snapshot(s);
        await expectCode(s.apply(changes, who), code);
        assert.deepEqual(await snapshot(s), before);
      });
    }

    test('an unknown key comes with a "did you mean"', async () => {
      const e = await expectCode(s.apply([{ key: 'CVN_HPO_XGB_5M_LEARNING_RATEE', value: '0.1' }], who), 'HPC_KEY_UNKNOWN');
      assert.match(e.message, /did you mean CVN_HPO_XGB_5M_LEARNING_RATE\?/);
    });

    test('a rule is checked on the state a batch produces: fixing both sides at once is allowed', async () => {
      const r = await s.apply([
        { key: 'CVN_HPO_LGB_5M_BAGGING_FREQ', value: '0' }, { key: 'CVN_HPO_LGB_5M_SUBSAMPLE', value: '1' },
        { key: 'CVN_HPO_LGB_5M_SUBSAMPLE_RANGE_MIN', value: '1' },
      ], who);
      assert.equal(r.changes.length, 3);
      await s.revert(r.changesetId!, who);
      assert.equal((await s.values()).get('CVN_HPO_LGB_5M_BAGGING_FREQ'), '1');
    });

    test('warnings do not block a write but are returned', async () => {
      const r = await s.apply([{ key: 'CVN_HPO_LGB_5M_NUM_LEAVES', value: '300' }, { key: 'CVN_HPO_LGB_5M_NUM_LEAVES_RANGE_MAX', value: '400' }], who);
      assert.deepEqual(r.warnings.map((w) => w.code).sort(), ['HPC_WARN_RULE']);
      await s.apply([{ key: 'CVN_HPO_LGB_5M_NUM_LEAVES', value: '31' }, { key: 'CVN_HPO_LGB_5M_NUM_LEAVES_RANGE_MAX', value: '255' }], who);
    });

    test('a default outside its own search range is refused, naming the keys; moved together with the range it is fine', async () => {
      const before = await snapshot(s);
      await assert.rejects(s.apply([{ key: 'CVN_HPO_XGB_5M_LEARNING_RATE', value: '0.026' }], who), (e: HpconfError) => {
        assert.equal(e.code, 'HPC_VALIDATION_FAILED');
        assert.deepEqual((e.detail as { code: string; keys: string[] }[]).map((p) => [p.code, p.keys]),
          [['HPC_DEFAULT_OUTSIDE_RANGE', ['CVN_HPO_XGB_5M_LEARNING_RATE', 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MIN', 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX']]]);
        assert.match(e.message, /CVN_HPO_XGB_5M_LEARNING_RATE: default 0\.026 lies outside its search range \[0\.05, 0\.15\]/);
        return true;
      });
      // Narrowing the range away from the stored default is refused the same way.
      await assert.rejects(s.apply([{ key: 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MIN', value: '0.08' }], who), /HPC_DEFAULT_OUTSIDE_RANGE|lies outside its search range/);
      assert.deepEqual(await snapshot(s), before, 'nothing written');
      const ok = await s.apply([{ key: 'CVN_HPO_XGB_5M_LEARNING_RATE', value: '0.026' }, { key: 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MIN', value: '0.02' }], who);
      assert.equal(ok.changes.length, 2);
      await s.apply([{ key: 'CVN_HPO_XGB_5M_LEARNING_RATE', value: '0.07' }, { key: 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MIN', value: '0.05' }], who);
    });

    test('a writer that read an older revision gets a conflict, not a silent overwrite', async () => {
      const read = await s.head();
      await s.apply([{ key: DEPTH, value: '9' }], { actor: 'bob', actorKind: 'user' });
      const before = await snapshot(s);
      const e = await expectCode(s.apply([{ key: DEPTH, value: '5' }], { ...who, baseRevision: read }), 'HPC_STORE_CONFLICT');
      assert.deepEqual(e.detail, [{ key: DEPTH, baseRevision: read, revision: before.head, current: '9', proposed: '5' }]);
      assert.deepEqual(await snapshot(s), before);
      // A key nobody touched since the read is not a conflict.
      const ok = await s.apply([{ key: 'CVN_HPO_CB_1H_DEPTH', value: '5' }], { ...who, baseRevision: read });
      assert.equal(ok.changes.length, 1);
      // Removal counts as a change too.
      const read2 = await s.head();
      await s.apply([{ key: 'CVN_HPO_CB_1H_DEPTH', value: null }], { ...who, force: true });
      await expectCode(s.apply([{ key: 'CVN_HPO_CB_1H_DEPTH', value: '4' }], { ...who, baseRevision: read2 }), 'HPC_STORE_CONFLICT');
      await s.apply([{ key: 'CVN_HPO_CB_1H_DEPTH', value: '6' }, { key: DEPTH, value: '6' }], who);
    });

    test('concurrent writers from the same base: exactly one wins, the other gets a conflict', async () => {
      const read = await s.head();
      const results = await Promise.allSettled([
        s.apply([{ key: DEPTH, value: '4' }], { ...who, actor: 'w1', baseRevision: read }),
        s.apply([{ key: DEPTH, value: '5' }], { ...who, actor: 'w2', baseRevision: read }),
      ]);
      const ok = results.filter((r) => r.status === 'fulfilled');
      const bad = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(ok.length, 1);
      assert.equal(bad.length, 1);
      assert.equal((bad[0].reason as HpconfError).code, 'HPC_STORE_CONFLICT');
      const winner = (await s.history({ key: DEPTH, limit: 1 }))[0];
      assert.equal((await s.values()).get(DEPTH), winner.newValue);
      await s.apply([{ key: DEPTH, value: '6' }], who);
    });

    test('many concurrent writers to different keys: nothing is lost', async () => {
      const keys = s.catalog.keys.filter((k) => k.kind === 'default' && k.param === 'RANDOM_STATE').map((k) => k.key);
      const h0 = await s.head();
      await Promise.all(keys.map((key, i) => s.apply([{ key, value: String(100 + i) }], { ...who, actor: `w${i}` })));
      const v = await s.values();
      keys.forEach((key, i) => assert.equal(v.get(key), String(100 + i)));
      assert.equal(await s.head(), h0 + keys.length);
      assert.deepEqual((await s.legacy()).baseEnv, Object.fromEntries(v));
      await s.apply(keys.map((key) => ({ key, value: '42' })), who);
    });

    test('revert is a new change-set restoring the old values; it refuses if the keys moved on', async () => {
      const r = await s.apply([{ key: DEPTH, value: '10' }, { key: LR, value: '0.09' }], who);
      const rv = await s.revert(r.changesetId!, { actor: 'carol', actorKind: 'user', reason: 'undo' });
      assert.notEqual(rv.changesetId, r.changesetId);
      const v = await s.values();
      assert.equal(v.get(DEPTH), '6');
      assert.equal(v.get(LR), '0.07');
      const h = await s.history({ changesetId: rv.changesetId! });
      assert.ok(h.every((x) => x.reverts === r.changesetId && x.actor === 'carol'));
      const r2 = await s.apply([{ key: DEPTH, value: '9' }], who);
      await s.apply([{ key: DEPTH, value: '8' }], who);
      await expectCode(s.revert(r2.changesetId!, who), 'HPC_STORE_CONFLICT');
      await s.apply([{ key: DEPTH, value: '6' }], who);
    });

    test('state at any revision is rebuilt from the change log', async () => {
      const r0 = await s.head();
      const before = await s.values();
      await s.apply([{ key: DEPTH, value: '5' }], who);
      await s.apply([{ key: LR, value: null }], { ...who, force: true });
      assert.deepEqual(await s.at(r0), before);
      assert.equal((await s.at(615)).size, 615);
      assert.equal((await s.at(0)).size, 0);
      await expectCode(s.at(r0 + 1000), 'HPC_REVISION_UNKNOWN');
      await s.apply([{ key: DEPTH, value: '6' }, { key: LR, value: '0.07' }], who);
    });

    test('unsetting a required key, or reverting the seed, is refused unless forced; the refusal names the keys and the coverage after', async () => {
      const before = await snapshot(s);
      const e = await expectCode(s.apply([{ key: DEPTH, value: null }], who), 'HPC_COVERAGE_WOULD_DROP');
      assert.match(e.message, /leave 1 required key\(s\) unset and coverage at 99\.83 %:\n - CVN_HPO_CB_5M_DEPTH/);
      const seed = await expectCode(s.revert(1, { ...who, baseRevision: await s.head() }), 'HPC_COVERAGE_WOULD_DROP');
      assert.match(seed.message, /leave 615 required key\(s\) unset and coverage at 0\.00 %/);
      assert.deepEqual(await snapshot(s), before, 'nothing written');
      const p = await s.previewRevert(1);
      assert.deepEqual([p.changes.length, p.drop.keys.length, p.drop.percentAfter], [615, 615, 0]);
      assert.deepEqual(await snapshot(s), before, 'a preview writes nothing');
      const forced = await s.apply([{ key: DEPTH, value: null }], { ...who, force: true });
      assert.equal(forced.changes.length, 1);
      await s.apply([{ key: DEPTH, value: '6' }], who); // putting a key back needs no force
    });

    test('a revert can be limited to some keys of its change-set', async () => {
      const r = await s.apply([{ key: DEPTH, value: '9' }, { key: LR, value: '0.09' }], who);
      await expectCode(s.revert(r.changesetId!, { ...who, keys: ['CVN_HPO_CB_1H_DEPTH'] }), 'HPC_USAGE');
      const rv = await s.revert(r.changesetId!, { ...who, keys: [LR] });
      assert.deepEqual(rv.changes.map((c) => [c.key, c.newValue]), [[LR, '0.07']]);
      assert.equal((await s.values()).get(DEPTH), '9');
      await s.apply([{ key: DEPTH, value: '6' }], who);
    });

    test('the database refuses UPDATE, DELETE and TRUNCATE on the change log', async () => {
      for (const sql of ['UPDATE hp_change SET new_value = $1', 'DELETE FROM hp_change', 'TRUNCATE hp_change CASCADE',
        'UPDATE hp_changeset SET actor = $1', 'DELETE FROM hp_changeset']) {
        const params = sql.includes('$1') ? ['x'] : [];
        await assert.rejects(s.db.query(sql, params), /append-only/, sql);
      }
      assert.ok((await s.history({ limit: 100000 })).length >= 615);
    });

    test('the database dates the log itself and moves a value only together with its log row', async () => {
      const before = await snapshot(s);
      // A back-dated change-set and change: the dates given are replaced by the transaction's.
      const back = await s.db.transaction(async (tx) => {
        const cs = await tx.query<{ id: number; created_at: Date; now: Date }>(
          "INSERT INTO hp_changeset (actor, actor_kind, reason, created_at, environment) VALUES ('mallory', 'user', 'x', '2001-01-01', 'default') RETURNING id, created_at, now() AS now");
        const ch = await tx.query<{ revision: number; created_at: Date }>(
          "INSERT INTO hp_change (changeset_id, key, old_value, new_value, created_at) VALUES ($1, $2, '0.07', '0.07', '2001-01-01') RETURNING revision, created_at", [cs.rows[0].id, LR]);
        await tx.query('UPDATE hp_value SET value = $2, revision = $3 WHERE key = $1', [LR, '0.07', ch.rows[0].revision]);
        return { cs: cs.rows[0], ch: ch.rows[0] };
      });
      assert.equal(back.cs.created_at.getTime(), back.cs.now.getTime());
      assert.equal(back.ch.created_at.getTime(), back.cs.now.getTime());
      const after = await snapshot(s);
      // Value rows changed without a log row of their own, in every way the application role could try.
      const head = await s.head();
      const forged = [
        ['UPDATE hp_value SET value = $1 WHERE key = $2', ['0.5', LR]],
        ['UPDATE hp_value SET value = $1, revision = $2 WHERE key = $3', ['0.5', head, LR]],
        ['UPDATE hp_value SET updated_by = $1 WHERE key = $2', ['mallory', DEPTH]],
        ['DELETE FROM hp_value WHERE key = $1', [DEPTH]],
        ['INSERT INTO hp_value (environment, key, value, revision, updated_by, updated_at) VALUES ($5, $1, $2, $3, $4, now())', ['CVN_NOT_A_KEY', '1', head, 'mallory', 'default']],
        ['TRUNCATE hp_value', []],
      ] as const;
      for (const [sql, params] of forged) await assert.rejects(s.db.query(sql, [...params]), /hp_value|append-only|without/, sql);
      // A log row from an earlier transaction does not license a change now.
      await assert.rejects(s.db.query('UPDATE hp_value SET value = $1, revision = $2 WHERE key = $3', ['0.07', back.ch.revision, LR]), /without/);
      assert.deepEqual(await snapshot(s), after);
      assert.equal(after.head, before.head + 1);
      // The store's own writes pass the same checks.
      await s.apply([{ key: LR, value: '0.08' }], who);
      await s.apply([{ key: DEPTH, value: null }], { ...who, force: true });
      await s.apply([{ key: LR, value: '0.07' }, { key: DEPTH, value: '6' }], who);
      assert.equal((await s.values()).get(DEPTH), '6');
    });

    test('a bulk write analyzes the tables it grew, so the planner sees their size (PGlite has no autovacuum)', async () => {
      const fresh = await open();
      try {
        const catalog = bulkCatalog();
        assert.equal(catalog.keys.length, ANALYZE_AFTER);
        const big = createStore(fresh.db, catalog);
        const tuples = async () => Number((await fresh.db.query<{ n: number }>(`SELECT reltuples AS n FROM pg_class WHERE relname = 'hp_value'`)).rows[0].n);
        assert.ok(await tuples() < 1000, 'not analyzed before');
        await big.apply(bulkValues(catalog, '1'), { actor: 'seed_script@test', actorKind: 'seed' });
        assert.ok(await tuples() >= ANALYZE_AFTER, `reltuples ${await tuples()}`);
      } finally {
        await fresh.close();
      }
    });
  });
}
