import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { loadCatalog } from '../catalog/load.js';
import { openPostgres } from '../store/postgres.js';
import { createStore } from '../store/store.js';
import { backends, freshPostgresUrl } from '../store/testing.js';
import { securitySuite } from './security.case.js';
import { consoleFixture, PASSWORDS } from './testing.js';

const pg = backends().find((b) => b.name === 'postgres');
if (pg) securitySuite('postgres', pg.open);
else test('Console security (postgres): skipped, HPCONF_TEST_DATABASE_URL is not set', { skip: 'no PostgreSQL server (CI always provides one)' }, () => {});

/** A TCP relay to the test server that can be cut, as a network failure or a stopped server would. */
async function relay(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) { sockets.add(s); s.on('error', () => {}); s.on('close', () => sockets.delete(s)); }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: () => new Promise<void>((r) => { server.close(() => r()); for (const s of sockets) s.destroy(); }),
  };
}

test('PostgreSQL down: every call, /health included, is a 503 naming the store, not a 500', { skip: !pg && 'no PostgreSQL server' }, async () => {
  const fresh = await freshPostgresUrl(process.env.HPCONF_TEST_DATABASE_URL!);
  const r = await relay(new URL(fresh.url));
  const via = new URL(fresh.url);
  via.port = String(r.port);
  const db = await openPostgres(via.toString());
  const fx = await consoleFixture(createStore(db, loadCatalog()));
  const v = fx.client();
  assert.equal((await v.login('vera', PASSWORDS.vera)).status, 200);
  assert.equal((await v.call('GET', '/health')).status, 200);
  await r.cut();
  for (const [m, p, b] of [['GET', '/health'], ['GET', '/keys?q=xgb'], ['GET', '/values'], ['PUT', '/keys/CVN_HPO_CB_5M_DEPTH', { value: '7' }], ['POST', '/auth/login', { username: 'vera', password: PASSWORDS.vera }]] as const) {
    const res = await v.call(m, p, b);
    assert.equal(res.status, 503, `${m} ${p}: ${res.text}`);
    assert.equal(res.json.error.code, 'HPC_STORE_UNREACHABLE');
    assert.match(res.json.error.message, /cannot reach the store/);
  }
  await db.close().catch(() => {});
  await fresh.drop();
});
