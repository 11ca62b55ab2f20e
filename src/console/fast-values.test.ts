/**
 * The /values fast path over real HTTP, on each backend: it answers exactly what the router answers (body, status,
 * headers; 200 and 304), never a revision older than the caller's own write, and stops serving a token the moment
 * it is revoked (by another process's auth store, through NOTIFY), as the router does.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../store/testing.js';
import type { Store } from '../store/store.js';
import { authStore } from './auth/auth-store.js';
import { startConsole } from './serve.js';
import { consoleFixture } from './testing.js';

const KEPT = ['etag', 'cache-control', 'content-type', 'content-length', 'x-hpconf-revision', 'x-content-type-options', 'referrer-policy', 'x-frame-options'];
const shown = (h: Headers) => Object.fromEntries(KEPT.map((k) => [k, h.get(k)]));

for (const b of backends()) {
  describe(`GET /values fast path (${b.name})`, () => {
    let store: Store, url: string, close: () => Promise<void>, token: string, tokenId: number;
    before(async () => {
      store = await b.open();
      await consoleFixture(store); // the baseline and the users
      const auth = authStore(store.db);
      const t = await auth.createToken('fleet', 'read', { name: 'admin', userId: (await auth.findUser('admin'))!.id });
      [token, tokenId] = [t.token, t.id];
      ({ url, close } = await startConsole(store, { port: 0, log: () => {} }));
    });
    after(async () => { await close(); await store.close(); });

    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    const fastHits = async () => Number(/^hpconf_values_fast_total (\d+)/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? 0);

    test('the same answer as the router, 200 and 304; counted', async () => {
      const viaRouter = await get('/values?environment=default'); // any query takes the router
      const first = await get('/values'); // may be the router too (the token not yet cached)
      const before = await fastHits();
      const fast = await get('/values');
      assert.equal(await fastHits(), before + 1, 'answered by the fast path');
      const body = await viaRouter.text();
      assert.equal(await first.text(), body);
      assert.deepEqual([fast.status, await fast.text(), shown(fast.headers)], [200, body, shown(viaRouter.headers)]);
      const etag = fast.headers.get('etag')!;
      const r304 = await get('/values?environment=default', { 'if-none-match': etag });
      const f304 = await get('/values', { 'if-none-match': `"other", ${etag}` });
      assert.deepEqual([f304.status, await f304.text(), shown(f304.headers)], [304, '', shown(r304.headers)]);
      assert.equal(await fastHits(), before + 2);
      // No token, a wrong one, a cookie: the router answers (401), never the fast path.
      assert.equal((await fetch(`${url}/api/v1/values`)).status, 401);
      assert.equal((await fetch(`${url}/api/v1/values`, { headers: { authorization: 'Bearer hpc_nope' } })).status, 401);
      assert.equal(await fastHits(), before + 2);
    });

    test('a write is seen by the next read, also with 100 reads in flight across it', async () => {
      await get('/values');
      const key = 'CVN_HPO_XGB_5M_MAX_DEPTH';
      const reads = Array.from({ length: 100 }, () => get('/values').then(async (r) => JSON.parse(await r.text()).revision as number));
      const w = await store.apply([{ key, value: '9' }], { actor: 'cli:ops', actorKind: 'cli', reason: 'fast path' });
      const during = await Promise.all(reads);
      assert.ok(during.every((r) => r <= w.revision));
      const after = JSON.parse(await (await get('/values')).text());
      assert.deepEqual([after.revision, after.values[key]], [w.revision, '9']);
    });

    test('a token revoked by another process stops at once (the auth cache is cleared through NOTIFY)', async () => {
      assert.equal((await get('/values')).status, 200);
      assert.equal((await get('/values')).status, 200);
      await authStore(store.db).revokeToken(tokenId); // another store's auth: this Console hears it, as every replica does
      const deadline = Date.now() + 3000;
      let status = 200;
      while (status === 200 && Date.now() < deadline) { status = (await get('/values')).status; if (status === 200) await new Promise((r) => setTimeout(r, 20)); }
      assert.equal(status, 401);
      assert.equal((await get('/values')).status, 401);
    });
  });
}
