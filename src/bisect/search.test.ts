import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bisect, EndFailed, type Probe } from './search.js';
import { difference, t975 } from './stats.js';

const KEYS = Array.from({ length: 18 }, (_, i) => `CVN_K${String(i).padStart(2, '0')}`);

/** A seeded normal generator (mulberry32 + Box-Muller), so every figure here is reproducible. */
function normal(seed: number): () => number {
  let a = seed >>> 0;
  const u = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  return () => Math.sqrt(-2 * Math.log(u() || 1e-12)) * Math.cos(2 * Math.PI * u());
}

/** A probe whose metric is 1 minus the harm of the applied keys, plus noise; `repeats` samples per state. */
function synthetic(harm: (applied: Set<string>) => number, o: { sigma?: number; seed?: number; repeats?: number; skip?: (a: Set<string>) => boolean } = {}): Probe & { calls: number } {
  const z = normal(o.seed ?? 1);
  const p = (async (applied: readonly string[]) => {
    p.calls++;
    const s = new Set(applied);
    if (o.skip?.(s)) return 'skip' as const;
    return Array.from({ length: o.repeats ?? 1 }, () => 1 - harm(s) + (o.sigma ?? 0) * z());
  }) as Probe & { calls: number };
  p.calls = 0;
  return p;
}

test('one culprit among 18, wherever it is: named in at most 8 probes, the two ends included', async () => {
  const worst = [];
  for (const culprit of KEYS) {
    const r = await bisect(KEYS, synthetic((a) => (a.has(culprit) ? 0.5 : 0)), { higherIsBetter: true });
    assert.equal(r.status, 'found');
    assert.deepEqual(r.culprits, [culprit]);
    assert.ok(r.probes <= 8, `${culprit}: ${r.probes} probes`);
    worst.push(r.probes);
  }
  assert.equal(Math.max(...worst), 8);
});

test('an interacting pair (each harmless alone) is named in at most 16 probes, for every pair of positions', async () => {
  let max = 0;
  for (let i = 0; i < KEYS.length; i++) for (let j = i + 1; j < KEYS.length; j++) {
    const [a, b] = [KEYS[i], KEYS[j]];
    const r = await bisect(KEYS, synthetic((s) => (s.has(a) && s.has(b) ? 0.4 : 0)), { higherIsBetter: true });
    assert.deepEqual([r.status, r.culprits], ['found', [a, b]], `${a} ${b}`);
    max = Math.max(max, r.probes);
  }
  assert.ok(max <= 16, `${max} probes at worst`);
});

test('two keys that each cost half of the regression are both named (the first alone explains too little)', async () => {
  const r = await bisect(KEYS, synthetic((s) => (s.has('CVN_K03') ? 0.3 : 0) + (s.has('CVN_K12') ? 0.3 : 0)), { higherIsBetter: true });
  assert.deepEqual([r.status, r.culprits], ['found', ['CVN_K03', 'CVN_K12']]);
  assert.ok(Math.abs(r.explained! - 1) < 1e-9);
});

test('lower is better: a loss that rises is the regression', async () => {
  const probe: Probe = async (a) => [a.includes('CVN_K07') ? 0.9 : 0.5];
  const r = await bisect(KEYS, probe, { higherIsBetter: false });
  assert.deepEqual([r.status, r.culprits], ['found', ['CVN_K07']]);
  const up = await bisect(KEYS, probe, { higherIsBetter: true });
  assert.equal(up.status, 'inconclusive', 'with higher-is-better the bad end is better: nothing to bisect');
  assert.match(up.reason!, /no regression/);
});

