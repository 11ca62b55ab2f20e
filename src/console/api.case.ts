/** The Console API, one suite run against each store backend (api.pglite.test.ts, api.postgres.test.ts). */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import type { Store } from '../store/store.js';
import { ROUTES, createApp } from './app.js';
import { consoleDeps } from './serve.js';
import { consoleFixture, PASSWORDS } from './testing.js';

type Fx = Awaited<ReturnType<typeof consoleFixture>>;

type Client = ReturnType<Fx['client']>;

export function apiSuite(name: string, open: () => Promise<Store>): void {
  describe(`Console API (${name})`, () => {
    let fx: Fx;
    let admin: Client, op: Client, viewer: Client, anon: Client, readTok: Client, writeTok: Client;
    const LR = 'CVN_HPO_XGB_5M_LEARNING_RATE';
    before(async () => {
      fx = await consoleFixture(await open());
      admin = fx.client(); op = fx.client(); viewer = fx.client(); anon = fx.client();
      assert.equal((await admin.login('admin', PASSWORDS.admin)).status, 200);
      assert.equal((await op.login('olivia', PASSWORDS.olivia)).status, 200);
      assert.equal((await viewer.login('vera', PASSWORDS.vera)).status, 200);
      const rt = await admin.call('POST', '/tokens', { name: 'auditor-ci', scope: 'read' });
      const wt = await admin.call('POST', '/tokens', { name: 'deploy-ci', scope: 'write' });
      assert.equal(rt.status, 201);
      readTok = fx.client(rt.json.token);
      writeTok = fx.client(wt.json.token);
    });
    after(() => fx.store.close());

    test('health is public; the OpenAPI document lists every route with its role', async () => {
      const h = await anon.call('GET', '/health');
      assert.equal(h.status, 200);
      assert.equal(h.json.revision, 615);
      const doc = (await anon.call('GET', '/openapi.json')).json;
      assert.equal(doc.openapi, '3.1.0');
      for (const r of ROUTES) {
        const op = doc.paths[`/api/v1${r.path.replace(/:(\w+)/g, '{$1}')}`]?.[r.method];
        assert.ok(op, `${r.method} ${r.path}`);
        assert.ok(op['x-hpconf-role']);
      }
      assert.equal(doc.paths['/api/v1/changesets'].post.requestBody.content['application/json'].schema.properties.changes.type, 'array');
    });

    test('sign-in: a session cookie that is HttpOnly and SameSite=Strict (Secure behind TLS); a wrong password is refused', async () => {
      const c = fx.client();
      const bad = await c.login('olivia', 'wrong-password-x');
      assert.equal(bad.status, 401);
      assert.equal(bad.json.error.code, 'HPC_LOGIN_FAILED');
      assert.equal((await c.login('nobody', 'whatever-password')).json.error.code, 'HPC_LOGIN_FAILED');
      const ok = await c.login('olivia', PASSWORDS.olivia);
      assert.match(ok.setCookie!, /^hpconf_session=[A-Za-z0-9_-]{40,}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
      // X-Forwarded-Proto is believed only from a trusted proxy (security.case.ts); --secure-cookies always sets Secure.
      const forged = await fx.client().call('POST', '/auth/login', { username: 'olivia', password: PASSWORDS.olivia }, { 'x-forwarded-proto': 'https' });
      assert.doesNotMatch(forged.setCookie!, /; Secure/);
      const secure = await consoleFixture(await open(), { secureCookies: true });
      const tls = await secure.client().call('POST', '/auth/login', { username: 'olivia', password: PASSWORDS.olivia });
      assert.match(tls.setCookie!, /; Secure/);
      await secure.store.close();
      const me = await c.call('GET', '/auth/me');
      assert.deepEqual([me.json.name, me.json.role, me.json.kind], ['olivia', 'operator', 'user']);
      assert.equal((await c.call('POST', '/auth/logout')).status, 200);
      assert.equal((await c.call('GET', '/auth/me')).status, 401);
    });

    test('sign-in is throttled after 5 failures for a user, even with the right password', async () => {
      await fx.auth.createUser('tim', 'tim-password-12', 'viewer');
      const c = fx.client();
      for (let i = 0; i < 5; i++) assert.equal((await c.login('tim', `bad-${i}-password`)).status, 401);
      const r = await c.login('tim', 'tim-password-12');
      assert.equal(r.status, 429);
      assert.equal(r.json.error.code, 'HPC_LOGIN_THROTTLED');
      assert.ok(Number(r.headers.get('retry-after')) > 0);
    });

    test('the role table: every route, every kind of caller, allowed or refused', async () => {
      const who: [string, Client, Record<string, boolean>][] = [
        ['anonymous', anon, { read: false, write: false, admin: false, self: false, 'self-write': false }],
        ['viewer', viewer, { read: true, write: false, admin: false, self: true, 'self-write': false }],
        ['operator', op, { read: true, write: true, admin: false, self: true, 'self-write': true }],
        ['admin', admin, { read: true, write: true, admin: true, self: true, 'self-write': true }],
        ['read token', readTok, { read: true, write: false, admin: false, self: false, 'self-write': false }],
        ['write token', writeTok, { read: true, write: true, admin: false, self: false, 'self-write': false }],
      ];
      let checked = 0;
      // Dummy path parameters and no bodies: an allowed call fails later (400/404) or is harmless; logout last.
      const routes = [...ROUTES.filter((r) => r.action !== 'public' && r.path !== '/auth/logout' && r.path !== '/events'), ROUTES.find((r) => r.path === '/auth/logout')!];
      for (const [label, c, may] of who) {
        for (const r of routes) {
          const path = r.path.replace(':key', 'CVN_NOT_A_KEY').replace(':id', '999999').replace(':name', 'no-such-preset').replace(':username', 'no-such-user');
          const res = await c.call(r.method.toUpperCase(), path);
          const ok = may[r.action];
          if (ok) assert.ok(![401, 403].includes(res.status), `${label} ${r.method} ${r.path}: ${res.status} ${res.text}`);
          else assert.equal(res.status, label === 'anonymous' ? 401 : 403, `${label} ${r.method} ${r.path}: ${res.text}`);
          checked++;
        }
      }
      assert.equal(checked, 6 * routes.length);
      for (const c of [viewer, op, admin]) await c.login(c === viewer ? 'vera' : c === op ? 'olivia' : 'admin', c === viewer ? PASSWORDS.vera : c === op ? PASSWORDS.olivia : PASSWORDS.admin);
    });

    test('CSRF: a session write needs the X-CSRF-Token header; an API token does not', async () => {
      const none = await op.call('PUT', `/keys/${LR}`, { value: '0.08' }, { 'x-csrf-token': '' });
      assert.equal(none.status, 403);
      assert.equal(none.json.error.code, 'HPC_CSRF');
      const wrong = await op.call('PUT', `/keys/${LR}`, { value: '0.08' }, { 'x-csrf-token': 'forged' });
      assert.equal(wrong.json.error.code, 'HPC_CSRF');
      assert.equal((await fx.store.values()).get(LR), '0.07');
      const t = await writeTok.call('PUT', `/keys/${LR}`, { value: '0.08', reason: 'ci' });
      assert.equal(t.status, 200, t.text);
      const h = await viewer.call('GET', `/changes?key=${LR}&limit=1`);
      assert.deepEqual([h.json.items[0].actor, h.json.items[0].actorKind, h.json.items[0].oldValue, h.json.items[0].newValue], ['token:deploy-ci', 'token', '0.07', '0.08']);
      assert.equal((await op.call('PUT', `/keys/${LR}`, { value: '0.07' })).status, 200);
    });

    test('search: text, model, timeframe, parameter, kind and state, paginated on the server', async () => {
      const all = await viewer.call('GET', '/keys?pageSize=10');
      assert.deepEqual([all.json.total, all.json.items.length, all.json.counts.set], [615, 10, 615]);
      const q = await viewer.call('GET', '/keys?q=xgb%205m%20learning&kind=default');
      assert.deepEqual(q.json.items.map((i: { key: string }) => i.key), [LR]);
      assert.equal(q.json.items[0].value, '0.07');
      assert.equal(q.json.items[0].domain, '(0, 1]');
      const f = await viewer.call('GET', '/keys?model=lgb&timeframe=1h&param=SUBSAMPLE&kind=range');
      assert.deepEqual(f.json.items.map((i: { key: string }) => i.key), ['CVN_HPO_LGB_1H_SUBSAMPLE_RANGE_MIN', 'CVN_HPO_LGB_1H_SUBSAMPLE_RANGE_MAX', 'CVN_HPO_LGB_1H_SUBSAMPLE_RANGE_SCALE']);
      const p2 = await viewer.call('GET', '/keys?model=CB&page=2&pageSize=30');
      assert.equal(p2.json.total, 5 * 26);
      assert.equal(p2.json.items.length, 30);
      assert.equal(p2.json.items[0].key, (await viewer.call('GET', '/keys?model=CB&pageSize=31')).json.items[30].key);
      assert.equal((await viewer.call('GET', '/keys?pageSize=501')).status, 400);
      await fx.store.apply([{ key: 'CVN_HPO_CB_1M_DEPTH', value: null }], { actor: 'x', actorKind: 'system', force: true });
      const missing = await viewer.call('GET', '/keys?state=missing');
      assert.deepEqual(missing.json.items.map((i: { key: string }) => i.key), ['CVN_HPO_CB_1M_DEPTH']);
      assert.equal(missing.json.counts.missing, 1);
      await fx.store.apply([{ key: 'CVN_HPO_CB_1M_DEPTH', value: '6' }], { actor: 'x', actorKind: 'system' });
      const g = await viewer.call('GET', '/grid?param=LEARNING_RATE');
      assert.equal(g.json.cells.length, 15);
      assert.equal(g.json.cells.find((x: { key: string }) => x.key === LR).value, '0.07');
    });

    test('search also matches the library, native names, aliases and doc lines; the parameter view groups default, range and scale', async () => {
      const eta = await viewer.call('GET', '/keys?q=eta&kind=default&model=xgb');
      assert.deepEqual(eta.json.items.map((i: { key: string }) => i.key), ['1M', '5M', '15M', '30M', '1H'].map((t) => `CVN_HPO_XGB_${t}_LEARNING_RATE`));
      assert.deepEqual([eta.json.items[0].native, eta.json.items[0].aliases, eta.json.items[0].doc], ['learning_rate', ['eta'], 'Shrinkage applied to each tree.']);
      assert.equal((await viewer.call('GET', '/keys?q=xgboost%205m&kind=default')).json.total, 13);
      assert.deepEqual((await viewer.call('GET', '/keys?q=bagging_fraction%201h&kind=default')).json.items.map((i: { key: string }) => i.key), ['CVN_HPO_LGB_1H_SUBSAMPLE']);
      assert.equal((await viewer.call('GET', '/keys?q=shrinkage&model=cb&timeframe=5m&kind=default')).json.items[0].key, 'CVN_HPO_CB_5M_LEARNING_RATE');
      const p = await viewer.call('GET', '/params?model=XGB&timeframe=5M&pageSize=100');
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.total, 13);
      const lr = p.json.items.find((r: { param: string }) => r.param === 'LEARNING_RATE');
      assert.deepEqual([lr.native, lr.library, lr.cells.default.value, lr.cells.min.value, lr.cells.max.value, lr.cells.scale.value, lr.searchable], ['learning_rate', 'xgboost', '0.07', '0.05', '0.15', 'linear', true]);
      assert.deepEqual(lr.domainRaw, { min: 0, minExclusive: true, max: 1 });
      const rs = p.json.items.find((r: { param: string }) => r.param === 'RANDOM_STATE');
      assert.deepEqual(Object.keys(rs.cells), ['default']);
      const all = await viewer.call('GET', '/params?pageSize=500');
      assert.equal(all.json.total, 140 + 15 + 15 + 5 + 20);
      assert.equal((await viewer.call('GET', '/params?q=eta')).json.total, 15, 'eta is an alias in all three libraries');
      assert.equal((await viewer.call('GET', '/keys?q=eta&kind=default')).json.total, 15);
    });

    test('the change log: substring filters in any case, date range, change-set, and pages', async () => {
      const a = await op.call('POST', '/changesets', { changes: [{ key: 'CVN_HPO_XGB_30M_GAMMA', value: '0.5' }], reason: 'Log Filter Probe' });
      const b = await op.call('POST', '/changesets', { changes: [{ key: 'CVN_HPO_XGB_30M_GAMMA', value: '0' }], reason: 'log filter probe, back' });
      assert.deepEqual((await viewer.call('GET', '/changes?q=FILTER%20PROBE')).json.items.map((e: { changesetId: number }) => e.changesetId), [b.json.changesetId, a.json.changesetId]);
      assert.ok((await viewer.call('GET', '/changes?actor=OLIV&limit=50')).json.items.every((e: { actor: string }) => e.actor === 'user:olivia'));
      assert.ok((await viewer.call('GET', '/changes?keyLike=xgb_30m_gam')).json.items.length >= 2);
      assert.equal((await viewer.call('GET', `/changes?changeset=${a.json.changesetId}`)).json.items.length, 1);
      const future = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
      assert.equal((await viewer.call('GET', `/changes?since=${future}`)).json.items.length, 0);
      const p1 = await viewer.call('GET', '/changes?limit=100');
      assert.equal(p1.json.items.length, 100);
      const p2 = await viewer.call('GET', `/changes?limit=100&before=${p1.json.nextBefore}`);
      assert.ok(p2.json.items.length > 0);
      assert.ok(p2.json.items[0].revision < p1.json.items[99].revision);
      assert.ok((await viewer.call('GET', '/changes?q=%25')).status === 200, 'a % is a character, not a wildcard');
      assert.equal((await viewer.call('GET', '/changes?q=%25%25%25zzz')).json.items.length, 0);
    });

    test('the change log by change-set: one row each with its key count and first keys, the same filters, paged by id', async () => {
      const a = await op.call('POST', '/changesets', { changes: [{ key: 'CVN_HPO_XGB_15M_GAMMA', value: '0.5' }, { key: 'CVN_HPO_XGB_15M_REG_LAMBDA', value: '2' }], reason: 'grouped probe' });
      const all = (await viewer.call('GET', '/changesets?limit=500')).json;
      const mine = all.items.find((x: { id: number }) => x.id === a.json.changesetId);
      assert.deepEqual([mine.keys, mine.firstKeys, mine.actor, mine.reason, mine.revision], [2, ['CVN_HPO_XGB_15M_GAMMA', 'CVN_HPO_XGB_15M_REG_LAMBDA'], 'user:olivia', 'grouped probe', a.json.revision]);
      const seed = all.items.find((x: { id: number }) => x.id === 1);
      assert.deepEqual([seed.keys, seed.firstKeys.length, seed.actorKind], [615, 5, 'seed']);
      assert.deepEqual(all.items.map((x: { id: number }) => x.id), [...all.items.map((x: { id: number }) => x.id)].sort((x: number, y: number) => y - x), 'newest first');
      assert.deepEqual((await viewer.call('GET', '/changesets?keyLike=xgb_15m_reg_l')).json.items.map((x: { id: number }) => x.id)[0], a.json.changesetId);
      assert.deepEqual((await viewer.call('GET', '/changesets?q=GROUPED%20PROBE')).json.items.map((x: { id: number }) => x.id), [a.json.changesetId]);
      const p1 = (await viewer.call('GET', '/changesets?limit=1')).json;
      assert.equal(p1.items.length, 1);
      const p2 = (await viewer.call('GET', `/changesets?limit=1&before=${p1.nextBefore}`)).json;
      assert.ok(p2.items[0].id < p1.items[0].id);
      await op.call('POST', '/changesets', { changes: [{ key: 'CVN_HPO_XGB_15M_GAMMA', value: '0' }, { key: 'CVN_HPO_XGB_15M_REG_LAMBDA', value: '1' }], reason: 'grouped probe, back' });
    });

    test('drafts: staged changes kept per user on the server; viewers and tokens have none', async () => {
      const items = [{ key: 'CVN_HPO_CB_5M_DEPTH', old: '6', value: '9' }, { key: LR, old: '0.07', value: null }];
      assert.equal((await op.call('PUT', '/drafts', { baseRevision: 616, items })).status, 200);
      const again = fx.client();
      await again.login('olivia', PASSWORDS.olivia); // another device
      assert.deepEqual((await again.call('GET', '/drafts')).json, { baseRevision: 616, environment: 'default', items });
      assert.deepEqual((await admin.call('GET', '/drafts')).json, { baseRevision: null, environment: null, items: [] }, 'drafts are per user');
      assert.equal((await viewer.call('GET', '/drafts')).status, 403);
      assert.equal((await writeTok.call('GET', '/drafts')).status, 403);
      assert.equal((await op.call('PUT', '/drafts', { baseRevision: 1, items: [{ key: 'CVN_NOPE', old: null, value: '1' }] })).status, 404);
      assert.equal((await op.call('DELETE', '/drafts')).status, 200);
      assert.deepEqual((await again.call('GET', '/drafts')).json.items, []);
    });

    test('one change-set, all or nothing, and a conflict is a 409 that says what changed', async () => {
      const head = (await viewer.call('GET', '/health')).json.revision;
      const ok = await op.call('POST', '/changesets', { changes: [{ key: 'CVN_HPO_CB_5M_DEPTH', value: '7' }, { key: 'CVN_HPO_CB_5M_ITERATIONS', value: '800' }], baseRevision: head, reason: 'deeper' });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.changes.length, 2);
      const stale = await admin.call('POST', '/changesets', { changes: [{ key: 'CVN_HPO_CB_5M_DEPTH', value: '5' }], baseRevision: head, reason: 'mine' });
      assert.equal(stale.status, 409);
      assert.equal(stale.json.error.code, 'HPC_STORE_CONFLICT');
      assert.deepEqual(stale.json.error.detail[0], { key: 'CVN_HPO_CB_5M_DEPTH', baseRevision: head, revision: ok.json.revision - 1, current: '7', proposed: '5' });
      assert.equal((await fx.store.values()).get('CVN_HPO_CB_5M_DEPTH'), '7');
    });

    test('bad input is refused with a clear error and nothing is stored', async () => {
      const before = [...await fx.store.values()];
      const head = await fx.store.head();
      const cases: [string, string, unknown, number, string, RegExp][] = [
        ['PUT', `/keys/${LR}`, { value: 'fast' }, 422, 'HPC_VALIDATION_FAILED', /is not a finite decimal number/],
        ['PUT', '/keys/CVN_HPO_CB_5M_DEPTH', { value: '17' }, 422, 'HPC_VALIDATION_FAILED', /outside the allowed domain \[1, 16\]/],
        ['PUT', `/keys/${LR}_RANGE_MIN`, { value: '0.5' }, 422, 'HPC_VALIDATION_FAILED', /range min 0\.5 is greater than max 0\.15/],
        ['PUT', '/keys/CVN_HPO_LGB_5M_REG_ALPHA_RANGE_MIN', { value: '0' }, 422, 'HPC_VALIDATION_FAILED', /log scale needs min > 0/],
        ['PUT', '/keys/CVN_HPO_LGB_5M_BAGGING_FREQ', { value: '0' }, 422, 'HPC_VALIDATION_FAILED', /lgb_subsample_needs_bagging/],
        ['PUT', '/keys/CVN_HPO_XGB_5M_LEARNING_RAT', { value: '0.1' }, 404, 'HPC_KEY_UNKNOWN', /did you mean CVN_HPO_XGB_5M_LEARNING_RATE\?/],
        ['POST', '/changesets', { changes: [{ key: 'CVN_HPO_CB_5M_DEPTH', value: '5' }, { key: LR, value: 'nan' }] }, 422, 'HPC_VALIDATION_FAILED', /"nan" is not a finite decimal/],
        ['POST', '/changesets', { changes: [] }, 400, 'HPC_USAGE', /body\.changes/],
        ['POST', '/changesets', { changes: [{ key: LR }] }, 400, 'HPC_USAGE', /body\.changes\.0\.value/],
        ['PUT', `/keys/${LR}`, { value: 7 }, 400, 'HPC_USAGE', /body\.value/],
        ['POST', '/changesets/1/revert', { reason: 5 }, 400, 'HPC_USAGE', /body\.reason/],
      ];
      for (const [m, p, b, status, code, msg] of cases) {
        const r = await op.call(m, p, b);
        assert.equal(r.status, status, `${m} ${p}: ${r.text}`);
        assert.equal(r.json.error.code, code);
        assert.match(r.json.error.message, msg);
      }
      const tok = await fx.token('t', 'write');
      const raw = await fx.app.request('/api/v1/changesets', { method: 'POST', body: '{not json', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' } });
      assert.equal(raw.status, 400);
      const untyped = await fx.app.request('/api/v1/changesets', { method: 'POST', body: '{"changes":[{"key":"CVN_HPO_CB_5M_DEPTH","value":"5"}]}', headers: { authorization: `Bearer ${tok}` } });
      assert.deepEqual([untyped.status, ((await untyped.json()) as { error: { code: string } }).error.code], [415, 'HPC_CONTENT_TYPE']);
      assert.deepEqual([...await fx.store.values()], before);
      assert.equal(await fx.store.head(), head);
    });

    test('validate checks staged values against the catalog and the current store without writing', async () => {
      const head = await fx.store.head();
      const r = await op.call('POST', '/validate', { changes: [{ key: 'CVN_HPO_LGB_5M_BAGGING_FREQ', value: '0' }] });
      assert.equal(r.json.ok, false);
      assert.match(r.json.problems[0].message, /LightGBM ignores SUBSAMPLE below 1/);
      const fine = await op.call('POST', '/validate', { changes: [{ key: 'CVN_HPO_LGB_5M_BAGGING_FREQ', value: '0' }, { key: 'CVN_HPO_LGB_5M_SUBSAMPLE', value: '1' }, { key: 'CVN_HPO_LGB_5M_SUBSAMPLE_RANGE_MIN', value: '1' }] });
      assert.equal(fine.json.ok, true);
      assert.equal(fine.json.changes.length, 3);
      const outside = await op.call('POST', '/validate', { changes: [{ key: 'CVN_HPO_XGB_1H_MAX_DEPTH', value: '3' }] });
      assert.deepEqual([outside.json.ok, outside.json.problems[0].code, outside.json.warnings], [false, 'HPC_DEFAULT_OUTSIDE_RANGE', []]);
      const warn = await op.call('POST', '/validate', { changes: [{ key: 'CVN_HPO_LGB_5M_NUM_LEAVES', value: '300' }, { key: 'CVN_HPO_LGB_5M_NUM_LEAVES_RANGE_MAX', value: '400' }] });
      assert.deepEqual([warn.json.ok, warn.json.warnings[0].code], [true, 'HPC_WARN_RULE']);
      assert.equal((await viewer.call('POST', '/validate', { changes: [{ key: LR, value: 'x' }] })).json.problems[0].code, 'HPC_VALUE_NOT_FLOAT');
      assert.equal(await fx.store.head(), head);
    });

    test('the change log filters by key, actor and time; revert is a new change-set; a moved key makes it a 409', async () => {
      const r = await op.call('POST', '/changesets', { changes: [{ key: 'CVN_HPO_XGB_1M_GAMMA', value: '1.5' }, { key: 'CVN_HPO_XGB_1M_REG_LAMBDA', value: '2' }], reason: 'try' });
      const cs = r.json.changesetId;
      const got = await viewer.call('GET', `/changesets/${cs}`);
      assert.deepEqual([got.json.actor, got.json.reason, got.json.changes.length], ['user:olivia', 'try', 2]);
      assert.deepEqual(got.json.changes.map((c: { key: string; oldValue: string; newValue: string }) => [c.key, c.oldValue, c.newValue]).sort(),
        [['CVN_HPO_XGB_1M_GAMMA', '0', '1.5'], ['CVN_HPO_XGB_1M_REG_LAMBDA', '1', '2']]);
      assert.ok((await viewer.call('GET', '/changes?actor=user:olivia&limit=5000')).json.items.every((x: { actor: string }) => x.actor === 'user:olivia'));
      assert.equal((await viewer.call('GET', `/changes?since=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`)).json.items.length, 0);
      const rv = await op.call('POST', `/changesets/${cs}/revert`, { reason: 'undo' });
      assert.equal(rv.status, 200, rv.text);
      assert.notEqual(rv.json.changesetId, cs);
      const v = await fx.store.values();
      assert.deepEqual([v.get('CVN_HPO_XGB_1M_GAMMA'), v.get('CVN_HPO_XGB_1M_REG_LAMBDA')], ['0', '1']);
      assert.equal((await viewer.call('GET', `/changesets/${rv.json.changesetId}`)).json.reverts, cs);
      assert.equal((await op.call('POST', `/changesets/${cs}/revert`, {})).status, 400, 'a reason is required');
      const again = await op.call('POST', `/changesets/${cs}/revert`, { reason: 'again' });
      assert.equal(again.status, 409);
      assert.equal((await viewer.call('GET', '/changesets/999999')).status, 404);
    });

    test('destructive actions: the seed revert is previewed with coverage 0 % and refused without force; unset needs a reason and force; one key of a change-set can be reverted', async () => {
      const head = await fx.store.head();
      const pv = await viewer.call('POST', '/changesets/1/revert/preview', {});
      assert.equal(pv.status, 200, pv.text);
      assert.deepEqual([pv.json.seed, pv.json.changes.length, pv.json.coverage.percentAfter, pv.json.coverage.unsets.length], [true, 615, 0, 615]);
      const refused = await op.call('POST', '/changesets/1/revert', { reason: 'oops', baseRevision: head });
      assert.deepEqual([refused.status, refused.json.error.code], [409, 'HPC_COVERAGE_WOULD_DROP']);
      assert.match(refused.json.error.message, /615 required key\(s\) unset and coverage at 0\.00 %/);
      assert.equal(await fx.store.head(), head);
      assert.equal((await op.call('DELETE', `/keys/${LR}`, {})).status, 400, 'unset needs a reason');
      const u = await op.call('DELETE', `/keys/${LR}`, { reason: 'test', baseRevision: head });
      assert.deepEqual([u.status, u.json.error.code], [409, 'HPC_COVERAGE_WOULD_DROP']);
      const unsetPreview = await op.call('POST', '/validate', { changes: [{ key: LR, value: null }] });
      assert.deepEqual([unsetPreview.json.coverage.percentAfter, unsetPreview.json.coverage.unsets], [99.83, [LR]]);
      const forced = await op.call('DELETE', `/keys/${LR}`, { reason: 'test', baseRevision: head, force: true });
      assert.equal(forced.status, 200, forced.text);
      const back = await op.call('PUT', `/keys/${LR}`, { value: '0.07', reason: 'back' });
      // One key of a two-key change-set.
      const two = await op.call('POST', '/changesets', { changes: [{ key: 'CVN_HPO_CB_1H_DEPTH', value: '8' }, { key: 'CVN_HPO_CB_1H_ITERATIONS', value: '900' }], reason: 'two' });
      const one = await op.call('POST', `/changesets/${two.json.changesetId}/revert`, { reason: 'only depth', keys: ['CVN_HPO_CB_1H_DEPTH'] });
      assert.equal(one.status, 200, one.text);
      const v = await fx.store.values();
      assert.deepEqual([v.get('CVN_HPO_CB_1H_DEPTH'), v.get('CVN_HPO_CB_1H_ITERATIONS')], ['6', '900']);
      assert.equal(back.status, 200);
      await op.call('PUT', '/keys/CVN_HPO_CB_1H_ITERATIONS', { value: two.json.changes.find((c: { key: string }) => c.key === 'CVN_HPO_CB_1H_ITERATIONS').oldValue, reason: 'restore' });
    });

    test('presets: previewed as a diff, applied to chosen models and timeframes as one change-set', async () => {
      const list = await viewer.call('GET', '/presets');
      assert.ok(list.json.items.some((p: { name: string; builtin: boolean }) => p.name === 'legacy 5m' && p.builtin));
      await op.call('POST', '/changesets', { changes: [{ key: 'CVN_HPO_XGB_15M_MAX_DEPTH', value: '9' }, { key: 'CVN_HPO_XGB_1H_MAX_DEPTH', value: '9' }] });
      const pv = await viewer.call('POST', '/presets/legacy%205m/preview', { models: ['XGB'], timeframes: ['15M', '5M'] });
      assert.deepEqual(pv.json.changes, [
        { key: 'CVN_HPO_XGB_5M_LEARNING_RATE', old: '0.07', new: '0.1' }, { key: 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MIN', old: '0.05', new: '0.01' },
        { key: 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX', old: '0.15', new: '0.3' }, { key: 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_SCALE', old: 'linear', new: 'log' },
        { key: 'CVN_HPO_XGB_15M_MAX_DEPTH', old: '9', new: '6' }]);
      const ap = await op.call('POST', '/presets/legacy%205m/apply', { models: ['XGB'], timeframes: ['15M'], reason: 'roll back 15m' });
      assert.equal(ap.status, 200, ap.text);
      assert.deepEqual(ap.json.changes.map((c: { key: string }) => c.key), ['CVN_HPO_XGB_15M_MAX_DEPTH']);
      assert.equal((await fx.store.values()).get('CVN_HPO_XGB_1H_MAX_DEPTH'), '9');
      const created = await op.call('POST', '/presets', { name: 'deep cb', bundle: { version: 1, name: 'deep cb', globals: {}, models: { CB: { DEPTH: { default: { ALL: 8 }, reason: 'deeper' } } } } });
      assert.equal(created.status, 201, created.text);
      assert.equal((await viewer.call('POST', '/presets/deep%20cb/preview', { timeframes: ['1H'] })).json.changes[0].new, '8');
      const bad = await op.call('POST', '/presets', { name: 'bad', bundle: { version: 1, name: 'bad', globals: {}, models: { CB: { DEPTHH: { default: { ALL: 8 }, reason: 'x' } } } } });
      assert.equal(bad.status, 422);
      assert.match(bad.json.error.message, /unknown parameter CB DEPTHH/);
    });

    test('/values and /export: one body per revision with ETag "r<revision>-<stamp>", 304 while unchanged, a long poll that answers at the change', async () => {
      const head = await fx.store.head();
      const a = await readTok.call('GET', '/values');
      const etag = a.headers.get('etag')!;
      assert.match(etag, new RegExp(`^"r${head}-[0-9a-z]+"$`));
      assert.equal(a.json.revision, head);
      const same = await readTok.call('GET', '/values', undefined, { 'if-none-match': etag });
      assert.deepEqual([same.status, same.text, same.headers.get('etag')], [304, '', etag]);
      // The same revision of another store (or of this one restored from a backup) is not a match.
      const other = await readTok.call('GET', '/values', undefined, { 'if-none-match': `"r${head}-0"` });
      assert.equal(other.status, 200);
      const ex = await readTok.call('GET', '/export?format=env');
      const ex304 = await readTok.call('GET', '/export?format=env', undefined, { 'if-none-match': ex.headers.get('etag')! });
      assert.equal(ex304.status, 304);
      // Long poll: held until a write lands, then the new body.
      const t0 = Date.now();
      const waiting = readTok.call('GET', '/values?wait=10', undefined, { 'if-none-match': etag });
      await new Promise((r) => setTimeout(r, 150));
      await fx.store.apply([{ key: 'CVN_HPO_CB_1M_L2_LEAF_REG', value: '4' }], { actor: 'someone', actorKind: 'cli' });
      const changed = await waiting;
      assert.equal(changed.status, 200);
      assert.equal(changed.json.values.CVN_HPO_CB_1M_L2_LEAF_REG, '4');
      const etag2 = changed.headers.get('etag')!;
      assert.match(etag2, new RegExp(`^"r${head + 1}-[0-9a-z]+"$`));
      assert.ok(Date.now() - t0 < 3000, 'answered at the change, not at the timeout');
      const quiet = await readTok.call('GET', '/values?wait=1', undefined, { 'if-none-match': etag2 });
      assert.equal(quiet.status, 304);
      await fx.store.apply([{ key: 'CVN_HPO_CB_1M_L2_LEAF_REG', value: '3' }], { actor: 'someone', actorKind: 'cli' });
    });

    test('coverage and export', async () => {
      const cov = await readTok.call('GET', '/coverage');
      assert.deepEqual([cov.json.required, cov.json.complete], [615, true]);
      const ex = await readTok.call('GET', '/export?format=json');
      assert.equal(JSON.parse(ex.text)[LR], 0.07);
      assert.match((await readTok.call('GET', '/export?format=k8s')).text, /^apiVersion: v1\nkind: ConfigMap/);
      assert.match((await readTok.call('GET', '/export?format=env')).text, /^export CVN_HPO_XGB_1M_MAX_DEPTH='6'$/m);
    });

    test('users and tokens: admin creates and disables users (their sessions end); a revoked token stops working', async () => {
      assert.equal((await admin.call('POST', '/users', { username: 'nina', password: 'nina-password-1', role: 'operator' })).status, 201);
      assert.equal((await admin.call('POST', '/users', { username: 'Bad Name', password: 'nina-password-1', role: 'operator' })).status, 400);
      const nina = fx.client();
      assert.equal((await nina.login('nina', 'nina-password-1')).json.user.mustChangePassword, true);
      assert.equal((await nina.call('GET', '/auth/me')).status, 200);
      const locked = await nina.call('GET', '/keys?pageSize=1');
      assert.deepEqual([locked.status, locked.json.error.code], [403, 'HPC_PASSWORD_CHANGE_REQUIRED']);
      assert.equal((await nina.call('POST', '/auth/password', { current: 'nina-password-1', next: 'nina-password-2' })).status, 200);
      assert.equal((await nina.call('GET', '/auth/me')).status, 401); // every session closed
      assert.equal((await nina.login('nina', 'nina-password-2')).json.user.mustChangePassword, false);
      assert.equal((await nina.call('GET', '/keys?pageSize=1')).status, 200);
      assert.equal((await admin.call('PATCH', '/users/nina', { disabled: true })).status, 200);
      assert.equal((await nina.call('GET', '/auth/me')).status, 401);
      assert.equal((await nina.login('nina', 'nina-password-2')).status, 401);
      const t = await admin.call('POST', '/tokens', { name: 'temp', scope: 'read' });
      const tc = fx.client(t.json.token);
      assert.equal((await tc.call('GET', '/health')).status, 200);
      assert.equal((await tc.call('GET', '/keys?pageSize=1')).status, 200);
      assert.equal((await admin.call('DELETE', `/tokens/${t.json.id}`)).status, 200);
      assert.equal((await tc.call('GET', '/keys?pageSize=1')).status, 401);
      const listed = await admin.call('GET', '/tokens');
      assert.ok(!JSON.stringify(listed.json).includes(t.json.token));
      assert.equal((await admin.call('PATCH', '/users/admin', { role: 'viewer' })).status, 400);
    });

    test('a second factor: TOTP set up behind the password, enabled with a code, then required at sign-in', async () => {
      await fx.auth.createUser('tess', 'tess-password-1', 'viewer');
      const c = fx.client();
      await c.login('tess', 'tess-password-1');
      assert.equal((await c.call('POST', '/auth/totp/setup', {})).status, 400);
      assert.equal((await c.call('POST', '/auth/totp/setup', { password: 'not-her-password' })).status, 401);
      const setup = await c.call('POST', '/auth/totp/setup', { password: 'tess-password-1' });
      assert.equal(setup.status, 200, setup.text);
      assert.match(setup.json.qrSvg, /^<svg[^>]*viewBox/);
      assert.match(setup.json.uri, /^otpauth:\/\/totp\/hpconf:tess\?/);
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.json.secret), digits: 6, period: 30, algorithm: 'SHA1' });
      const at = fx.clock.now();
      assert.equal((await c.call('POST', '/auth/totp/enable', { code: '000000' === totp.generate({ timestamp: at }) ? '111111' : '000000' })).status, 401);
      assert.equal((await c.call('POST', '/auth/totp/enable', { code: totp.generate({ timestamp: at }) })).status, 200);
      assert.equal((await fx.client().login('tess', 'tess-password-1')).status, 401);
      // The enabling code was spent; the next period's code signs in.
      fx.clock.offset += 30_000;
      assert.equal((await fx.client().login('tess', 'tess-password-1', totp.generate({ timestamp: fx.clock.now() }))).status, 200);
    });

    test('sessions live in the database: a second Console process on the same store accepts the session', async () => {
      const second = createApp(consoleDeps(fx.store));
      const c = fx.client();
      const l = await c.login('vera', PASSWORDS.vera);
      const cookie = l.setCookie!.split(';')[0];
      const r = await second.request('/api/v1/auth/me', { headers: { cookie } });
      assert.equal(r.status, 200);
      assert.equal((await r.json() as { name: string }).name, 'vera');
    });

    test('live updates: the event stream announces each new revision', async () => {
      const res = await fx.app.request('/api/v1/events', { headers: { authorization: `Bearer ${(await fx.token('sse', 'read'))}` } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /text\/event-stream/);
      const reader = res.body!.getReader();
      const dec = new TextDecoder();
      let buf = '';
      const next = async () => {
        while (!/\n\n/.test(buf)) { const { value } = await reader.read(); buf += dec.decode(value); }
        const i = buf.indexOf('\n\n');
        const ev = buf.slice(0, i);
        buf = buf.slice(i + 2);
        return ev;
      };
      const first = await next();
      const head = await fx.store.head();
      assert.match(first, new RegExp(`event: revision\\ndata: \\{"revision":${head}\\}`));
      await fx.store.apply([{ key: 'CVN_HPO_CB_30M_DEPTH', value: '5' }], { actor: 'other-process', actorKind: 'cli' });
      assert.match(await next(), new RegExp(`data: \\{"revision":${head + 1}\\}`));
      await reader.cancel();
    });

    test('live updates: a burst of 60 edits loses none, the last one arrives at once (not at the next timer)', async () => {
      // Timers far away: only the push can deliver in time.
      const app = createApp(consoleDeps(fx.store, { recheckMs: 60_000 }));
      const res = await app.request('/api/v1/events', { headers: { authorization: `Bearer ${(await fx.token('burst-sse', 'read'))}` } });
      const reader = res.body!.getReader();
      const dec = new TextDecoder();
      let buf = '';
      let seen = 0;
      const upTo = async (revision: number) => {
        while (seen < revision) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += dec.decode(value);
          for (const m of buf.matchAll(/"revision":(\d+)/g)) seen = Math.max(seen, Number(m[1]));
          buf = buf.slice(buf.lastIndexOf('\n\n') + 2);
        }
        return seen;
      };
      await upTo(await fx.store.head());
      let last = 0;
      for (let i = 0; i < 60; i++) last = (await fx.store.apply([{ key: 'CVN_HPO_CB_30M_DEPTH', value: String(4 + (i % 4)) }], { actor: 'burst', actorKind: 'cli' })).revision;
      const t0 = performance.now();
      const timeout = new Promise<number>((r) => setTimeout(() => r(-1), 3000).unref());
      assert.equal(await Promise.race([upTo(last), timeout]), last);
      assert.ok(performance.now() - t0 < 1000, `${(performance.now() - t0).toFixed(0)} ms after the last edit`);
      await reader.cancel();
    });
  });
}
