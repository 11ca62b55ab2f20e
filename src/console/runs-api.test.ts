/** Runs through the Console API: recorded by a writer (as ftf run does through a Console), read by anyone signed in. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../store/testing.js';
import { sampleRun } from '../runs/testing.js';
import { consoleFixture, PASSWORDS } from './testing.js';

test('runs through the API: a write token records (created, then replaced), a viewer lists and reads, refusals change nothing', async () => {
  const fx = await consoleFixture(await backends()[0].open());
  try {
    const head = await fx.store.head();
    const writer = fx.client(await fx.token('ci-runs', 'write'));
    const reader = fx.client(await fx.token('ci-read', 'read'));
    const vera = fx.client();
    assert.equal((await vera.login('vera', PASSWORDS.vera)).status, 200);
    const run = sampleRun('20261203-160000-abcd', head);
    const a = await writer.call('POST', '/runs', run);
    assert.deepEqual([a.status, a.json], [200, { created: true }]);
    const b = await writer.call('POST', '/runs', run);
    assert.deepEqual([b.status, b.json], [200, { created: false }]);
    const list = await vera.call('GET', '/runs?model=xgb');
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items.map((x: { id: string; studies: number; withSkill: number }) => [x.id, x.studies, x.withSkill]), [[run.id, 4, 1]]);
    const got = await vera.call('GET', `/runs/${run.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.json.recordedBy, 'token:ci-runs');
    assert.deepEqual(got.json.studies.find((s: { model: string; token: string }) => s.model === 'XGB' && s.token === 'UNI').versusDefaults, run.studies[0].versusDefaults);
    assert.equal((await vera.call('GET', '/runs/nope')).status, 404);

    // Refused, each with its code, and nothing recorded: a reader, a viewer, a typo'd field, another environment, one id for two runs.
    assert.equal((await reader.call('POST', '/runs', sampleRun('20261203-160001-0001', head))).status, 403);
    assert.equal((await vera.call('POST', '/runs', sampleRun('20261203-160001-0002', head))).status, 403);
    const typo = await writer.call('POST', '/runs', { ...sampleRun('20261203-160001-0003', head), wallSecond: 1 });
    assert.deepEqual([typo.status, typo.json.error.code], [400, 'HPC_USAGE']);
    const elsewhere = await writer.call('POST', '/runs', sampleRun('20261203-160001-0004', head, { environment: 'research' }));
    assert.equal(elsewhere.status, 400);
    assert.match(elsewhere.json.error.message, /record it with \?environment=research/);
    const twice = await writer.call('POST', '/runs', sampleRun(run.id, head - 1));
    assert.deepEqual([twice.status, twice.json.error.code], [409, 'HPC_RUN_CONFLICT']);
    const future = await writer.call('POST', '/runs', sampleRun('20261203-160001-0005', head + 99));
    assert.deepEqual([future.status, future.json.error.code], [404, 'HPC_REVISION_UNKNOWN']);
    assert.deepEqual((await vera.call('GET', '/runs')).json.items.map((x: { id: string }) => x.id), [run.id]);
    // Prometheus reads the newest run's skill per model and token: the dashboard's skill panel.
    const m = await (await fx.app.request('/metrics', {}, { incoming: { socket: { remoteAddress: '127.0.0.1' } } })).text();
    assert.match(m, /^hpconf_run_skill_margin\{environment="default",timeframe="5M",model="XGB",token="UNI",metric="f1",bound="lo"\} 0\.001$/m);
    assert.match(m, /^hpconf_run_skill_margin\{environment="default",timeframe="5M",model="LGB",token="CRV",metric="pr_auc",bound="value"\} 0\.05$/m);

    // The Runs screen's two reads: one study over time, and two runs compared; bad input is 400, an unknown run 404.
    const later = sampleRun('20261203-170000-abcd', head, { createdAt: '2026-12-03T17:00:00.000Z', configured: { ...run.configured, CVN_HPO_N_TRIALS: '40' } });
    assert.equal((await writer.call('POST', '/runs', later)).status, 200);
    const series = await vera.call('GET', '/skill?model=xgb&timeframe=5m&token=uni');
    assert.equal(series.status, 200, series.text);
    assert.deepEqual(series.json.points.map((p: { run: string }) => p.run), [run.id, later.id]);
    const cmp = await vera.call('GET', `/runs/${run.id}/compare/${later.id}?model=XGB&token=UNI`);
    assert.equal(cmp.status, 200, cmp.text);
    assert.deepEqual(cmp.json.configured, [{ key: 'CVN_HPO_N_TRIALS', left: '20', right: '40', leftLayer: 'base', rightLayer: 'base' }]);
    assert.deepEqual((await vera.call('GET', '/skill?model=nope&timeframe=5m&token=uni')).json.error.code, 'HPC_USAGE');
    assert.equal((await vera.call('GET', '/skill?model=xgb&timeframe=5m')).status, 400);
    assert.equal((await vera.call('GET', `/runs/${run.id}/compare/nope?model=XGB&token=UNI`)).status, 404);
  } finally {
    await fx.store.close();
  }
});
