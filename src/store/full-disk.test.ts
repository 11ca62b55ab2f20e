/**
 * A full disk is an error with a stable code, and nothing is stored: a real small file system
 * (tmpfs, mounted as root), filled to the last byte, under the embedded store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
