/**
 * Resolver cost per call against the bare minimum a caller could do instead: read the
 * environment variable and parse it. Aim: under 2x. Prints ns per call and the ratio.
 *   node --import tsx bench/resolver.bench.ts
 */
import { createResolver } from '../src/resolver/resolver.js';
import { baselineEnv } from '../src/resolver/vectors.js';

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
