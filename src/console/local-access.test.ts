import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../paths.js';
import { LOCAL_ACCESS_FILE } from './local-access.js';

// The built CLI, as users run it (scripts/test-ts.sh builds first).
const BIN = path.join(ROOT, 'bin', 'hpconf.js');

function hpconf(dir: string, ...argv: string[]) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...argv], { encoding: 'utf8', env: { ...process.env, HPCONF_DATA_DIR: dir, DATABASE_URL: '', HPCONF_LOCK_TIMEOUT: '30' } });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim(), ms: performance.now() - t };
}

async function startServe(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const p = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env: { ...process.env, HPCONF_DATA_DIR: dir, DATABASE_URL: '', HPCONF_ADMIN_PASSWORD: 'local-access-test-1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    p.stdout.on('data', (b: Buffer) => { out += b; const m = /hpconf Console on (http:\/\/\S+)\/ui\//.exec(out); if (m) resolve(m[1]); });
    p.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return { url, stop: () => new Promise((resolve) => { p.once('exit', () => resolve()); p.kill('SIGTERM'); }) };
}

test('CLI processes reach an embedded store through the Console that holds it, and open it themselves once it stops', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-local-'));
  assert.equal(hpconf(dir, 'seed', '--apply').code, 0);
  const c = await startServe(dir);
  try {
    const file = path.join(dir, LOCAL_ACCESS_FILE);
    assert.equal(statSync(file).mode & 0o777, 0o600, 'the secret is readable by the store owner only');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { url: string; secret: string };
    assert.equal(doc.url, c.url);

    // Reads and writes go through the Console at once: no lock wait (HPCONF_LOCK_TIMEOUT is 30 s here).
    const get = hpconf(dir, 'get', 'CVN_HPO_XGB_5M_LEARNING_RATE');
    assert.equal(get.code, 0, get.err);
    assert.equal(get.out, '0.07');
    assert.ok(get.ms < 15_000, `get took ${get.ms} ms`);
    const set = hpconf(dir, 'set', 'CVN_HPO_XGB_5M_LEARNING_RATE=0.05', '--reason', 'local test', '--actor', 'alice');
    assert.equal(set.code, 0, set.err);
    assert.match(hpconf(dir, 'export', '--format', 'dotenv').out, /^CVN_HPO_XGB_5M_LEARNING_RATE=0\.05$/m);
    const hist = hpconf(dir, 'history', 'CVN_HPO_XGB_5M_LEARNING_RATE');
    // Recorded as the CLI and its person, as if it had opened the store itself (not as the Console's token).
    assert.match(hist.out, / cli:alice CVN_HPO_XGB_5M_LEARNING_RATE: 0\.07 -> 0\.05  # local test$/m);
    const bad = hpconf(dir, 'set', 'CVN_HPO_CB_5M_DEPTH=17');
    assert.equal(bad.code, 3);
    assert.match(bad.err, /HPC_VALIDATION_FAILED/);
    // A past revision comes through the Console too.
    const diff = hpconf(dir, 'diff', '--from', '615', '--to', '616');
    assert.equal(diff.code, 1, diff.err);
    assert.match(diff.out, /CVN_HPO_XGB_5M_LEARNING_RATE/);

    // The secret is the only way in: a wrong one is refused.
    const wrong = await fetch(`${c.url}/api/v1/values`, { headers: { authorization: `Bearer ${doc.secret.slice(0, -2)}xx` } });
    assert.equal(wrong.status, 401);
    const right = await fetch(`${c.url}/api/v1/values`, { headers: { authorization: `Bearer ${doc.secret}` } });
    assert.equal(right.status, 200);
  } finally {
    await c.stop();
  }
  assert.ok(!existsSync(path.join(dir, LOCAL_ACCESS_FILE)), 'the Console removes its file when it stops');
  const direct = hpconf(dir, 'get', 'CVN_HPO_XGB_5M_LEARNING_RATE');
  assert.equal(direct.out, '0.05');
  const d = hpconf(dir, 'diff', '--from', '615', '--to', '616');
  assert.equal(d.code, 1, d.err); // differences found, as diff(1)
  assert.match(d.out, /CVN_HPO_XGB_5M_LEARNING_RATE/);
});

test('a file left by a Console that died is ignored: the CLI opens the store itself', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-local-dead-'));
  assert.equal(hpconf(dir, 'seed', '--apply').code, 0);
  const dead = spawnSync('true').pid!;
  writeFileSync(path.join(dir, LOCAL_ACCESS_FILE), JSON.stringify({ url: 'http://127.0.0.1:9', secret: 'hpl_x', pid: dead, host: (await import('node:os')).hostname(), since: new Date().toISOString() }), { mode: 0o600 });
  const r = hpconf(dir, 'get', 'CVN_HPO_XGB_5M_LEARNING_RATE');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '0.07');
});
