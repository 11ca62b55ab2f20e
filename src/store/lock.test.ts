import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HpconfError } from '../errors/registry.js';
import { openPglite } from './pglite.js';
import { lockDataDir } from './lock.js';

const holderScript = `
import { openPglite } from ${JSON.stringify(new URL('./pglite.ts', import.meta.url).href)};
const db = await openPglite(process.argv[1]);
await db.query('CREATE TABLE IF NOT EXISTS t (x int)');
process.stdout.write('ready\\n');
setInterval(() => {}, 1000);
`;

function startHolder(dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', holderScript, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => { if (String(d).includes('ready')) resolve(); });
    child.on('exit', (c) => reject(new Error(`holder exited ${c}`)));
  });
  return { child, ready };
}

test('a second process cannot open a PGlite directory in use; the error names the holder', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-lock-'));
  const { child, ready } = startHolder(dir);
  try {
    await ready;
    await assert.rejects(openPglite(dir), (e: unknown) => {
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
  const db = await openPglite(dir);
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
  assert.equal(rows[0].n, 0);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the lock is released on close and refuses a second open in the same process', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-lock-'));
  const release = lockDataDir(dir);
  assert.throws(() => lockDataDir(dir), (e: unknown) => e instanceof HpconfError && e.code === 'HPC_STORE_LOCKED');
  release();
  lockDataDir(dir)();
  rmSync(dir, { recursive: true, force: true });
});