test('with noise: a planted culprit, 20 seeds, 5 repeats: the right key in 19 or more, another in at most 1', async () => {
  let wrong = 0, right = 0;
  for (let seed = 1; seed <= 20; seed++) {
    const culprit = KEYS[(seed * 7) % KEYS.length];
    const r = await bisect(KEYS, synthetic((s) => (s.has(culprit) ? 0.2 : 0), { sigma: 0.05, seed, repeats: 5 }), { higherIsBetter: true });
    if (r.status === 'found' && r.culprits.length === 1 && r.culprits[0] === culprit) right++;
    else if (r.status === 'found') wrong++;
  }
  assert.ok(wrong <= 1, `false attribution in ${wrong} of 20 (at most 5 %)`);
  assert.ok(right >= 19, `found in ${right} of 20`);
});

test('noise only (no key matters), 5 repeats: no culprit is named in at least 19 of 20 seeds; the refusal says why', async () => {
  let named = 0;
  for (let seed = 1; seed <= 20; seed++) {
    const r = await bisect(KEYS, synthetic(() => 0, { sigma: 0.05, seed: 100 + seed, repeats: 5 }), { higherIsBetter: true });
    if (r.status === 'found') named++;
    else assert.match(r.reason!, /not distinguishable from noise|no regression/);
  }
  assert.ok(named <= 1, `a culprit named in ${named} of 20 noise-only cases`);
});

test('an effect smaller than the noise with one repeat per state cannot be told from it: inconclusive, exit path', async () => {
  // Five repeats each, a true effect of 0.01 under noise 0.2: the regression's interval spans 0.
  const r = await bisect(KEYS, synthetic((s) => (s.has('CVN_K02') ? 0.01 : 0), { sigma: 0.2, seed: 5, repeats: 5 }), { higherIsBetter: true });
  assert.equal(r.status, 'inconclusive');
  assert.ok(r.regression.lo <= 0 && r.regression.hi > 0);
  assert.equal(r.probes, 2, 'nothing is probed past the two ends when the regression itself is noise');
});

test('a skipped state (exit 125) is stepped around; skipping an end is an error', async () => {
  // Every state with K08 applied but not K09 cannot be tested (the first split is one): the search still finds K10.
  const r = await bisect(KEYS, synthetic((s) => (s.has('CVN_K10') ? 0.5 : 0), { skip: (s) => s.has('CVN_K08') && !s.has('CVN_K09') }), { higherIsBetter: true });
  assert.deepEqual([r.status, r.culprits], ['found', ['CVN_K10']]);
  assert.ok(r.states.some((s) => s.verdict === 'skip'));
  await assert.rejects(bisect(KEYS, synthetic(() => 0, { skip: (s) => s.size === 0 }), { higherIsBetter: true }), (e) => e instanceof EndFailed && e.end === 'good');
  // Everything between the ends skipped: inconclusive, naming where the culprit must be.
  const all = await bisect(['A', 'B', 'C'], synthetic((s) => (s.has('B') ? 1 : 0), { skip: (s) => s.size > 0 && s.size < 3 }), { higherIsBetter: true });
  assert.equal(all.status, 'inconclusive');
  assert.match(all.reason!, /among A, B, C/);
});

test('states are probed once each (cached), and probes counts them, the ends included', async () => {
  const p = synthetic((s) => (s.has('CVN_K00') ? 1 : 0));
  const r = await bisect(KEYS, p, { higherIsBetter: true });
  assert.equal(p.calls, r.probes);
  assert.equal(r.states.length, r.probes);
  assert.deepEqual(r.states.slice(0, 2).map((s) => s.applied.length), [0, 18]);
});

test('Welch interval: known figures', () => {
  assert.equal(t975(1), 12.706);
  assert.equal(t975(100), 1.96);
  const d = difference([1, 2, 3], [1, 2, 3]);
  assert.equal(d.value, 0);
  assert.ok(Math.abs(d.hi - 2.776 * Math.sqrt(2 / 3)) < 1e-3, String(d.hi)); // df 4, se sqrt(1/3 + 1/3)
  assert.deepEqual(difference([2], [1]), { value: 1, lo: 1, hi: 1 });
});
