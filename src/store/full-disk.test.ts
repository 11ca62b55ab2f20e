/**
 * A full disk is an error with a stable code, and nothing is stored: a real small file system
 * (tmpfs, mounted as root), filled to the last byte, under the embedded store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../paths.js';

const BIN = path.join(ROOT, 'bin', 'hpconf.js');
const mnt = mkdtempSync(path.join(tmpdir(), 'hpconf-full-'));
const mounted = (() => {
  try { execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=80m', 'tmpfs', mnt], { stdio: 'ignore' }); return true; } catch { return false; }
})();

async function hpconf(...args: string[]) {
  try {
    const r = await promisify(execFile)(process.execPath, [BIN, '--data-dir', path.join(mnt, 'pgdata'), ...args], { env: { ...process.env, HPCONF_VIA_CONSOLE: 'off' } });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

test('a write on a full disk fails with HPC_STORE_FULL (exit 6), stores nothing, and the store works once there is room', { skip: !mounted && 'mounting a tmpfs needs root' }, async () => {
  try {
    assert.equal((await hpconf('up', '--once')).code, 0);
    const head = (await hpconf('history', '--limit', '1')).out;
    const fill = path.join(mnt, 'fill');
    try { writeFileSync(fill, Buffer.alloc(200 * 1024 * 1024)); } catch { /* ENOSPC: the disk is now full */ }
    const full = await hpconf('set', 'CVN_HPO_XGB_5M_LEARNING_RATE=0.08', 'CVN_HPO_XGB_5M_MAX_DEPTH=5', '--reason', 'disk full');
    assert.equal(full.code, 6, full.err);
    assert.match(full.err, /^error\[HPC_STORE_FULL\]: the store's disk is full; nothing was written/m);
    assert.doesNotMatch(full.err, /internal error|at .*\.js:\d+/);
    rmSync(fill);
    assert.equal((await hpconf('get', 'CVN_HPO_XGB_5M_LEARNING_RATE')).out.trim(), '0.07');
    assert.equal((await hpconf('history', '--limit', '1')).out, head, 'the change log did not move');
    const ok = await hpconf('set', 'CVN_HPO_XGB_5M_LEARNING_RATE=0.08', '--reason', 'room again');
    assert.equal(ok.code, 0, ok.err);
    assert.equal((await hpconf('get', 'CVN_HPO_XGB_5M_LEARNING_RATE')).out.trim(), '0.08');
  } finally {
    execFileSync('umount', ['-l', mnt]);
    rmSync(mnt, { recursive: true, force: true });
  }
});

test('through the Console on a full disk: a write is refused with 507 HPC_STORE_FULL and nothing stored, or acknowledged and durable (kill -9, restart), never a 500', { skip: !mounted && 'mounting a tmpfs needs root' }, async () => {
  const mnt2 = mkdtempSync(path.join(tmpdir(), 'hpconf-full-api-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=80m', 'tmpfs', mnt2]);
  const dataDir = path.join(mnt2, 'pgdata');
  const env = { ...process.env, HPCONF_DATA_DIR: dataDir, DATABASE_URL: '', HPCONF_ADMIN_PASSWORD: 'full-disk-admin-1', HPCONF_LOCK_TIMEOUT: '30' };
  await promisify(execFile)(process.execPath, [BIN, 'up', '--once'], { env });
  const serve = async () => {
    const srv = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env });
    const url = await new Promise<string>((resolve, reject) => {
      let t = '';
      srv.stdout.on('data', (d) => { t += d; const m = /Console on (http:\/\/[^/\s]+)\//.exec(t); if (m) resolve(m[1]); });
      srv.once('exit', (c) => reject(new Error(`serve exited ${c}`)));
    });
    // The store owner's local secret (operator rights), as a CLI on this machine uses it.
    const secret = (JSON.parse(readFileSync(path.join(dataDir, 'hpconf-console.json'), 'utf8')) as { secret: string }).secret;
    return { srv, url, auth: { authorization: `Bearer ${secret}` } };
  };
  let c = await serve();
  try {
    const before = (await (await fetch(`${c.url}/api/v1/values`, { headers: c.auth })).json() as { values: Record<string, string> }).values;
    const fill = path.join(mnt2, 'fill');
    try { writeFileSync(fill, Buffer.alloc(200 * 1024 * 1024)); } catch { /* ENOSPC: the disk is full */ }
    const keys = ['CVN_HPO_XGB_5M_LEARNING_RATE', 'CVN_HPO_LGB_5M_LEARNING_RATE', 'CVN_HPO_CB_5M_LEARNING_RATE'];
    const answers: { key: string; status: number; code?: string }[] = [];
    for (const key of keys) {
      const r = await fetch(`${c.url}/api/v1/keys/${key}`, { method: 'PUT', headers: { ...c.auth, 'content-type': 'application/json' }, body: JSON.stringify({ value: '0.08', reason: 'disk test' }) });
      answers.push({ key, status: r.status, code: r.status === 200 ? undefined : ((await r.json()) as { error: { code: string } }).error.code });
    }
    for (const a of answers) assert.ok(a.status === 200 || (a.status === 507 && a.code === 'HPC_STORE_FULL'), JSON.stringify(a));
    assert.equal((await fetch(`${c.url}/api/v1/health/live`)).status, 200, 'the Console keeps serving');
    // The hardest case for an acknowledgement: the Console killed at once, no orderly shutdown, then room again.
    c.srv.kill('SIGKILL');
    await new Promise((r) => c.srv.once('exit', r));
    rmSync(fill);
    c = await serve();
    const values = (await (await fetch(`${c.url}/api/v1/values`, { headers: c.auth })).json() as { values: Record<string, string> }).values;
    for (const a of answers) assert.equal(values[a.key], a.status === 200 ? '0.08' : before[a.key], `${a.key}: answered ${a.status}`);
    console.log(`full disk through the Console: ${answers.map((a) => `${a.status}${a.code ? ` ${a.code}` : ''}`).join(', ')}; every acknowledged write survived kill -9`);
  } finally {
    c.srv.kill('SIGKILL');
    await new Promise((r) => c.srv.once('exit', r));
    execFileSync('umount', ['-l', mnt2]);
    rmSync(mnt2, { recursive: true, force: true });
  }
});
