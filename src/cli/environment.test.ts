/**
 * `hpconf environment` as separate processes on one data directory: create, diff, promote (a change-set of the
 * target, or a change request where its policy asks for one), with B's diff and coverage shown first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataDirCli } from './testing.js';

const LR = 'CVN_HPO_XGB_5M_LEARNING_RATE';

test('environment promote: chosen keys (overrides too) from A into B, as a change-set of B or, where B is protected, a change request; diff and coverage shown first', async (t) => {
  const { hp, cleanup } = dataDirCli('hpconf-env-');
  t.after(cleanup);
  assert.equal((await hp('up', '--once')).code, 0);
  for (const e of ['staging', 'prod']) assert.equal((await hp('environment', 'create', e, '--reason', 'test')).code, 0);
  assert.equal((await hp('environment', 'policy', 'prod', '--approvals', '1', '--reason', 'four eyes')).code, 0);
  assert.equal((await hp('--environment', 'staging', 'set', `${LR}=0.09`, 'CVN_HPO_CB_5M_DEPTH=7', `${LR}@UNI=0.1`, '--reason', 'tuned')).code, 0);

  const diff = await hp('environment', 'diff', 'staging', 'default');
  assert.match(diff.out, new RegExp(LR));

  // Only the keys the glob names; the override goes with them.
  const p = await hp('environment', 'promote', 'staging', 'default', '--keys', 'CVN_HPO_XGB_5M_*', '--reason', 'ship the XGB change');
  assert.equal(p.code, 0, p.err);
  assert.match(p.out, /default after promoting 2 key\(s\) from staging:/);
  assert.match(p.out, new RegExp(`  ${LR}: 0\\.07 -> 0\\.09`));
  assert.match(p.out, new RegExp(`  ${LR}@UNI: \\(unset\\) -> 0\\.1`));
  assert.match(p.out, /coverage after: 100\.00 % \(615\/615\)/);
  assert.match(p.out, /promoted 2 key\(s\) into default as change-set \d+/);
  assert.equal((await hp('get', LR)).out.trim(), '0.09');
  assert.equal((await hp('get', LR, '--segment', 'UNI')).out.trim(), '0.1');
  assert.equal((await hp('get', 'CVN_HPO_CB_5M_DEPTH')).out.trim(), '6', 'a key the glob does not name stays');
  const h = JSON.parse((await hp('history', '--json', '--limit', '1')).out)[0];
  assert.match(h.reason, /^promote from staging: ship the XGB change$/);

  // Into a protected environment: a change request, nothing written yet.
  const before = (await hp('--environment', 'prod', 'get', LR)).out.trim();
  const cr = await hp('environment', 'promote', 'staging', 'prod', '--reason', 'to production', '--json');
  assert.equal(cr.code, 0, cr.err);
  assert.match(cr.out, /prod takes changes through review: opened change request #\d+ \(1 approval\(s\) needed\)/);
  const id = JSON.parse(cr.out.trim().split('\n').at(-1)!).id;
  const shown = JSON.parse((await hp('--environment', 'prod', 'cr', 'show', String(id), '--json')).out);
  assert.deepEqual(shown.items.map((i: { key: string }) => i.key).sort(), ['CVN_HPO_CB_5M_DEPTH', LR, `${LR}@UNI`].sort());
  assert.equal((await hp('--environment', 'prod', 'get', LR)).out.trim(), before);
  // Nothing to promote: said, nothing written.
  const same = await hp('environment', 'promote', 'staging', 'default', '--keys', 'CVN_HPO_XGB_5M_*', '--reason', 'again');
  assert.match(same.out, /nothing to promote: default holds staging's values for these keys/);
});
