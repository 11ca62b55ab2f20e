import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundle } from '../catalog/bundle.js';
import { BASELINE_PATH } from '../paths.js';
import { backends } from '../store/testing.js';
import { keyView } from './keys-view.js';

test('the key view catches up from the change log and equals a full rebuild after every write', async () => {
  const store = await backends()[0].open();
  const seed = loadBundle(store.catalog, BASELINE_PATH);
  await store.apply(seed.map((e) => ({ key: e.key, value: e.text })), { actor: 'seed', actorKind: 'seed', baseRevision: 0 });
  const live = keyView(store, store.catalog);
  await live.search({});
  const who = { actor: 'op', actorKind: 'user' as const };
  const writes: { key: string; value: string | null }[][] = [
    [{ key: 'CVN_HPO_CB_5M_DEPTH', value: '8' }],
    [{ key: 'CVN_HPO_LGB_1H_NUM_LEAVES', value: '300' }, { key: 'CVN_HPO_LGB_1H_NUM_LEAVES_RANGE_MAX', value: '400' }], // a warning
    [{ key: 'CVN_HPO_XGB_15M_MAX_DEPTH', value: null }], // missing
    [{ key: 'CVN_HPO_XGB_1H_MAX_DEPTH', value: '3' }, { key: 'CVN_HPO_XGB_1H_MAX_DEPTH_RANGE_MIN', value: '3' }], // default and range together
    [{ key: 'CVN_EARLY_STOPPING_ROUNDS', value: '120' }], // a global: full rebuild
    [{ key: 'CVN_HPO_XGB_15M_MAX_DEPTH', value: '7' }, { key: 'CVN_HPO_LGB_1H_NUM_LEAVES', value: '31' }],
  ];
  for (const w of writes) {
    await store.apply(w, { ...who, force: true });
    const a = await live.search({ pageSize: 500, page: 1 });
    const fresh = keyView(store, store.catalog);
    for (let page = 1; page * 500 < 615 + 500; page++) {
      const x = await live.search({ pageSize: 500, page });
      const y = await fresh.search({ pageSize: 500, page });
      assert.deepEqual(x, y, JSON.stringify(w));
    }
    assert.equal(a.revision, await store.head());
  }
  const miss = await live.search({ state: 'missing' });
  assert.equal(miss.total, 0);
  const moved = (await live.get('CVN_HPO_XGB_1H_MAX_DEPTH'))!;
  assert.deepEqual([moved.value, moved.warnings], ['3', []]);
  // A default outside its range is refused (the study could not replay it as trial 0): the view does not move.
  const before = await live.search({ pageSize: 500, page: 1 });
  await assert.rejects(store.apply([{ key: 'CVN_HPO_XGB_1H_MAX_DEPTH', value: '2' }], { ...who, force: true }), /HPC_VALIDATION_FAILED|outside its search range/);
  assert.deepEqual(await live.search({ pageSize: 500, page: 1 }), before);
  await store.close();
});
