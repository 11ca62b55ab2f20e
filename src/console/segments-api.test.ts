/**
 * Segments through the Console API: writes by address, `/values?segment=` flattened with its layers (cached per
 * revision like the base, 304 on the same ETag), `/values?layered=1` for a resolver that picks its segment, and the
 * TypeScript client resolving a segment over it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../store/testing.js';
import { consoleFixture, PASSWORDS } from './testing.js';

const LR = 'CVN_HPO_XGB_5M_LEARNING_RATE';

test('segments through the API: PUT by address, /values?segment= with layers and ETags, /values?layered=1, a resolver per segment over it', async () => {
  const fx = await consoleFixture(await backends()[0].open());
  try {
    const olivia = fx.client();
    assert.equal((await olivia.login('olivia', PASSWORDS.olivia)).status, 200);
    const vera = fx.client();
    await vera.login('vera', PASSWORDS.vera);
    const g = await olivia.call('PUT', `/keys/${encodeURIComponent('group:defi_top5')}`, { value: 'UNI,AAVE,LINK,MKR,CRV', reason: 'the group' });
    assert.equal(g.status, 200, g.text);
    assert.equal((await olivia.call('PUT', `/keys/${LR}@UNI`, { value: '0.09', reason: 'uni' })).status, 200);
    assert.equal((await olivia.call('PUT', `/keys/${LR}@group:defi_top5`, { value: '0.08', reason: 'group' })).status, 200);
    const bad = await olivia.call('PUT', `/keys/${LR}@UIN`, { value: '0.09', reason: 'typo' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /did you mean UNI/);
    const outside = await olivia.call('POST', '/changesets', { changes: [{ key: `${LR}@AAVE`, value: '0.5' }], reason: 'too fast' });
    assert.equal(outside.status, 422);
    assert.match(outside.text, /segment AAVE: /);

    const uni = await vera.call('GET', '/values?segment=UNI');
    assert.equal(uni.status, 200);
    assert.equal(uni.json.values[LR], '0.09');
    assert.equal(Object.keys(uni.json.values).length, 615, 'flattened to the base names');
    assert.equal(uni.json.layers[LR], 'UNI');
    assert.equal(uni.json.layers.CVN_HPO_XGB_5M_GAMMA, undefined, 'only values that are not the base\'s are named');
    const aave = await vera.call('GET', '/values?segment=AAVE');
    assert.deepEqual([aave.json.values[LR], aave.json.layers[LR]], ['0.08', 'group:defi_top5']);
    assert.notEqual(uni.headers.get('etag'), aave.headers.get('etag'));
    assert.equal((await vera.call('GET', '/values?segment=UNI', undefined, { 'if-none-match': uni.headers.get('etag')! })).status, 304);
    const base = await vera.call('GET', '/values');
    assert.equal(base.json.values[LR], '0.07');
    assert.equal(Object.keys(base.json.values).some((k) => k.includes('@') || k.startsWith('group:')), false, 'the base body is the base');
    const layered = await vera.call('GET', '/values?layered=1');
    assert.equal(layered.json.values[`${LR}@UNI`], '0.09');
    assert.equal(layered.json.values['group:defi_top5'], 'UNI,AAVE,LINK,MKR,CRV');
    // Pinned to a revision, a segment reads as it stood then.
    const rev = uni.json.revision;
    assert.equal((await olivia.call('PUT', `/keys/${LR}@UNI`, { value: '0.1', reason: 'later' })).status, 200);
    const pinned = await vera.call('GET', `/values?segment=UNI&revision=${rev}`);
    assert.deepEqual([pinned.json.values[LR], pinned.json.layers[LR]], ['0.09', 'UNI']);
    assert.equal((await vera.call('GET', '/values?segment=UNI')).json.values[LR], '0.1');
    assert.equal((await vera.call('GET', '/values?segment=uni')).status, 400, 'a segment is spelt as a token or group:NAME');
    // Made-up segments (every one reads the base) cannot grow the cache: 300 in parallel, at most 256 bodies kept.
    const made = await Promise.all(Array.from({ length: 300 }, (_, i) => vera.call('GET', `/values?segment=X${i}Z`)));
    assert.ok(made.every((r) => r.status === 200 && r.json.values[LR] === '0.07' && Object.keys(r.json.layers).length === 0));
    assert.ok(fx.deps.values.size() <= 256, `${fx.deps.values.size()} bodies kept`);
    // The TypeScript client: a layered snapshot, a resolver per segment.
    const { consoleValues } = await import('../resolver/console-values.js');
    const url = 'http://console.test';
    const token = await fx.token('reader', 'read');
    const fetchVia = (input: string | URL | Request, init?: RequestInit) => fx.app.request(String(input).replace(url, ''), init, { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
    const saved = globalThis.fetch;
    globalThis.fetch = fetchVia as typeof fetch;
    try {
      const cv = consoleValues({ url, token, layered: true });
      await cv.refresh();
      const r = cv.resolver({ segment: 'AAVE', log: () => {} });
      assert.equal(r.resolveFloat('xgb', '5m', 'LEARNING_RATE'), 0.08);
      assert.equal(r.layer(LR), 'group:defi_top5');
      assert.throws(() => consoleValues({ url, token }).resolver({ segment: 'UNI' }), /read the values first|layered/);
    } finally { globalThis.fetch = saved; }
  } finally { await fx.store.close(); }
});
