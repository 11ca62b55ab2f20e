/**
 * The read path users hit most: every value in one request. hpconf's GET /api/v1/values (on
 * PGlite and on PostgreSQL; without and with If-None-Match) beside Unleash Edge 20.1.0's
 * /api/client/features on the baseline's values (../shared/bench/unleash-edge; skipped with a
 * message when absent), and the 12-line node:http server of bench/minimal-server.mjs with the same body. Each server is pinned to core 0, the load generator (autocannon, 10
 * connections) to core 1; req/s, p50/p95/p99 and the server's CPU per request, all in one run.
 * Aims (issue 21): at least 0.5x the minimal server on 200s and on 304s; at least 5x Edge with a lower p95.
 *   node --import tsx bench/read.bench.ts        (BENCH_SECONDS=15; HPCONF_TEST_DATABASE_URL for PostgreSQL)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../src/paths.js';
import { freshPostgresUrl } from '../src/store/testing.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const EDGE_DIR = path.join(ROOT, '..', 'shared', 'bench', 'unleash-edge');
const BIN = path.join(ROOT, 'bin', 'hpconf.js');
const pinned = (cpu: number, cmd: string, args: string[]) => (existsSync('/usr/bin/taskset') ? ['taskset', ['-c', String(cpu), cmd, ...args]] : [cmd, args]) as [string, string[]];

interface Load { requests: number; seconds: number; rps: number; byStatus: Record<string, number>; errors: number; p50: number; p95: number; p99: number; bytesPerReply: number }

function load(url: string, headers: Record<string, string>): Load {
  const [cmd, args] = pinned(1, process.execPath, [path.join(ROOT, 'bench', 'load.mjs'), JSON.stringify({ url, headers, connections: 10, seconds: SECONDS })]);
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`load generator failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Load;
}

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

async function waitFor(url: string, headers: Record<string, string>, proc: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`);
    try { if ((await fetch(url, { headers })).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

function stop(p: ChildProcess): Promise<void> {
  return new Promise((resolve) => { if (p.exitCode !== null) resolve(); else { p.once('exit', () => resolve()); p.kill('SIGTERM'); } });
}

const rows: { label: string; l: Load; cpuMs: number }[] = [];
function report(label: string, l: Load, cpuMs: number) {
  rows.push({ label, l, cpuMs });
  const statuses = Object.entries(l.byStatus).map(([s, n]) => `${n} x ${s}`).join(', ');
  console.log(`${label.padEnd(40)} ${l.rps.toFixed(0).padStart(6)} req/s  p50 ${l.p50.toFixed(1).padStart(5)} ms  p95 ${l.p95.toFixed(1).padStart(5)} ms  p99 ${l.p99.toFixed(1).padStart(5)} ms  ` +
    `CPU ${cpuMs.toFixed(2)} ms/req  ${(l.bytesPerReply / 1024).toFixed(1)} KiB/reply  (${statuses}${l.errors ? `, ${l.errors} errors` : ''})`);
}

/** Resident memory now (MiB). */
function rssMiB(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
}

/** The server's own resident memory now and at its peak (MiB), from /proc. */
function rss(pid: number): string {
  const st = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (f: string) => Number(new RegExp(`^${f}:\\s+(\\d+) kB`, 'm').exec(st)?.[1] ?? NaN) / 1024;
  return `RSS ${kb('VmRSS').toFixed(0)} MiB (peak ${kb('VmHWM').toFixed(0)})`;
}

async function measure(label: string, proc: ChildProcess, url: string, headers: Record<string, string>) {
  const c0 = cpuSeconds(proc.pid!);
  const l = load(url, headers);
  const cpuMs = ((cpuSeconds(proc.pid!) - c0) * 1000) / Math.max(1, l.requests);
  report(label, l, cpuMs);
  console.log(`${''.padEnd(40)} server ${rss(proc.pid!)}`);
  return l;
}

