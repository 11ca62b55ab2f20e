import { spawn } from 'node:child_process';
import { HpconfError } from '../../errors/registry.js';
import { eventLine } from '../../resolver/events.js';
import { bisect as search, EndFailed, type BisectResult, type State } from '../../bisect/search.js';
import type { Opts } from '../registry.js';
import { withStore, type Context } from '../context.js';
import { runOf } from '../runs-lookup.js';
import { pythonExe } from '../../ftf/run.js';
import { flatten, groupsOf, isSegment, knownTokens, layersOf, reachesLayers, unknownSegment } from '../../catalog/segments.js';

/** Exit 125 from CMD: this state cannot be tested (as git bisect run). */
const SKIP = 125;

interface Ran { code: number; stdout: string }

function runOnce(cmd: string, args: string[], env: Record<string, string>, err: (s: string) => void): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => err(d.replace(/\n$/, '')));
    child.on('error', (e) => reject(new HpconfError('HPC_EXEC_FAILED', { command: cmd, details: e.message })));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout }));
  });
}

/** The metric: the number on CMD's last non-empty line of standard output. */
export function metricOf(stdout: string): number | null {
  const last = stdout.split('\n').map((l) => l.trim()).filter(Boolean).at(-1);
  if (last === undefined || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(last)) return null;
  const x = Number(last);
  return Number.isFinite(x) ? x : null;
}

/**
 * hpconf bisect --good REV --bad REV -- CMD: which of the keys that differ between two revisions explain a
 * regression of CMD's metric. Each probe is the good state with some keys at their bad values, given to CMD in
 * its environment as `hpconf exec` would (never written to the store). Exit 0 culprits named, 1 inconclusive,
 * 8 CMD failed (or printed no number) at the good or bad state.
 */
export async function bisect(ctx: Context, o: Opts, positionals: string[]): Promise<number> {
  // Two runs and no command: the fine-tune probe built from them (same data, tokens and models; the defaults trial).
  // Options after the runs arrive as arguments (everything after the first one passes through, for `-- CMD`).
  if (o.good === undefined && o.bad === undefined && !positionals.includes('--')) {
    const rest = [...positionals];
    const flags: Opts = { ...o };
    for (let i = 0; i < rest.length;) {
      if (rest[i] === '--json') { flags.json = true; rest.splice(i, 1); } else if (rest[i] === '--repeats') {
        if (!/^[1-9][0-9]*$/.test(rest[i + 1] ?? '')) throw new HpconfError('HPC_USAGE', { details: `--repeats ${rest[i + 1] ?? ''}: a whole number, 1 or more` });
        flags.repeats = Number(rest[i + 1]); rest.splice(i, 2);
      } else i++;
    }
    if (rest.length === 2) return bisectRuns(ctx, flags, rest[0], rest[1]);
  }
  if (positionals[0] === '--') positionals = positionals.slice(1);
  if (!positionals.length) throw new HpconfError('HPC_USAGE', { details: 'no command given: hpconf bisect --good REV --bad REV -- CMD [ARGS...], or hpconf bisect GOOD_RUN BAD_RUN' });
  if (o.good === undefined || o.bad === undefined) throw new HpconfError('HPC_USAGE', { details: 'give both --good REV and --bad REV' });
  const goodRev = o.good as number, badRev = o.bad as number;
  const segment = o.segment as string | undefined;
  if (segment === undefined) {
    const [good, bad] = await withStore(ctx, async (s) => [await s.at(goodRev), await s.at(badRev)] as const);
    return bisectStates(ctx, o, { good, bad, goodLabel: `r${goodRev}`, badLabel: `r${badRev}` }, positionals, !o.lowerIsBetter);
  }
  // A segment: the search runs over what was written (base keys, KEY@SEGMENT overrides, group definitions), so a
  // culprit is named as written; each probe is flattened for the segment, as `hpconf exec --segment` gives it.
  const seg = segment.startsWith('group:') ? segment : segment.toUpperCase();
  if (!isSegment(seg)) throw new HpconfError('HPC_SEGMENT_INVALID', { segment, address: `--segment ${segment}` });
  const [good, bad] = await withStore(ctx, async (s) => [await s.at(goodRev, { layered: true }), await s.at(badRev, { layered: true })] as const);
  if (!seg.startsWith('group:') && !knownTokens(groupsOf(good)).has(seg) && !knownTokens(groupsOf(bad)).has(seg)) throw unknownSegment(seg, groupsOf(bad));
  const names = ctx.catalog.keys.map((k) => k.key);
  const flat = (m: Map<string, string>) => new Map([...flatten(m, groupsOf(m), seg, names)].map(([k, r]) => [k, r.value]));
  // An address of another segment never reaches this one; a group definition or an override of one of its layers may.
  const layers = [...layersOf(seg, groupsOf(good)), ...layersOf(seg, groupsOf(bad))];
  const reaches = (a: string) => reachesLayers(a, layers);
  return bisectStates(ctx, o, { good, bad, goodLabel: `r${goodRev} for ${seg}`, badLabel: `r${badRev} for ${seg}`, flat, reaches, segment: seg }, positionals, !o.lowerIsBetter);
}

