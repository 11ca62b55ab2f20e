/**
 * The Console under attack: one suite run against each store backend (security.pglite.test.ts,
 * security.postgres.test.ts). Requests are started at the same instant where the property is a race.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import type { Store } from '../store/store.js';
import { consoleFixture, PASSWORDS } from './testing.js';

type Fx = Awaited<ReturnType<typeof consoleFixture>>;
const LR = 'CVN_HPO_XGB_5M_LEARNING_RATE';
const code = (secret: string, at: number) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at });
const statuses = (rs: { status: number }[]) => rs.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});

export function securitySuite(name: string, open: () => Promise<Store>): void {
  describe(`Console security (${name})`, () => {
    let fx: Fx;
    before(async () => { fx = await consoleFixture(await open()); });
    after(() => fx.store.close());

    test('200 parallel guesses from 200 addresses: exactly 5 reach the password check; the right password hidden in the burst gets no more chances', async () => {
      await fx.auth.createUser('burst', 'burst-password-1', 'viewer');
      const rs = await Promise.all(Array.from({ length: 200 }, (_, i) => fx.client(undefined, { ip: `198.51.${i >> 8}.${i & 255}` }).login('burst', `guess-${i}-wrong`)));
      assert.deepEqual(statuses(rs), { 401: 5, 429: 195 });
      assert.ok(rs.filter((r) => r.status === 429).every((r) => r.json.error.code === 'HPC_LOGIN_THROTTLED' && Number(r.headers.get('retry-after')) > 0));
      // A fresh user, the right password at a random place in a burst of 50 strangers' guesses.
      await fx.auth.createUser('burst2', 'burst2-password-1', 'viewer');
      const at = Math.floor(Math.random() * 50);
      const rs2 = await Promise.all(Array.from({ length: 50 }, (_, i) => fx.client(undefined, { ip: `203.0.113.${i}` }).login('burst2', i === at ? 'burst2-password-1' : `guess-${i}`)));
      // The right password gets in only if it was among the first 5 admitted; either way no more than
      // 5 passwords were checked before it. (A success resets the count, as the owner's own sign-in should.)
      const { rows } = await fx.store.db.query<{ ok: boolean }>("SELECT ok FROM hp_login_attempt WHERE username = 'burst2' ORDER BY id");
      const upToSuccess = rows.findIndex((r) => r.ok) === -1 ? rows.length : rows.findIndex((r) => r.ok) + 1;
      assert.ok(upToSuccess <= 5, `${upToSuccess} checked before the right password`);
      if (!rs2.some((r) => r.status === 200)) assert.equal(rs2.filter((r) => r.status !== 429).length, 5);
    });

    test('150 parallel wrong second-factor codes with the right password: at most 5 are checked', async () => {
      await fx.auth.createUser('twofa', 'twofa-password-1', 'viewer');
      const c = fx.client();
      await c.login('twofa', 'twofa-password-1');
      const s = await c.call('POST', '/auth/totp/setup', { password: 'twofa-password-1' });
      assert.equal((await c.call('POST', '/auth/totp/enable', { code: code(s.json.secret, fx.clock.now()) })).status, 200);
      const right = code(s.json.secret, fx.clock.now());
      const guesses = Array.from({ length: 150 }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0'));
      const rs = await Promise.all(guesses.map((g, i) => fx.client(undefined, { ip: `192.0.2.${i}` }).login('twofa', 'twofa-password-1', g)));
      assert.ok(rs.filter((r) => r.status !== 429).length <= 5, JSON.stringify(statuses(rs)));
      assert.equal(rs.filter((r) => r.status === 200).length, 0);
    });

    test('strangers cannot lock the owner out: the owner\'s own browser still signs in; a new browser waits seconds, not 15 minutes', async () => {
      const owner = fx.client(undefined, { ip: '10.1.1.1' });
      assert.equal((await owner.login('admin', PASSWORDS.admin)).status, 200); // this browser now carries a device cookie
      const attacks = await Promise.all(Array.from({ length: 12 }, (_, i) => fx.client(undefined, { ip: `100.64.0.${i}` }).login('admin', `attack-${i}`)));
      assert.ok(attacks.some((r) => r.status === 429));
      assert.equal((await owner.login('admin', PASSWORDS.admin)).status, 200, 'the owner\'s known browser is unaffected');
      const fresh = await fx.client(undefined, { ip: '10.1.1.2' }).login('admin', PASSWORDS.admin);
      // The owner just signed in: strangers' failures before that no longer count against new browsers.
      assert.equal(fresh.status, 200);
      const more = await Promise.all(Array.from({ length: 8 }, (_, i) => fx.client(undefined, { ip: `100.64.1.${i}` }).login('admin', `attack2-${i}`)));
      const throttled = more.filter((r) => r.status === 429);
      assert.ok(throttled.length > 0);
      assert.ok(throttled.every((r) => Number(r.headers.get('retry-after')) <= 60), 'backoff, not a 15-minute lockout');
      assert.equal((await owner.login('admin', PASSWORDS.admin)).status, 200);
    });

    test('strangers failing from the owner\'s own address do not lock out the owner\'s known browser; a new browser there waits', async () => {
      const ip = '10.3.3.3';
      const owner = fx.client(undefined, { ip });
      assert.equal((await owner.login('vera', PASSWORDS.vera)).status, 200); // device cookie set
      const rs = await Promise.all(Array.from({ length: 25 }, (_, i) => fx.client(undefined, { ip }).login(`made-up-${i}`, 'wrong-password-x')));
      assert.ok(rs.filter((r) => r.status === 401).length === 20 && rs.filter((r) => r.status === 429).length === 5, JSON.stringify(statuses(rs)));
      const again = await owner.login('vera', PASSWORDS.vera);
      assert.equal(again.status, 200, again.text);
      assert.equal((await fx.client(undefined, { ip }).login('vera', PASSWORDS.vera)).status, 429, 'a browser without the cookie is still held by the address limit');
      // A device cookie is no master key: it passes the address limit for its own user only.
      assert.equal((await owner.login('olivia', PASSWORDS.olivia)).status, 429);
    });

    test('text a terminal would act on is refused at the API (escapes, OSC 52, line breaks in names, bidi overrides, lone surrogates); nothing is stored', async () => {
      const op = fx.client();
      await op.login('olivia', PASSWORDS.olivia);
      const admin = fx.client();
      await admin.login('admin', PASSWORDS.admin);
      const head = await fx.store.head();
      const osc52 = '\u001b]52;c;Y3VybCBldmlsLnNofHNo\u0007';
      const cases: [typeof op, string, string, unknown][] = [
        [op, 'PUT', `/keys/${LR}`, { value: '0.09', reason: `tuned\u001b[2K\rr999 forged line` }],
        [op, 'PUT', `/keys/${LR}`, { value: '0.09', reason: osc52 }],
        [op, 'POST', '/changesets', { changes: [{ key: LR, value: '0.09\u001b[31m' }], reason: 'x' }],
        [op, 'POST', '/changesets', { changes: [{ key: LR, value: '0.09' }], reason: 'safe \u202egnp.exe' }],
        [op, 'POST', '/changesets', { changes: [{ key: LR, value: '0.09' }], reason: 'half \ud800 a pair' }],
        [op, 'POST', `/changesets/1/revert`, { reason: 'undo\u009b2J' }],
        [admin, 'POST', '/tokens', { name: 'ci\u202e', scope: 'read' }],
        [admin, 'POST', '/tokens', { name: 'ci\nline', scope: 'read' }],
        [admin, 'POST', '/tokens', { name: 'ci\udc00', scope: 'read' }],
        [op, 'POST', '/presets', { name: 'p1', description: `d${osc52}`, bundle: { version: 1, name: 'p1', globals: {}, models: {} } }],
      ];
      const tokensBefore = (await fx.store.db.query('SELECT count(*)::int AS n FROM hp_api_token')).rows[0];
      for (const [who, m, p, b] of cases) {
        const r = await who.call(m, p, b);
        assert.equal(r.status, 400, `${m} ${p} ${JSON.stringify(b)}: ${r.text}`);
        assert.equal(r.json.error.code, 'HPC_USAGE');
      }
      assert.equal(await fx.store.head(), head);
      assert.deepEqual((await fx.store.db.query('SELECT count(*)::int AS n FROM hp_api_token')).rows[0], tokensBefore);
      assert.equal((await fx.store.db.query("SELECT count(*)::int AS n FROM hp_preset WHERE name = 'p1'")).rows[0].n, 0);
      // A multi-line reason (the review dialog's text area) is fine, and a password may hold anything.
      assert.equal((await op.call('PUT', `/keys/${LR}`, { value: '0.09', reason: 'line one\nline two' })).status, 200);
      await op.call('PUT', `/keys/${LR}`, { value: '0.07', reason: 'back' });
    });

    test('only the local CLI may name its person: an API token sending x-hpconf-actor is still recorded as itself, in parallel too', async () => {
      const t = await fx.token('spoofer', 'write');
      const rs = await Promise.all(['cli:alice', 'user:admin', 'cli:bob'].map((actor, i) => fx.app.request(`/api/v1/keys/${LR}`, {
        method: 'PUT', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json', 'x-hpconf-actor': actor }, body: JSON.stringify({ value: String(0.07 + (i + 1) / 100), reason: 'spoof' }) })));
      assert.ok(rs.some((r) => r.status === 200));
      const rows = await fx.store.history({ key: LR, limit: 3 });
      assert.ok(rows.filter((r) => r.reason === 'spoof').every((r) => r.actor === 'token:spoofer' && r.actorKind === 'token'), JSON.stringify(rows.map((r) => r.actor)));
      await fx.store.apply([{ key: LR, value: '0.07' }], { actor: 'test', actorKind: 'system' });
    });

    test('odd bodies get stable codes, never 500: the same key twice in a draft, nesting 30,000 deep', async () => {
      const op = fx.client();
      await op.login('olivia', PASSWORDS.olivia);
      const head = await fx.store.head();
      const twice = await op.call('PUT', '/drafts', { baseRevision: head, items: [{ key: LR, old: '0.07', value: '0.08' }, { key: LR, old: '0.07', value: '0.09' }] });
      assert.equal(twice.status, 400, twice.text);
      assert.match(twice.json.error.message, /appears twice/);
      assert.deepEqual((await op.call('GET', '/drafts')).json.items, []);
      const deep = '{"changes":[{"key":"x","value":' + '['.repeat(30_000) + ']'.repeat(30_000) + '}]}';
      for (const [p, text] of [['/changesets', deep], ['/validate', deep], ['/drafts', '{"baseRevision":1,"items":' + '['.repeat(5000) + ']'.repeat(5000) + '}']] as const) {
        const r = await op.call(p === '/drafts' ? 'PUT' : 'POST', p, text);
        assert.equal(r.status, 400, `${p}: ${r.text.slice(0, 200)}`);
        assert.equal(r.json.error.code, 'HPC_USAGE');
      }
      assert.equal(await fx.store.head(), head);
    });

    test('API answers are not cached (no-store) except the ETag-validated /values and /export; no page may be framed', async () => {
      const v = fx.client();
      await v.login('vera', PASSWORDS.vera);
      for (const p of ['/auth/me', '/keys?q=depth', `/keys/${LR}`, '/changes?limit=1', '/nope']) {
        const r = await v.call('GET', p);
        assert.equal(r.headers.get('cache-control'), 'no-store', p);
        assert.equal(r.headers.get('x-frame-options'), 'DENY', p);
      }
      for (const p of ['/values', '/export?format=env']) assert.equal((await v.call('GET', p)).headers.get('cache-control'), 'no-cache', p);
      assert.equal((await fx.app.request('/ui/')).headers.get('x-frame-options'), 'DENY');
    });

    test('live streams and long polls are capped per caller and in total (429 / 503 with Retry-After); /health keeps answering; a closed stream frees its slot', async () => {
      const token = await fx.token('greedy', 'read');
      const auth = { authorization: `Bearer ${token}` };
      // 40 streams asked for at the same instant by one token: exactly its share opens.
      const rs = await Promise.all(Array.from({ length: 40 }, () => fx.app.request('/api/v1/events', { headers: auth })));
      const open = rs.filter((r) => r.status === 200);
      const refused = rs.filter((r) => r.status === 429);
      assert.deepEqual([open.length, refused.length], [32, 8]);
      for (const r of refused) {
        assert.ok(Number(r.headers.get('retry-after')) > 0);
        assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'HPC_TOO_MANY_STREAMS');
      }
      // Long polls draw on the same share.
      const etag = (await fx.app.request('/api/v1/values', { headers: auth })).headers.get('etag')!;
      const poll = await fx.app.request('/api/v1/values?wait=5', { headers: { ...auth, 'if-none-match': etag } });
      assert.equal(poll.status, 429);
      // Another caller is not affected, and neither is /health.
      assert.equal((await fx.app.request('/api/v1/health')).status, 200);
      const other = await fx.app.request('/api/v1/events', { headers: { authorization: `Bearer ${await fx.token('modest', 'read')}` } });
      assert.equal(other.status, 200);
      await other.body!.cancel();
      // Closing streams gives their slots back.
      await open[0].body!.cancel();
      await open[1].body!.cancel();
      await new Promise((r) => setTimeout(r, 50));
      const again = await fx.app.request('/api/v1/events', { headers: auth });
      assert.equal(again.status, 200);
      await again.body!.cancel();
      await Promise.all(open.slice(2).map((r) => r.body!.cancel()));
      // The process-wide total: a small Console, two callers.
      const { consoleDeps } = await import('./serve.js');
      const { createApp } = await import('./app.js');
      const small = createApp(consoleDeps(fx.store, { streamLimits: { perPrincipal: 2, total: 3 } }));
      const t2 = await fx.token('second', 'read');
      const a = await Promise.all([token, token, t2, t2].map((t) => small.request('/api/v1/events', { headers: { authorization: `Bearer ${t}` } })));
      assert.deepEqual(a.map((r) => r.status).sort(), [200, 200, 200, 503]);
      const busy = a.find((r) => r.status === 503)!;
      assert.equal(((await busy.json()) as { error: { code: string } }).error.code, 'HPC_SERVER_BUSY');
      assert.ok(Number(busy.headers.get('retry-after')) > 0);
      assert.equal((await small.request('/api/v1/health')).status, 200);
      await Promise.all(a.filter((r) => r.status === 200).map((r) => r.body!.cancel()));
    });

    test('a success resets the count: four failures, a success, four failures, a success', async () => {
      await fx.auth.createUser('clumsy', 'clumsy-password-1', 'viewer');
      const c = fx.client(undefined, { ip: '10.2.2.2' });
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 4; i++) assert.equal((await c.login('clumsy', `typo-${round}-${i}`)).status, 401);
        assert.equal((await c.login('clumsy', 'clumsy-password-1')).status, 200);
      }
    });

    test('per address: 20 failures from one address stop it, not others; X-Forwarded-For is ignored unless the peer is a trusted proxy', async () => {
      const ip = '172.16.9.9';
      const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => fx.client(undefined, { ip }).login(`nobody${i}`, 'wrong-password-x')));
      assert.deepEqual(statuses(rs), { 401: 20 });
      const spoofed = await fx.client(undefined, { ip }).call('POST', '/auth/login', { username: 'vera', password: PASSWORDS.vera }, { 'x-forwarded-for': '8.8.8.8' });
      assert.equal(spoofed.status, 429);
      assert.equal((await fx.client(undefined, { ip: '172.16.9.10' }).login('vera', PASSWORDS.vera)).status, 200);
    });

    test('behind a trusted proxy each client has its own address: 20 users failing through one proxy lock out nobody else', async () => {
      const app = await proxyApp(fx.store);
      const proxy = '10.9.9.9';
      const fails = await Promise.all(Array.from({ length: 20 }, (_, i) => app.client(undefined, { ip: proxy }).call('POST', '/auth/login', { username: `user${i}`, password: 'wrong-password-x' }, { 'x-forwarded-for': `198.18.0.${i}, 10.9.9.8` })));
      assert.deepEqual(statuses(fails), { 401: 20 });
      const ok = await app.client(undefined, { ip: proxy }).call('POST', '/auth/login', { username: 'vera', password: PASSWORDS.vera }, { 'x-forwarded-for': '198.18.1.1' });
      assert.equal(ok.status, 200, ok.text);
      const tls = await app.client(undefined, { ip: proxy }).call('POST', '/auth/login', { username: 'vera', password: PASSWORDS.vera }, { 'x-forwarded-for': '198.18.1.2', 'x-forwarded-proto': 'https' });
      assert.match(tls.setCookie!, /; Secure/);
    });

    test('TOTP: a code signs in once; the previous period\'s code is refused; replacing the factor needs the current code; the old one works until the new one is verified', async () => {
      await fx.auth.createUser('otto', 'otto-password-1', 'operator');
      const c = fx.client();
      await c.login('otto', 'otto-password-1');
      const now = () => fx.clock.now();
      const s1 = (await c.call('POST', '/auth/totp/setup', { password: 'otto-password-1' })).json.secret;
      assert.equal((await c.call('POST', '/auth/totp/enable', { code: code(s1, now()) })).status, 200);
      fx.clock.offset += 30_000;
      const fresh = code(s1, now());
      const three = await Promise.all([0, 1, 2].map(() => fx.client().login('otto', 'otto-password-1', fresh)));
      assert.deepEqual(three.map((r) => r.status).sort(), [200, 401, 401], 'the same code signs in once');
      fx.clock.offset += 30_000;
      assert.equal((await fx.client().login('otto', 'otto-password-1', code(s1, now() - 30_000))).status, 401, 'previous period');
      const c2 = fx.client();
      assert.equal((await c2.login('otto', 'otto-password-1', code(s1, now()))).status, 200);
      // A session alone cannot replace the factor.
      assert.equal((await c2.call('POST', '/auth/totp/setup', { password: 'otto-password-1' })).status, 401);
      fx.clock.offset += 30_000;
      const s2 = (await c2.call('POST', '/auth/totp/setup', { password: 'otto-password-1', totp: code(s1, now()) })).json.secret;
      assert.ok(s2 && s2 !== s1);
      fx.clock.offset += 30_000;
      assert.equal((await fx.client().login('otto', 'otto-password-1', code(s1, now()))).status, 200, 'the old factor holds until the new one is verified');
      fx.clock.offset += 30_000;
      assert.equal((await c2.call('POST', '/auth/totp/enable', { code: code(s2, now()) })).status, 200);
      fx.clock.offset += 30_000;
      assert.equal((await fx.client().login('otto', 'otto-password-1', code(s1, now()))).status, 401);
      assert.equal((await fx.client().login('otto', 'otto-password-1', code(s2, now()))).status, 200);
    });

    test('unknown fields are refused and nothing is written (a typo must not switch off conflict protection)', async () => {
      const op = fx.client();
      await op.login('olivia', PASSWORDS.olivia);
      const head = await fx.store.head();
      for (const [m, p, b] of [
        ['PUT', `/keys/${LR}`, { value: '0.09', baseRevison: 1 }],
        ['POST', '/changesets', { changes: [{ key: LR, value: '0.09' }], baseRevison: 1 }],
        ['POST', '/changesets', { changes: [{ key: LR, value: '0.09', extra: 1 }] }],
        ['POST', '/auth/login', { username: 'olivia', password: PASSWORDS.olivia, remember: true }],
      ] as const) {
        const r = await op.call(m, p, b);
        assert.equal(r.status, 400, `${m} ${p}: ${r.text}`);
        assert.match(r.json.error.message, /unrecognized key|Unrecognized key/i);
      }
      assert.equal(await fx.store.head(), head);
    });

    test('bodies: a size limit before parsing (declared or streamed), JSON only, and nothing is read before sign-in', async () => {
      const op = fx.client();
      await op.login('olivia', PASSWORDS.olivia);
      const big = JSON.stringify({ value: '0.1', reason: 'x'.repeat(200_000) });
      const r = await op.call('PUT', `/keys/${LR}`, big);
      assert.deepEqual([r.status, r.json.error.code], [413, 'HPC_BODY_TOO_LARGE']);
      // Streamed without a length: still cut off.
      const stream = new ReadableStream({ start(ctl) { for (let i = 0; i < 100; i++) ctl.enqueue(new TextEncoder().encode('x'.repeat(10_000))); ctl.close(); } });
      const s = await fx.app.request('/api/v1/auth/login', { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
      assert.equal(s.status, 413);
      // A stranger's body is never read: the answer is 401 whatever its size.
      const anon = await fx.app.request('/api/v1/changesets', { method: 'POST', body: 'x'.repeat(1 << 20), headers: { 'content-type': 'application/json', 'content-length': String(1 << 20) } });
      assert.equal(anon.status, 401);
      // Login CSRF: a cross-site text/plain form cannot sign anyone in.
      const form = await fx.client().call('POST', '/auth/login', JSON.stringify({ username: 'olivia', password: PASSWORDS.olivia }), { 'content-type': 'text/plain' });
      assert.deepEqual([form.status, form.json.error.code, form.setCookie], [415, 'HPC_CONTENT_TYPE', null]);
      const cross = await fx.client().call('POST', '/auth/login', { username: 'olivia', password: PASSWORDS.olivia }, { 'sec-fetch-site': 'cross-site' });
      assert.deepEqual([cross.status, cross.json.error.code, cross.setCookie], [403, 'HPC_CROSS_SITE', null]);
    });

    test('NUL bytes and out-of-range ids are 4xx, never 500', async () => {
      const v = fx.client();
      await v.login('vera', PASSWORDS.vera);
      for (const p of ['/keys?q=a%00b', '/changes?actor=x%00', '/changes?changeset=12345678901234567890', '/keys/CVN%00X', '/changesets/12345678901234567890', '/changesets/1e3', '/grid?param=LEARNING%00RATE']) {
        const r = await v.call('GET', p);
        assert.ok(r.status >= 400 && r.status < 500, `${p}: ${r.status} ${r.text}`);
      }
      const op = fx.client();
      await op.login('olivia', PASSWORDS.olivia);
      const r = await op.call('POST', '/changesets', { changes: [{ key: LR, value: '0.1\u0000' }] });
      assert.equal(r.status, 400);
      assert.equal((await op.call('POST', '/changesets/12345678901234567890/revert', { reason: 'x' })).status, 404);
      assert.equal((await op.call('POST', '/changesets', { changes: [{ key: LR, value: '0.1' }], baseRevision: 1e20 })).status, 400);
    });

    test('an API token acts only while its creator is an active admin, and until it expires', async () => {
      const admin = fx.client();
      await admin.login('admin', PASSWORDS.admin);
      assert.equal((await admin.call('POST', '/users', { username: 'ada', password: 'ada-password-12', role: 'admin' })).status, 201);
      await fx.auth.updateUser('ada', { mustChange: false });
      const ada = fx.client();
      await ada.login('ada', 'ada-password-12');
      const t = await ada.call('POST', '/tokens', { name: 'ada-ci', scope: 'write', expiresInDays: 30 });
      assert.equal(t.status, 201);
      assert.ok(new Date(t.json.expiresAt).getTime() > Date.now() + 29 * 86400_000);
      const tok = fx.client(t.json.token);
      assert.equal((await tok.call('PUT', `/keys/${LR}`, { value: '0.071', reason: 'token write' })).status, 200);
      assert.equal((await admin.call('PATCH', '/users/ada', { disabled: true })).status, 200);
      assert.equal((await tok.call('PUT', `/keys/${LR}`, { value: '0.072' })).status, 401);
      assert.equal((await tok.call('GET', '/values')).status, 401);
      assert.equal((await admin.call('PATCH', '/users/ada', { disabled: false, role: 'operator' })).status, 200);
      assert.equal((await tok.call('GET', '/values')).status, 401, 'demoted creator: the token is dead');
      const listed = (await admin.call('GET', '/tokens')).json.items.find((x: { name: string }) => x.name === 'ada-ci');
      assert.equal(listed.active, false);
      assert.equal((await admin.call('PATCH', '/users/ada', { role: 'admin' })).status, 200);
      assert.equal((await tok.call('GET', '/values')).status, 200);
      // Changed behind the API's back: announced as every auth change is, so no process keeps the token cached.
      await fx.store.db.query("UPDATE hp_api_token SET expires_at = now() - interval '1 second' WHERE name = 'ada-ci'");
      await fx.store.db.query("SELECT pg_notify('hpconf_auth', '')");
      await new Promise((r) => setTimeout(r, 100));
      assert.equal((await tok.call('GET', '/values')).status, 401, 'expired');
      await fx.store.apply([{ key: LR, value: '0.07' }], { actor: 'test', actorKind: 'system' });
    });

    test('a live stream ends when its user is disabled', async () => {
      await fx.auth.createUser('sam', 'sam-password-12', 'viewer');
      const sam = fx.client();
      await sam.login('sam', 'sam-password-12');
      const cookie = [...sam.jar].map(([n, c]) => `${n}=${c.value}`).join('; ');
      const res = await fx.app.request('/api/v1/events', { headers: { cookie } });
      assert.equal(res.status, 200);
      const reader = res.body!.getReader();
      const dec = new TextDecoder();
      let text = '';
      const t0 = Date.now();
      await fx.auth.updateUser('sam', { disabled: true });
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += dec.decode(value);
        if (Date.now() - t0 > 10_000) break;
      }
      assert.match(text, /event: signed-out/);
      assert.ok(Date.now() - t0 < 5000, 'cut off within a re-check period');
    });
  });
}

/** A second app on the same store with a trusted proxy range (the store already has the fixture's users). */
async function proxyApp(store: Store) {
  const { createApp } = await import('./app.js');
  const { consoleDeps } = await import('./serve.js');
  const app = createApp(consoleDeps(store, { trustedProxies: '10.0.0.0/8' }));
  return {
    client: (_b: undefined, o: { ip: string }) => ({
      call: async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
        const res = await app.request('/api/v1' + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }, { incoming: { socket: { remoteAddress: o.ip } } });
        const text = await res.text();
        return { status: res.status, text, setCookie: res.headers.getSetCookie().find((x) => x.startsWith('hpconf_session=')) ?? null };
      },
    }),
  };
}
