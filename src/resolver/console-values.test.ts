import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startConsole } from '../console/serve.js';
import { consoleFixture } from '../console/testing.js';
import { backends } from '../store/testing.js';
import { consoleValues } from './console-values.js';

test('consoleValues: ETag revalidation (304, same snapshot), a long poll that yields the moment a value changes, errors with codes', { timeout: 60_000 }, async () => {
  const store = await backends()[0].open();
  const fx = await consoleFixture(store);
  const c = await startConsole(store, { port: 0, log: () => {} });
  try {
    const cv = consoleValues({ url: c.url, token: await fx.token('worker', 'read') });
    const first = await cv.refresh();
    assert.equal(first.revision, 615);
    assert.match(first.etag, /^"r615-[0-9a-z]+"$/);
    assert.equal(first.values.CVN_HPO_XGB_5M_LEARNING_RATE, '0.07');
    assert.equal(cv.resolver().resolveFloat('xgb', '5m', 'LEARNING_RATE'), 0.07);
    assert.equal(await cv.refresh(), first, 'unchanged: the same snapshot, nothing resent');
    assert.deepEqual(cv.stats, { requests: 2, notModified: 1 });

    // A long poll started before the edit answers when it commits, not at the end of its wait.
    const ac = new AbortController();
    const it = cv.changes({ waitSeconds: 30, signal: ac.signal });
    assert.equal((await it.next()).value, first); // the current snapshot at once
    const next = it.next();
    await new Promise((r) => setTimeout(r, 200));
    const t0 = performance.now();
    await store.apply([{ key: 'CVN_HPO_XGB_5M_LEARNING_RATE', value: '0.05' }], { actor: 'test', actorKind: 'cli' });
    const changed = (await next).value!;
    const ms = performance.now() - t0;
    assert.equal(changed.revision, 616);
    assert.equal(changed.values.CVN_HPO_XGB_5M_LEARNING_RATE, '0.05');
    assert.ok(ms < 5000, `the long poll answered ${ms.toFixed(0)} ms after the commit`);
    assert.equal(cv.resolver().resolveFloat('xgb', '5m', 'LEARNING_RATE'), 0.05);
    ac.abort();
    await it.return(undefined);

    const bad = consoleValues({ url: c.url, token: 'hpc_not_a_token' });
    await assert.rejects(bad.refresh(), (e: Error & { code?: string }) => e.code === 'HPC_AUTH_REQUIRED');
    const down = consoleValues({ url: 'http://127.0.0.1:9', token: 'x', timeoutMs: 2000 });
    await assert.rejects(down.refresh(), (e: Error & { code?: string }) => e.code === 'HPC_STORE_UNREACHABLE');
  } finally {
    await c.close();
    await store.close();
  }
});
