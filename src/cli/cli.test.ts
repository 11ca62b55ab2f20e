import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadBundle } from '../catalog/bundle.js';
import { loadCatalog } from '../catalog/load.js';
import { BASELINE_PATH, ROOT } from '../paths.js';
import { openPglite } from '../store/pglite.js';
import { migrate } from '../store/migrations.js';
import { createStore, type Store } from '../store/store.js';
import { freshPostgresUrl } from '../store/testing.js';
import { readValuesFile } from '../export/formats.js';
import { main } from './main.js';

const catalog = loadCatalog();
const bundle = loadBundle(catalog, BASELINE_PATH);
const BIN = path.join(ROOT, 'bin', 'hpconf.js');
const run = promisify(execFile);

/** Run the CLI in-process against one shared store (commands "close" it without closing). */
function cli(store: Store) {
  return async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, {
      out: (l) => out.push(l), err: (l) => err.push(l), env: { USER: 'tester' },
      openStore: async () => ({ ...store, close: async () => {} }),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}

async function bin(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe('hpconf CLI (in process, PGlite)', () => {
  let store: Store;
  let h: ReturnType<typeof cli>;
  before(async () => {
    const db = await openPglite();
    await migrate(db);
    store = createStore(db, catalog);
    h = cli(store);
  });
  after(() => store.close());

  test('seed --dry-run lists every key with its value and [TODO_PER_TF] marks, and writes nothing', async () => {
    const r = await h('seed', '--dry-run');
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.equal(lines.filter((l) => l.startsWith('insert ')).length, 615);
    assert.ok(lines.includes('insert    CVN_HPO_XGB_5M_LEARNING_RATE=0.07'));
    assert.ok(lines.includes('insert    CVN_HPO_LGB_5M_NUM_LEAVES=31 [TODO_PER_TF]'));
    assert.ok(lines.includes('insert    CVN_HPO_CB_1H_RANDOM_STATE=42'));
    assert.match(lines.at(-1)!, /^dry run: 615 keys, 615 to insert, 0 unchanged, 0 differing \(skipped\), 0 to overwrite; 401 marked \[TODO_PER_TF\]; store revision 0$/);
    assert.equal(await store.head(), 0);
  });

  test('seed --apply writes every key once; a second --apply changes nothing', async () => {
    const r = await h('seed', '--apply');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /615 inserted/);
    assert.match(r.err, /level=INFO event=seed_applied inserted=615 overwritten=0 skipped=0 unchanged=0 revision=615/);
    assert.match((await store.legacy()).updatedBy!, /^seed_script@[0-9a-f.]+/);
    const again = await h('seed', '--apply');
    assert.match(again.out, /0 inserted, 615 unchanged/);
    assert.equal(await store.head(), 615);
  });

  test('seeding then exporting gives back the bundle exactly', async () => {
    const r = await h('export', '--format', 'json');
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), Object.fromEntries(bundle.map((e) => [e.key, e.value])));
    assert.deepEqual(Object.keys(JSON.parse(r.out)), bundle.map((e) => e.key));
  });

  test('every export format reads back to the stored values', async () => {
    const stored = await store.values();
    for (const format of ['env', 'dotenv', 'json']) {
      const r = await h('export', '--format', format);
      const f = path.join(mkdtempSync(path.join(tmpdir(), 'hpconf-exp-')), `values.${format}`);
      writeFileSync(f, r.out);
      assert.deepEqual(readValuesFile(catalog, f), stored, format);
    }
    const k8s = await h('export', '--format', 'k8s', '--name', 'hp', '--namespace', 'cvntrade');
    assert.match(k8s.out, /^apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hp\n  namespace: cvntrade\n/);
    assert.match(k8s.out, /\n  CVN_HPO_XGB_5M_LEARNING_RATE: "0\.07"\n/);
    assert.equal((k8s.out.match(/^  CVN_[A-Z0-9_]+: "/gm) ?? []).length, 615);
    assert.equal((await h('export', '--format', 'xml')).code, 2);
    // Unnamed, the ConfigMap is named by its content (as Kustomize's generators do): new values, a new name, pods roll.
    const name = async () => /^  name: (\S+)$/m.exec((await h('export', '--format', 'k8s')).out)![1];
    const before = await name();
    assert.match(before, /^hpconf-values-[0-9a-f]{10}$/);
    assert.equal(await name(), before, 'the same values, the same name');
    await h('set', 'CVN_HPO_XGB_5M_LEARNING_RATE=0.08', '--reason', 'name test');
    const after = await name();
    assert.notEqual(after, before);
    await h('set', 'CVN_HPO_XGB_5M_LEARNING_RATE=0.07', '--reason', 'name test');
    assert.equal(await name(), before);
  });

  test('a differing stored value is skipped with a WARN line; --overwrite replaces only the named key', async () => {
    await store.apply([{ key: 'CVN_HPO_XGB_5M_MAX_DEPTH', value: '8' }, { key: 'CVN_HPO_CB_5M_DEPTH', value: '7' }], { actor: 'op', actorKind: 'user' });
    const r = await h('seed', '--apply');
    assert.match(r.err, /level=WARN event=seed_skipped key=CVN_HPO_XGB_5M_MAX_DEPTH stored=8 bundle=6/);
    assert.match(r.out, /0 inserted, 613 unchanged, 2 differing \(skipped\)/);
    assert.equal((await store.values()).get('CVN_HPO_XGB_5M_MAX_DEPTH'), '8');
    const o = await h('seed', '--apply', '--overwrite', 'CVN_HPO_XGB_5M_MAX_DEPTH');
    assert.match(o.out, /1 overwritten/);
    const v = await store.values();
    assert.equal(v.get('CVN_HPO_XGB_5M_MAX_DEPTH'), '6');
    assert.equal(v.get('CVN_HPO_CB_5M_DEPTH'), '7');
    assert.equal((await h('seed', '--apply', '--overwrite', 'CVN_NOPE')).code, 2);
    await store.apply([{ key: 'CVN_HPO_CB_5M_DEPTH', value: '6' }], { actor: 'op', actorKind: 'user' });
  });

  test('audit: 100 % exits 0; a missing or invalid key is listed and exits non-zero', async () => {
    const ok = await h('audit');
    assert.equal(ok.code, 0);
    assert.match(ok.out, /coverage 100\.00 % \(615\/615/);
    assert.match(ok.err, /event=coverage_audit source=store required=615 valid=615 .* scope=all/);
    await store.apply([{ key: 'CVN_HPO_LGB_1M_REG_ALPHA', value: null }], { actor: 'op', actorKind: 'user', force: true });
    const bad = await h('audit');
    assert.equal(bad.code, 7);
    assert.match(bad.out, /^missing  CVN_HPO_LGB_1M_REG_ALPHA$/m);
    assert.match(bad.out, /coverage 99\.83 % \(614\/615/);
    assert.match(bad.err, /error\[HPC_COVERAGE_INCOMPLETE\]/);
    await store.apply([{ key: 'CVN_HPO_LGB_1M_REG_ALPHA', value: '0.001' }], { actor: 'op', actorKind: 'user' });
  });

  test('audit --env checks the process environment instead', async () => {
    const out: string[] = [];
    const env = Object.fromEntries(bundle.map((e) => [e.key, e.text]));
    assert.equal(await main(['audit', '--env', '--quiet'], { out: (l) => out.push(l), err: () => {}, env }), 0);
    env.CVN_HPO_CB_5M_DEPTH = '17';
    assert.equal(await main(['audit', '--env'], { out: (l) => out.push(l), err: () => {}, env }), 7);
    assert.ok(out.some((l) => l.startsWith('invalid  CVN_HPO_CB_5M_DEPTH: CVN_HPO_CB_5M_DEPTH: 17 is outside the allowed domain [1, 16]')));
  });

  test('set, get, history, unset and revert', async () => {
    const s = await h('set', 'CVN_HPO_XGB_5M_GAMMA=0.5', 'CVN_HPO_XGB_5M_GAMMA_RANGE_MAX=4', '--reason', 'less splitting');
    assert.equal(s.code, 0, s.err);
    assert.match(s.out, /CVN_HPO_XGB_5M_GAMMA: 0 -> 0\.5/);
    assert.match(s.err, /level=INFO event=config_changed key=CVN_HPO_XGB_5M_GAMMA old=0 new=0\.5 revision=\d+ changeset=\d+/);
    assert.equal((await h('get', 'CVN_HPO_XGB_5M_GAMMA')).out, '0.5');
    const hist = await h('history', 'CVN_HPO_XGB_5M_GAMMA');
    assert.match(hist.out.split('\n')[0], /cli:tester CVN_HPO_XGB_5M_GAMMA: 0 -> 0\.5  # less splitting$/);
    const cs = Number(/ cs(\d+) /.exec(hist.out)![1]);
    const rv = await h('revert', String(cs));
    assert.equal(rv.code, 0, rv.err);
    assert.equal((await h('get', 'CVN_HPO_XGB_5M_GAMMA')).out, '0');
    assert.equal((await store.values()).get('CVN_HPO_XGB_5M_GAMMA_RANGE_MAX'), '5');
    const u = await h('unset', 'CVN_HPO_XGB_5M_GAMMA', '--force');
    assert.equal(u.code, 0);
    const g = await h('get', 'CVN_HPO_XGB_5M_GAMMA');
    assert.equal(g.code, 3);
    assert.match(g.err, /error\[HPC_KEY_MISSING\]: CVN_HPO_XGB_5M_GAMMA is not set\. Set it in the hpconf Console or with: hpconf set CVN_HPO_XGB_5M_GAMMA=<value>/);
    // The fix the message suggests is run as written.
    const fix = /with: hpconf (.+)$/m.exec(g.err)![1].replace('<value>', '0').split(' ');
    const fixed = await h(...fix);
    assert.equal(fixed.code, 0, fixed.err);
    assert.equal((await h('get', 'CVN_HPO_XGB_5M_GAMMA')).out, '0');
    const guarded = await h('unset', 'CVN_HPO_XGB_5M_GAMMA');
    assert.equal(guarded.code, 7);
    assert.match(guarded.err, /HPC_COVERAGE_WOULD_DROP\]: this would leave 1 required key\(s\) unset .*--force/s);
    const seedPlan = await h('revert', '1', '--dry-run');
    assert.equal(seedPlan.code, 0, seedPlan.err);
    assert.match(seedPlan.out, /615 change\(s\); coverage after: 0\.00 % \(0\/615\), 615 required key\(s\) unset: needs --force/);
    assert.equal((await h('revert', '1')).code, 5, 'keys moved on since the seed: a conflict first');
    assert.equal((await h('revert', '1', '--if-revision', String(await store.head()))).code, 7);
    const named = await h('set', 'CVN_HPO_XGB_5M_GAMMA=0.25', '--actor', 'alice');
    assert.equal(named.code, 0, named.err);
    assert.equal((await store.history({ key: 'CVN_HPO_XGB_5M_GAMMA', limit: 1 }))[0].actor, 'cli:alice');
    await h('set', 'CVN_HPO_XGB_5M_GAMMA=0');
  });

  test('bad input is refused with a stable code and changes nothing', async () => {
    const before = [await store.head(), [...await store.values()]];
    const cases: [string[], number, RegExp][] = [
      [['set', 'CVN_HPO_XGB_5M_MAX_DEPTH=6.5'], 3, /HPC_VALIDATION_FAILED.*\n - CVN_HPO_XGB_5M_MAX_DEPTH: "6\.5" is not an integer/],
      [['set', 'CVN_HPO_XGB_5M_MAX_DEPHT=6'], 2, /HPC_KEY_UNKNOWN\]: unknown key "CVN_HPO_XGB_5M_MAX_DEPHT"; did you mean CVN_HPO_XGB_5M_MAX_DEPTH\?/],
      [['set', 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MIN=0.3'], 3, /range min 0\.3 is greater than max 0\.15/],
      [['set', 'CVN_HPO_XGB_5M_REG_LAMBDA_RANGE_MIN=0'], 3, /log scale needs min > 0, got 0/],
      [['set', 'CVN_HPO_CB_15M_DEPTH=17'], 3, /17 is outside the allowed domain \[1, 16\]/],
      [['set', 'CVN_HPO_LGB_30M_BAGGING_FREQ=0'], 3, /lgb_subsample_needs_bagging/],
      [['set', 'CVN_HPO_CB_15M_DEPTH=5', 'CVN_HPO_CB_15M_ITERATIONS=lots'], 3, /"lots" is not an integer/],
      [['set', 'CVN_HPO_CB_15M_DEPTH'], 2, /expected KEY=VALUE/],
      [['set', 'CVN_HPO_CB_15M_DEPTH=5', '--if-revision', '1'], 5, /HPC_STORE_CONFLICT/],
      [['set', '--bogus'], 2, /HPC_USAGE/],
      [['frobnicate'], 2, /unknown command 'frobnicate'/],
      [['seed'], 2, /exactly one of --dry-run and --apply/],
      [['history', '--since', 'yesterday-ish'], 2, /not a date/],
      [['diff'], 2, /exactly one of --file, --against, --from/],
      [['set', 'CVN_HPO_CB_15M_DEPTH=5', '--actor', 'user:admin'], 2, /recorded as cli:NAME; user: and token: actors are the Console's own/],
      [['set', 'CVN_HPO_CB_15M_DEPTH=1e-400'], 3, /"1e-400" is not an integer/],
      [['set', 'CVN_HPO_XGB_5M_LEARNING_RATE=1e-400'], 3, /too small to be represented as a non-zero number/],
    ];
    for (const [argv, code, msg] of cases) {
      const r = await h(...argv);
      assert.equal(r.code, code, `${argv.join(' ')}: ${r.err}`);
      assert.match(r.err, msg, argv.join(' '));
    }
    assert.deepEqual([await store.head(), [...await store.values()]], before);
  });

  test('diff against a file, and between two revisions; exit 1 when they differ', async () => {
    const same = await h('diff', '--file', BASELINE_PATH);
    assert.equal(same.code, 0, same.out);
    assert.match(same.out, /0 difference\(s\)/);
    const r0 = await store.head();
    await h('set', 'CVN_HPO_XGB_15M_SUBSAMPLE=0.7', 'CVN_HPO_XGB_15M_COLSAMPLE_BYTREE=0.6');
    const d = await h('diff', '--file', BASELINE_PATH);
    assert.equal(d.code, 1);
    assert.deepEqual(d.out.split('\n').slice(2), [
      '~ CVN_HPO_XGB_15M_SUBSAMPLE: 0.7 -> 0.8', '~ CVN_HPO_XGB_15M_COLSAMPLE_BYTREE: 0.6 -> 0.8', '2 difference(s)']);
    const revs = await h('diff', '--from', String(r0), '--json');
    assert.deepEqual(JSON.parse(revs.out).differences, [
      { key: 'CVN_HPO_XGB_15M_SUBSAMPLE', left: '0.8', right: '0.7' }, { key: 'CVN_HPO_XGB_15M_COLSAMPLE_BYTREE', left: '0.8', right: '0.6' }]);
    assert.equal((await h('diff', '--from', '999999')).code, 2);
    await h('set', 'CVN_HPO_XGB_15M_SUBSAMPLE=0.8', 'CVN_HPO_XGB_15M_COLSAMPLE_BYTREE=0.8');
  });

  test('catalog lists and counts keys, filterable', async () => {
    const all = await h('catalog');
    assert.match(all.out.split('\n').at(-1)!, /^615 keys: 175 defaults \(140 searchable\), 420 range keys, 20 cross-cutting; catalog v1: 3 models x 5 timeframes$/);
    const f = await h('catalog', '--model', 'cb', '--timeframe', '5m', '--kind', 'range');
    assert.equal(f.out.split('\n').length, 19);
    assert.match(f.out, /CVN_HPO_CB_5M_DEPTH_RANGE_MAX\s+int\s+\[1, 16\]/);
  });
});

describe('hpconf binary (separate processes, PGlite directory)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-bin-'));
  const D = ['--data-dir', dir];
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('up seeds the embedded store and prints 100 % coverage; exec injects every key into a worker', async () => {
    const up = await bin([...D, 'up', '--once']);
    assert.equal(up.code, 0, up.err);
    assert.match(up.out, /coverage 100\.00 % \(615\/615 required keys present and valid/);
    const probe = 'console.log(process.env.CVN_HPO_XGB_5M_LEARNING_RATE, process.env.HPCONF_REVISION, Object.keys(process.env).filter((k) => k.startsWith("CVN_")).length)';
    const ex = await bin([...D, 'exec', '--', process.execPath, '-e', probe]);
    assert.equal(ex.code, 0, ex.err);
    assert.equal(ex.out.trim(), '0.07 616 615', 'revision 616: the baseline, then the groups file\'s group');
    const fail = await bin([...D, 'exec', '--', process.execPath, '-e', 'process.exit(3)']);
    assert.equal(fail.code, 3);
  });

  test('exec refuses to start a worker when keys are missing, unless allowed', async () => {
    assert.equal((await bin([...D, 'unset', 'CVN_HPO_CB_1M_DEPTH', '--force'])).code, 0);
    const ex = await bin([...D, 'exec', '--', process.execPath, '-e', 'console.log("started")']);
    assert.equal(ex.code, 7);
    assert.doesNotMatch(ex.out, /started/);
    assert.match(ex.err, /missing  CVN_HPO_CB_1M_DEPTH/);
    const allowed = await bin([...D, 'exec', '--allow-incomplete', '--', process.execPath, '-e', 'console.log("started")']);
    assert.equal(allowed.code, 0);
    assert.match(allowed.out, /started/);
    // The store-wide refusal names the key; a worker's own gate covers its model and timeframe only.
    assert.match(ex.err, /error\[HPC_COVERAGE_INCOMPLETE\]: coverage 99\.83 % of the whole catalog: 1 missing, 0 invalid of 615 required keys: CVN_HPO_CB_1M_DEPTH/);
    const other = await bin([...D, 'exec', '--model', 'xgb', '--timeframe', '5m', '--', process.execPath, '-e', 'console.log("xgb started")']);
    assert.equal(other.code, 0, other.err);
    assert.match(other.out, /xgb started/);
    for (const scope of [['--model', 'catboost'], ['--model', 'CB', '--timeframe', '1M'], ['--timeframe', '1m']]) {
      const own = await bin([...D, 'exec', ...scope, '--', process.execPath, '-e', 'console.log("started")']);
      assert.equal(own.code, 7, scope.join(' '));
      assert.doesNotMatch(own.out, /started/);
      assert.match(own.err, /: CVN_HPO_CB_1M_DEPTH$/m);
    }
    const scoped = await bin([...D, 'audit', '--model', 'lightgbm', '--timeframe', '5m', '--quiet']);
    assert.equal(scoped.code, 0, scoped.err);
    assert.match(scoped.out, /coverage 100\.00 % \(\d+\/\d+ required keys present and valid for LGB 5M and the cross-cutting keys;/);
    assert.equal((await bin([...D, 'audit', '--model', 'xgbost'])).code, 2);
    assert.match((await bin([...D, 'catalog', '--model', 'xgboost', '--timeframe', '5m'])).out, /CVN_HPO_XGB_5M_LEARNING_RATE/);
  });

  test('parallel set on one embedded directory: each waits its turn or fails with the lock error; every acknowledged write is in the log', async () => {
    const keys = ['1M', '5M', '15M', '30M', '1H'].flatMap((tf) => [`CVN_HPO_XGB_${tf}_GAMMA`]).concat(['CVN_HPO_LGB_5M_REG_ALPHA']);
    const runs = await Promise.all(keys.map((k, i) => bin([...D, 'set', `${k}=${(i + 1) / 10}`, '--reason', `parallel ${i}`])));
    const db = await openPglite(dir, { timeoutMs: 10_000 });
    try {
      const store = createStore(db, catalog);
      let acknowledged = 0;
      runs.forEach((r, i) => {
        if (r.code === 0) {
          acknowledged++;
          assert.match(r.out, new RegExp(`${keys[i]}: .* -> ${(i + 1) / 10}`));
        } else {
          assert.equal(r.code, 6, r.err);
          assert.match(r.err, /error\[HPC_STORE_LOCKED\]/);
        }
      });
      for (const [i, k] of keys.entries()) {
        const h = await store.history({ key: k, limit: 1 });
        if (runs[i].code === 0) assert.deepEqual([h[0].newValue, h[0].reason], [String((i + 1) / 10), `parallel ${i}`]);
        // Values in the table agree with the log, key by key.
        assert.equal((await store.values()).get(k), h[0]?.newValue);
      }
      assert.ok(acknowledged >= 1);
      console.log(`parallel set: ${acknowledged} of ${keys.length} processes succeeded after waiting, ${keys.length - acknowledged} hit the lock timeout`);
    } finally {
      await db.close();
    }
  });

  test('escapes in stored text never reach the terminal: history spells them out; a new reason with one is refused', async () => {
    const forged = 'ok\u001b]52;c;ZXZpbA==\u0007\u001b[2K\r\nr1 cs1 forged line \u202e';
    const db = await openPglite(dir, { timeoutMs: 10_000 });
    try {
      // As a store written before reasons were checked might hold it.
      await db.transaction(async (tx) => {
        const cs = await tx.query<{ id: number }>("INSERT INTO hp_changeset (actor, actor_kind, reason, environment) VALUES ('cli:old', 'cli', $1, 'default') RETURNING id", [forged]);
        const ch = await tx.query<{ revision: number }>("INSERT INTO hp_change (changeset_id, key, old_value, new_value) SELECT $1, key, value, '0.2' FROM hp_value WHERE key = 'CVN_HPO_XGB_5M_GAMMA' RETURNING revision", [cs.rows[0].id]);
        await tx.query("UPDATE hp_value SET value = '0.2', revision = $1 WHERE key = 'CVN_HPO_XGB_5M_GAMMA'", [ch.rows[0].revision]);
      });
    } finally {
      await db.close();
    }
    const h = await bin([...D, 'history', 'CVN_HPO_XGB_5M_GAMMA', '--limit', '1']);
    assert.equal(h.code, 0, h.err);
    assert.doesNotMatch(h.out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    assert.equal(h.out.trim().split('\n').length, 1, 'one change, one line');
    assert.match(h.out, /# ok\\x1b\]52;c;ZXZpbA==\\x07\\x1b\[2K\\nr1 cs1 forged line \\u202e$/m);
    const refused = await bin([...D, 'set', 'CVN_HPO_XGB_5M_GAMMA=0', '--reason', 'x\u001b[31m']);
    assert.equal(refused.code, 2, refused.err);
    assert.match(refused.err, /HPC_USAGE.*control character/);
  });
});

const pgUrl = process.env.HPCONF_TEST_DATABASE_URL;
describe('hpconf binary against a PostgreSQL server', { skip: pgUrl ? false : 'HPCONF_TEST_DATABASE_URL is not set' }, () => {
  test('DATABASE_URL selects the server; up, audit and diff --against work the same', async () => {
    const a = await freshPostgresUrl(pgUrl!);
    const b = await freshPostgresUrl(pgUrl!);
    try {
      const up = await bin(['up', '--once'], { DATABASE_URL: a.url });
      assert.equal(up.code, 0, up.err);
      assert.match(up.out, /coverage 100\.00 % .* in PostgreSQL postgres:\/\//);
      assert.equal((await bin(['--database-url', b.url, 'seed', '--apply'])).code, 0);
      assert.equal((await bin(['--database-url', b.url, 'set', 'CVN_HPO_CB_5M_DEPTH=8'])).code, 0);
      const d = await bin(['--database-url', a.url, 'diff', '--against', b.url]);
      assert.equal(d.code, 1, d.err);
      assert.match(d.out, /~ CVN_HPO_CB_5M_DEPTH: 6 -> 8\n1 difference\(s\)/);
    } finally {
      await a.drop();
      await b.drop();
    }
  });

  test('an unreachable server is a clear error', async () => {
    const r = await bin(['--database-url', 'postgres://nobody:secret@127.0.0.1:1/x', 'audit']);
    assert.equal(r.code, 6);
    assert.match(r.err, /error\[HPC_STORE_UNREACHABLE\]: cannot reach the store: postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/x/);
    assert.doesNotMatch(r.err, /secret/);
  });
});
