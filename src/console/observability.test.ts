import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createResolver } from '../resolver/resolver.js';
import { backends } from '../store/testing.js';
import { startConsole } from './serve.js';
import { consoleFixture } from './testing.js';
import { environments } from '../store/environments.js';

test('SDK fallbacks reach the Console (best effort); /metrics exposes the named series', async () => {
  const store = await backends()[0].open();
  const fx = await consoleFixture(store);
  await environments(store).create('research', { actor: 'cli:ops', actorKind: 'cli', reason: 'a second environment: its own coverage series' });
  const c = await startConsole(store, { port: 0, log: () => {} });
  const token = (await fx.token('worker', 'read'));
  try {
    const r = createResolver({ env: {}, log: () => {}, report: { url: c.url, token } });
    assert.equal(r.resolve('xgb', '5m', 'LEARNING_RATE', 0.1), 0.1);
    r.resolveKey('CVN_EARLY_STOPPING_ROUNDS', 100);
    let items: { key: string; count: number; reporters: string[] }[] = [];
    for (let i = 0; i < 50 && items.length < 2; i++) {
      await new Promise((res) => setTimeout(res, 50));
      items = (await (await fetch(`${c.url}/api/v1/fallbacks`, { headers: { authorization: `Bearer ${token}` } })).json()).items;
    }
    assert.deepEqual(items.map((x) => [x.key, x.count, x.reporters]).sort(), [
      ['CVN_EARLY_STOPPING_ROUNDS', 1, ['token:worker']], ['CVN_HPO_XGB_5M_LEARNING_RATE', 1, ['token:worker']]]);
    await store.apply([{ key: 'CVN_HPO_CB_5M_DEPTH', value: null }], { actor: 'ops', actorKind: 'cli', force: true });
    const m = await (await fetch(`${c.url}/metrics`)).text();
    for (const line of [
      'hpconf_keys_required{environment="default"} 615', 'hpconf_keys_present{environment="default"} 614', 'hpconf_keys_invalid{environment="default"} 0',
      'hpconf_keys_present{environment="research"} 615', 'hpconf_store_coverage_ratio{environment="research"} 1', 'hpconf_store_revision 1231',
      'hpconf_store_changes{actor_kind="seed"} 615', 'hpconf_store_changes{actor_kind="cli"} 616',
      'hpconf_store_fallback_reports{model="XGB",timeframe="5M",param="LEARNING_RATE"} 1',
      'hpconf_store_fallback_reports{model="",timeframe="",param=""} 1',
    ]) assert.ok(m.split('\n').includes(line), `missing: ${line}`);
    assert.match(m, /^hpconf_store_coverage_ratio\{environment="default"\} 0\.9983739837398374$/m);
    assert.match(m, /^hpconf_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/fallbacks",status="200"\} \d+$/m);
    // A Console that cannot be reached does not hold up or fail the caller.
    const down = createResolver({ env: {}, log: () => {}, report: { url: 'http://127.0.0.1:1', token } });
    const t = performance.now();
    assert.equal(down.resolve('cb', '5m', 'DEPTH', 6), 6);
    assert.ok(performance.now() - t < 50);
  } finally {
    await c.close();
    await store.close();
  }
});
