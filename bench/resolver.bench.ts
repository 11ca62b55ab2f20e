/**
 * Resolver cost per call against the bare minimum a caller could do instead: read the
 * environment variable and parse it. Aim: under 2x. Prints ns per call and the ratio.
 *   node --import tsx bench/resolver.bench.ts
 */
import { createResolver } from '../src/resolver/resolver.js';
import { baselineEnv } from '../src/resolver/vectors.js';
import { median } from './stats.js';

Object.assign(process.env, baselineEnv());
const r = createResolver({ log: () => {} });
const calls: [string, string, string][] = [];
for (const model of ['XGB', 'LGB', 'CB']) {
  for (const [p, d] of Object.entries(r.catalog.file.models[model].params)) if (d.search) calls.push([model, '5M', p]);
}
const keys = calls.map(([m, t, p]) => `CVN_HPO_${m}_${t}_${p}`);
const N = Number(process.argv[2] ?? 300_000);

function time(label: string, fn: (i: number) => unknown): number {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += Number(fn(i)) || 0; // warm up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) sink += Number(fn(i)) || 0;
  const ns = Number(process.hrtime.bigint() - t0) / N;
  console.log(`${label.padEnd(44)} ${ns.toFixed(0).padStart(6)} ns/call  (checksum ${sink.toFixed(0)})`);
  return ns;
}

const n = calls.length;
const raw = time('raw: Number(process.env[key].trim())', (i) => Number(process.env[keys[i % n]]!.trim()));
const res = time('resolver.resolve(model, tf, param)', (i) => { const c = calls[i % n]; return r.resolve(c[0], c[1], c[2]); });
const rawLower = time('raw, names lower case', (i) => Number(process.env[keys[i % n]]!.trim()));
const resLower = time('resolver.resolve(xgb, 5m, param) lower case', (i) => { const c = calls[i % n]; return r.resolve(c[0].toLowerCase(), '5m', c[2]); });
console.log(`ratio resolver/raw: ${(res / raw).toFixed(2)}x (lower-case names: ${(resLower / rawLower).toFixed(2)}x); ${n} keys rotated, N=${N}`);

// A worker's whole set: every key of one model and timeframe with the globals (resolveAll), against
// reading and parsing the same keys raw; cold (a new resolver each time) and warm (memoised).
const setKeys = [...r.catalog.groups.get('XGB|5M')!, ...r.catalog.globals];
const parseRaw = (k: (typeof setKeys)[number]) => { const s = process.env[k.key]!.trim(); return k.type === 'enum' ? s.length : Number(s); };
const M = Math.max(2000, Math.floor(N / 50));
function timeSet(label: string, fn: () => number, iters: number): number {
  let sink = 0;
  for (let i = 0; i < 200; i++) sink += fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iters; i++) sink += fn();
  const us = Number(process.hrtime.bigint() - t0) / iters / 1000;
  console.log(`${label.padEnd(44)} ${us.toFixed(1).padStart(8)} us/set  (checksum ${sink.toFixed(0)})`);
  return us;
}
const rawSet = timeSet(`raw: ${setKeys.length} keys of XGB 5m read and parsed`, () => { let s = 0; for (const k of setKeys) s += parseRaw(k); return s; }, M);
const warm = timeSet('resolveAll(xgb, 5m), warm (memoised)', () => Object.keys(r.resolveAll('XGB', '5M').defaults).length, M);
const cold = timeSet('resolveAll(xgb, 5m), cold (a new resolver)', () => Object.keys(createResolver({ log: () => {} }).resolveAll('XGB', '5M').defaults).length, Math.floor(M / 20));
const allKeys = r.catalog.keys;
const sets = r.catalog.models.flatMap((m) => r.catalog.timeframes.map((t) => [m, t] as const));
// Each round is about 0.1 s, so one GC or tier-up swings it: five rounds interleaved, the medians compared.
const rounds: [number[], number[]] = [[], []];
for (let i = 0; i < 5; i++) {
  rounds[0].push(timeSet(`raw: all ${allKeys.length} keys read and parsed`, () => { let s = 0; for (const k of allKeys) s += parseRaw(k); return s; }, Math.floor(M / 5)));
  rounds[1].push(timeSet(`resolveAll for all ${sets.length} sets, warm`, () => { let s = 0; for (const [m, t] of sets) s += Object.keys(r.resolveAll(m, t).defaults).length; return s; }, Math.floor(M / 5)));
}
const [rawAll, warmAll] = rounds.map(median);
console.log(`worker's full set: warm ${(warm / rawSet).toFixed(2)}x raw, cold ${(cold / rawSet).toFixed(1)}x raw (once per process); all ${allKeys.length} keys warm ${(warmAll / rawAll).toFixed(2)}x raw, median of 5 rounds (aim: within 2x warm)`);

// The same set for a segment (UNI: its overrides, its group's, then the base) over a layered snapshot: a worker
// that resolves per token. Aim: within 1.5x of the plain warm figure.
const layered: Record<string, string> = { ...Object.fromEntries(allKeys.map((k) => [k.key, process.env[k.key]!])), 'group:defi_top5': 'UNI,AAVE,LINK,MKR,CRV;priority=10' };
for (const [i, k] of setKeys.entries()) if (i % 4 === 0 && k.kind === 'default') layered[`${k.key}@${i % 8 === 0 ? 'UNI' : 'group:defi_top5'}`] = process.env[k.key]!;
const seg = createResolver({ env: layered, segment: 'UNI', log: () => {} });
const warmSeg = timeSet('resolveAll(xgb, 5m) for segment UNI, warm', () => Object.keys(seg.resolveAll('XGB', '5M').defaults).length, M);
const coldSeg = timeSet('the same, cold (a new resolver, flattening)', () => Object.keys(createResolver({ env: layered, segment: 'UNI', log: () => {} }).resolveAll('XGB', '5M').defaults).length, Math.floor(M / 20));
// process.env is a slow getter in Node: the fair anchor is the plain resolver over a plain object snapshot too.
const snap = Object.fromEntries(allKeys.map((k) => [k.key, process.env[k.key]!]));
const plainObj = createResolver({ env: snap, log: () => {} });
const warmObj = timeSet('resolveAll(xgb, 5m), warm, over a snapshot', () => Object.keys(plainObj.resolveAll('XGB', '5M').defaults).length, M);
console.log(`segment UNI: warm ${(warmSeg / warmObj).toFixed(2)}x the plain warm set over the same kind of snapshot (aim: within 1.5x; ${(warmSeg / warm).toFixed(2)}x the one over process.env), cold ${(coldSeg / cold).toFixed(2)}x the plain cold one`);

// Loading the SDK in a fresh process (the built entry users import) beside an empty Node.
const { spawnSync } = await import('node:child_process');
const { fileURLToPath } = await import('node:url');
const entry = fileURLToPath(new URL('../dist/resolver.js', import.meta.url));
const startMs = (code: string) => {
  const t: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const p = spawnSync(process.execPath, ['--input-type=module', '-e', code], { stdio: 'inherit' });
    if (p.status !== 0) throw new Error(`node -e ${code} failed`);
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[7];
};
if ((await import('node:fs')).existsSync(entry)) {
  const base = startMs('0');
  const imp = startMs(`await import(${JSON.stringify(entry)})`);
  console.log(`node: import 'hpconf/resolver' ${imp.toFixed(0)} ms beside an empty node ${base.toFixed(0)} ms: ${(imp / base).toFixed(2)}x`);
} else {
  console.log('import time skipped: run `npm run build` first (dist/resolver.js)');
}
