/**
 * Webhooks against a real HTTP receiver, one suite per store backend: signed bodies a chat renders, every event
 * once, retries with backoff, loopback and private addresses refused unless allowed, nothing sent for what
 * did not commit.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { hostname } from 'node:os';
import { lookup } from 'node:dns/promises';
import type { AddressInfo } from 'node:net';
import { HpconfError } from '../errors/registry.js';
import { loadBundle } from '../catalog/bundle.js';
import { BASELINE_PATH } from '../paths.js';
import type { Store } from '../store/store.js';
import { requests } from '../requests/requests.js';
import { webhookDispatcher } from './deliver.js';
import { isPrivateAddress } from './address.js';
import { webhooks } from './webhooks.js';

const LR = 'CVN_HPO_XGB_5M_LEARNING_RATE';
const SECRET = 'a-long-webhook-secret';
interface Got { headers: http.IncomingHttpHeaders; body: string; json: { text: string; event: string; id: number; environment: string; data: Record<string, unknown> } }

export function webhooksSuite(name: string, open: () => Promise<Store>): void {
  describe(`webhooks (${name})`, () => {
    let s: Store;
    let server: http.Server;
    let url: string;
    const got: Got[] = [];
    let failNext = 0;
    before(async () => {
      s = await open();
      await s.apply(loadBundle(s.catalog, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text })), { actor: 'seed', actorKind: 'seed' });
      server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c) => { body += c; });
        req.on('end', () => {
          if (failNext > 0) { failNext--; res.writeHead(500).end('down'); return; }
          got.push({ headers: req.headers, body, json: JSON.parse(body) });
          res.writeHead(200).end('ok');
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    });
    after(async () => { server.close(); await s.close(); });
    const drain = async (d = webhookDispatcher(s.db)) => { for (let i = 0; i < 20 && (await d.tick()) > 0;); };
    const due = () => s.db.query("UPDATE hp_webhook_delivery SET next_at = now() WHERE state = 'pending'");

    test('loopback and private addresses, other schemes, short secrets and unknown events are refused; nothing is stored', async () => {
      const w = webhooks(s.db);
      for (const u of ['http://localhost:9/x', 'http://127.0.0.1:9/x', 'http://10.1.2.3/x', 'http://169.254.169.254/latest/meta-data', 'http://[::1]:9/x', 'http://[fd00::1]/x', 'http://192.168.0.5/x']) {
        await assert.rejects(w.add(u, { secret: SECRET, actor: 'cli:ops' }), (e: HpconfError) => e.code === 'HPC_USAGE' && /allow-private/.test(e.message), u);
      }
      await assert.rejects(w.add('ftp://example.com/x', { secret: SECRET, actor: 'cli:ops' }), /http/);
      await assert.rejects(w.add('https://hooks.example.com/x', { secret: 'short', actor: 'cli:ops' }), /16 characters/);
      await assert.rejects(w.add('https://hooks.example.com/x', { secret: SECRET, events: ['request.eaten'], actor: 'cli:ops' }), /unknown event/);
      await assert.rejects(w.add('https://u:p@hooks.example.com/x', { secret: SECRET, actor: 'cli:ops' }), /credentials/);
      assert.deepEqual(await w.list(), []);
      for (const a of ['8.8.8.8', '2606:4700::1111']) assert.equal(isPrivateAddress(a), false, a);
      for (const a of ['127.0.0.1', '::ffff:10.0.0.1', '100.64.1.1', 'fe80::1', '0.0.0.0']) assert.equal(isPrivateAddress(a), true, a);
    });

    test('a direct write and a change request\'s life reach the receiver signed, once each, with a text a chat shows', async () => {
      const w = webhooks(s.db);
      const hook = await w.add(url, { secret: SECRET, allowPrivate: true, actor: 'cli:ops' });
      got.length = 0;
      await s.apply([{ key: LR, value: '0.08' }], { actor: 'cli:ops', actorKind: 'cli', reason: 'direct' });
      // A write that fails (a bad value) commits nothing, so nothing is sent.
      await assert.rejects(s.apply([{ key: LR, value: '9' }], { actor: 'cli:ops', actorKind: 'cli' }));
      const ids: Record<string, number> = {};
      for (const [u, role] of [['alice', 'operator'], ['bob', 'operator']]) {
        ids[u] = Number((await s.db.query<{ id: unknown }>("INSERT INTO hp_user (username, password_hash, role) VALUES ($1, 'x', $2) RETURNING id", [u, role])).rows[0].id);
      }
      const cr = requests(s);
      const r = await cr.create('default', [{ key: LR, value: '0.09' }], { actor: 'user:alice', actorKind: 'user', user: { id: ids.alice, name: 'alice' }, canWrite: true }, { reason: 'faster' });
      await cr.approve(r.id, { actor: 'user:bob', actorKind: 'user', user: { id: ids.bob, name: 'bob' }, canWrite: true });
      await cr.apply(r.id, { actor: 'user:alice', actorKind: 'user', user: { id: ids.alice, name: 'alice' }, canWrite: true });
      await drain();
      assert.deepEqual(got.map((g) => g.json.event), ['values.changed', 'request.opened', 'request.approved', 'request.applied', 'values.changed']);
      for (const g of got) {
        assert.equal(g.headers['x-hpconf-signature'], `sha256=${createHmac('sha256', SECRET).update(g.body).digest('hex')}`);
        assert.equal(g.headers['x-hpconf-event'], g.json.event);
        assert.equal(typeof g.json.text, 'string');
      }
      assert.match(got[2].json.text, /change request #\d+ approved by user:bob \(faster\)/);
      assert.equal(got[4].json.data.changeRequest, r.id);
      assert.equal(new Set(got.map((g) => g.headers['x-hpconf-delivery'])).size, got.length);
      const list = (await w.list()).find((x) => x.id === hook.id)!;
      assert.deepEqual([list.delivered, list.pending, list.failed], [5, 0, 0]);
      await w.remove(hook.id);
    });

    test('a receiver that fails is retried with backoff; the log shows each attempt; it gives up after the last', async () => {
      const w = webhooks(s.db);
      const hook = await w.add(url, { secret: SECRET, allowPrivate: true, events: ['values.changed'], actor: 'cli:ops' });
      got.length = 0;
      failNext = 2;
      await s.apply([{ key: LR, value: '0.081' }], { actor: 'cli:ops', actorKind: 'cli' });
      await drain();
      let d = (await w.deliveries({ webhookId: hook.id }))[0];
      assert.deepEqual([d.state, d.attempts, d.lastError], ['pending', 1, 'HTTP 500']);
      assert.ok(d.nextAt.getTime() > Date.now() + 5_000, 'the next attempt waits');
      await drain();
      assert.equal(got.length, 0, 'not before its time');
      await due(); await drain(); await due(); await drain();
      d = (await w.deliveries({ webhookId: hook.id }))[0];
      assert.deepEqual([d.state, d.attempts, d.lastStatus], ['delivered', 3, 200]);
      assert.equal(got.length, 1);
      // Past the last attempt it is failed, and stays in the log.
      failNext = 1000;
      await s.apply([{ key: LR, value: '0.082' }], { actor: 'cli:ops', actorKind: 'cli' });
      for (let i = 0; i < 10; i++) { await due(); await drain(); }
      d = (await w.deliveries({ webhookId: hook.id }))[0];
      assert.deepEqual([d.state, d.attempts], ['failed', 8]);
      failNext = 0;
      await w.remove(hook.id);
    });

    test('two dispatchers (two Console replicas) started at once deliver each event once', async () => {
      const w = webhooks(s.db);
      const hook = await w.add(url, { secret: SECRET, allowPrivate: true, events: ['values.changed'], actor: 'cli:ops' });
      got.length = 0;
      for (let i = 0; i < 12; i++) await s.apply([{ key: LR, value: `0.0${60 + i}` }], { actor: 'cli:ops', actorKind: 'cli' });
      const [a, b] = [webhookDispatcher(s.db, { batch: 3 }), webhookDispatcher(s.db, { batch: 3 })];
      await Promise.all([drain(a), drain(b), drain(a), drain(b)]);
      assert.equal(got.length, 12);
      assert.equal(new Set(got.map((g) => g.json.id)).size, 12);
      await w.remove(hook.id);
    });

    test('old events are pruned with their finished deliveries; one still pending anywhere is kept', async () => {
      const w = webhooks(s.db);
      failNext = 1000;
      const hook = await w.add(url, { secret: SECRET, allowPrivate: true, events: ['values.changed'], actor: 'cli:ops' });
      await s.apply([{ key: LR, value: '0.083' }], { actor: 'cli:ops', actorKind: 'cli' });
      const pending = Number((await s.db.query<{ id: unknown }>('SELECT max(id) AS id FROM hp_event')).rows[0].id);
      await s.db.query("UPDATE hp_event SET created_at = now() - interval '40 days'");
      const before = Number((await s.db.query<{ n: unknown }>('SELECT count(*) AS n FROM hp_event')).rows[0].n);
      const pruned = await webhookDispatcher(s.db).prune();
      assert.equal(pruned, before - 1, 'every old event but the pending one');
      assert.deepEqual((await s.db.query<{ id: unknown }>('SELECT id FROM hp_event')).rows.map((r) => Number(r.id)), [pending]);
      assert.equal((await w.deliveries({ webhookId: hook.id })).length, 1, 'its delivery stays');
      failNext = 0;
      await w.remove(hook.id);
      assert.equal(await webhookDispatcher(s.db).prune(), 1, 'gone once it is no longer pending');
      assert.equal(await webhookDispatcher(s.db).prune(), 0);
    });

    test('coverage falling below 100 % is an event of its own', async () => {
      const w = webhooks(s.db);
      const hook = await w.add(url, { secret: SECRET, allowPrivate: true, events: ['coverage.dropped'], actor: 'cli:ops' });
      got.length = 0;
      await s.apply([{ key: LR, value: null }], { actor: 'cli:ops', actorKind: 'cli', force: true });
      await s.apply([{ key: 'CVN_HPO_CB_5M_DEPTH', value: null }], { actor: 'cli:ops', actorKind: 'cli', force: true }); // already below: no second event
      await drain();
      assert.equal(got.length, 1);
      assert.match(got[0].json.text, /coverage dropped to 99\.83 % \(614\/615 keys\)/);
      await s.apply([{ key: LR, value: '0.07' }, { key: 'CVN_HPO_CB_5M_DEPTH', value: '6' }], { actor: 'cli:ops', actorKind: 'cli' });
      await w.remove(hook.id);
    });

    test('a name that resolves to a private address is refused at delivery, not only literal addresses when added', async (t) => {
      const host = hostname();
      const addrs = await lookup(host, { all: true }).catch(() => []);
      if (!addrs.length || !addrs.every((a) => isPrivateAddress(a.address))) { t.skip(`${host} does not resolve to a private address here`); return; }
      const w = webhooks(s.db);
      const hook = await w.add(`http://${host}:${(server.address() as AddressInfo).port}/hook`, { secret: SECRET, events: ['values.changed'], actor: 'cli:ops' });
      got.length = 0;
      await s.apply([{ key: LR, value: '0.083' }], { actor: 'cli:ops', actorKind: 'cli' });
      await drain();
      const d = (await w.deliveries({ webhookId: hook.id }))[0];
      assert.equal(d.state, 'pending');
      assert.match(d.lastError ?? '', /private address/);
      assert.equal(got.length, 0);
      await w.remove(hook.id);
    });
  });
}
