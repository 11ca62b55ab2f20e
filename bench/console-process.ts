/**
 * A Console as users run it, for the benches that talk to one over HTTP: a seeded store (a new PGlite data
 * directory or a fresh PostgreSQL database), `hpconf serve` in a process of its own (optionally pinned to a core),
 * and API tokens made the way an operator makes them (sign in as admin, POST /tokens).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../src/paths.js';
import { freshPostgresUrl } from '../src/store/testing.js';

export const BIN = path.join(ROOT, 'bin', 'hpconf.js');
const PASSWORD = 'bench-console-password-1';

/** `cmd args`, run on one core when taskset is there. */
export const pinned = (cpu: number, cmd: string, args: string[]) => (existsSync('/usr/bin/taskset') ? ['taskset', ['-c', String(cpu), cmd, ...args]] : [cmd, args]) as [string, string[]];

export async function waitUp(url: string, p: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (p.exitCode !== null) throw new Error(`serve exited with ${p.exitCode}`);
    try { if ((await fetch(url)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

export async function consoleProcess(kind: 'pglite' | 'postgres', port: number, o: { core?: number } = {}) {
  let env: Record<string, string | undefined>;
  let drop = async () => {};
  if (kind === 'postgres') {
    const fresh = await freshPostgresUrl(process.env.HPCONF_TEST_DATABASE_URL!);
    env = { ...process.env, DATABASE_URL: fresh.url };
    drop = fresh.drop;
  } else {
    env = { ...process.env, DATABASE_URL: '', HPCONF_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'hpconf-bench-console-')) };
  }
  env.HPCONF_ADMIN_PASSWORD = PASSWORD;
  if (spawnSync(process.execPath, [BIN, 'seed', '--apply'], { env }).status !== 0) throw new Error('seed failed');
  const serveArgs = [BIN, 'serve', '--port', String(port)];
  const [cmd, args] = o.core === undefined ? [process.execPath, serveArgs] : pinned(o.core, process.execPath, serveArgs);
  const p = spawn(cmd, args, { env, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}/api/v1`;
  try { await waitUp(`${base}/health`, p); } catch (e) { p.kill('SIGKILL'); await drop(); throw e; }
  const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf } = await login.json() as { csrf: string };
  return {
    p, env, base,
    /** A new API token of this scope. */
    token: async (scope: 'read' | 'write') => (await (await fetch(`${base}/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify({ name: `bench-${scope}-${Math.random().toString(36).slice(2, 8)}`, scope }) })).json() as { token: string }).token,
    stop: async () => {
      await new Promise<void>((resolve) => { if (p.exitCode !== null) resolve(); else { p.once('exit', () => resolve()); p.kill('SIGTERM'); } });
      await drop();
    },
  };
}