/** `hpconf bisect GOOD_RUN BAD_RUN`: the keys between two recorded runs' store states, probed by retraining their defaults. */
async function bisectRuns(ctx: Context, o: Opts, goodRef: string, badRef: string): Promise<number> {
  const [a, b] = [await runOf(ctx, goodRef), await runOf(ctx, badRef)];
  const same = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  const differ = [a.timeframe !== b.timeframe && 'timeframe', !same(a.models, b.models) && 'models', !same(a.tokens, b.tokens) && 'tokens', a.dataDir !== b.dataDir && 'data'].filter(Boolean);
  if (differ.length) throw new HpconfError('HPC_USAGE', { details: `runs ${a.id} and ${b.id} differ in ${differ.join(', ')}: a probe needs the same data, tokens and models` });
  // Layered: a token's overrides and the group definitions are keys like any other; the probe resolves per token.
  const [good, bad] = await withStore(ctx, async (s) => [await (await s.use(a.environment)).at(a.revision, { layered: true }),
    await (await s.use(b.environment)).at(b.revision, { layered: true })] as const);
  const objective = a.configured.CVN_HPO_OBJECTIVE ?? 'f1_buy';
  const mean = (r: typeof a) => { const xs = r.studies.map((s) => s.defaults?.validation.objective ?? s.best?.validation.objective).filter((x): x is number => typeof x === 'number'); return xs.length ? xs.reduce((p, q) => p + q, 0) / xs.length : null; };
  const [ma, mb] = [mean(a), mean(b)];
  ctx.err(`runs: ${a.id} (${a.environment} r${a.revision}, defaults' mean validation ${objective} ${ma?.toFixed(4) ?? '-'}) and ${b.id} (${b.environment} r${b.revision}, ${mb?.toFixed(4) ?? '-'}); the probe retrains the defaults of ${a.models.join(', ')} x ${a.tokens.join(', ')}`);
  const cmd = [pythonExe(ctx.env), '-m', 'hpconf_training.probe', '--models', a.models.join(','), '--tokens', a.tokens.join(','), '--timeframe', a.timeframe, '--data-dir', a.dataDir, '--quote', a.quote ?? 'USDT'];
  return bisectStates(ctx, o, { good, bad, goodLabel: `run ${a.id} (r${a.revision})`, badLabel: `run ${b.id} (r${b.revision})` }, cmd, objective !== 'logloss');
}

interface Ends {
  good: Map<string, string>; bad: Map<string, string>; goodLabel: string; badLabel: string;
  /** With a segment: the state as CMD gets it (flattened), and which written keys can reach it. */
  flat?: (state: Map<string, string>) => Map<string, string>; reaches?: (address: string) => boolean; segment?: string;
}

