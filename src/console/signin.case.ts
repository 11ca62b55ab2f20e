/**
 * Sign-in past the password: single sign-on against a real OpenID Connect provider run here
 * (oidc-provider: signed tokens, PKCE enforced) and TOTP recovery codes. One suite per store backend.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import type { Store } from '../store/store.js';
import { consoleFixture, PASSWORDS } from './testing.js';
import { browse, CLIENT, startProvider, type Account } from './auth/oidc.testing.js';
import type { OidcConfig } from './auth/oidc.js';
import { identityOf } from './auth/oidc.js';

type Fx = Awaited<ReturnType<typeof consoleFixture>>;
type Client = ReturnType<Fx['client']>;
const code = (secret: string, at: number) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at });
const LR = 'CVN_HPO_XGB_5M_LEARNING_RATE';

const ACCOUNTS: Record<string, Account> = {
  alice: { sub: 'sub-alice', preferred_username: 'alice', groups: ['hpconf-operators'] },
  bob: { sub: 'sub-bob', preferred_username: 'Bob', groups: ['hpconf-operators', 'hpconf-approvers'] },
  carol: { sub: 'sub-carol', preferred_username: 'carol', groups: ['hpconf-admins', 'hpconf-operators'] },
  dave: { sub: 'sub-dave', preferred_username: 'dave', groups: ['marketing'] },
  // Claims to be the local admin: must never become that user.
  mallory: { sub: 'sub-mallory', preferred_username: 'admin', groups: ['hpconf-admins'] },
  erin: { sub: 'sub-erin', email: 'erin@example.com', groups: 'hpconf-operators hpconf-approvers' as unknown as string[] },
};

const config = (issuer: string): OidcConfig => ({
  issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, redirectUrl: CLIENT.redirect, scopes: 'openid profile email groups', claim: 'groups',
  roles: { admin: 'hpconf-admins', operator: 'hpconf-operators' }, approverValue: 'hpconf-approvers', usernameClaims: ['preferred_username', 'email'], label: 'Sign in with Example SSO',
});

export function signinSuite(name: string, open: () => Promise<Store>): void {
  describe(`single sign-on and recovery codes (${name})`, () => {
    let fx: Fx;
    let idp: Awaited<ReturnType<typeof startProvider>>;
    before(async () => {
      idp = await startProvider(ACCOUNTS);
      fx = await consoleFixture(await open(), { oidc: config(idp.issuer) });
    });
    after(async () => { await fx.store.close(); await idp.close(); });

    /** The whole round trip as a browser makes it: start, the provider's pages, the callback. */
    async function sso(login: string, browser: Client = fx.client()) {
      const start = await browser.call('GET', '/auth/oidc/start');
      assert.equal(start.status, 302, start.text);
      const back = await browse(start.headers.get('location')!, login);
      const cb = await browser.call('GET', back.pathname.replace(/^\/api\/v1/, '') + back.search);
      assert.equal(cb.status, 302);
      const me = await browser.call('GET', '/auth/me');
      if (me.status === 200) browser.csrf = me.json.csrf;
      return { browser, start, back, cb, me, error: decodeURIComponent(/#sso-error=(.*)$/.exec(cb.headers.get('location') ?? '')?.[1] ?? '') };
    }

    test('the sign-in screen is told about the provider; start redirects with PKCE (S256), state and nonce, and binds the flow to this browser', async () => {
      const p = await fx.client().call('GET', '/auth/providers');
      assert.deepEqual(p.json, { password: true, oidc: { label: 'Sign in with Example SSO', start: '/api/v1/auth/oidc/start' } });
      const s = await fx.client().call('GET', '/auth/oidc/start');
      const u = new URL(s.headers.get('location')!);
      assert.equal(u.origin, idp.issuer);
      assert.equal(u.searchParams.get('code_challenge_method'), 'S256');
      assert.match(u.searchParams.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/);
      assert.ok(u.searchParams.get('nonce') && u.searchParams.get('state'));
      assert.equal(u.searchParams.get('redirect_uri'), CLIENT.redirect);
      const flow = s.setCookies.find((c) => c.startsWith('hpconf_oidc='))!;
      assert.match(flow, /HttpOnly/); assert.match(flow, /SameSite=Lax/); assert.match(flow, /Path=\/api\/v1\/auth\/oidc/);
      assert.equal(flow.split(';')[0].slice('hpconf_oidc='.length), u.searchParams.get('state'));
    });

    test('a provider user signs in: created at first sign-in with the role its claim maps to (the highest held), a session like any other', async () => {
      const a = await sso('alice');
      assert.equal(a.cb.headers.get('location'), '/ui/');
      assert.match(a.cb.setCookie!, /^hpconf_session=.*HttpOnly; SameSite=Strict$/);
      assert.equal(a.me.status, 200);
      assert.deepEqual([a.me.json.name, a.me.json.role, a.me.json.kind], ['alice', 'operator', 'user']);
      const c = await sso('carol');
      assert.equal(c.me.json.role, 'admin');
      const users = (await c.browser.call('GET', '/users')).json.items;
      const alice = users.find((u: { username: string }) => u.username === 'alice');
      assert.deepEqual([alice.sso, alice.role, alice.approver], [true, 'operator', false]);
      assert.ok(alice.last_sign_in, 'the sign-in is recorded');
      // The user's name is lower-cased; a string claim of space-separated values counts as a list.
      assert.equal((await sso('bob')).me.json.name, 'bob');
      const e = await sso('erin');
      assert.deepEqual([e.me.json.name, e.me.json.role], ['erin@example.com', 'operator']);
    });

    test('a claim that maps to no role is refused, named; no user is created', async () => {
      const d = await sso('dave');
      assert.equal(d.me.status, 401);
      assert.match(d.error, /^HPC_SSO_REFUSED: .*"groups" claim \(marketing\) maps to no role/);
      assert.equal(await fx.auth.findUser('dave'), undefined);
    });

    test('a provider account named like a local user never takes it over: refused, and the local admin is untouched', async () => {
      const m = await sso('mallory');
      assert.equal(m.me.status, 401);
      assert.match(m.error, /HPC_SSO_REFUSED: .*"admin" belongs to another user/);
      const admin = (await fx.auth.findUser('admin'))!;
      assert.equal(admin.oidc_subject, null);
      assert.equal((await fx.client().login('admin', PASSWORDS.admin)).status, 200, 'the local admin still signs in with the password (break-glass)');
    });

    test('a provider user has no password: no password signs them in', async () => {
      await sso('alice');
      for (const pw of ['', '!oidc', 'x'.repeat(12)]) {
        const r = await fx.client(undefined, { ip: '198.18.0.9' }).login('alice', pw);
        assert.ok([400, 401].includes(r.status), `${JSON.stringify(pw)}: ${r.status}`);
      }
    });

    test('the callback is single use: replayed, or brought to another browser (no flow cookie), or with a forged state, it is refused', async () => {
      const b = fx.client();
      const start = await b.call('GET', '/auth/oidc/start');
      const back = await browse(start.headers.get('location')!, 'alice');
      const path = back.pathname.replace(/^\/api\/v1/, '') + back.search;
      // Another browser (the login-CSRF attack: the victim is sent the attacker's callback) has no flow cookie.
      const other = await fx.client().call('GET', path);
      assert.match(decodeURIComponent(other.headers.get('location')!), /HPC_SSO_REFUSED: .*not started in this browser/);
      const ok = await b.call('GET', path);
      assert.equal(ok.headers.get('location'), '/ui/');
      // Replay with the cookie restored: the flow was taken once.
      const again = fx.client();
      again.jar.set('hpconf_oidc', { value: back.searchParams.get('state')!, path: '/api/v1/auth/oidc' });
      assert.match(decodeURIComponent((await again.call('GET', path)).headers.get('location')!), /HPC_SSO_REFUSED: .*used already/);
      // A forged state matching a forged cookie: no such flow.
      const forged = fx.client();
      forged.jar.set('hpconf_oidc', { value: 'forged-state', path: '/api/v1/auth/oidc' });
      const f = await forged.call('GET', `/auth/oidc/callback?code=abc&state=forged-state&iss=${encodeURIComponent(idp.issuer)}`);
      assert.match(decodeURIComponent(f.headers.get('location')!), /HPC_SSO_REFUSED/);
      assert.equal((await forged.call('GET', '/auth/me')).status, 401);
    });

    test('a tampered code or a provider error is refused by the token exchange, nothing signed in', async () => {
      const b = fx.client();
      const start = await b.call('GET', '/auth/oidc/start');
      const back = await browse(start.headers.get('location')!, 'alice');
      back.searchParams.set('code', back.searchParams.get('code')!.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')));
      const r = await b.call('GET', back.pathname.replace(/^\/api\/v1/, '') + back.search);
      assert.match(decodeURIComponent(r.headers.get('location')!), /HPC_SSO_REFUSED: .*the provider's answer did not check out/);
      assert.equal((await b.call('GET', '/auth/me')).status, 401);
      const e = fx.client();
      const s2 = await e.call('GET', '/auth/oidc/start');
      const st = new URL(s2.headers.get('location')!).searchParams.get('state')!;
      const denied = await e.call('GET', `/auth/oidc/callback?error=access_denied&error_description=user+said+no&state=${st}`);
      assert.match(decodeURIComponent(denied.headers.get('location')!), /HPC_SSO_REFUSED: .*the provider said access_denied: user said no/);
    });

    test('the claim sets approver status: a writer without the approver value cannot approve; one with it can; a change of groups applies at the next sign-in and closes old sessions', async () => {
      const admin = fx.client();
      await admin.login('admin', PASSWORDS.admin);
      await admin.call('POST', '/environments', { name: 'sso-prod', reason: 'sso test' });
      await admin.call('PUT', '/environments/sso-prod/policy', { approvals: 1, reason: 'four eyes' });
      const olivia = fx.client();
      await olivia.login('olivia', PASSWORDS.olivia);
      const cr = await olivia.call('POST', '/requests?environment=sso-prod', { reason: 'faster', changes: [{ key: LR, value: '0.0712' }] });
      assert.equal(cr.status, 201, cr.text);
      const id = cr.json.id;
      const alice = (await sso('alice')).browser;
      const refused = await alice.call('POST', `/requests/${id}/approve`, {});
      assert.equal(refused.status, 403);
      assert.match(refused.json.error.message, /alice is not an approver/);
      const bob = (await sso('bob')).browser;
      const ok = await bob.call('POST', `/requests/${id}/approve`, {});
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.state, 'approved');
      // Bob leaves the approvers group: his approval stops counting at his next sign-in.
      ACCOUNTS.bob.groups = ['hpconf-operators'];
      const bob2 = await sso('bob');
      assert.equal(bob2.me.json.role, 'operator');
      const after = await olivia.call('GET', `/requests/${id}?environment=sso-prod`);
      assert.equal(after.json.have, 0);
      assert.equal(after.json.approvals[0].valid, false);
      // A role change at the provider ends the sessions opened with the old role.
      ACCOUNTS.bob.groups = ['hpconf-admins'];
      const bobAdmin = (await sso('bob')).browser;
      assert.equal((await bobAdmin.call('GET', '/users')).status, 200);
      ACCOUNTS.bob.groups = ['hpconf-operators', 'hpconf-approvers'];
      await sso('bob');
      assert.equal((await bobAdmin.call('GET', '/users')).status, 401, 'the admin session ended when the role changed');
    });

    test('a disabled provider user stays out, whatever the provider says', async () => {
      await sso('alice');
      const admin = fx.client();
      await admin.login('admin', PASSWORDS.admin);
      assert.equal((await admin.call('PATCH', '/users/alice', { disabled: true })).status, 200);
      const a = await sso('alice');
      assert.equal(a.me.status, 401);
      assert.match(a.error, /alice" is disabled/);
      await admin.call('PATCH', '/users/alice', { disabled: false });
    });

    test('claims map by rule: highest role wins, * gives everyone a role, no subject or no usable name is refused', () => {
      const cfg = config('https://idp.example');
      assert.equal(identityOf(cfg, 'i', { sub: 's', preferred_username: 'x1', groups: ['hpconf-operators', 'hpconf-admins'] }).role, 'admin');
      assert.equal(identityOf({ ...cfg, roles: { viewer: '*' } }, 'i', { sub: 's', preferred_username: 'x1' }).role, 'viewer');
      assert.equal(identityOf({ ...cfg, approverValue: undefined }, 'i', { sub: 's', preferred_username: 'x1', groups: ['hpconf-operators'] }).approver, true);
      assert.throws(() => identityOf(cfg, 'i', { preferred_username: 'x1', groups: ['hpconf-admins'] }), /no subject/);
      assert.throws(() => identityOf(cfg, 'i', { sub: 's', preferred_username: 'Robert"); DROP', groups: ['hpconf-admins'] }), /no usable user name/);
    });

    test('with the provider down, start answers 502 HPC_SSO_UNAVAILABLE and password sign-in still works', async () => {
      const down = await consoleFixture(await open(), { oidc: { ...config('http://127.0.0.1:9'), issuer: 'http://127.0.0.1:9' } });
      try {
        const r = await down.client().call('GET', '/auth/oidc/start');
        assert.equal(r.status, 502);
        assert.equal(r.json.error.code, 'HPC_SSO_UNAVAILABLE');
        assert.equal((await down.client().login('admin', PASSWORDS.admin)).status, 200);
      } finally { await down.store.close(); }
    });

    test('recovery codes: ten shown once at enrolment, only hashes kept; each signs in once; 8 parallel uses of one code sign in once', async () => {
      await fx.auth.createUser('rita', 'rita-password-12', 'operator');
      const c = fx.client();
      await c.login('rita', 'rita-password-12');
      const s = await c.call('POST', '/auth/totp/setup', { password: 'rita-password-12' });
      const en = await c.call('POST', '/auth/totp/enable', { code: code(s.json.secret, fx.clock.now()) });
      assert.equal(en.status, 200);
      const codes: string[] = en.json.recoveryCodes;
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      for (const k of codes) assert.match(k, /^[0-9a-f]{5}-[0-9a-f]{5}-[0-9a-f]{5}-[0-9a-f]{5}$/);
      // Stored hashed: no code appears in the database.
      const dump = JSON.stringify((await fx.store.db.query('SELECT * FROM hp_recovery_code')).rows);
      for (const k of codes) { assert.ok(!dump.includes(k) && !dump.includes(k.replace(/-/g, ''))); }
      assert.equal((await c.call('GET', '/auth/me')).json.recoveryCodesLeft, 10);
      // Without a code, or with a made-up one: refused.
      assert.equal((await fx.client().login('rita', 'rita-password-12')).status, 401);
      assert.equal((await fx.client().call('POST', '/auth/login', { username: 'rita', password: 'rita-password-12', recovery: '00000-00000-00000-00000' })).status, 401);
      // The right password with a recovery code (typed in upper case, without dashes) signs in, once.
      const typed = codes[0].replace(/-/g, '').toUpperCase();
      assert.equal((await fx.client().call('POST', '/auth/login', { username: 'rita', password: 'rita-password-12', recovery: typed })).status, 200);
      assert.equal((await fx.client().call('POST', '/auth/login', { username: 'rita', password: 'rita-password-12', recovery: codes[0] })).status, 401, 'spent');
      // A recovery code needs the password too.
      assert.equal((await fx.client().call('POST', '/auth/login', { username: 'rita', password: 'wrong-password-1', recovery: codes[1] })).status, 401);
      // Many parallel uses of one code (each from its own known browser, so the throttle is not what stops them).
      const devices: Client[] = [];
      for (let i = 0; i < 8; i++) {
        fx.clock.offset += 30_000; // each sign-in spends a time step
        const b = fx.client();
        assert.equal((await b.call('POST', '/auth/login', { username: 'rita', password: 'rita-password-12', totp: code(s.json.secret, fx.clock.now()) })).status, 200);
        devices.push(b);
      }
      const rs = await Promise.all(devices.map((b) => b.call('POST', '/auth/login', { username: 'rita', password: 'rita-password-12', recovery: codes[2] })));
      assert.equal(rs.filter((r) => r.status === 200).length, 1, JSON.stringify(rs.map((r) => r.status)));
      assert.equal((await c.call('GET', '/auth/me')).json.recoveryCodesLeft, 8, 'two spent');
    });

    test('new recovery codes void the old ones; they need the password and the second factor; turning the factor off deletes them', async () => {
      await fx.auth.createUser('ravi', 'ravi-password-12', 'viewer');
      const c = fx.client();
      await c.login('ravi', 'ravi-password-12');
      const s = await c.call('POST', '/auth/totp/setup', { password: 'ravi-password-12' });
      const old: string[] = (await c.call('POST', '/auth/totp/enable', { code: code(s.json.secret, fx.clock.now()) })).json.recoveryCodes;
      assert.equal((await c.call('POST', '/auth/totp/recovery-codes', { password: 'ravi-password-12' })).status, 401, 'the second factor is asked for');
      const fresh = await c.call('POST', '/auth/totp/recovery-codes', { password: 'ravi-password-12', recovery: old[0] });
      assert.equal(fresh.status, 200);
      const next: string[] = fresh.json.recoveryCodes;
      assert.equal((await fx.client().call('POST', '/auth/login', { username: 'ravi', password: 'ravi-password-12', recovery: old[1] })).status, 401, 'old codes void');
      assert.equal((await fx.client().call('POST', '/auth/login', { username: 'ravi', password: 'ravi-password-12', recovery: next[1] })).status, 200);
      // Lost the phone: sign in with a recovery code and turn the factor off with another.
      assert.equal((await c.call('POST', '/auth/totp/disable', { password: 'ravi-password-12', recovery: next[2] })).status, 200);
      const u = (await fx.auth.findUser('ravi'))!;
      assert.equal(Number((await fx.store.db.query<{ n: unknown }>('SELECT count(*) AS n FROM hp_recovery_code WHERE user_id = $1', [u.id])).rows[0].n), 0);
      assert.equal((await fx.client().login('ravi', 'ravi-password-12')).status, 200, 'no factor now');
    });
  });
}
