/**
 * Segments from the command line, as separate processes on one data directory: `KEY@SEGMENT` in set and unset,
 * `get --segment` with the layer, `export` and `exec --segment` flattened to the base names, and `up` importing
 * the groups file and filling every environment, protected ones included.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataDirCli } from './testing.js';

const LR = 'CVN_HPO_XGB_5M_LEARNING_RATE';

test('segments in the CLI: set KEY@SEGMENT, get/export/exec --segment, up imports the groups file into every environment', async (t) => {
  const { hp, cleanup } = dataDirCli('hpconf-seg-');
  t.after(cleanup);
  assert.equal((await hp('up', '--once')).code, 0);
  // The groups file's group is in the store, as a seed change-set.
  const h = JSON.parse((await hp('history', '--json', '--limit', '1')).out)[0];
  assert.deepEqual([h.key, h.newValue, h.actorKind], ['group:defi_top5', 'UNI,AAVE,LINK,MKR,CRV', 'seed']);

  const set = await hp('set', `${LR}@UNI=0.09`, `${LR}@group:defi_top5=0.08`, '--reason', 'per token');
  assert.equal(set.code, 0, set.err);
  const get = async (seg: string) => JSON.parse((await hp('get', LR, '--segment', seg, '--json')).out);
  assert.deepEqual([(await get('UNI')).value, (await get('UNI')).layer], ['0.09', 'UNI']);
  assert.deepEqual([(await get('AAVE')).value, (await get('AAVE')).layer], ['0.08', 'group:defi_top5']);
  assert.deepEqual([(await get('SOL')).value, (await get('SOL')).layer], ['0.07', 'base'], 'a token no group holds reads the base');
  const plain = JSON.parse((await hp('get', LR, '--json')).out);
  assert.deepEqual([plain.value, plain.layer], ['0.07', 'base'], 'today\'s fields, and the layer');
  assert.equal((await hp('get', LR, '--segment', 'UNI')).out.trim(), '0.09');

  const typo = await hp('set', `${LR}@UIN=0.09`, '--reason', 'typo');
  assert.equal(typo.code, 3);
  assert.match(typo.err, /segment UIN is not known here; did you mean UNI\?/);
  const outside = await hp('set', `${LR}@MKR=0.5`, '--reason', 'too fast');
  assert.equal(outside.code, 3);
  assert.match(outside.err, /segment MKR: .*default 0\.5 lies outside its search range/);

  // A worker for UNI sees its values under the base names and needs no change.
  const exported = (await hp('export', '--segment', 'UNI')).out;
  assert.match(exported, new RegExp(`^${LR}=0\\.09$`, 'm'));
  assert.equal(exported.split('\n').filter((l) => l.startsWith('CVN_')).length, 615, 'base keys only, no addresses');
  const ex = await hp('exec', '--segment', 'AAVE', '--', process.execPath, '-e', `console.log(process.env.${LR}, process.env.HPCONF_SEGMENT, Object.keys(process.env).some((k) => k.includes('@')))`);
  assert.equal(ex.out.trim(), '0.08 AAVE false');
  assert.equal((await hp('export')).out.match(new RegExp(`^${LR}=(.*)$`, 'm'))![1], '0.07', 'the base export is the base');

  // up fills every environment, protected ones included, and never changes a value there.
  assert.equal((await hp('environment', 'create', 'prod', '--reason', 'go live')).code, 0);
  assert.equal((await hp('environment', 'policy', 'prod', '--approvals', '1', '--reason', 'four eyes')).code, 0);
  const prodGet = JSON.parse((await hp('--environment', 'prod', 'get', LR, '--segment', 'UNI', '--json')).out);
  assert.deepEqual([prodGet.value, prodGet.layer], ['0.09', 'UNI'], 'a new environment copies the overrides');
  assert.equal((await hp('up', '--once')).code, 0);
  assert.equal(JSON.parse((await hp('--environment', 'prod', 'history', '--json', '--limit', '1')).out)[0].reason, 'go live', 'nothing new to fill');
  const unset = await hp('--environment', 'prod', 'unset', `${LR}@UNI`, '--reason', 'direct');
  assert.equal(unset.code, 10, 'a protected environment refuses a direct unset of an override too');
  assert.equal((await hp('unset', `${LR}@UNI`, '--reason', 'back to the group')).code, 0);
  assert.deepEqual([(await get('UNI')).value, (await get('UNI')).layer], ['0.08', 'group:defi_top5']);
});
