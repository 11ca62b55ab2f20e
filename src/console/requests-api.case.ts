/**
 * Environments and change requests through the Console API, one suite per store backend: who may approve
 * (people, not credentials), protected environments refusing direct writes from everyone, races over HTTP.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../store/store.js';
import { consoleFixture, PASSWORDS } from './testing.js';
import { LOCAL_PREFIX } from './local-access.js';

type Fx = Awaited<ReturnType<typeof consoleFixture>>;
type Client = ReturnType<Fx['client']>;
const LR = 'CVN_HPO_XGB_5M_LEARNING_RATE';

export function requestsApiSuite(name: string, open: () => Promise<Store>): void {
  describe(`change requests through the Console API (${name})`, () => {
    let fx: Fx;
    let admin: Client, olivia: Client, bob: Client, vera: Client, adminTok: Client, readTok: Client;
    const P = '?environment=production';
    before(async () => {
      fx = await consoleFixture(await open(), {});
      await fx.auth.createUser('bob', 'operator-password-2', 'operator');
      admin = fx.client(); olivia = fx.client(); bob = fx.client(); vera = fx.client();
      assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
      assert.equal((await olivia.login('olivia', PASSWORDS.olivia)).status, 200);
      assert.equal((await bob.login('bob', 'operator-password-2')).status, 200);
      assert.equal((await vera.login('vera', PASSWORDS.vera)).status, 200);
      adminTok = fx.client((await admin.call('POST', '/tokens', { name: 'admin-ci', scope: 'write' })).json.token);
      readTok = fx.client((await admin.call('POST', '/tokens', { name: 'reader', scope: 'read' })).json.token);
      const created = await admin.call('POST', '/environments', { name: 'production', reason: 'go live' });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.json.keys, 615);
      const pol = await admin.call('PUT', '/environments/production/policy', { approvals: 1, reason: 'four eyes' });
      assert.equal(pol.status, 200, pol.text);
    });
    after(() => fx.store.close());

    test('environments are listed with their policies; every route reads the environment it names; an unknown one is 404 with a suggestion', async () => {
      const list = (await vera.call('GET', '/environments')).json.items;
      assert.deepEqual(list.map((e: { name: string; approvals: number }) => [e.name, e.approvals]), [['default', 0], ['production', 1]]);
      const v = await readTok.call('GET', `/values${P}`);
      assert.equal(v.status, 200);
      assert.equal(Object.keys(v.json.values).length, 615);
      const bad = await readTok.call('GET', '/values?environment=prodution');
      assert.equal(bad.status, 404);
      assert.equal(bad.json.error.code, 'HPC_ENVIRONMENT_UNKNOWN');
      assert.match(bad.json.error.message, /did you mean production/);
      assert.equal((await olivia.call('POST', '/environments', { name: 'x' })).status, 403); // admins create environments
    });

    test('a protected environment refuses direct writes from everyone through the Console, admins and the local CLI included (403)', async () => {
      for (const c of [olivia, admin, adminTok]) {
        const r = await c.call('POST', `/changesets${P}`, { changes: [{ key: LR, value: '0.08' }], reason: 'direct' });
        assert.equal(r.status, 403, r.text);
        assert.equal(r.json.error.code, 'HPC_APPROVAL_REQUIRED');
      }
      // The default environment still takes direct writes.
      assert.equal((await olivia.call('POST', '/changesets', { changes: [{ key: LR, value: '0.08' }], reason: 'direct' })).status, 200);
      // Loosening the policy is the store owner's, never a Console admin's.
      const loosen = await admin.call('PUT', '/environments/production/policy', { approvals: 0 });
      assert.equal(loosen.status, 403);
      assert.match(loosen.json.error.message, /loosen/);
    });

    test('olivia opens a request; she cannot approve it by session or by a token; bob approves; olivia applies; the value is live once', async () => {
      const cr = await olivia.call('POST', `/requests${P}`, { changes: [{ key: LR, value: '0.09' }], reason: 'faster' });
      assert.equal(cr.status, 201, cr.text);
      const id = cr.json.id;
      assert.equal(cr.json.checks.ok, true);
      assert.equal(cr.json.checks.coverage.percentAfter, 100);
      const self = await olivia.call('POST', `/requests/${id}/approve`, {});
      assert.equal(self.status, 403);
      assert.equal(self.json.error.code, 'HPC_APPROVAL_REFUSED');
      assert.equal((await vera.call('POST', `/requests/${id}/approve`, {})).status, 403);
      assert.equal((await readTok.call('POST', `/requests/${id}/approve`, {})).status, 403);
      const early = await olivia.call('POST', `/requests/${id}/apply`, {});
      assert.equal(early.status, 409);
      const ok = await bob.call('POST', `/requests/${id}/approve`, { body: 'looks right' });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.state, 'approved');
      const applies = await Promise.all(Array.from({ length: 6 }, () => olivia.call('POST', `/requests/${id}/apply`, {})));
      assert.deepEqual(applies.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409]);
      assert.equal((await vera.call('GET', `/values${P}`)).json.values[LR], '0.09');
      const cs = applies.find((r) => r.status === 200)!.json.result.changesetId;
      const log = (await vera.call('GET', `/changesets${P}`)).json.items;
      assert.equal(log[0].id, cs);
      assert.equal(log[0].changeRequest, id);
      assert.equal((await vera.call('GET', `/requests/${id}`)).json.state, 'applied');
    });

    test('an API token approves as the admin who made it, so the admin\'s own request cannot be approved with it', async () => {
      const cr = await admin.call('POST', `/requests${P}`, { changes: [{ key: LR, value: '0.1' }], reason: 'admin wants' });
      assert.equal(cr.status, 201);
      const viaToken = await adminTok.call('POST', `/requests/${cr.json.id}/approve`, {});
      assert.equal(viaToken.status, 403);
      assert.match(viaToken.json.error.message, /author/);
      const cr2 = await olivia.call('POST', `/requests${P}`, { changes: [{ key: LR, value: '0.11' }], reason: 'x' });
      const tok = await adminTok.call('POST', `/requests/${cr2.json.id}/approve`, {});
      assert.equal(tok.status, 200, tok.text);
      assert.equal(tok.json.approvals[0].user, 'admin');
      assert.equal((await admin.call('POST', `/requests/${cr2.json.id}/approve`, {})).status, 403); // the same person, once
    });

    test('the queue lists open requests of the environment; comments and edits show in the history; an edit voids approvals', async () => {
      const cr = await olivia.call('POST', `/requests${P}`, { changes: [{ key: LR, value: '0.12' }], reason: 'queue' });
      await bob.call('POST', `/requests/${cr.json.id}/approve`, {});
      await vera.call('POST', `/requests/${cr.json.id}/comment`, { body: 'why?' });
      const e = await olivia.call('POST', `/requests/${cr.json.id}/edit`, { changes: [{ key: LR, value: '0.13' }] });
      assert.equal(e.status, 200, e.text);
      assert.deepEqual([e.json.state, e.json.version, e.json.have], ['open', 2, 0]);
      const q = (await vera.call('GET', `/requests${P}&state=open`)).json.items;
      assert.ok(q.some((r: { id: number }) => r.id === cr.json.id));
      assert.ok(!(await vera.call('GET', '/requests?state=open')).json.items.some((r: { id: number }) => r.id === cr.json.id)); // default's queue
      assert.deepEqual(e.json.events.map((x: { kind: string }) => x.kind), ['opened', 'approved', 'commented', 'edited']);
    });

    test('the local CLI (the data directory\'s secret) proposes and applies but never approves', async () => {
      const d = await import('./serve.js');
      const { createApp } = await import('./app.js');
      const secret = `${LOCAL_PREFIX}${'s'.repeat(43)}`;
      const deps = { ...d.consoleDeps(fx.store), localSecret: secret };
      const app = createApp(deps);
      const call = (method: string, path: string, body?: unknown) => app.request(`/api/v1${path}`, {
        method, headers: { authorization: `Bearer ${secret}`, 'x-hpconf-actor': 'cli:olivia', 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
      }, { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
      const cr = await (await call('POST', `/requests${P}`, { changes: [{ key: LR, value: '0.14' }], reason: 'cli' })).json() as { id: number; author: string };
      assert.equal(cr.author, 'cli:olivia');
      const a = await call('POST', `/requests/${cr.id}/approve`, {});
      assert.equal(a.status, 403);
      assert.match(((await a.json()) as { error: { message: string } }).error.message, /local CLI never approves/);
      // cli:olivia is olivia: her session cannot approve it either.
      assert.equal((await olivia.call('POST', `/requests/${cr.id}/approve`, {})).status, 403);
      assert.equal((await bob.call('POST', `/requests/${cr.id}/approve`, {})).status, 200);
      assert.equal((await call('POST', `/requests/${cr.id}/apply`, {})).status, 200);
    });

    test('a request scheduled for a time when no Console ran applies when one starts, with the delay recorded', async () => {
      const cr = await olivia.call('POST', `/requests${P}`, { changes: [{ key: LR, value: '0.147' }], reason: 'at dawn' });
      await bob.call('POST', `/requests/${cr.json.id}/approve`, {});
      const at = new Date(Date.now() - 120_000).toISOString();
      const sch = await olivia.call('POST', `/requests/${cr.json.id}/schedule`, { at });
      assert.equal(sch.status, 200, sch.text);
      assert.equal(sch.json.state, 'scheduled');
      const { startConsole } = await import('./serve.js');
      const lines: string[] = [];
      const c = await startConsole(fx.store, { port: 0, log: (l) => lines.push(l), schedulerMs: 60_000 });
      try {
        let r: { state: string; events: { kind: string; body: string; actor: string }[] } | undefined;
        for (let i = 0; i < 100; i++) {
          r = (await vera.call('GET', `/requests/${cr.json.id}`)).json;
          if (r!.state === 'applied') break;
          await new Promise((res) => setTimeout(res, 50));
        }
        assert.equal(r!.state, 'applied');
        const last = r!.events[r!.events.length - 1];
        assert.equal(last.actor, 'system:scheduler');
        assert.ok(Number(/; (\d+) s after its time/.exec(last.body)?.[1]) >= 119, last.body);
        assert.ok(lines.some((l) => l.includes(`applied change request #${cr.json.id}`)));
        assert.equal((await vera.call('GET', `/values${P}`)).json.values[LR], '0.147');
      } finally { await c.close(); }
    });

    test('a user disabled after approving no longer counts: apply is refused (409)', async () => {
      const cr = await olivia.call('POST', `/requests${P}`, { changes: [{ key: LR, value: '0.145' }], reason: 'x' });
      await bob.call('POST', `/requests/${cr.json.id}/approve`, {});
      assert.equal((await admin.call('PATCH', '/users/bob', { disabled: true })).status, 200);
      try {
        const r = await olivia.call('POST', `/requests/${cr.json.id}/apply`, {});
        assert.equal(r.status, 409);
        assert.equal(r.json.error.code, 'HPC_REQUEST_NOT_APPROVED');
      } finally { await admin.call('PATCH', '/users/bob', { disabled: false }); }
    });

    test('webhooks through the API: admins only (no operator, no token); private addresses only when allowed; the secret never comes back; events reach the delivery log', async () => {
      for (const c of [olivia, adminTok, readTok, vera]) assert.equal((await c.call('GET', '/webhooks')).status, 403);
      assert.equal((await olivia.call('POST', '/webhooks', { url: 'https://hooks.example.com/x', secret: 's'.repeat(16) })).status, 403);
      const priv = await admin.call('POST', '/webhooks', { url: 'http://127.0.0.1:9/hook', secret: 'a-webhook-secret-1' });
      assert.equal(priv.status, 400);
      assert.match(priv.json.error.message, /loopback or private address/);
      const bad = await admin.call('POST', '/webhooks', { url: 'https://hooks.example.com/x', secret: 'a-webhook-secret-1', events: ['request.opend'] });
      assert.equal(bad.status, 400);
      assert.equal((await admin.call('POST', '/webhooks', { url: 'https://hooks.example.com/x', secret: 'short' })).status, 400);
      const ok = await admin.call('POST', '/webhooks', { url: 'http://127.0.0.1:9/hook', secret: 'a-webhook-secret-1', allowPrivate: true, events: ['request.opened'] });
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.json.createdBy, 'user:admin');
      const list = await admin.call('GET', '/webhooks');
      assert.ok(!list.text.includes('a-webhook-secret-1'), 'the secret is never shown');
      assert.ok(list.json.events.includes('coverage.dropped'));
      const cr = await olivia.call('POST', `/requests${P}`, { reason: 'for the hook', changes: [{ key: LR, value: '0.0713' }] });
      assert.equal(cr.status, 201, cr.text);
      const ds = (await admin.call('GET', `/webhooks/deliveries?webhook=${ok.json.id}`)).json.items;
      assert.deepEqual(ds.map((x: { kind: string; environment: string }) => [x.kind, x.environment]), [['request.opened', 'production']]);
      assert.equal((await admin.call('DELETE', `/webhooks/${ok.json.id}`)).status, 200);
      assert.equal((await admin.call('DELETE', `/webhooks/${ok.json.id}`)).status, 404);
      assert.equal((await admin.call('GET', `/webhooks/deliveries?webhook=${ok.json.id}`)).json.items[0].state, 'failed', 'pending deliveries of a removed hook are closed');
      await olivia.call('POST', `/requests/${cr.json.id}/close`, { comment: 'done' });
    });
  });
}
