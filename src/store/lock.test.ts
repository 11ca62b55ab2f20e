import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { HpconfError } from '../errors/registry.js';
import { openPglite } from './pglite.js';
import { lockDataDir, tryLockDataDir } from './lock.js';

const LOCK = JSON.stringify(new URL('./lock.ts', import.meta.url).href);
const tmp = () => mkdtempSync(path.join(tmpdir(), 'hpconf-lock-'));

function node(script: string, args: string[], opts: { stdio?: 'pipe' } = {}) {
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, ...args], { stdio: ['pipe', 'pipe', 'inherit'], ...opts });
}

/** Lines a child prints, as an async queue. */
function lines(child: ReturnType<typeof node>) {
  const queue: string[] = [];
  const waiters: ((l: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => { const w = waiters.shift(); if (w) w(l); else queue.push(l); });
  return () => new Promise<string>((resolve) => { const l = queue.shift(); if (l !== undefined) resolve(l); else waiters.push(resolve); });
}

const holderScript = `
import { openPglite } from ${JSON.stringify(new URL('./pglite.ts', import.meta.url).href)};
const db = await openPglite(process.argv[1], { timeoutMs: 0 });
await db.query('CREATE TABLE IF NOT EXISTS t (x int)');
process.stdout.write('ready\\n');
const ms = Number(process.argv[2] || 0);
if (ms) setTimeout(async () => { await db.close(); process.exit(0); }, ms); else setInterval(() => {}, 1000);
`;

function startHolder(dir: string, holdMs = 0) {
  const child = node(holderScript, [dir, String(holdMs)]);
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => { if (String(d).includes('ready')) resolve(); });
    child.on('exit', (c) => reject(new Error(`holder exited ${c}`)));
  });
  return { child, ready };
}

