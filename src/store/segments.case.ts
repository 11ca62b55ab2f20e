/**
 * Segments in the store, one suite per backend: overrides per token and group beside the base values, every
 * rule on each segment's effective state, groups with priorities, nothing of it in the base's coverage or the
 * legacy row.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundle } from '../catalog/bundle.js';
import { BASELINE_PATH } from '../paths.js';
import { flatten, groupsOf, resolveIn } from '../catalog/segments.js';
import { HpconfError } from '../errors/registry.js';
import type { Store } from './store.js';
import { environments } from './environments.js';

const LR = 'CVN_HPO_XGB_5M_LEARNING_RATE';
const who = { actor: 'cli:ops', actorKind: 'cli' as const, reason: 'segments test' };
const problems = (e: unknown) => ((e as HpconfError).detail as { message: string }[]).map((p) => p.message);

export function segmentsSuite(name: string, open: () => Promise<Store>): void {
  describe(`segments in the store (${name})`, () => {
    let s: Store;
    before(async () => {
      s = await open();
      await s.apply(loadBundle(s.catalog, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text })), { actor: 'seed', actorKind: 'seed' });
    });
    after(() => s.close());

    const refused = async (changes: { key: string; value: string | null }[], re: RegExp, code = 'HPC_VALIDATION_FAILED') => {
      const before = await s.head();
      const e = await s.apply(changes, who).then(() => undefined, (x: unknown) => x);
      assert.ok(e instanceof HpconfError, `expected a refusal of ${JSON.stringify(changes)}`);
      assert.equal(e.code, code, e.message);
      assert.match(code === 'HPC_VALIDATION_FAILED' ? problems(e).join('\n') : e.message, re);
      assert.equal(await s.head(), before, 'nothing written');
    };

    test('a group and a token override: the token reads its own value, its group\'s, then the base, each naming its layer; the base, its coverage and the legacy row are untouched', async () => {
      const legacy = (await s.legacy()).baseEnv;
      const base = await s.values();
      await s.apply([{ key: 'group:defi_top5', value: 'uni, AAVE,LINK,MKR,CRV' }, { key: `${LR}@group:defi_top5`, value: '0.08' }, { key: `${LR}@UNI`, value: '0.090' },
        { key: 'CVN_HPO_XGB_5M_MAX_DEPTH@group:defi_top5', value: '7' }], who);
      const state = await s.layered();
      assert.equal(state.get('group:defi_top5'), 'UNI,AAVE,LINK,MKR,CRV', 'canonical: upper case, no spaces');
      assert.equal(state.get(`${LR}@UNI`), '0.09', 'canonical value');
      const g = groupsOf(state);
      assert.deepEqual(resolveIn(state, g, 'UNI', LR), { value: '0.09', layer: 'UNI' });
      assert.deepEqual(resolveIn(state, g, 'AAVE', LR), { value: '0.08', layer: 'group:defi_top5' });
      assert.deepEqual(resolveIn(state, g, 'UNI', 'CVN_HPO_XGB_5M_MAX_DEPTH'), { value: '7', layer: 'group:defi_top5' });
      assert.deepEqual(resolveIn(state, g, 'SOL', LR), { value: '0.07', layer: 'base' }, 'a token no group holds reads the base');
      assert.deepEqual(resolveIn(state, g, null, LR), { value: '0.07', layer: 'base' });
      const flat = flatten(state, g, 'UNI', s.catalog.keys.map((k) => k.key));
      assert.equal(flat.size, 615, 'a flattened segment has every base key under its base name');
      assert.deepEqual(await s.values(), base, 'the base is untouched');
      assert.deepEqual((await s.legacy()).baseEnv, legacy, 'the legacy row mirrors the base only');
      assert.equal([...(await s.values()).keys()].some((k) => k.includes('@') || k.startsWith('group:')), false);
      const h = await s.history({ limit: 4 });
      assert.deepEqual(h.map((e) => e.key).sort(), ['CVN_HPO_XGB_5M_MAX_DEPTH@group:defi_top5', `${LR}@UNI`, `${LR}@group:defi_top5`, 'group:defi_top5'].sort(), 'the change log holds them by address');
    });

    test('an override for a token or group the store does not know is refused with a suggestion; a misspelt segment is refused as such', async () => {
      await refused([{ key: `${LR}@UIN`, value: '0.09' }], /CVN_HPO_XGB_5M_LEARNING_RATE@UIN: segment UIN is not known here; did you mean UNI\?/);
      await refused([{ key: `${LR}@group:defi_top4`, value: '0.09' }], /did you mean group:defi_top5\?/);
      await assert.rejects(s.apply([{ key: `${LR}@uni`, value: '0.09' }], who), (e: HpconfError) => e.code === 'HPC_SEGMENT_INVALID');
      await assert.rejects(s.apply([{ key: 'CVN_HPO_XGB_5M_LEARNING_RAT@UNI', value: '0.09' }], who), (e: HpconfError) => e.code === 'HPC_KEY_UNKNOWN' && /did you mean CVN_HPO_XGB_5M_LEARNING_RATE/.test(e.message));
      await refused([{ key: 'group:bad', value: 'UNI,not a token' }], /group:bad: not token symbols: NOT A TOKEN/);
      await refused([{ key: `${LR}@UNI`, value: '-1' }], /CVN_HPO_XGB_5M_LEARNING_RATE@UNI: .*outside the allowed domain/);
    });

    test('every rule on the effective state: an override outside the range it inherits, a range override that drops the inherited default, named by segment', async () => {
      await refused([{ key: `${LR}@AAVE`, value: '0.2' }], /segment AAVE: .*default 0\.2 lies outside its search range \[0\.05, 0\.15\].*overrides: CVN_HPO_XGB_5M_LEARNING_RATE@AAVE/);
      // UNI's own default is 0.09: a range override for the group that excludes it breaks UNI, not AAVE's 0.08.
      await refused([{ key: `${LR}_RANGE_MAX@group:defi_top5`, value: '0.085' }], /segment UNI: .*default 0\.09 lies outside its search range \[0\.05, 0\.085\].*overrides: CVN_HPO_XGB_5M_LEARNING_RATE@UNI, CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX@group:defi_top5/);
      // Together with a new UNI default inside it, the same range override is accepted.
      await s.apply([{ key: `${LR}_RANGE_MAX@group:defi_top5`, value: '0.085' }, { key: `${LR}@UNI`, value: '0.084' }], who);
      // Cross-key rules hold per segment: LightGBM's subsample below 1 needs bagging.
      await refused([{ key: 'CVN_HPO_LGB_5M_BAGGING_FREQ@CRV', value: '0' }], /segment CRV: .*BAGGING_FREQ/);
    });

    test('a change of a base value that would break an existing override is refused, naming the override', async () => {
      await refused([{ key: `${LR}_RANGE_MIN`, value: '0.086' }], /segment group:defi_top5: .*overrides: .*CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX@group:defi_top5/);
      await refused([{ key: `${LR}_RANGE_MIN`, value: '0.0845' }], /segment UNI: .*0\.084 lies outside .*overrides: CVN_HPO_XGB_5M_LEARNING_RATE@UNI/);
      // The base itself moves freely where no segment depends on it.
      await s.apply([{ key: `${LR}_RANGE_MIN`, value: '0.06' }], who);
    });

    test('a token in two groups that both override a key needs a priority between them; with one, the larger wins', async () => {
      await s.apply([{ key: 'group:large_caps', value: 'UNI,LINK' }], who);
      await refused([{ key: `${LR}@group:large_caps`, value: '0.075' }], /UNI is in group:defi_top5 and group:large_caps, which both override CVN_HPO_XGB_5M_LEARNING_RATE with no priority/);
      await s.apply([{ key: 'group:large_caps', value: 'UNI,LINK;priority=20' }, { key: 'group:defi_top5', value: 'UNI,AAVE,LINK,MKR,CRV;priority=10' }, { key: `${LR}@group:large_caps`, value: '0.075' }], who);
      const state = await s.layered();
      const g = groupsOf(state);
      assert.deepEqual(resolveIn(state, g, 'LINK', LR), { value: '0.075', layer: 'group:large_caps' });
      assert.deepEqual(resolveIn(state, g, 'AAVE', LR), { value: '0.08', layer: 'group:defi_top5' });
      assert.deepEqual(resolveIn(state, g, 'UNI', LR), { value: '0.084', layer: 'UNI' }, 'the token\'s own override first');
      // Equal priorities are no order either.
      await refused([{ key: 'group:large_caps', value: 'UNI,LINK;priority=10' }], /which both override/);
    });

    test('a group cannot be removed, nor a token dropped from every group, while overrides need it', async () => {
      await refused([{ key: 'group:large_caps', value: null }], /leave overrides whose segment no group defines: CVN_HPO_XGB_5M_LEARNING_RATE@group:large_caps/);
      await refused([{ key: 'group:defi_top5', value: 'AAVE,LINK,MKR,CRV;priority=10' }, { key: 'group:large_caps', value: 'LINK;priority=20' }], /no group defines: CVN_HPO_XGB_5M_LEARNING_RATE@UNI/);
      await s.apply([{ key: `${LR}@group:large_caps`, value: null }, { key: 'group:large_caps', value: null }], who);
      assert.equal((await s.layered()).has('group:large_caps'), false);
    });

    test('overrides are optional: coverage counts base keys only; unset and revert of an override work like any key', async () => {
      const cov = (await s.values()).size;
      const r = await s.apply([{ key: 'CVN_HPO_CB_5M_DEPTH@MKR', value: '7' }], who);
      assert.equal((await s.values()).size, cov);
      const u = await s.apply([{ key: 'CVN_HPO_CB_5M_DEPTH@MKR', value: null }], who);
      assert.equal((await s.layered()).has('CVN_HPO_CB_5M_DEPTH@MKR'), false);
      await s.revert(u.changesetId!, { ...who, reason: 'back' });
      assert.equal((await s.layered()).get('CVN_HPO_CB_5M_DEPTH@MKR'), '7');
      assert.ok(r.changesetId! < u.changesetId!);
    });

    test('a new environment copies the groups and overrides; an override lives in one environment', async () => {
      await environments(s).create('seg-copy', who);
      const copy = await (await s.use('seg-copy')).layered();
      const here = await s.layered();
      assert.deepEqual([...copy].filter(([k]) => k.includes('@') || k.startsWith('group:')), [...here].filter(([k]) => k.includes('@') || k.startsWith('group:')));
      await (await s.use('seg-copy')).apply([{ key: `${LR}@UNI`, value: '0.083' }], who);
      assert.equal((await s.layered()).get(`${LR}@UNI`), '0.084');
    });

    test('two writers at the same instant, one adding an override, one narrowing the range it needs: one is refused, the state stays valid', async () => {
      const K = 'CVN_HPO_XGB_15M_LEARNING_RATE';
      const base = await s.values();
      const [def, max] = [Number(base.get(K)), Number(base.get(`${K}_RANGE_MAX`))];
      const v = (def + max) / 2;
      const narrower = (def + v) / 2; // keeps the base valid, leaves the override outside
      for (let round = 0; round < 4; round++) {
        const [a, b] = await Promise.allSettled([
          s.apply([{ key: `${K}@LINK`, value: String(v) }], who),
          s.apply([{ key: `${K}_RANGE_MAX`, value: String(narrower) }], who),
        ]);
        assert.equal([a, b].filter((x) => x.status === 'fulfilled').length, 1, JSON.stringify([a, b].map((x) => x.status === 'rejected' ? String(x.reason) : 'ok')));
        const state = await s.layered();
        const g = groupsOf(state);
        assert.ok(Number(resolveIn(state, g, 'LINK', K)!.value) <= Number(resolveIn(state, g, 'LINK', `${K}_RANGE_MAX`)!.value), 'LINK\'s default within its range');
        await s.apply([{ key: `${K}@LINK`, value: null }, { key: `${K}_RANGE_MAX`, value: String(max) }], who);
      }
    });
  });
}
