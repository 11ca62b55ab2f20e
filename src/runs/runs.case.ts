/** Runs in the store, one suite run against every backend (runs.pglite.test.ts, runs.postgres.test.ts). */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundle } from '../catalog/bundle.js';
import { BASELINE_PATH } from '../paths.js';
import { environments } from '../store/environments.js';
import type { Store } from '../store/store.js';
import { runs } from './runs.js';
import { skillSeries } from './series.js';
import { sampleRun as record, sampleStudy as study } from './testing.js';
import { expectCode } from '../errors/testing.js';


export function runsSuite(name: string, open: () => Promise<Store>, openPair?: () => Promise<[Store, Store]>): void {
  describe(`runs (${name})`, () => {
    let s: Store;
    let head = 0;
    before(async () => {
      s = await open();
      head = (await s.apply(loadBundle(s.catalog, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text })), { actor: 'seed', actorKind: 'seed', baseRevision: 0 })).revision;
    });
    after(async () => { await s.close(); });

    test('a recorded run reads back whole; the list summarises it, newest first, filtered by model and token', async () => {
      const r = record('20261203-090000-aaaa', head);
      assert.deepEqual(await runs(s).record(r, 'cli:ops'), { created: true });
      const got = await runs(s).get(r.id);
      assert.ok(got);
      const { recordedBy, recordedAt, ...rest } = got;
      assert.deepEqual(rest, { ...r, studies: [...r.studies].sort((a, b) => `${a.model}${a.token}`.localeCompare(`${b.model}${b.token}`)) });
      assert.equal(recordedBy, 'cli:ops');
      assert.ok(Date.parse(recordedAt) > 0);
      await runs(s).record(record('20261203-100000-bbbb', head, { createdAt: '2026-12-03T10:00:00.000Z', models: ['CB'], studies: [study('CB', 'UNI', true)] }), 'cli:ops');
      const all = await runs(s).list();
      assert.deepEqual(all.map((x) => x.id), ['20261203-100000-bbbb', '20261203-090000-aaaa']);
      assert.deepEqual([all[1].studies, all[1].withSkill, all[1].skillPass, all[1].f1Pass, all[1].revision], [4, 1, false, true, head]);
      assert.deepEqual((await runs(s).list({ model: 'xgb' })).map((x) => x.id), ['20261203-090000-aaaa']);
      assert.deepEqual((await runs(s).list({ token: 'CRV', model: 'CB' })).map((x) => x.id), ['20261203-100000-bbbb']);
      assert.deepEqual((await runs(s).list({ limit: 1 })).map((x) => x.id), ['20261203-100000-bbbb']);
      assert.equal(await runs(s).get('20261203-nope'), null);
      assert.equal(await runs(s).get("x' OR 1=1 --"), null);
    });

    test('collect records the same run again: its studies are replaced, nothing doubled', async () => {
      const id = '20261203-110000-cccc';
      await runs(s).record(record(id, head, { studies: [study('XGB', 'UNI', false)] }), 'cli:ops');
      assert.deepEqual(await runs(s).record(record(id, head), 'cli:collect'), { created: false });
      const got = (await runs(s).get(id))!;
      assert.equal(got.studies.length, 4);
      assert.equal(got.recordedBy, 'cli:collect');
      assert.equal((await s.db.query('SELECT 1 FROM hp_run_study WHERE run_id = $1', [id])).rows.length, 4);
    });

    test('bad records are refused and change nothing: another environment or revision under one id, unknown environment, a future revision, a bad id', async () => {
      const id = '20261203-120000-dddd';
      await runs(s).record(record(id, head), 'cli:ops');
      await expectCode(runs(s).record(record(id, head - 1), 'cli:ops'), 'HPC_RUN_CONFLICT', /recorded for default at r\d+; this record says default at r\d+/);
      assert.equal((await runs(s).get(id))!.revision, head);
      await expectCode(runs(s).record(record('20261203-120001-eeee', head, { environment: 'nowhere' }), 'cli:ops'), 'HPC_ENVIRONMENT_UNKNOWN');
      await expectCode(runs(s).record(record('20261203-120002-ffff', head + 1000), 'cli:ops'), 'HPC_REVISION_UNKNOWN');
      await expectCode(runs(s).record(record('../etc', head), 'cli:ops'), 'HPC_USAGE');
      for (const bad of ['20261203-120001-eeee', '20261203-120002-ffff']) assert.equal(await runs(s).get(bad), null);
    });

    test('runs belong to their environment: listed there only, read by id from anywhere', async () => {
      await environments(s).create('research', { actor: 'cli:ops', actorKind: 'cli' });
      const research = await s.use('research');
      const h = await research.head();
      await runs(research).record(record('20261203-130000-gggg', h, { environment: 'research' }), 'cli:ops');
      assert.deepEqual((await runs(research).list()).map((x) => x.id), ['20261203-130000-gggg']);
      assert.ok(!(await runs(s).list()).some((x) => x.id === '20261203-130000-gggg'));
      assert.equal((await runs(s).get('20261203-130000-gggg'))!.environment, 'research');
    });

    test('skill over time for one model x timeframe x token: its runs oldest first, and only the change-sets between them that wrote a key it reads', async () => {
      await environments(s).create('series', { actor: 'cli:ops', actorKind: 'cli' });
      const e = await s.use('series');
      const who = { actor: 'cli:olivia', actorKind: 'cli' as const, reason: 'r' };
      const write = async (key: string, value: string) => (await e.apply([{ key, value }], who)).changesetId!;
      const g = await write('group:defi', 'UNI,AAVE');
      await write('group:others', 'CRV');
      const A = '20261203-150000-aaaa', B = '20261203-160000-bbbb';
      await runs(e).record(record(A, await e.head(), { environment: 'series', createdAt: '2026-12-03T15:00:00.000Z' }), 'cli:ops');
      const depth = await write('CVN_HPO_XGB_5M_MAX_DEPTH', '5');
      await write('CVN_HPO_LGB_5M_NUM_LEAVES', '40');
      await write('CVN_HPO_XGB_15M_MAX_DEPTH', '5');
      await write('CVN_HPO_XGB_5M_LEARNING_RATE@CRV', '0.05');
      const mine = await write('CVN_HPO_XGB_5M_LEARNING_RATE@UNI', '0.06');
      const group = await write('CVN_HPO_XGB_5M_SUBSAMPLE@group:defi', '0.9');
      const global = await write('CVN_HPO_N_TRIALS', '30');
      await runs(e).record(record(B, await e.head(), { environment: 'series', createdAt: '2026-12-03T16:00:00.000Z' }), 'cli:ops');
      const later = await write('CVN_HPO_XGB_5M_MAX_DEPTH', '6');
      const x = await skillSeries(e, { model: 'xgb', timeframe: '5m', token: 'uni' });
      assert.deepEqual([x.model, x.timeframe, x.token, x.environment], ['XGB', '5M', 'UNI', 'series']);
      assert.deepEqual(x.points.map((p) => p.run), [A, B]);
      assert.deepEqual(x.points[0].best?.test.f1Margin, record(A, 0).studies[0].best!.test.f1Margin);
      assert.deepEqual(x.changesets.map((c) => [c.id, c.afterRun, c.beforeRun]),
        [[depth, A, B], [mine, A, B], [group, A, B], [global, A, B], [later, B, null]]);
      assert.ok(!x.changesets.some((c) => c.id === g), 'a change-set before the first run is not between runs');
      assert.deepEqual(x.changesets[1].keys, ['CVN_HPO_XGB_5M_LEARNING_RATE@UNI']);
      assert.equal(x.changesets[0].actor, 'cli:olivia');
      // Another token sees its own segment's write and not UNI's; a study never run has no points and no marks.
      const crv = await skillSeries(e, { model: 'XGB', timeframe: '5M', token: 'CRV' });
      assert.ok(crv.changesets.some((c) => c.keys.includes('CVN_HPO_XGB_5M_LEARNING_RATE@CRV')));
      assert.ok(!crv.changesets.some((c) => c.id === mine || c.id === group));
      assert.deepEqual(await skillSeries(e, { model: 'CB', timeframe: '5M', token: 'UNI' }).then((r) => [r.points.length, r.changesets.length]), [0, 0]);
      await expectCode(skillSeries(e, { model: 'NOPE', timeframe: '5M', token: 'UNI' }), 'HPC_USAGE');
      await expectCode(skillSeries(e, { model: 'XGB', timeframe: '2H', token: 'UNI' }), 'HPC_USAGE');
    });

    test('eight recorders of one new run at the same instant: all succeed, one creates it, one set of studies', async () => {
      const id = '20261203-140000-hhhh';
      const results = await Promise.all(Array.from({ length: 8 }, () => runs(s).record(record(id, head), 'cli:ops')));
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal((await s.db.query('SELECT 1 FROM hp_run WHERE id = $1', [id])).rows.length, 1);
      assert.equal((await s.db.query('SELECT 1 FROM hp_run_study WHERE run_id = $1', [id])).rows.length, 4);
    });

    if (openPair) {
      test('two Console replicas record one run at the same instant: one row, its studies once', async () => {
        const [a, b] = await openPair();
        try {
          const h = (await a.apply(loadBundle(a.catalog, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text })), { actor: 'seed', actorKind: 'seed', baseRevision: 0 })).revision;
          const id = '20261203-150000-iiii';
          const out = await Promise.all([...Array.from({ length: 4 }, () => runs(a).record(record(id, h), 'cli:a')), ...Array.from({ length: 4 }, () => runs(b).record(record(id, h), 'cli:b'))]);
          assert.equal(out.filter((r) => r.created).length, 1);
          assert.equal((await a.db.query('SELECT 1 FROM hp_run_study WHERE run_id = $1', [id])).rows.length, 4);
        } finally { await a.close(); await b.close(); }
      });
    }
  });
}
