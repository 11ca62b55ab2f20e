import { HpconfError } from '../errors/registry.js';
import { loadCatalog } from '../catalog/load.js';
import {
  REDACTED, checkRange, checkRule, checkState, checkValue, missingProblem, paramKey, type Lookup, type Problem,
} from '../catalog/check.js';
import { coverage, type Coverage } from '../catalog/coverage.js';
import { didYouMean } from '../catalog/suggest.js';
import type { Catalog, KeySpec } from '../catalog/types.js';
import { formatValue, type Value } from './grammar.js';
import { hostname } from 'node:os';
import { eventLine } from './events.js';
import { BASE, flatten, groupsOf, isSegment } from '../catalog/segments.js';

export type Source = 'env' | 'fallback' | 'hpo';
export interface Resolution { key: string; value: Value; source: Source }
export interface HpoRange { min: number; max: number; scale: string }
export interface OptunaDistribution {
  name: 'IntDistribution' | 'FloatDistribution';
  attributes: { low: number; high: number; log: boolean; step: number | null };
}
export interface ResolvedSet { defaults: Record<string, Value>; ranges: Record<string, HpoRange>; globals: Record<string, Value> }

export interface ResolverOptions {
  env?: Record<string, string | undefined>;
  catalog?: Catalog;
  /** Where WARN lines go; stderr by default. */
  log?: (line: string) => void;
  /**
   * Also report each fallback to a Console (best effort: never awaited, never failing the caller).
   * Defaults to HPCONF_REPORT_URL with the API token in HPCONF_TOKEN, when both are set.
   */
  report?: { url: string; token: string };
  /**
   * Resolve for a segment (a token, `UNI`, or `group:NAME`) over a layered snapshot (`env` holding base keys,
   * overrides `KEY@SEGMENT` and group definitions `group:NAME`, as a Console's `/values?layered=1` gives):
   * each key reads the token, then its groups by priority, then the base. `layer(key)` says which gave it.
   */
  segment?: string;
}

