/**
 * Fleet start: N workers (1,000) ask GET /api/v1/values at the same instant, each on a new connection, half of them
 * with the ETag a restarted worker keeps (304), against a Console pinned to core 0 (the clients on core 1); beside
 * one client alone. Every answer must be 200 or 304: none refused, reset or timed out. Aim: p99 within 1 s.
 *   node --import tsx bench/fleet.bench.ts     (BENCH_FLEET=1000; HPCONF_TEST_DATABASE_URL for PostgreSQL too)
 */
import { spawnSync } from 'node:child_process';
import { request, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { ROOT } from '../src/paths.js';
import { pinned, consoleProcess } from './console-process.js';

const N = Number(process.env.BENCH_FLEET ?? 1000);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** The clients, run in a child pinned to core 1: all N requests leave in one tick, each on its own connection. */
if (process.argv[2] === 'clients') {
  const { port, token, etag, n } = JSON.parse(process.argv[3]) as { port: number; token: string; etag: string; n: number };
  const one = (i: number) => new Promise<{ status: number | string; ms: number }>((resolve) => {
    const t = performance.now();
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(i % 2 ? { 'if-none-match': etag } : {}) };
    const req = request({ host: '127.0.0.1', port, path: '/api/v1/values', headers, agent: false, timeout: 30_000 }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: e.code ?? e.message, ms: performance.now() - t }));
    req.end();
  });
  const r = await Promise.all(Array.from({ length: n }, (_, i) => one(i)));
  process.stdout.write(JSON.stringify(r) + '\n');
  process.exit(0);
}

function clients(port: number, token: string, etag: string, n: number): { status: number | string; ms: number }[] {
  const [cmd, args] = pinned(1, process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'fleet.bench.ts'), 'clients', JSON.stringify({ port, token, etag, n })]);
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`clients failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

async function run(kind: 'pglite' | 'postgres') {
  const port = kind === 'pglite' ? 18511 : 18512;
  const c = await consoleProcess(kind, port, { core: 0 });
  const { base } = c;
  try {
    const token = await c.token('read');
    const etag = (await fetch(`${base}/values`, { headers: { authorization: `Bearer ${token}` } })).headers.get('etag')!;
    const alone = clients(port, token, etag, 1)[0];
    const all = clients(port, token, etag, N);
    const by: Record<string, number> = {};
    for (const r of all) by[r.status] = (by[r.status] ?? 0) + 1;
    const ok = all.filter((r) => r.status === 200 || r.status === 304).length;
    const ms = all.map((r) => r.ms);
    const p99 = pct(ms, 0.99);
    console.log(`${kind.padEnd(8)} ${N} clients at once: ${Object.entries(by).map(([s, c]) => `${c} x ${s}`).join(', ')}; p50 ${pct(ms, 0.5).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms; ` +
      `one client alone ${alone.ms.toFixed(1)} ms (${alone.status}) -> ${ok === N && p99 <= 1000 ? 'met' : 'NOT met'} (aim: all 200/304, p99 within 1 s)`);
  } finally {
    await c.stop();
  }
}

console.log(`fleet start: ${N} workers ask /values at the same instant, each on a new connection (Console on core 0, clients on core 1)`);
await run('pglite');
if (process.env.HPCONF_TEST_DATABASE_URL) await run('postgres'); else console.log('postgres: skipped, HPCONF_TEST_DATABASE_URL is not set');
