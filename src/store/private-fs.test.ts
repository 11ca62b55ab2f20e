import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from './migrations.js';
import { openPglite } from './pglite.js';

/** Every path under `dir` whose mode lets a group or other user in, with its mode. */
function open(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = lstatSync(p);
    if ((st.mode & 0o077) !== 0) out.push(`${(st.mode & 0o777).toString(8)} ${path.relative(dir, p) || '.'}`);
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(path.join(p, n));
  };
  walk(dir);
  return out;
}

test('the embedded store is private whatever the umask: directory 0700, files 0600, including files PostgreSQL creates later', async () => {
  const old = process.umask(0);
  try {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'hpconf-perm-')), 'pgdata');
    const db = await openPglite(dir);
    try {
      await migrate(db);
      // New relation files, a new WAL position, a checkpoint: files made after start-up.
      await db.exec('CREATE TABLE later (x int); INSERT INTO later SELECT generate_series(1, 20000); CHECKPOINT;');
    } finally {
      await db.close();
    }
    assert.equal(lstatSync(dir).mode & 0o777, 0o700);
    assert.ok(readdirSync(dir).length > 5);
    assert.deepEqual(open(dir), []);
  } finally {
    process.umask(old);
  }
});

test('a data directory written by an older version (0755 folders, 0666 files) is made private when opened', async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'hpconf-perm-old-')), 'pgdata');
  const db = await openPglite(dir);
  await db.close();
  const loosen = (p: string) => {
    const st = lstatSync(p);
    chmodSync(p, st.isDirectory() ? 0o755 : 0o666);
    if (st.isDirectory()) for (const n of readdirSync(p)) loosen(path.join(p, n));
  };
  loosen(dir);
  assert.ok(open(dir).length > 100);
  const again = await openPglite(dir);
  try {
    assert.equal((await again.query<{ n: number }>('SELECT 1 AS n')).rows[0].n, 1);
  } finally {
    await again.close();
  }
  assert.deepEqual(open(dir), []);
});