/** Fire-and-forget: a Console that is down or slow must not hold up or fail a training. */
function reportFallback(r: { url: string; token: string }, key: string, fallback: string): void {
  fetch(`${r.url.replace(/\/+$/, '')}/api/v1/fallbacks`, {
    method: 'POST', headers: { authorization: `Bearer ${r.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key, fallback, host: hostname() }), signal: AbortSignal.timeout(2000),
  }).catch(() => {});
}

/** One problem throws its own error; several throw one error that lists them all. */
export function raise(problems: Problem[], scope: string): never {
  if (problems.length === 1) throw new HpconfError(problems[0].code, problems[0].params, problems);
  const details = problems.map((p) => ` - ${p.message}`).join('\n');
  throw new HpconfError('HPC_RESOLVE_FAILED', { count: problems.length, scope, details }, problems);
}

function flattenFor(catalog: Catalog, env: Record<string, string | undefined>, segment: string, layers: Map<string, string>): Record<string, string | undefined> {
  if (!isSegment(segment)) throw new HpconfError('HPC_SEGMENT_INVALID', { segment, address: `segment ${segment}` });
  const state = new Map(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const flat = flatten(state, groupsOf(state), segment, catalog.keys.map((k) => k.key));
  const out: Record<string, string | undefined> = {};
  for (const [k, r] of flat) { out[k] = r.value; layers.set(k, r.layer); }
  return out;
}

export function createResolver(opts: ResolverOptions = {}) {
  const catalog = opts.catalog ?? loadCatalog();
  const given = opts.env ?? process.env;
  // A segment is flattened once to the base names: every read below is the plain lookup it always was.
  const layers = new Map<string, string>();
  const env: Record<string, string | undefined> = opts.segment === undefined ? given : flattenFor(catalog, given, opts.segment, layers);
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const ledger = new Map<string, Resolution>();
  const report = opts.report ?? (env.HPCONF_REPORT_URL && env.HPCONF_TOKEN ? { url: env.HPCONF_REPORT_URL, token: env.HPCONF_TOKEN } : undefined);
  const { file } = catalog;

  function model_(model: string): string {
    const m = model.toUpperCase();
    if (!file.models[m]) throw new HpconfError('HPC_MODEL_UNKNOWN', { model, known: catalog.models.join(', ') });
    return m;
  }
  function timeframe_(tf: string): string {
    const t = tf.toUpperCase();
    if (!catalog.timeframes.includes(t)) throw new HpconfError('HPC_TIMEFRAME_UNKNOWN', { timeframe: tf, known: catalog.timeframes.join(', ') });
    return t;
  }
  function param_(m: string, param: string): string {
    const p = param.toUpperCase();
    const params = file.models[m].params;
    if (!params[p]) throw new HpconfError('HPC_PARAM_UNKNOWN', { param, model: m, hint: didYouMean(p, Object.keys(params)) });
    return p;
  }
  function record(key: string, value: Value, source: Source): Value {
    ledger.set(key, { key, value, source });
    return value;
  }
  /** Valid values from the environment only: what rules read for the other keys. */
  const envLookup: Lookup = (key) => {
    const spec = catalog.byKey.get(key);
    if (!spec) return undefined;
    const r = checkValue(spec, env[key]);
    return r.kind === 'ok' ? r.value : undefined;
  };

  function errorRulesFor(m: string, t: string, p: string, get: Lookup): Problem[] {
    const out: Problem[] = [];
    for (const rule of file.rules) {
      if (rule.model !== m || rule.severity !== 'error') continue;
      if (rule.if.param !== p && rule.then.param !== p && rule.if.pow2Of !== p && rule.then.pow2Of !== p) continue;
      out.push(...checkRule(catalog, rule, t, get));
    }
    return out;
  }

  function fallbackLine(spec: KeySpec, value: Value): string {
    return eventLine('hpo_fallback_applied', {
      model: spec.model, timeframe: spec.timeframe, param: spec.param, key: spec.key,
      fallback: spec.secret ? REDACTED : formatValue(value), reason: 'env_key_missing',
    });
  }

  /** Read, parse and check one key; use the fallback only when the key is missing. */
  function resolveSpec(spec: KeySpec, fallback: Value | undefined, rules: (get: Lookup) => Problem[]): Value {
    const r = checkValue(spec, env[spec.key]);
    if (r.kind === 'error') raise([r.problem], spec.key);
    let value: Value;
    let source: Source = 'env';
    if (r.kind === 'ok') value = r.value;
    else {
      if (fallback === undefined) raise([missingProblem(spec.key)], spec.key);
      const f = checkValue(spec, formatValue(fallback));
      if (f.kind !== 'ok') {
        const reason = f.kind === 'error' ? f.problem.message : 'empty';
        throw new HpconfError('HPC_FALLBACK_INVALID', { key: spec.key, reason });
      }
      value = f.value;
      source = 'fallback';
    }
    const broken = rules((k) => (k === spec.key ? value : envLookup(k)));
    if (broken.length) raise(broken, spec.key);
    if (source === 'fallback') {
      log(fallbackLine(spec, value));
      if (report) reportFallback(report, spec.key, spec.secret ? REDACTED : formatValue(value));
    }
    return record(spec.key, value, source);
  }

  /**
   * Per (model, timeframe, param) as the caller spells them, built once: the key's spec, its rule
   * check, the other keys that check reads, and the last answer memoised on all of their texts.
   */
  interface Plan { spec: KeySpec; rules: (get: Lookup) => Problem[]; deps: string[]; texts?: string; last?: Resolution }
  const plans = new Map<string, Plan>();
  const noRules = (): Problem[] => [];

  function plan(model: string, timeframe: string, param: string): Plan {
    const m = model_(model);
    const t = timeframe_(timeframe);
    const p = param_(m, param);
    const spec = catalog.byKey.get(paramKey(catalog, m, t, p, 'default'))!;
    const rules = file.rules.filter((r) => r.model === m && r.severity === 'error' &&
      [r.if.param, r.then.param, r.if.pow2Of, r.then.pow2Of].includes(p));
    const deps = new Set<string>();
    for (const r of rules) {
      for (const c of [r.if, r.then]) {
        for (const part of c.parts) deps.add(paramKey(catalog, m, t, c.param, part));
        if (c.pow2Of) deps.add(paramKey(catalog, m, t, c.pow2Of, 'default'));
      }
    }
    deps.delete(spec.key);
    return { spec, rules: rules.length ? (get) => errorRulesFor(m, t, p, get) : noRules, deps: [...deps].sort() };
  }

  /** The typed default of one parameter. */
  function resolve(model: string, timeframe: string, param: string, fallback?: Value): Value {
    const id = `${model}|${timeframe}|${param}`;
    let pl = plans.get(id);
    if (!pl) plans.set(id, (pl = plan(model, timeframe, param)));
    const raw = env[pl.spec.key];
    // \u0000 cannot occur in an environment value, so it separates the texts unambiguously.
    const texts = pl.deps.length ? [raw, ...pl.deps.map((k) => env[k] ?? '\u0001')].join('\u0000') : raw;
    if (raw !== undefined && texts === pl.texts && pl.last) {
      ledger.set(pl.spec.key, pl.last);
      return pl.last.value;
    }
    const v = resolveSpec(pl.spec, fallback, pl.rules);
    const last = ledger.get(pl.spec.key)!;
    if (last.source === 'env') { pl.texts = texts; pl.last = last; }
    return v;
  }

  /**
   * Whole answers (a key, a range, a model's set) memoised on the raw texts of every key they read:
   * a repeated call costs those environment reads and comparisons; any changed text recomputes.
   */
  interface Memo { keys: string[]; texts: (string | undefined)[]; value: unknown; resolutions: Resolution[] }
  const memos = new Map<string, Memo>();
  function recall<T>(id: string): T | undefined {
    const m = memos.get(id);
    if (!m) return undefined;
    for (let i = 0; i < m.keys.length; i++) if (env[m.keys[i]] !== m.texts[i]) return undefined;
    for (const r of m.resolutions) ledger.set(r.key, r);
    return m.value as T;
  }
  function remember<T>(id: string, keys: string[], texts: (string | undefined)[], value: T, recorded: string[]): T {
    memos.set(id, { keys, texts, value, resolutions: recorded.map((k) => ledger.get(k)!) });
    return value;
  }
  /** Every key an error rule of this model reads in this timeframe (what a key's answer also depends on). */
  function ruleDeps(m: string, t: string, p: string): string[] {
    const deps = new Set<string>();
    for (const r of file.rules) {
      if (r.model !== m || r.severity !== 'error' || ![r.if.param, r.then.param, r.if.pow2Of, r.then.pow2Of].includes(p)) continue;
      for (const c of [r.if, r.then]) {
        for (const part of c.parts) deps.add(paramKey(catalog, m, t, c.param, part));
        if (c.pow2Of) deps.add(paramKey(catalog, m, t, c.pow2Of, 'default'));
      }
    }
    return [...deps].sort();
  }

  /** A cross-cutting key (CVN_EARLY_STOPPING_ROUNDS...) or any catalog key by name, memoised on its texts. */
  function resolveKey(key: string, fallback?: Value): Value {
    const hit = recall<Value>(`key|${key}`);
    if (hit !== undefined) return hit;
    const spec = catalog.byKey.get(key);
    if (!spec) throw new HpconfError('HPC_KEY_UNKNOWN', { key, hint: didYouMean(key, catalog.byKey.keys()) });
    const rules = spec.model ? (get: Lookup) => errorRulesFor(spec.model!, spec.timeframe!, spec.param!, get) : () => [];
    const keys = [key, ...(spec.model ? ruleDeps(spec.model, spec.timeframe!, spec.param!).filter((k) => k !== key) : [])];
    const texts = keys.map((k) => env[k]);
    const v = resolveSpec(spec, fallback, rules);
    return ledger.get(key)!.source === 'env' ? remember(`key|${key}`, keys, texts, v, [key]) : v;
  }

  /** (min, max, scale) of a searchable parameter: all three keys required, no fallback. */
  function resolveHpoRange(model: string, timeframe: string, param: string): HpoRange {
    const id = `range|${model}|${timeframe}|${param}`;
    const hit = recall<HpoRange>(id);
    if (hit) return { ...hit };
    const m = model_(model);
    const t = timeframe_(timeframe);
    const p = param_(m, param);
    if (!file.models[m].params[p].search) throw new HpconfError('HPC_PARAM_NOT_SEARCHABLE', { model: m, param: p });
    const parts = (['min', 'max', 'scale'] as const).map((part) => paramKey(catalog, m, t, p, part));
    const keys = [...parts, ...ruleDeps(m, t, p).filter((k) => !parts.includes(k))];
    const texts = keys.map((k) => env[k]);
    const problems: Problem[] = [];
    const got = new Map<string, Value>();
    for (const part of ['min', 'max', 'scale'] as const) {
      const key = paramKey(catalog, m, t, p, part);
      const r = checkValue(catalog.byKey.get(key)!, env[key]);
      if (r.kind === 'ok') got.set(key, r.value);
      else problems.push(r.kind === 'missing' ? missingProblem(key) : r.problem);
    }
    const lookup: Lookup = (k) => (got.has(k) ? got.get(k) : envLookup(k));
    problems.push(...checkRange(catalog, m, t, p, lookup), ...errorRulesFor(m, t, p, lookup));
    if (problems.length) raise(problems, `${m} ${t} ${p} range`);
    for (const [k, v] of got) record(k, v, 'env');
    const [min, max, scale] = [...got.values()] as [number, number, string];
    return { ...remember(id, keys, texts, Object.freeze({ min, max, scale }), parts) };
  }

  /** Every key of a model and timeframe (and the globals), checked together: one error lists every problem. */
  const setKeys = new Map<string, string[]>();
  function resolveAll(model: string, timeframe: string): ResolvedSet {
    const id = `all|${model}|${timeframe}`;
    const copy = (r: ResolvedSet): ResolvedSet => ({ defaults: { ...r.defaults }, ranges: { ...r.ranges }, globals: { ...r.globals } });
    const hit = recall<ResolvedSet>(id);
    if (hit) return copy(hit);
    const m = model_(model);
    const t = timeframe_(timeframe);
    // The keys of one model and timeframe, and the globals: listed once.
    let keys = setKeys.get(`${m}|${t}`);
    if (!keys) setKeys.set(`${m}|${t}`, (keys = [...(catalog.groups.get(`${m}|${t}`) ?? []), ...catalog.globals].map((k) => k.key)));
    const texts = keys.map((k) => env[k]);
    const report = checkState(catalog, (k) => env[k], { model: m, timeframe: t });
    if (report.errors.length) raise(report.errors, `${m} ${t}`);
    const out: ResolvedSet = { defaults: {}, ranges: {}, globals: {} };
    for (const spec of report.required) {
      const v = record(spec.key, report.values.get(spec.key)!, 'env');
      if (spec.kind === 'global') out.globals[spec.key] = v;
      else if (spec.kind === 'default') out.defaults[spec.param!] = v;
      else {
        const r = (out.ranges[spec.param!] ??= { min: 0, max: 0, scale: '' });
        (r as unknown as Record<string, Value>)[spec.kind] = v;
      }
    }
    for (const r of Object.values(out.ranges)) Object.freeze(r);
    return copy(remember(id, keys, texts, out, keys));
  }

  /**
   * Every parameter of a model and timeframe with `overrides` (HPO trial values, by catalog parameter name)
   * applied: each override must be searchable and inside the resolved search range; the rules hold for the result.
   */
  function trialParams(model: string, timeframe: string, overrides: Record<string, Value>): { m: string; t: string; final: Record<string, Value> } {
    const m = model_(model);
    const t = timeframe_(timeframe);
    const all = resolveAll(m, t);
    const params = file.models[m].params;
    const final: Record<string, Value> = { ...all.defaults };
    const problems: Problem[] = [];
    for (const [name, v] of Object.entries(overrides)) {
      const p = param_(m, name);
      if (!params[p].search) throw new HpconfError('HPC_PARAM_NOT_SEARCHABLE', { model: m, param: p });
      const key = paramKey(catalog, m, t, p, 'default');
      const chk = checkValue(catalog.byKey.get(key)!, formatValue(v));
      const range = all.ranges[p];
      if (chk.kind === 'error') { problems.push(chk.problem); continue; }
      if (chk.kind !== 'ok' || typeof chk.value !== 'number' || chk.value < range.min || chk.value > range.max) {
        throw new HpconfError('HPC_OVERRIDE_INVALID', { key, value: formatValue(v), min: formatValue(range.min), max: formatValue(range.max) });
      }
      final[p] = chk.value;
    }
    const finalLookup: Lookup = (k) => {
      const spec = catalog.byKey.get(k);
      return spec?.kind === 'default' && spec.model === m && spec.timeframe === t ? final[spec.param!] : undefined;
    };
    for (const rule of file.rules) if (rule.model === m && rule.severity === 'error') problems.push(...checkRule(catalog, rule, t, finalLookup));
    if (problems.length) raise(problems, `${m} ${t} native params`);
    for (const p of Object.keys(params)) if (p in overrides) record(paramKey(catalog, m, t, p, 'default'), final[p], 'hpo');
    return { m, t, final };
  }
  const pick = (model: string, timeframe: string, overrides: Record<string, Value>, harness: boolean): Record<string, Value> => {
    const { m, final } = trialParams(model, timeframe, overrides);
    const out: Record<string, Value> = {};
    for (const [p, def] of Object.entries(file.models[m].params)) if (!!def.harness === harness) out[def.native] = final[p];
    return out;
  };
  /**
   * The dict the model's library takes, under its one canonical native name per parameter, built
   * only from resolved values; `overrides` (HPO trial values, by catalog parameter name) must lie
   * inside the resolved search range. Harness parameters (loss, calibration) are left out.
   */
  const nativeParams = (model: string, timeframe: string, overrides: Record<string, Value> = {}): Record<string, Value> => pick(model, timeframe, overrides, false);
  /** The harness parameters (focal loss, calibration) under their native names, with the same overrides and checks. */
  const harnessParams = (model: string, timeframe: string, overrides: Record<string, Value> = {}): Record<string, Value> => pick(model, timeframe, overrides, true);

  /** The search space in Optuna's JSON distribution form, keyed by catalog parameter name. */
  function hpoSpace(model: string, timeframe: string): Record<string, OptunaDistribution> {
    const m = model_(model);
    const t = timeframe_(timeframe);
    const all = resolveAll(m, t);
    const out: Record<string, OptunaDistribution> = {};
    for (const [p, def] of Object.entries(file.models[m].params)) {
      if (!def.search) continue;
      const r = all.ranges[p];
      const log = r.scale === 'log';
      out[p] = def.type === 'int'
        ? { name: 'IntDistribution', attributes: { low: r.min, high: r.max, log, step: 1 } }
        : { name: 'FloatDistribution', attributes: { low: r.min, high: r.max, log, step: null } };
    }
    return out;
  }

  /** A value read as the type the caller wants: an integer widens to float; anything else is the caller's mistake. */
  function typed(key: string, v: Value, want: 'int' | 'float' | 'str'): Value {
    const type = catalog.byKey.get(key)!.type;
    if (want === 'float' && typeof v === 'number') return v;
    if (want === 'int' && type === 'int' && typeof v === 'number') return v;
    if (want === 'str' && typeof v === 'string') return v;
    const have = typeof v === 'string' ? 'text' : type === 'int' ? 'an integer' : 'a float';
    throw new HpconfError('HPC_VALUE_WRONG_TYPE', { key, have, want });
  }
  const defaultKey = (model: string, timeframe: string, param: string) => paramKey(catalog, model_(model), timeframe_(timeframe), param.toUpperCase(), 'default');
  /** resolve() for a number (an integer parameter widens). */
  const resolveFloat = (model: string, timeframe: string, param: string, fallback?: number): number =>
    typed(defaultKey(model, timeframe, param), resolve(model, timeframe, param, fallback), 'float') as number;
  /** resolve() for an integer parameter; a float parameter is HPC_VALUE_WRONG_TYPE. */
  const resolveInt = (model: string, timeframe: string, param: string, fallback?: number): number =>
    typed(defaultKey(model, timeframe, param), resolve(model, timeframe, param, fallback), 'int') as number;
  const resolveKeyFloat = (key: string, fallback?: number): number => typed(key, resolveKey(key, fallback), 'float') as number;
  const resolveKeyInt = (key: string, fallback?: number): number => typed(key, resolveKey(key, fallback), 'int') as number;
  const resolveKeyStr = (key: string, fallback?: string): string => typed(key, resolveKey(key, fallback), 'str') as string;

  function audit(): Coverage {
    return coverage(catalog, (k) => env[k]);
  }

  return {
    catalog, resolve, resolveFloat, resolveInt, resolveKey, resolveKeyFloat, resolveKeyInt, resolveKeyStr, resolveHpoRange, resolveAll, nativeParams, harnessParams, hpoSpace, audit,
    /** Every value resolved so far with its source: what a run manifest records. */
    ledger: (): Resolution[] => [...ledger.values()],
    /** With a segment: the layer that gave a key's value (the token, `group:NAME` or `base`); else `base`. */
    layer: (key: string): string | undefined => (opts.segment === undefined ? (env[key] === undefined ? undefined : BASE) : layers.get(key)),
    segment: opts.segment ?? null,
  };
}

export type Resolver = ReturnType<typeof createResolver>;
