/** ftf promote's plan and its refusals, one suite run against every backend (promote.pglite.test.ts, promote.postgres.test.ts). */
// hpconf: ignore-file[HP001] the values here are what a fake trial proposed: data promote carries, never trained with
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundle } from '../catalog/bundle.js';
import { BASELINE_PATH } from '../paths.js';
import { environments } from '../store/environments.js';
import type { Store } from '../store/store.js';
import { requests } from '../requests/requests.js';
import { localCaller } from '../requests/caller.js';
import { sampleRun, sampleStudy } from '../runs/testing.js';
import type { StudyRecord } from '../runs/record.js';
import { planPromotion } from './promote.js';
import { expectCode } from '../errors/testing.js';


const ci = (value: number, lo: number, hi: number) => ({ value, lo, hi });
/** A study whose best trial beats (or not) the defaults on test, with the values it proposes. */
function study(model: string, token: string, gain: boolean, params: Record<string, number | string>): StudyRecord {
  return { ...sampleStudy(model, token, true), params, versusDefaults: { f1: gain ? ci(0.02, 0.004, 0.036) : ci(0.01, -0.01, 0.03), prAuc: ci(0.01, -0.002, 0.02) } };
}

export function promoteSuite(name: string, open: () => Promise<Store>): void {
  describe(`ftf promote (${name})`, () => {
    let s: Store;
    let rev = 0;
    before(async () => {
      s = await open();
      await s.apply(loadBundle(s.catalog, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text })), { actor: 'seed', actorKind: 'seed', baseRevision: 0 });
      rev = (await s.apply([{ key: 'group:defi_top5', value: 'UNI,AAVE,LINK,MKR,CRV' }], { actor: 'cli:ops', actorKind: 'cli', reason: 'groups' })).revision;
    });
    after(async () => { await s.close(); });

    test("a study with a gain proposes its token's overrides, with numeric bounds as evidence; the others are listed as skipped", async () => {
      const run = sampleRun('r-gain', rev, { studies: [
        study('XGB', 'UNI', true, { MAX_DEPTH: 7, LEARNING_RATE: 0.09, SUBSAMPLE: 0.8 }), // SUBSAMPLE is the stored value: not proposed
        study('XGB', 'CRV', false, { MAX_DEPTH: 9 }),
      ] });
      const p = await planPromotion(s.catalog, run, s, s, {});
      assert.deepEqual(p.changes, [{ key: 'CVN_HPO_XGB_5M_MAX_DEPTH@UNI', value: '7' }, { key: 'CVN_HPO_XGB_5M_LEARNING_RATE@UNI', value: '0.09' }]);
      const st = p.evidence.studies[0];
      assert.deepEqual([st.model, st.token, st.target, st.improves], ['XGB', 'UNI', 'UNI', true]);
      assert.deepEqual(st.test.f1, { value: 0.02, low: 0.004, high: 0.036 });
      assert.deepEqual(st.keys[0], { key: 'CVN_HPO_XGB_5M_MAX_DEPTH@UNI', current: '6', trial: 7 });
      assert.deepEqual(p.evidence.skipped.map((x) => [x.model, x.token]), [['XGB', 'CRV']]);
      assert.match(p.evidence.skipped[0].why, /no gain beyond noise on test: F1 \+0\.0100 \[-0\.0100, \+0\.0300\]/);
      // A change request carries it; cr show gives the evidence back as data.
      const cr = requests(s);
      const r = await cr.create('default', p.changes, localCaller('cli:ops'), { reason: p.summary, evidence: p.evidence });
      assert.deepEqual((await cr.get(r.id)).evidence, p.evidence);
      await expectCode(cr.create('default', p.changes, localCaller('cli:ops'), { reason: 'x', evidence: { ...p.evidence, kind: 'other' } }), 'HPC_USAGE', /evidence is not as documented/);
    });

    test('no study with a gain: refused (HPC_PROMOTE_NO_GAIN, exit 9) naming each; --force proposes them anyway', async () => {
      const run = sampleRun('r-none', rev, { studies: [study('XGB', 'UNI', false, { MAX_DEPTH: 7 }), study('LGB', 'UNI', false, { NUM_LEAVES: 40 })] });
      await expectCode(planPromotion(s.catalog, run, s, s, {}), 'HPC_PROMOTE_NO_GAIN', /XGB UNI: no gain beyond noise on test: F1 \+0\.0100 \[-0\.0100, \+0\.0300\]; LGB UNI: /);
      const p = await planPromotion(s.catalog, run, s, s, { force: true });
      assert.equal(p.changes.length, 2);
      assert.equal(p.evidence.forced, true);
      assert.deepEqual(p.evidence.studies.map((x) => x.improves), [false, false]);
      // The best trial being the defaults (nothing to propose) is not a gain either.
      await expectCode(planPromotion(s.catalog, sampleRun('r-same', rev, { studies: [study('XGB', 'UNI', true, { MAX_DEPTH: 6 })] }), s, s, {}), 'HPC_PROMOTE_NO_GAIN', /stored ones already|stored defaults/);
    });

    test('the store moved under a study since the run: refused naming the keys; a key no chosen study read does not matter', async () => {
      const run = sampleRun('r-moved', rev, { studies: [study('XGB', 'UNI', true, { MAX_DEPTH: 7 })] });
      await s.apply([{ key: 'CVN_HPO_CB_5M_DEPTH', value: '7' }], { actor: 'cli:ops', actorKind: 'cli' });
      assert.equal((await planPromotion(s.catalog, run, s, s, {})).changes.length, 1, 'a CatBoost key is not one the XGBoost study read');
      await s.apply([{ key: 'CVN_HPO_XGB_5M_GAMMA_RANGE_MAX@group:defi_top5', value: '4' }], { actor: 'cli:ops', actorKind: 'cli' });
      await expectCode(planPromotion(s.catalog, run, s, s, {}), 'HPC_PROMOTE_STALE', /CVN_HPO_XGB_5M_GAMMA_RANGE_MAX \(for UNI\): 5 -> 4/);
      await s.apply([{ key: 'CVN_LABEL_THRESHOLD', value: '0.005' }], { actor: 'cli:ops', actorKind: 'cli' });
      await expectCode(planPromotion(s.catalog, run, s, s, {}), 'HPC_PROMOTE_STALE', /CVN_LABEL_THRESHOLD \(for UNI\): 0\.004 -> 0\.005/);
      await s.apply([{ key: 'CVN_HPO_XGB_5M_GAMMA_RANGE_MAX@group:defi_top5', value: null }, { key: 'CVN_LABEL_THRESHOLD', value: '0.004' }, { key: 'CVN_HPO_CB_5M_DEPTH', value: '6' }], { actor: 'cli:ops', actorKind: 'cli' });
      assert.equal((await planPromotion(s.catalog, run, s, s, {})).changes.length, 1, 'moved back: the same values as tested');
    });

    test('--to-base: base keys, one study per model; another environment must hold what the run tested', async () => {
      const two = sampleRun('r-base', rev, { studies: [study('XGB', 'UNI', true, { MAX_DEPTH: 7 }), study('XGB', 'CRV', true, { MAX_DEPTH: 8 })] });
      await expectCode(planPromotion(s.catalog, two, s, s, { toBase: true }), 'HPC_USAGE', /two tokens would propose one key/);
      const p = await planPromotion(s.catalog, two, s, s, { toBase: true, studies: ['xgb:crv'] });
      assert.deepEqual(p.changes, [{ key: 'CVN_HPO_XGB_5M_MAX_DEPTH', value: '8' }]);
      assert.deepEqual(p.evidence.skipped.map((x) => [x.token, x.why]), [['UNI', 'not chosen (--studies)']]);
      await expectCode(planPromotion(s.catalog, two, s, s, { studies: ['CB'] }), 'HPC_USAGE', /no study of run r-base matches/);
      await environments(s).create('production', { actor: 'cli:ops', actorKind: 'cli' });
      const prod = await s.use('production');
      const head = await s.head();
      const run = sampleRun('r-prod', head, { studies: [study('XGB', 'UNI', true, { MAX_DEPTH: 7 })] });
      assert.equal((await planPromotion(s.catalog, run, s, prod, {})).changes.length, 1, 'production holds what default held at the run');
      await prod.apply([{ key: 'CVN_HPO_XGB_5M_N_ESTIMATORS', value: '900' }], { actor: 'cli:ops', actorKind: 'cli' });
      await expectCode(planPromotion(s.catalog, run, s, prod, {}), 'HPC_PROMOTE_STALE', /production holds other values now .*CVN_HPO_XGB_5M_N_ESTIMATORS \(for UNI\): 1000 -> 900/);
    });
  });
}