async function bisectStates(ctx: Context, o: Opts, ends: Ends, positionals: string[], higherIsBetter: boolean): Promise<number> {
  const repeats = (o.repeats as number | undefined) ?? 1;
  if (repeats < 1) throw new HpconfError('HPC_USAGE', { details: '--repeats must be 1 or more' });
  const { good, bad, goodLabel, badLabel } = ends;
  // The keys that differ, in catalog order (then any the catalog no longer has, by name).
  const differ = new Set([...good.keys(), ...bad.keys()].filter((k) => good.get(k) !== bad.get(k) && (ends.reaches?.(k) ?? true)));
  const order = ctx.catalog.keys.map((k) => k.key).filter((k) => differ.has(k));
  const keys = [...order, ...[...differ].filter((k) => !ctx.catalog.byKey.has(k)).sort()];
  const [cmd, ...args] = positionals;
  const inherited = Object.fromEntries(Object.entries(ctx.env).filter(([k, v]) => v !== undefined && !ctx.catalog.byKey.has(k) && !differ.has(k))) as Record<string, string>;
  const shown = ends.flat ?? ((m: Map<string, string>) => m);

  let n = 0;
  const endOf = (applied: readonly string[]) => (applied.length === 0 ? 'good' : applied.length === keys.length ? 'bad' : null);
  const probe = async (applied: readonly string[]): Promise<number[] | 'skip'> => {
    const state = new Map(good);
    for (const k of applied) { const v = bad.get(k); if (v === undefined) state.delete(k); else state.set(k, v); }
    const env = { ...inherited, ...Object.fromEntries(shown(state)), ...(ends.segment ? { HPCONF_SEGMENT: ends.segment } : {}), HPCONF_BISECT_PROBE: String(++n), HPCONF_BISECT_APPLIED: applied.join(',') };
    const samples: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const r = await runOnce(cmd, args, env, ctx.err);
      const end = endOf(applied);
      if (r.code === SKIP) return 'skip';
      const x = r.code === 0 ? metricOf(r.stdout) : null;
      if (x === null) {
        const why = r.code !== 0 ? `exit ${r.code}` : 'its last line of output is not a number';
        if (end) throw new EndFailed(end, `${cmd} at the ${end} state (${end === 'good' ? goodLabel : badLabel}): ${why}`);
        ctx.err(`warning: probe ${n} (${applied.length} key(s) applied): ${why}; the state is skipped`);
        return 'skip';
      }
      samples.push(x);
    }
    ctx.err(eventLine('bisect_probe', { probe: n, applied: applied.length, metric: samples.reduce((a, b) => a + b, 0) / samples.length, repeats }));
    return samples;
  };

  if (!keys.length) {
    ctx.out(`nothing to bisect: ${goodLabel} and ${badLabel} hold the same values`);
    return 1;
  }
  let r: BisectResult;
  try {
    r = await search(keys, probe, { higherIsBetter });
  } catch (e) {
    if (e instanceof EndFailed) throw new HpconfError('HPC_WORKER_FAILED', { count: 1, details: e.message });
    throw e;
  }
  const valueOf = (m: Map<string, string>, k: string) => m.get(k) ?? null;
  if (o.json) {
    const state = (s: State) => ({ applied: s.applied, metric: s.metric, samples: s.samples, verdict: s.verdict });
    ctx.out(JSON.stringify({
      status: r.status, culprits: r.culprits.map((k) => ({ key: k, good: valueOf(good, k), bad: valueOf(bad, k) })),
      probes: r.probes, repeats, keys, good: { state: goodLabel, ...state(r.good) }, bad: { state: badLabel, ...state(r.bad) }, higherIsBetter,
      regression: r.regression, culpritEffect: r.culpritEffect, explained: r.explained, states: r.states.map(state), reason: r.reason,
    }, null, 2));
  } else {
    const f = (x: number | null) => (x === null ? '-' : x.toPrecision(4));
    ctx.out(`${keys.length} key(s) differ between ${goodLabel} and ${badLabel}; metric ${f(r.good.metric)} at good, ${f(r.bad.metric)} at bad `
      + `(regression ${f(r.regression.value)}, 95 % interval [${f(r.regression.lo)}, ${f(r.regression.hi)}])`);
    for (const [i, s] of r.states.entries()) ctx.out(`  probe ${i + 1}: ${s.applied.length} key(s) applied, metric ${f(s.metric)} (${s.verdict})`);
    if (r.status === 'found') {
      const e = r.culpritEffect!;
      ctx.out(`${r.culprits.length === 1 ? 'culprit' : 'culprits'} after ${r.probes} probes x ${repeats} run(s): effect ${f(e.value)} `
        + `[${f(e.lo)}, ${f(e.hi)}], ${Math.round(100 * (r.explained ?? 0))} % of the regression`);
      for (const k of r.culprits) ctx.out(`  ${k}: ${valueOf(good, k) ?? '(unset)'} -> ${valueOf(bad, k) ?? '(unset)'}`);
    } else ctx.out(`inconclusive after ${r.probes} probes: ${r.reason}`);
  }
  return r.status === 'found' ? 0 : 1;
}
