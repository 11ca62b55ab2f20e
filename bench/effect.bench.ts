/**
 * Edit to effect: how long after an API write (a) a live subscriber of GET /api/v1/events sees the
 * new revision, and (b) a new `hpconf export` process prints the new value, beside how long that
 * process takes when nothing changed (its start-up). On PGlite (the CLI reaches the store through
 * the Console holding it) and on PostgreSQL (the CLI opens the database). Median and max of 20 edits.
 * Aim: SSE median under 50 ms, max under 200 ms; a new process sees the change as soon as it has started.
 *   node --import tsx bench/effect.bench.ts     (HPCONF_TEST_DATABASE_URL for PostgreSQL)
 */
import { spawn } from 'node:child_process';
import { BIN, consoleProcess } from './console-process.js';

const N = Number(process.env.BENCH_EDITS ?? 200);
/** New `hpconf export` processes: two per edit for the first few edits. */
const PROCESS_EDITS = Math.min(N, 20);
const KEY = 'CVN_HPO_XGB_5M_LEARNING_RATE';
const stats = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return { median: s[Math.floor(s.length / 2)], max: s[s.length - 1] }; };

/** An SSE subscriber that resolves waiters when a `revision` event at or past a revision arrives. */
async function subscribe(url: string, token: string) {
  const ac = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal });
  const waiters: { rev: number; resolve: (t: number) => void }[] = [];
  let seen = 0;
  (async () => {
    const dec = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += dec.decode(chunk, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const ev = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = /^data: (.*)$/m.exec(ev)?.[1];
          if (/^event: revision$/m.test(ev) && data) {
            seen = JSON.parse(data).revision;
            const t = performance.now();
            for (const w of waiters.splice(0)) if (seen >= w.rev) w.resolve(t); else waiters.push(w);
          }
        }
      }
    } catch { /* aborted */ }
  })();
  return {
    /** When an event at or past `rev` arrived; NaN when none did within 5 s (lost). */
    until: (rev: number) => new Promise<number>((resolve) => {
      if (seen >= rev) { resolve(performance.now()); return; }
      const w = { rev, resolve: (t: number) => { clearTimeout(timer); resolve(t); } };
      const timer = setTimeout(() => { waiters.splice(waiters.indexOf(w), 1); resolve(NaN); }, 5000);
      waiters.push(w);
    }),
    close: () => ac.abort(),
  };
}

async function run(kind: 'pglite' | 'postgres') {
  const con = await consoleProcess(kind, kind === 'pglite' ? 18501 : 18502);
  const { env, base } = con;
  try {
    const writer = await con.token('write');
    const sse = await subscribe(`${base}/events`, await con.token('read'));
    const write = async (value: string) => {
      const r = await fetch(`${base}/keys/${KEY}`, { method: 'PUT', headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/json' }, body: JSON.stringify({ value, reason: 'effect bench' }) });
      if (!r.ok) throw new Error(`write: ${r.status} ${await r.text()}`);
      return (await r.json() as { revision: number }).revision;
    };
    const exportHas = (value: string) => new Promise<number>((resolve, reject) => {
      const x = spawn(process.execPath, [BIN, 'export', '--format', 'dotenv'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      x.stdout.on('data', (b: Buffer) => { out += b; });
      x.once('exit', (code) => {
        const t = performance.now();
        if (code !== 0 || !out.includes(`${KEY}=${value}\n`)) reject(new Error(`export (${code}) did not print ${KEY}=${value}`)); else resolve(t);
      });
    });
    const sseMs: number[] = [];
    const replyMs: number[] = [];
    const lateMs: number[] = [];
    let lost = 0;
    const procMs: number[] = [];
    const idleMs: number[] = [];
    for (let i = 0; i < N; i++) {
      const value = (0.05 + (i % 2) * 0.01).toFixed(2);
      // (a) API write -> SSE event, beside the write's own reply
      let t0 = performance.now();
      const rev = await write(value);
      const replied = performance.now();
      const at = await sse.until(rev);
      if (Number.isNaN(at)) { lost++; continue; }
      sseMs.push(at - t0);
      replyMs.push(replied - t0);
      lateMs.push(at - replied);
      if (i >= PROCESS_EDITS) continue;
      // (b) the next edit -> a new process started after the write answers prints the new value
      const v2 = (0.08 + (i % 2) * 0.01).toFixed(2); // inside the stored range [0.05, 0.15]
      t0 = performance.now();
      await write(v2);
      procMs.push((await exportHas(v2)) - t0);
      // the same process when nothing changed: its own start-up and read
      t0 = performance.now();
      idleMs.push((await exportHas(v2)) - t0);
    }
    sse.close();
    const a = stats(sseMs);
    const b = stats(procMs);
    const c = stats(idleMs);
    const r = stats(replyMs);
    const late = stats(lateMs);
    console.log(`${kind.padEnd(8)} API write -> SSE event, ${N} edits: median ${a.median.toFixed(1)} ms, max ${a.max.toFixed(1)} ms; the write's reply: median ${r.median.toFixed(1)} ms, max ${r.max.toFixed(1)} ms; ` +
      `event after the reply: max ${late.max.toFixed(1)} ms (aim: within 50 ms) -> ${late.max <= 50 && !lost ? 'met' : 'NOT met'}; lost ${lost}`);
    console.log(`${kind.padEnd(8)} API write -> new \`hpconf export\` prints it: median ${b.median.toFixed(0)} ms, max ${b.max.toFixed(0)} ms; ` +
      `the same export with nothing changed: median ${c.median.toFixed(0)} ms (${(b.median / c.median).toFixed(2)}x: the change is seen as soon as the process has started)`);
  } finally {
    await con.stop();
  }
}

console.log(`edit to effect, ${N} edits each, new processes for the first ${PROCESS_EDITS} (the Console and the CLI as separate processes)`);
await run('pglite');
if (process.env.HPCONF_TEST_DATABASE_URL) await run('postgres'); else console.log('postgres: skipped, HPCONF_TEST_DATABASE_URL is not set');
