/**
 * Console API: search latency (p50, p95) and list throughput on the real catalog (469 keys) and on
 * a synthetic catalog of 100,000 keys, over real HTTP on loopback; and the time to the first usable
 * render of the main screen in Chromium at 469 and 10,000 keys. Aim: search p95 under 50 ms at 100,000 keys.
 *   node --import tsx bench/console.bench.ts
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { loadBundle } from '../src/catalog/bundle.js';
import { loadCatalog } from '../src/catalog/load.js';
import type { Catalog } from '../src/catalog/types.js';
import { BASELINE_PATH } from '../src/paths.js';
import { authStore } from '../src/console/auth/auth-store.js';
import { startConsole } from '../src/console/serve.js';
import { migrate } from '../src/store/migrations.js';
import { openPglite } from '../src/store/pglite.js';
import { createStore } from '../src/store/store.js';
import { syntheticCatalog } from './synthetic.js';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function consoleOn(catalog: Catalog, values: { key: string; value: string }[]) {
  const db = await openPglite(undefined, {}, { keys: catalog.keys.length });
  await migrate(db);
  const store = createStore(db, catalog);
  const t = performance.now();
  await store.apply(values, { actor: 'bench', actorKind: 'seed', baseRevision: 0 });
  const seedMs = performance.now() - t;
  const auth = authStore(db);
  await auth.createUser('bench', 'bench-password-1', 'admin');
  const token = (await auth.createToken('bench', 'read', { name: 'bench', userId: (await auth.findUser('bench'))!.id })).token;
  const t1 = performance.now();
  const c = await startConsole(store, { port: 0, log: () => {} });
  return { store, c, token, seedMs, startMs: performance.now() - t1 };
}

async function searchBench(label: string, catalog: Catalog, values: { key: string; value: string }[]) {
  const { store, c, token, seedMs, startMs } = await consoleOn(catalog, values);
  const get = async (path: string) => {
    const r = await fetch(`${c.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await r.text();
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${body.slice(0, 200)}`);
    return body;
  };
  let t = performance.now();
  await get('/keys?pageSize=50');
  const firstMs = performance.now() - t;
  const terms = ['5m', 'learning', 'm07 3m p1', 'range_max', 'xgb 1h', 'p2', 'depth', 'm4', 'scale', '15m'];
  const lat: number[] = [];
  for (let i = 0; i < 400; i++) {
    const q = terms[i % terms.length];
    const extra = i % 3 === 0 ? '&kind=default' : i % 3 === 1 ? '&state=set' : '';
    t = performance.now();
    await get(`/keys?q=${encodeURIComponent(q)}&page=${1 + (i % 4)}&pageSize=50${extra}`);
    lat.push(performance.now() - t);
  }
  // Typing: each word letter by letter, every prefix a search of its own (new terms: no cached matches for them).
  const typing: number[] = [];
  for (const w of ['learning', 'depth', 'leaves', 'subsample', 'range_max', 'm07', 'p13', '12m', 'scale', 'synthetic']) {
    for (let l = 1; l <= w.length; l++) {
      t = performance.now();
      await get(`/keys?q=${encodeURIComponent(w.slice(0, l))}&pageSize=50`);
      typing.push(performance.now() - t);
    }
  }
  // Throughput: 8 clients listing pages of 100 for 4 s.
  let n = 0;
  const stop = performance.now() + 4000;
  await Promise.all(Array.from({ length: 8 }, async (_, w) => {
    for (let i = w; performance.now() < stop; i += 8) { await get(`/keys?page=${1 + (i % 5)}&pageSize=100`); n++; }
  }));
  console.log(`${label.padEnd(26)} keys ${catalog.keys.length.toString().padStart(6)}: seed ${seedMs.toFixed(0)} ms; Console start (builds the key view and bodies) ${startMs.toFixed(0)} ms; first search ${firstMs.toFixed(0)} ms; ` +
    `search p50 ${pct(lat, 0.5).toFixed(1)} ms, p95 ${pct(lat, 0.95).toFixed(1)} ms; typing p95 ${pct(typing, 0.95).toFixed(1)} ms; list ${(n / 4).toFixed(0)} req/s (8 clients, 100 keys per page)`);
  await c.close();
  await store.close();
  return { p95: pct(lat, 0.95), typing: pct(typing, 0.95), firstMs };
}

async function renderBench(label: string, catalog: Catalog, values: { key: string; value: string }[]) {
  const exe = process.env.HPCONF_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(exe)) { console.log(`${label}: skipped, no Chromium at ${exe}`); return; }
  const { store, c } = await consoleOn(catalog, values);
  const browser = await chromium.launch({ executablePath: exe, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const ctx = await browser.newContext();
  const login = await ctx.request.post(`${c.url}/api/v1/auth/login`, { data: { username: 'bench', password: 'bench-password-1' } });
  if (login.status() !== 200) throw new Error('login failed');
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const page = await ctx.newPage();
    const t = performance.now();
    await page.goto(`${c.url}/ui/`);
    await page.waitForSelector('#params tbody tr');
    times.push(performance.now() - t);
    await page.close();
  }
  console.log(`${label.padEnd(26)} keys ${catalog.keys.length.toString().padStart(6)}: first usable render (navigation to the first row of the parameter view) median ${pct(times.slice(1), 0.5).toFixed(0)} ms, ` +
    `cold ${times[0].toFixed(0)} ms; runs ${times.map((x) => x.toFixed(0)).join(' ')}`);
  await browser.close();
  await c.close();
  await store.close();
}

const real = loadCatalog();
const realValues = loadBundle(real, BASELINE_PATH).map((e) => ({ key: e.key, value: e.text }));
const big = syntheticCatalog(...(process.env.BENCH_SMOKE ? [8, 4, 5] : [50, 20, 25]) as [number, number, number]);
const mid = syntheticCatalog(...(process.env.BENCH_SMOKE ? [2, 2, 5] : [10, 10, 25]) as [number, number, number]);
const small = await searchBench('real catalog', real, realValues);
const large = await searchBench('synthetic catalog', big.catalog, big.values);
await renderBench('Chromium, real catalog', real, realValues);
await renderBench('Chromium, synthetic', mid.catalog, mid.values);
const ratio = large.p95 / small.p95;
console.log(`search p95 at ${big.catalog.keys.length} keys: ${large.p95.toFixed(1)} ms, ${ratio.toFixed(2)}x the ${real.keys.length}-key catalog's ${small.p95.toFixed(1)} ms (aim: within 2x) -> ${ratio <= 2 ? 'met' : 'NOT met'}; ` +
  `typing p95 ${large.typing.toFixed(1)} ms, ${(large.typing / small.typing).toFixed(2)}x; first search ${large.firstMs.toFixed(0)} ms (aim: within 300 ms) -> ${large.firstMs <= 300 ? 'met' : 'NOT met'}`);
