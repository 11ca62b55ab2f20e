/**
 * Environments and change requests, one suite run against every backend (requests.pglite.test.ts,
 * requests.postgres.test.ts). Each rule that peers' users found gamed has a test here; the races are started
 * at the same instant.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HpconfError } from '../errors/registry.js';
import { loadBundle } from '../catalog/bundle.js';
import { BASELINE_PATH } from '../paths.js';
import { environments } from '../store/environments.js';
import type { Store } from '../store/store.js';
import { localCaller, SCHEDULER, type Caller } from './caller.js';
import { requests, type RequestNotice } from './requests.js';
import { expectCode } from '../errors/testing.js';

const LR = 'CVN_HPO_XGB_5M_LEARNING_RATE';
const LR_MAX = 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX';
const DEPTH = 'CVN_HPO_CB_5M_DEPTH';
const ESTIM = 'CVN_HPO_LGB_5M_N_ESTIMATORS';


export function requestsSuite(name: string, open: () => Promise<Store>, openPair?: () => Promise<[Store, Store]>): void {
  describe(`environments and change requests (${name})`, () => {
    let s: Store;
    const users: Record<string, { id: number; name: string }> = {};
    const notices: RequestNotice[] = [];
    let cr: ReturnType<typeof requests>;
    let envs: ReturnType<typeof environments>;
    /** A signed-in user (session), or a token `kind` acting as the user who made it. */
    const as = (n: string, o: { kind?: 'user' | 'token'; write?: boolean; admin?: boolean } = {}): Caller => ({
      actor: o.kind === 'token' ? `token:${n}-ci` : `user:${n}`, actorKind: o.kind ?? 'user', user: users[n], canWrite: o.write ?? true, admin: o.admin,
    });
    const alice = () => as('alice');
    const bob = () => as('bob');
    const carol = () => as('carol');
    const owner = localCaller('cli:ops');
    let envNo = 0;
    /** A fresh environment holding the default's values, with a policy. */
    const protectedEnv = async (approvals = 1, approvers: string[] | null = null) => {
      const n = `p${++envNo}`;
      await envs.create(n, { actor: 'cli:ops', actorKind: 'cli' });
      await envs.setPolicy(n, { approvals, approvers }, { actor: 'cli:ops', actorKind: 'cli', owner: true });
      return n;
    };
    const openRequest = async (env: string, changes = [{ key: LR, value: '0.09' }], who = alice()) => cr.create(env, changes, who, { reason: 'tune xgb 5m' });
    const requestCount = async () => Number((await s.db.query<{ n: unknown }>('SELECT count(*) AS n FROM hp_change_request')).rows[0].n);

    before(async () => {
      s = await open();
      await s.apply(loadBundle(s.catalog, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text })), { actor: 'seed', actorKind: 'seed', baseRevision: 0 });
      for (const [u, role] of [['alice', 'operator'], ['bob', 'operator'], ['carol', 'admin'], ['dave', 'operator'], ['vera', 'viewer']] as const) {
        const { rows } = await s.db.query<{ id: unknown }>("INSERT INTO hp_user (username, password_hash, role) VALUES ($1, 'x', $2) RETURNING id", [u, role]);
        users[u] = { id: Number(rows[0].id), name: u };
      }
      cr = requests(s, { notify: (n) => notices.push(n) });
      envs = environments(s);
    });
    after(async () => { await s.close(); });

    describe('environments', () => {
      test('a store holds `default`, with every value, no policy, and mirrors it in the legacy row', async () => {
        const list = await envs.list();
        const d = list.find((e) => e.name === 'default')!;
        assert.deepEqual({ keys: d.keys, approvals: d.approvals, approvers: d.approvers, legacy: d.legacy }, { keys: 615, approvals: 0, approvers: null, legacy: true });
        assert.equal(s.environment, 'default');
      });

      test('create --from copies every value as the new environment\'s first change-set; each keeps its own history, one revision counter', async () => {
        const head = await s.head();
        const r = await envs.create('staging', { actor: 'cli:ops', actorKind: 'cli' });
        assert.equal(r.keys, 615);
        const st = await s.use('staging');
        assert.deepEqual([...await st.values()], [...await s.values()]);
        assert.equal(await st.head(), head + 615); // one store-wide counter
        const hist = await st.history({ limit: 10_000 });
        assert.equal(hist.length, 615);
        assert.ok(hist.every((h) => h.environment === 'staging' && h.changesetId === r.changesetId));
        await st.apply([{ key: LR, value: '0.12' }], { actor: 'user:alice', actorKind: 'user', reason: 'staging only' });
        assert.equal((await st.values()).get(LR), '0.12');
        assert.notEqual((await s.values()).get(LR), '0.12');
        assert.ok(!(await s.history({ key: LR })).some((h) => h.environment !== 'default'));
        assert.notEqual((await s.legacy()).baseEnv[LR], '0.12'); // the legacy row mirrors default only
        const at = await st.at(head + 615);
        assert.notEqual(at.get(LR), '0.12');
      });

      test('a bad or taken name, or an unknown source, is refused and creates nothing', async () => {
        const before = await envs.list();
        await expectCode(envs.create('Prod!', { actor: 'cli:ops', actorKind: 'cli' }), 'HPC_USAGE');
        await expectCode(envs.create('staging', { actor: 'cli:ops', actorKind: 'cli' }), 'HPC_USAGE', /exists/);
        await expectCode(envs.create('prod', { actor: 'cli:ops', actorKind: 'cli', from: 'stagin' }), 'HPC_ENVIRONMENT_UNKNOWN', /did you mean staging/);
        assert.deepEqual(await envs.list(), before);
        await expectCode(s.use('stagign'), 'HPC_ENVIRONMENT_UNKNOWN', /did you mean staging/);
      });

      test('the legacy row can mirror another environment, switched in one transaction', async () => {
        await envs.mirror('staging', { actor: 'cli:ops', actorKind: 'cli' });
        assert.equal((await s.legacy()).baseEnv[LR], '0.12');
        const st = await s.use('staging');
        await st.apply([{ key: LR, value: '0.13' }], { actor: 'user:alice', actorKind: 'user' });
        assert.equal((await s.legacy()).baseEnv[LR], '0.13');
        await envs.mirror('default', { actor: 'cli:ops', actorKind: 'cli' });
        assert.deepEqual((await s.legacy()).baseEnv, Object.fromEntries(await s.values()));
      });

      test('a protected environment refuses every direct write: set, unset, revert, a seed that overwrites; a seed filling a missing key passes', async () => {
        const n = await protectedEnv();
        const e = await s.use(n);
        const who = { actor: 'user:carol', actorKind: 'user' as const, reason: 'admin' };
        const head = await s.head();
        await expectCode(e.apply([{ key: LR, value: '0.11' }], who), 'HPC_APPROVAL_REQUIRED', new RegExp(n));
        await expectCode(e.apply([{ key: LR, value: null }], { ...who, force: true }), 'HPC_APPROVAL_REQUIRED');
        const first = (await e.changesets({ limit: 1 }))[0];
        await expectCode(e.revert(first.id, who), 'HPC_APPROVAL_REQUIRED');
        await expectCode(e.apply([{ key: LR, value: '0.11' }], { actor: 'seed', actorKind: 'seed' }), 'HPC_APPROVAL_REQUIRED');
        assert.equal(await s.head(), head);
        // A catalog key the environment lacks reaches it from the baseline (nothing reviewed is changed).
        await s.db.query('SELECT 1'); // (the key is removed by break-glass below, then filled by a seed)
        await e.apply([{ key: DEPTH, value: null }], { actor: 'cli:ops', actorKind: 'cli', breakGlass: true, force: true, reason: 'test' });
        const filled = await e.apply([{ key: DEPTH, value: '6' }], { actor: 'seed', actorKind: 'seed' });
        assert.equal(filled.changes.length, 1);
      });

      test('break-glass by the store owner passes the policy and is marked in the change log', async () => {
        const n = await protectedEnv();
        const e = await s.use(n);
        const r = await e.apply([{ key: LR, value: '0.14' }], { actor: 'cli:ops', actorKind: 'cli', breakGlass: true, reason: 'incident 42' });
        const h = (await e.history({ changesetId: r.changesetId! }))[0];
        assert.equal(h.breakGlass, true);
        // Not marked where no policy was broken.
        const d = await s.apply([{ key: LR, value: '0.071' }], { actor: 'cli:ops', actorKind: 'cli', breakGlass: true });
        assert.equal((await s.history({ changesetId: d.changesetId! }))[0].breakGlass, false);
      });

      test('loosening a protected policy is the store owner\'s only; tightening is anyone\'s with the right', async () => {
        const n = await protectedEnv(1);
        const who = { actor: 'user:carol', actorKind: 'user' as const, owner: false };
        await envs.setPolicy(n, { approvals: 2, approvers: null }, who);
        await expectCode(envs.setPolicy(n, { approvals: 1, approvers: null }, who), 'HPC_FORBIDDEN', /loosen/);
        await envs.setPolicy(n, { approvals: 2, approvers: ['bob', 'carol'] }, who); // a list narrows "anyone"
        await expectCode(envs.setPolicy(n, { approvals: 2, approvers: ['bob', 'carol', 'dave'] }, who), 'HPC_FORBIDDEN');
        await expectCode(envs.setPolicy(n, { approvals: 3, approvers: ['bob', 'carol'] }, who), 'HPC_USAGE', /never be met/);
        await envs.setPolicy(n, { approvals: 0, approvers: null }, { ...who, actor: 'cli:ops', owner: true });
        const hist = await envs.policyHistory(n);
        assert.deepEqual(hist.map((p) => p.approvals), [0, 2, 2, 1]); // every change kept, newest first
      });
    });

    describe('change requests', () => {
      test('a request holds old and new values, reason, author, base revision and the policy\'s count; ids are unique across environments', async () => {
        const n = await protectedEnv(1);
        const before = (await (await s.use(n)).values()).get(LR);
        const r = await openRequest(n);
        assert.equal(r.state, 'open');
        assert.deepEqual(r.items, [{ key: LR, old: before, new: '0.09' }]);
        assert.deepEqual({ author: r.author, reason: r.reason, base: r.baseRevision, need: r.need, have: r.have }, { author: 'user:alice', reason: 'tune xgb 5m', base: await s.head(), need: 1, have: 0 });
        const other = await openRequest('staging', [{ key: LR, value: '0.095' }]);
        assert.notEqual(other.id, r.id);
        assert.equal(other.need, 1); // a request in an unprotected environment still needs one reviewer
        assert.ok(notices.some((x) => x.kind === 'request.opened' && x.request.id === r.id));
      });

      test('a request gets the checks a write gets: bad values, broken rules, a coverage drop, nothing to change; refused, nothing stored', async () => {
        const n = await protectedEnv(1);
        const count = await requestCount();
        await expectCode(cr.create(n, [{ key: LR, value: 'fast' }], alice(), { reason: 'x' }), 'HPC_VALIDATION_FAILED');
        await expectCode(cr.create(n, [{ key: LR, value: '7' }], alice(), { reason: 'x' }), 'HPC_VALIDATION_FAILED');
        await expectCode(cr.create(n, [{ key: LR_MAX, value: '0.01' }], alice(), { reason: 'x' }), 'HPC_VALIDATION_FAILED'); // the default falls outside
        await expectCode(cr.create(n, [{ key: LR, value: null }], alice(), { reason: 'x' }), 'HPC_COVERAGE_WOULD_DROP');
        const cur = (await (await s.use(n)).values()).get(LR)!;
        await expectCode(cr.create(n, [{ key: LR, value: cur }], alice(), { reason: 'x' }), 'HPC_USAGE', /nothing to change/);
        await expectCode(cr.create(n, [{ key: LR, value: '0.1' }], alice(), { reason: '' }), 'HPC_USAGE', /reason/);
        await expectCode(cr.create(n, [{ key: LR, value: '0.1' }], alice(), { reason: 'x\u001b]52;c;AAAA\u0007' }), 'HPC_USAGE');
        await expectCode(cr.create(n, [{ key: LR, value: '0.1' }], as('vera', { write: false }), { reason: 'x' }), 'HPC_FORBIDDEN');
        await expectCode(cr.create('nope', [{ key: LR, value: '0.1' }], alice(), { reason: 'x' }), 'HPC_ENVIRONMENT_UNKNOWN');
        assert.equal(await requestCount(), count);
      });

      test('the author never approves their own request: not by session, not by a token they made, not as cli:NAME', async () => {
        const n = await protectedEnv(1);
        const r = await openRequest(n);
        await expectCode(cr.approve(r.id, alice()), 'HPC_APPROVAL_REFUSED', /author/);
        await expectCode(cr.approve(r.id, as('alice', { kind: 'token' })), 'HPC_APPROVAL_REFUSED', /author/);
        const viaCli = await cr.create(n, [{ key: LR, value: '0.091' }], localCaller('cli:bob'), { reason: 'from the CLI' });
        await expectCode(cr.approve(viaCli.id, bob()), 'HPC_APPROVAL_REFUSED', /author/);
        await expectCode(cr.reject(r.id, alice(), 'no'), 'HPC_APPROVAL_REFUSED', /author/);
        assert.equal((await cr.get(r.id)).approvals.length, 0);
      });

      test('only signed-in people with write rights approve: never the local CLI, a read token, a viewer, or a disabled user', async () => {
        const n = await protectedEnv(1);
        const r = await openRequest(n);
        await expectCode(cr.approve(r.id, localCaller('cli:carol')), 'HPC_APPROVAL_REFUSED', /local CLI/);
        await expectCode(cr.approve(r.id, as('bob', { kind: 'token', write: false })), 'HPC_APPROVAL_REFUSED', /write rights/);
        await expectCode(cr.approve(r.id, as('vera')), 'HPC_APPROVAL_REFUSED', /no write rights/);
        await expectCode(cr.approve(r.id, { actor: 'token:orphan', actorKind: 'token', canWrite: true }), 'HPC_APPROVAL_REFUSED', /signed-in/);
        await s.db.query('UPDATE hp_user SET disabled = true WHERE id = $1', [users.dave.id]);
        try { await expectCode(cr.approve(r.id, as('dave')), 'HPC_APPROVAL_REFUSED', /disabled/); } finally {
          await s.db.query('UPDATE hp_user SET disabled = false WHERE id = $1', [users.dave.id]);
        }
        assert.equal((await cr.get(r.id)).state, 'open');
      });

      test('a token approves as the user who made it, and that user approves once', async () => {
        const n = await protectedEnv(2);
        const r = await openRequest(n);
        await cr.approve(r.id, as('carol', { kind: 'token' }));
        await expectCode(cr.approve(r.id, carol()), 'HPC_APPROVAL_REFUSED', /already/);
        const g = await cr.get(r.id);
        assert.deepEqual({ have: g.have, state: g.state }, { have: 1, state: 'open' });
        assert.equal(g.approvals[0].user, 'carol');
      });

      test('named approvers: nobody else counts, and a policy\'s list applies to requests opened before it', async () => {
        const n = await protectedEnv(1, ['carol']);
        const r = await openRequest(n);
        await expectCode(cr.approve(r.id, bob()), 'HPC_APPROVAL_REFUSED', /only carol/);
        const m = await protectedEnv(1);
        const r2 = await openRequest(m);
        await envs.setPolicy(m, { approvals: 1, approvers: ['dave'] }, { actor: 'user:carol', actorKind: 'user', owner: false });
        await expectCode(cr.approve(r2.id, bob()), 'HPC_APPROVAL_REFUSED', /only dave/);
        await cr.approve(r2.id, as('dave'));
        assert.equal((await cr.get(r2.id)).state, 'approved');
      });

      test('N approvals: one leaves it open and unappliable; the second approves it', async () => {
        const n = await protectedEnv(2);
        const r = await openRequest(n);
        await cr.approve(r.id, bob());
        await expectCode(cr.apply(r.id, alice()), 'HPC_REQUEST_STATE', /open/);
        await cr.approve(r.id, carol());
        const g = await cr.get(r.id);
        assert.deepEqual({ state: g.state, have: g.have, need: g.need }, { state: 'approved', have: 2, need: 2 });
      });

      test('any edit after an approval voids it; only the author edits', async () => {
        const n = await protectedEnv(1);
        const r = await openRequest(n);
        await cr.approve(r.id, bob());
        assert.equal((await cr.get(r.id)).state, 'approved');
        await expectCode(cr.edit(r.id, bob(), [{ key: LR, value: '0.1' }]), 'HPC_FORBIDDEN', /not the author/);
        const e = await cr.edit(r.id, alice(), [{ key: LR, value: '0.095' }]);
        assert.deepEqual({ state: e.state, version: e.version, have: e.have }, { state: 'open', version: 2, have: 0 });
        assert.equal(e.approvals[0].valid, false);
        assert.match(e.events[e.events.length - 1].body, /no longer count/);
        await expectCode(cr.apply(r.id, alice()), 'HPC_REQUEST_STATE');
        // Adding a key is an edit too.
        await cr.approve(r.id, bob());
        const e2 = await cr.edit(r.id, alice(), [{ key: DEPTH, value: '7' }]);
        assert.equal(e2.state, 'open');
        assert.deepEqual(e2.items.map((i) => i.key), [DEPTH, LR]);
      });

      test('a user disabled (or demoted) after approving no longer counts at apply', async () => {
        const n = await protectedEnv(1);
        const r = await openRequest(n);
        await cr.approve(r.id, as('dave'));
        await s.db.query('UPDATE hp_user SET disabled = true WHERE id = $1', [users.dave.id]);
        try {
          await expectCode(cr.apply(r.id, alice()), 'HPC_REQUEST_NOT_APPROVED', /0 valid approval/);
        } finally { await s.db.query('UPDATE hp_user SET disabled = false WHERE id = $1', [users.dave.id]); }
        await s.db.query("UPDATE hp_user SET role = 'viewer' WHERE id = $1", [users.dave.id]);
        try {
          await expectCode(cr.apply(r.id, alice()), 'HPC_REQUEST_NOT_APPROVED');
        } finally { await s.db.query("UPDATE hp_user SET role = 'operator' WHERE id = $1", [users.dave.id]); }
        assert.equal((await cr.apply(r.id, alice())).request.state, 'applied');
      });

      test('a policy tightened after a request opened raises what it needs; one loosened by the owner does not lower it', async () => {
        const n = await protectedEnv(1);
        const r = await openRequest(n);
        await envs.setPolicy(n, { approvals: 2, approvers: null }, { actor: 'user:carol', actorKind: 'user', owner: false });
        await cr.approve(r.id, bob());
        assert.equal((await cr.get(r.id)).state, 'open');
        const m = await protectedEnv(2);
        const r2 = await openRequest(m);
        await envs.setPolicy(m, { approvals: 0, approvers: null }, { actor: 'cli:ops', actorKind: 'cli', owner: true });
        await cr.approve(r2.id, bob());
        assert.deepEqual({ state: (await cr.get(r2.id)).state, need: (await cr.get(r2.id)).need }, { state: 'open', need: 2 });
      });

      test('apply re-checks the base revision: a key moved since is refused (409) with the keys, and nothing is written', async () => {
        const n = await protectedEnv(1);
        const e = await s.use(n);
        const r = await openRequest(n, [{ key: LR, value: '0.09' }, { key: DEPTH, value: '7' }]);
        await cr.approve(r.id, bob());
        await e.apply([{ key: DEPTH, value: '8' }], { actor: 'cli:ops', actorKind: 'cli', breakGlass: true, reason: 'hotfix' });
        const head = await s.head();
        const err = await expectCode(cr.apply(r.id, alice()), 'HPC_STORE_CONFLICT', new RegExp(DEPTH));
        assert.deepEqual((err.detail as { key: string }[]).map((c) => c.key), [DEPTH]);
        assert.equal(await s.head(), head);
        assert.equal((await cr.get(r.id)).state, 'approved');
      });

      test('apply re-checks the rules on the state it meets: a range moved under an approved default is refused', async () => {
        const n = await protectedEnv(1);
        const e = await s.use(n);
        const r = await openRequest(n, [{ key: LR, value: '0.14' }]);
        await cr.approve(r.id, bob());
        await e.apply([{ key: LR_MAX, value: '0.12' }], { actor: 'cli:ops', actorKind: 'cli', breakGlass: true, reason: 'narrow' });
        await expectCode(cr.apply(r.id, alice()), 'HPC_VALIDATION_FAILED');
        assert.equal((await cr.get(r.id)).state, 'approved');
      });

      test('an applied request is one change-set of its environment that names it; it applies once', async () => {
        const n = await protectedEnv(1);
        const e = await s.use(n);
        const r = await openRequest(n, [{ key: LR, value: '0.088' }]);
        await cr.approve(r.id, bob());
        const { request, result } = await cr.apply(r.id, carol());
        assert.equal(request.state, 'applied');
        assert.equal(request.changesetId, result.changesetId);
        assert.equal((await e.values()).get(LR), '0.088');
        const h = (await e.history({ changesetId: result.changesetId! }))[0];
        assert.deepEqual({ cr: h.changeRequest, actor: h.actor, env: h.environment }, { cr: r.id, actor: 'user:carol', env: n });
        assert.match(h.reason, new RegExp(`change request #${r.id}`));
        await expectCode(cr.apply(r.id, carol()), 'HPC_REQUEST_STATE', /applied/);
        await expectCode(cr.approve(r.id, as('dave')), 'HPC_REQUEST_STATE');
        await expectCode(cr.edit(r.id, alice(), [{ key: LR, value: '0.1' }]), 'HPC_REQUEST_STATE');
      });

      test('the database lets one change-set name a request, whatever the application does', async () => {
        const n = await protectedEnv(1);
        const r = await openRequest(n, [{ key: LR, value: '0.087' }]);
        await cr.approve(r.id, bob());
        await cr.apply(r.id, carol());
        await assert.rejects(s.db.query("INSERT INTO hp_changeset (actor, actor_kind, environment, change_request) VALUES ('mallory', 'user', $1, $2)", [n, r.id]), /unique|duplicate/i);
        await assert.rejects(s.db.query('INSERT INTO hp_cr_approval (cr_id, version, user_id, actor) VALUES ($1, 1, $2, $3)', [r.id, users.bob.id, 'user:bob']), /unique|duplicate/i);
        await assert.rejects(s.db.query('DELETE FROM hp_cr_event WHERE cr_id = $1', [r.id]), /append-only/);
        await assert.rejects(s.db.query('UPDATE hp_cr_item SET new_value = $2 WHERE cr_id = $1', [r.id, '0.5']), /append-only/);
        await assert.rejects(s.db.query('DELETE FROM hp_policy'), /append-only/);
      });

      test('a rejected or closed request cannot be approved, applied or scheduled', async () => {
        const n = await protectedEnv(1);
        const r = await openRequest(n);
        await cr.approve(r.id, bob());
        await cr.reject(r.id, carol(), 'not now');
        for (const f of [() => cr.apply(r.id, alice()), () => cr.approve(r.id, as('dave')), () => cr.schedule(r.id, alice(), new Date())]) await expectCode(f(), 'HPC_REQUEST_STATE', /rejected/);
        const r2 = await openRequest(n, [{ key: LR, value: '0.092' }]);
        await cr.approve(r2.id, bob());
        await expectCode(cr.close(r2.id, bob()), 'HPC_FORBIDDEN', /not the author/);
        await cr.close(r2.id, alice(), 'superseded');
        await expectCode(cr.apply(r2.id, alice()), 'HPC_REQUEST_STATE', /closed/);
        await expectCode(cr.reject(r2.id, carol(), 'x'), 'HPC_REQUEST_STATE');
      });

      test('a draft is not reviewed until its author opens it', async () => {
        const n = await protectedEnv(1);
        const d = await cr.create(n, [{ key: LR, value: '0.093' }], alice(), { reason: 'wip', draft: true });
        assert.equal(d.state, 'draft');
        await expectCode(cr.approve(d.id, bob()), 'HPC_REQUEST_STATE', /draft/);
        await expectCode(cr.submit(d.id, bob()), 'HPC_FORBIDDEN');
        await cr.submit(d.id, alice());
        await cr.approve(d.id, bob());
        assert.equal((await cr.get(d.id)).state, 'approved');
      });

      test('an unset, or a revert, in a protected environment goes through a request like any change', async () => {
        const n = await protectedEnv(1);
        const e = await s.use(n);
        const r = await cr.create(n, [{ key: DEPTH, value: null }], alice(), { reason: 'drop depth', force: true });
        assert.equal(r.force, true);
        await cr.approve(r.id, bob());
        await cr.apply(r.id, alice());
        assert.equal((await e.values()).has(DEPTH), false);
        const undo = await e.revertChanges(r.changesetId ?? (await cr.get(r.id)).changesetId!);
        const back = await cr.create(n, undo.changes, alice(), { reason: 'undo' });
        await cr.approve(back.id, carol());
        await cr.apply(back.id, alice());
        assert.equal((await e.values()).has(DEPTH), true);
      });

      test('comments are kept in order; text with terminal escapes is refused', async () => {
        const n = await protectedEnv(1);
        const r = await openRequest(n);
        await cr.comment(r.id, bob(), 'why 0.09?');
        await cr.comment(r.id, alice(), 'see run 17');
        await expectCode(cr.comment(r.id, bob(), 'ok\u001b[2J'), 'HPC_USAGE');
        const ev = (await cr.get(r.id)).events.filter((x) => x.kind === 'commented');
        assert.deepEqual(ev.map((x) => [x.actor, x.body]), [['user:bob', 'why 0.09?'], ['user:alice', 'see run 17']]);
      });

      test('two applies started at the same instant: one applies, one change-set; the others are refused', async () => {
        const n = await protectedEnv(1);
        const r = await openRequest(n, [{ key: LR, value: '0.0891' }]);
        await cr.approve(r.id, bob());
        const head = await s.head();
        const results = await Promise.allSettled(Array.from({ length: 8 }, () => cr.apply(r.id, carol())));
        assert.equal(results.filter((x) => x.status === 'fulfilled').length, 1);
        for (const x of results) if (x.status === 'rejected') assert.equal((x.reason as HpconfError).code, 'HPC_REQUEST_STATE');
        assert.equal(await s.head(), head + 1);
      });

      test('approvals started at the same instant: two approvers both count; one person counts once', async () => {
        const n = await protectedEnv(2);
        const r = await openRequest(n);
        const [a, b] = await Promise.allSettled([cr.approve(r.id, bob()), cr.approve(r.id, carol())]);
        assert.deepEqual([a.status, b.status], ['fulfilled', 'fulfilled']);
        assert.equal((await cr.get(r.id)).state, 'approved');
        const r2 = await openRequest(n, [{ key: LR, value: '0.0892' }]);
        const many = await Promise.allSettled(Array.from({ length: 8 }, () => cr.approve(r2.id, bob())));
        assert.equal(many.filter((x) => x.status === 'fulfilled').length, 1);
        const g = await cr.get(r2.id);
        assert.deepEqual({ have: g.have, rows: g.approvals.length, state: g.state }, { have: 1, rows: 1, state: 'open' });
      });

      test('scheduling: only an approved request; it applies once when due, with the delay recorded; concurrent ticks apply it once', async () => {
        const n = await protectedEnv(1);
        const r = await openRequest(n, [{ key: LR, value: '0.0893' }]);
        await expectCode(cr.schedule(r.id, alice(), new Date()), 'HPC_REQUEST_STATE', /open/);
        await cr.approve(r.id, bob());
        await expectCode(cr.schedule(r.id, alice(), new Date('not a date')), 'HPC_USAGE');
        await cr.schedule(r.id, alice(), new Date(Date.now() + 3_600_000));
        assert.deepEqual((await cr.runDue()).applied, []); // not yet
        await cr.schedule(r.id, alice(), new Date(Date.now() - 90_000)).catch(() => {}); // scheduled: cannot be rescheduled
        await s.db.query("UPDATE hp_change_request SET scheduled_at = now() - interval '90 seconds' WHERE id = $1", [r.id]); // the Console was down at T
        await expectCode(cr.apply(r.id, alice()), 'HPC_REQUEST_STATE', /scheduled/); // the scheduler's to apply
        const head = await s.head();
        const ticks = await Promise.all([cr.runDue(), cr.runDue(), cr.runDue()]);
        assert.equal(ticks.flatMap((t) => t.applied).filter((id) => id === r.id).length, 1);
        assert.equal(await s.head(), head + 1);
        const g = await cr.get(r.id);
        assert.equal(g.state, 'applied');
        const body = g.events[g.events.length - 1].body;
        const delay = Number(/; (\d+) s after its time/.exec(body)?.[1]);
        assert.ok(delay >= 89 && delay < 300, body);
        assert.equal(g.events[g.events.length - 1].actor, SCHEDULER.actor);
      });

      test('a scheduled request whose key moved after its approval is suspended with the reason, and notifies', async () => {
        const n = await protectedEnv(1);
        const e = await s.use(n);
        const r = await openRequest(n, [{ key: LR, value: '0.0894' }]);
        await cr.approve(r.id, bob());
        await cr.schedule(r.id, alice(), new Date(Date.now() - 1000));
        await e.apply([{ key: LR, value: '0.0895' }], { actor: 'cli:ops', actorKind: 'cli', breakGlass: true, reason: 'hotfix' });
        const t = await cr.runDue();
        assert.deepEqual(t.suspended, [r.id]);
        const g = await cr.get(r.id);
        assert.equal(g.state, 'suspended');
        assert.match(g.events[g.events.length - 1].body, new RegExp(LR));
        assert.ok(notices.some((x) => x.kind === 'request.suspended' && x.request.id === r.id));
        assert.equal((await e.values()).get(LR), '0.0895');
      });

      test('a request that changed while it was being applied is not applied from its old version', async () => {
        const n = await protectedEnv(1);
        const r = await openRequest(n, [{ key: ESTIM, value: '700' }]);
        await cr.approve(r.id, bob());
        // Edit and apply at once: either the apply wins (then the edit is refused), or the edit wins (then the apply is).
        const [ap, ed] = await Promise.allSettled([cr.apply(r.id, carol()), cr.edit(r.id, alice(), [{ key: ESTIM, value: '800' }])]);
        assert.equal([ap, ed].filter((x) => x.status === 'fulfilled').length, 1, JSON.stringify([ap, ed].map((x) => x.status)));
        const v = (await (await s.use(n)).values()).get(ESTIM);
        const g = await cr.get(r.id);
        if (ap.status === 'fulfilled') assert.deepEqual([g.state, v], ['applied', '700']);
        else assert.deepEqual([g.state, g.version, v === '800'], ['open', 2, false]);
      });

      if (openPair) {
        test('two Console replicas on one database: concurrent applies and scheduler ticks apply a request once', async () => {
          const [a, b] = await openPair();
          try {
            for (const x of [a, b]) await x.db.query("INSERT INTO hp_user (username, password_hash, role) VALUES ('bob', 'x', 'operator'), ('alice', 'x', 'operator') ON CONFLICT DO NOTHING");
            await a.apply(loadBundle(a.catalog, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text })), { actor: 'seed', actorKind: 'seed' });
            const ids = Object.fromEntries((await a.db.query<{ id: unknown; username: string }>('SELECT id, username FROM hp_user')).rows.map((r) => [r.username, Number(r.id)]));
            const [ca, cb] = [requests(a), requests(b)];
            const mk = async (v: string) => {
              const r = await ca.create('default', [{ key: LR, value: v }], { actor: 'user:alice', actorKind: 'user', user: { id: ids.alice, name: 'alice' }, canWrite: true }, { reason: 'r' });
              await cb.approve(r.id, { actor: 'user:bob', actorKind: 'user', user: { id: ids.bob, name: 'bob' }, canWrite: true });
              return r.id;
            };
            const id = await mk('0.0896');
            const head = await a.head();
            const res = await Promise.allSettled([ca.apply(id, localCaller('cli:a')), cb.apply(id, localCaller('cli:b'))]);
            assert.equal(res.filter((x) => x.status === 'fulfilled').length, 1);
            assert.equal(await b.head(), head + 1);
            const id2 = await mk('0.0897');
            await ca.schedule(id2, localCaller('cli:a'), new Date(Date.now() - 1000));
            const ticks = await Promise.all([ca.runDue(), cb.runDue(), ca.runDue(), cb.runDue()]);
            assert.equal(ticks.flatMap((t) => t.applied).length, 1);
            assert.equal(await a.head(), head + 2);
          } finally { await a.close(); await b.close(); }
        });
      }
    });
  });
}