async function edge(): Promise<Load | undefined> {
  const exe = path.join(EDGE_DIR, 'unleash-edge');
  if (!existsSync(exe)) { console.log(`Unleash Edge: skipped, ${EDGE_DIR} is absent (it ships in ../shared, not with hpconf)`); return undefined; }
  const port = 18482;
  const [cmd, args] = pinned(0, exe, ['--port', String(port), '--interface', '127.0.0.1', 'offline', '--bootstrap-file', path.join(EDGE_DIR, 'features-469.json'), '--client-tokens', '*:development.benchsecret']);
  const p = spawn(cmd, args, { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/api/client/features`;
  const headers = { authorization: '*:development.benchsecret' };
  try {
    await waitFor(url, headers, p);
    return await measure('Unleash Edge 20.1.0 /api/client/features', p, url, headers);
  } finally {
    await stop(p);
  }
}

async function hpconf(kind: 'pglite' | 'postgres'): Promise<{ plain: Load; etag: Load; body: string; etagValue: string; rssMiB: number } | undefined> {
  let env: Record<string, string | undefined>;
  let drop = async () => {};
  if (kind === 'postgres') {
    if (!process.env.HPCONF_TEST_DATABASE_URL) { console.log('hpconf on PostgreSQL: skipped, HPCONF_TEST_DATABASE_URL is not set'); return undefined; }
    const fresh = await freshPostgresUrl(process.env.HPCONF_TEST_DATABASE_URL);
    env = { ...process.env, DATABASE_URL: fresh.url };
    drop = fresh.drop;
  } else {
    env = { ...process.env, DATABASE_URL: '', HPCONF_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'hpconf-read-')) };
  }
  env.HPCONF_ADMIN_PASSWORD = 'read-bench-password-1';
  const seeded = spawnSync(process.execPath, [BIN, 'seed', '--apply'], { env, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(seeded.stderr);
  const port = kind === 'pglite' ? 18491 : 18492;
  const [cmd, args] = pinned(0, process.execPath, [BIN, 'serve', '--port', String(port)]);
  const p = spawn(cmd, args, { env, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}/api/v1`;
  try {
    await waitFor(`${base}/health`, {}, p);
    // A read-scope API token, made the way an operator would: sign in as admin, create it.
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'read-bench-password-1' }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrf } = await login.json() as { csrf: string };
    const tok = await fetch(`${base}/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify({ name: 'bench', scope: 'read' }) });
    const { token } = await tok.json() as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    const first = await fetch(`${base}/values`, { headers });
    const etag = first.headers.get('etag')!;
    const body = await first.text();
    const store = kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
    const plain = await measure(`hpconf ${store} /api/v1/values`, p, `${base}/values`, headers);
    const cond = await measure(`hpconf ${store} /values, If-None-Match`, p, `${base}/values`, { ...headers, 'if-none-match': etag });
    return { plain, etag: cond, body, etagValue: etag, rssMiB: rssMiB(p.pid!) };
  } finally {
    await stop(p);
    await drop();
  }
}

/** The same body from the 12-line node:http server (bench/minimal-server.mjs), on the same core: the physical anchor. */
async function minimal(body: string, etag: string): Promise<{ plain: Load; etag: Load }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'hpconf-minimal-')), 'body.json');
  writeFileSync(file, body);
  const port = 18493;
  const [cmd, args] = pinned(0, process.execPath, [path.join(ROOT, 'bench', 'minimal-server.mjs'), String(port), file, etag]);
  const p = spawn(cmd, args, { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitFor(url, {}, p);
    return { plain: await measure('minimal node:http, same body', p, url, {}), etag: await measure('minimal node:http, 304', p, url, { 'if-none-match': etag }) };
  } finally {
    await stop(p);
  }
}

if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('build first: npm run build');
console.log(`GET every stored value: server on core 0, autocannon (10 connections, ${SECONDS} s) on core 1`);
const e = await edge();
const results = { pglite: await hpconf('pglite'), postgres: await hpconf('postgres') };
const m = await minimal(results.pglite!.body, results.pglite!.etagValue);
for (const [kind, r] of Object.entries(results)) {
  if (!r) continue;
  console.log(`${kind.padEnd(8)} vs minimal node:http: ${(r.plain.rps / m.plain.rps).toFixed(2)}x req/s on 200s, ${(r.etag.rps / m.etag.rps).toFixed(2)}x on 304s - aim: 0.5x or more`);
}
if (results.pglite && results.postgres) {
  const [a, b] = [results.pglite.rssMiB, results.postgres.rssMiB];
  console.log(`Console RSS after the read load: PGlite ${a.toFixed(0)} MiB, PostgreSQL ${b.toFixed(0)} MiB, ${(a / b).toFixed(2)}x (aim: within 1.5x and 160 MiB) -> ${a / b <= 1.5 && a <= 160 ? 'met' : 'NOT met'}`);
}
if (e) {
  for (const [kind, r] of Object.entries(results)) {
    if (!r) continue;
    console.log(`${kind.padEnd(8)} vs Edge: ${(r.plain.rps / e.rps).toFixed(1)}x req/s (p95 ${r.plain.p95.toFixed(1)} vs ${e.p95.toFixed(1)} ms); ` +
      `with If-None-Match (304) ${(r.etag.rps / e.rps).toFixed(1)}x (p95 ${r.etag.p95.toFixed(1)} ms) - aim: 5x with a lower p95`);
  }
}
