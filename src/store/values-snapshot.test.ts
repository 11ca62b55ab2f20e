import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { dataDirCli } from '../cli/testing.js';
import { openStore } from './open.js';
import { privateNodeFs } from './private-fs.js';
import { readSnapshot } from './values-snapshot.js';

const LR = 'CVN_HPO_XGB_5M_LEARNING_RATE';
const OFF = { HPCONF_VALUES_SNAPSHOT: 'off' };
/** The lock's generation: every process that opens the database takes the next one; a snapshot reader takes none. */
const generation = (dir: string) => Math.max(...readdirSync(dir).map((n) => /^hpconf\.lock\.([0-9]+)$/.exec(n)).filter((m) => m).map((m) => Number(m![1])));

async function store(prefix: string) {
  const c = dataDirCli(prefix);
  assert.equal((await c.hp('up', '--once')).code, 0);
  return c;
}

test('get, export and exec answer from the snapshot of a closed store exactly what the database answers, without opening it', async () => {
  const { dir, hp, hpWith, cleanup } = await store('hpconf-snap-same-');
  try {
    assert.equal((await hp('set', `${LR}=0.08`, `${LR}@UNI=0.09`, `${LR}@group:defi_top5=0.06`, '--reason', 'layers')).code, 0);
    assert.equal((await hp('environment', 'create', 'staging', '--reason', 'two environments')).code, 0);
    assert.equal((await hp('--environment', 'staging', 'set', `${LR}=0.05`, '--reason', 'staging only')).code, 0);
    const reads = [
      ['get', LR], ['get', LR, '--json'], ['get', LR, '--segment', 'UNI', '--json'], ['get', LR, '--segment', 'AAVE', '--json'], ['get', LR, '--segment', 'ZZZ', '--json'],
      ['--environment', 'staging', 'get', LR, '--json'], ['--environment', 'nope', 'get', LR], ['get', 'CVN_NOT_A_KEY'],
      ['export', '--format', 'json'], ['export', '--format', 'k8s', '--segment', 'UNI'], ['--environment', 'staging', 'export', '--format', 'env'],
      ['exec', '--segment', 'UNI', '--', process.execPath, '-e', `console.log(process.env.${LR}, process.env.HPCONF_REVISION, process.env.HPCONF_SEGMENT)`],
    ];
    for (const args of reads) {
      const before = generation(dir);
      const fast = await hp(...args);
      assert.equal(generation(dir), before, `${args.join(' ')}: read the snapshot, not the database`);
      const slow = await hpWith(OFF, ...args);
      // (An unknown key is refused from the catalog before any store is read.)
      if (!args.includes('CVN_NOT_A_KEY')) assert.ok(generation(dir) > before, `${args.join(' ')} with HPCONF_VALUES_SNAPSHOT=off opens the database`);
      assert.deepEqual({ code: fast.code, out: fast.out, err: fast.err }, { code: slow.code, out: slow.out, err: slow.err }, args.join(' '));
    }
    assert.equal((await hp('get', LR, '--segment', 'UNI')).out.trim(), '0.09');
    assert.match((await hp('--environment', 'nope', 'get', LR)).err, /HPC_ENVIRONMENT_UNKNOWN.*staging/);
  } finally { cleanup(); }
});

test('while a process holds the store, and after anyone outside the protocol opened its files, the snapshot is not used', async () => {
  const { dir, hp, cleanup } = await store('hpconf-snap-open-');
  try {
    assert.ok(readSnapshot(dir, 'default')?.rows, 'up --once left a snapshot');
    const s = await openStore({ dataDir: dir });
    assert.equal(readSnapshot(dir, 'default'), undefined, 'held open: readers go to the database');
    const layered = await s.layered();
    await s.close();
    assert.deepEqual(readSnapshot(dir, 'default')?.rows, layered, 'closed: the snapshot is the database');
    // PGlite opened directly (an older hpconf, a debugging session): its files change, the snapshot is stale.
    const pg = new PGlite({ fs: privateNodeFs(dir) });
    await pg.exec('CREATE TABLE outsider (x int)');
    await pg.close();
    assert.equal(readSnapshot(dir, 'default'), undefined);
    const before = generation(dir);
    assert.equal((await hp('get', LR)).out.trim(), '0.07');
    assert.ok(generation(dir) > before, 'the reader opened the database');
    assert.ok(readSnapshot(dir, 'default')?.rows, 'and rewrote the snapshot as it closed');
  } finally { cleanup(); }
});