test('a second process cannot open a PGlite directory in use; the error names the holder; a dead holder is taken over', async () => {
  const dir = tmp();
  const { child, ready } = startHolder(dir);
  try {
    await ready;
    await assert.rejects(openPglite(dir, { timeoutMs: 0 }), (e: unknown) => {
      assert.ok(e instanceof HpconfError);
      assert.equal(e.code, 'HPC_STORE_LOCKED');
      assert.match(e.message, new RegExp(`process ${child.pid}`));
      return true;
    });
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
  // The holder died without releasing: its lock is stale and the next opener takes over.
  const db = await openPglite(dir, { timeoutMs: 0 });
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
  assert.equal(rows[0].n, 0);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

test('busy timeout: a second opener waits for the holder to finish, then opens', async () => {
  const dir = tmp();
  const { child, ready } = startHolder(dir, 700);
  await ready;
  const t0 = Date.now();
  const db = await openPglite(dir, { timeoutMs: 10_000 });
  assert.ok(Date.now() - t0 >= 200, 'it waited');
  assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0].n, 0);
  await db.close();
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  rmSync(dir, { recursive: true, force: true });
});

test('the lock is released on close and refuses a second open in the same process at once, whatever the timeout', async () => {
  const dir = tmp();
  const release = await lockDataDir(dir);
  const t0 = Date.now();
  await assert.rejects(lockDataDir(dir, { timeoutMs: 5000 }), (e: unknown) => e instanceof HpconfError && e.code === 'HPC_STORE_LOCKED' && /opened twice/.test(e.message));
  assert.ok(Date.now() - t0 < 1000);
  release();
  (await lockDataDir(dir))();
  tryLockDataDir(dir)();
  assert.ok(readdirSync(dir).filter((n) => n.startsWith('hpconf.lock.')).length <= 1, 'old generations are cleaned up');
  rmSync(dir, { recursive: true, force: true });
});

test('a holder killed but not yet reaped (a zombie) does not hold the lock', { skip: process.platform !== 'linux' && 'zombies are read from /proc' }, async () => {
  const dir = tmp();
  // The shell starts the holder, then becomes `sleep`, which never reaps it: once killed it stays a zombie.
  const script = `import { tryLockDataDir } from ${LOCK}; tryLockDataDir(process.argv[1]); process.stdout.write('held\\n'); setInterval(() => {}, 1000);`;
  const sh = spawn('bash', ['-c', `"${process.execPath}" --import tsx --input-type=module -e "$0" "$1" & echo $!; exec sleep 30`, script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const next = lines(sh as unknown as ReturnType<typeof node>);
  const pid = Number(await next());
  assert.equal(await next(), 'held');
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100 && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); i++) await new Promise((r) => setTimeout(r, 20));
  assert.match(readFileSync(`/proc/${pid}/stat`, 'utf8'), /\) Z /, 'the holder is a zombie');
  tryLockDataDir(dir)();
  sh.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** K processes, each taking the lock once per round at the same instant; the parent plants a stale lock first. */
const racer = `
import { tryLockDataDir } from ${LOCK};
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
const dir = process.argv[1];
let release;
for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, at] = line.split(' ');
  if (cmd === 'go') {
    while (Date.now() < Number(at)) {} // spin to the shared start instant
    try { release = tryLockDataDir(dir); process.stdout.write('won\\n'); } catch (e) { process.stdout.write((e.code === 'HPC_STORE_LOCKED' ? 'busy' : 'error ' + e.message) + '\\n'); }
  } else if (cmd === 'release') { release?.(); release = undefined; process.stdout.write('released\\n'); }
  else if (cmd === 'exit') process.exit(0);
}
`;

test('racing openers: exactly one wins each round, with a stale lock to take over or none', async () => {
  const dir = tmp();
  const K = 4;
  const ROUNDS = 24;
  const kids = Array.from({ length: K }, () => node(racer, [dir]));
  const next = kids.map(lines);
  const dead = spawnSync('true').pid!;
  try {
    for (let r = 0; r < ROUNDS; r++) {
      for (const n of readdirSync(dir)) rmSync(path.join(dir, n), { force: true });
      if (r % 2 === 0) {
        // A lock left by a process that died: every racer sees it stale; only one may take it over.
        writeFileSync(path.join(dir, `hpconf.lock.${r + 3}`), JSON.stringify({ pid: dead, host: hostname(), command: 'dead', since: '', nonce: 'x' }));
      }
      const at = Date.now() + 150;
      for (const k of kids) k.stdin!.write(`go ${at}\n`);
      const results = await Promise.all(next.map((n) => n()));
      assert.equal(results.filter((x) => x === 'won').length, 1, `round ${r}: ${results.join(', ')}`);
      assert.equal(results.filter((x) => x === 'busy').length, K - 1, `round ${r}: ${results.join(', ')}`);
      for (const k of kids) k.stdin!.write('release\n');
      await Promise.all(next.map((n) => n()));
    }
  } finally {
    for (const k of kids) k.stdin!.write('exit\n');
    await Promise.all(kids.map((k) => new Promise((r) => (k.exitCode !== null ? r(null) : k.once('exit', r)))));
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mutual exclusion under contention: processes waiting on the lock never overlap (no lost increments)', async () => {
  const dir = tmp();
  const counter = path.join(dir, 'counter');
  writeFileSync(counter, '0');
  const K = 4;
  const N = 25;
  const script = `
import { lockDataDir } from ${LOCK};
import { readFileSync, writeFileSync } from 'node:fs';
const [dir, counter, n] = process.argv.slice(1);
for (let i = 0; i < Number(n); i++) {
  const release = await lockDataDir(dir, { timeoutMs: 60000 });
  const v = Number(readFileSync(counter, 'utf8'));
  await new Promise((r) => setTimeout(r, 1));
  writeFileSync(counter, String(v + 1));
  release();
}
`;
  const kids = Array.from({ length: K }, () => node(script, [dir, counter, String(N)]));
  const codes = await Promise.all(kids.map((k) => new Promise<number>((r) => k.once('exit', (c) => r(c ?? -1)))));
  assert.deepEqual(codes, Array(K).fill(0));
  assert.equal(Number(readFileSync(counter, 'utf8')), K * N);
  assert.ok(!existsSync(path.join(dir, 'hpconf.lock')));
  rmSync(dir, { recursive: true, force: true });
});