const WRITER = `
import { openStore } from ${JSON.stringify(new URL('./open.ts', import.meta.url).href)};
const [dir, value, killAfterCommit] = process.argv.slice(1);
const s = await openStore({ dataDir: dir });
await s.apply([{ key: '${LR}', value }], { actor: 'cli:test', actorKind: 'cli', reason: 'killed writer' });
if (killAfterCommit === '1') process.kill(process.pid, 'SIGKILL');
await s.close();
`;

function writer(dir: string, value: string, failpoint: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WRITER, dir, value, failpoint === 'committed' ? '1' : '0'],
    { env: { ...process.env, HPCONF_FAILPOINT: failpoint }, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, sig) => resolve(sig)));
}

test('a writer killed at every step of the protocol: the next reader gets the committed value, never the old one, and the snapshot heals', async () => {
  const { dir, hp, cleanup } = await store('hpconf-snap-kill-');
  try {
    let committed = '0.07';
    // In protocol order: marker written (nothing committed yet), committed, files written, index replaced (marker still there).
    for (const [i, step] of ['snapshot-marked', 'committed', 'snapshot-files', 'snapshot-index'].entries()) {
      const value = `0.1${i + 1}`;
      assert.equal(await writer(dir, value, step), 'SIGKILL', `${step}: the writer was killed there`);
      if (step !== 'snapshot-marked') committed = value;
      assert.equal(readSnapshot(dir, 'default'), undefined, `${step}: the marker keeps readers off the snapshot`);
      const before = generation(dir);
      assert.equal((await hp('get', LR)).out.trim(), committed, `${step}: the reader has the committed value`);
      assert.ok(generation(dir) > before, `${step}: read from the database`);
      assert.equal(readSnapshot(dir, 'default')?.rows?.get(LR), committed, `${step}: the reader rewrote the snapshot`);
      const again = generation(dir);
      assert.equal((await hp('get', LR)).out.trim(), committed);
      assert.equal(generation(dir), again, `${step}: the next reader uses the healed snapshot`);
    }
  } finally { cleanup(); }
});

test('readers started while writers come and go never see a value older than the last write that finished before they started', async () => {
  const { hp, cleanup } = await store('hpconf-snap-race-');
  try {
    const rounds = 5;
    const seen: string[] = [];
    for (let i = 1; i <= rounds; i++) {
      const prev = i === 1 ? '0.07' : `0.1${i - 1}`;
      const next = `0.1${i}`;
      // Three readers start with the writer: each sees the value before or after it, nothing else.
      const [w, ...during] = await Promise.all([hp('set', `${LR}=${next}`, '--reason', `round ${i}`), hp('get', LR), hp('get', LR), hp('get', LR)]);
      assert.equal(w.code, 0, w.err);
      for (const r of during) {
        assert.equal(r.code, 0, r.err);
        assert.ok([prev, next].includes(r.out.trim()), `round ${i}: read ${r.out.trim()} while ${prev} -> ${next} was written`);
        seen.push(r.out.trim());
      }
      // Started after the writer finished: the new value, every time.
      const after = await Promise.all([hp('get', LR), hp('get', LR)]);
      for (const r of after) assert.equal(r.out.trim(), next, `round ${i}: a read after the write`);
    }
    console.log(`reads during writes: ${seen.join(' ')}`);
  } finally { cleanup(); }
});
