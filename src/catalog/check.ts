import { formatMessage, type Params } from '../errors/registry.js';
import { formatValue, parseValue, trimValue, type Value } from '../resolver/grammar.js';
import { formatDomain, inContinuous, inDomain } from './domain.js';
import type { Catalog, Condition, KeySpec, Part, RuleDef } from './types.js';

export interface Problem {
  severity: 'error' | 'warning';
  code: string;
  /** The key the problem is reported on; `keys` holds every key involved. */
  key: string;
  keys: string[];
  message: string;
  /** Template parameters of `code`, so the problem can become an HpconfError. */
  params: Params;
  rule?: string;
}

function problem(severity: Problem['severity'], code: string, keys: string[], params: Params, rule?: string): Problem {
  return { severity, code, key: keys[0], keys, message: formatMessage(code, params), params, ...(rule ? { rule } : {}) };
}

/** What a log line or message shows instead of a value the catalog marks secret. */
export const REDACTED = '[redacted]';

/** Whether an address's value is secret: an override (`KEY@SEGMENT`) is as secret as its key. */
export const isSecret = (c: Catalog, address: string): boolean => c.byKey.get(address.split('@')[0])?.secret ?? false;

export type ValueCheck = { kind: 'missing' } | { kind: 'ok'; value: Value } | { kind: 'error'; problem: Problem };

/** Grammar and hard domain of one key's raw text. */
export function checkValue(spec: KeySpec, raw: string | undefined): ValueCheck {
  const p = parseValue(raw, spec.type, spec.values);
  if (p.kind === 'missing') return p;
  if (p.kind === 'error') {
    const params: Params = { key: spec.key, raw: spec.secret ? REDACTED : trimValue(raw ?? ''), allowed: (spec.values ?? []).join(', ') };
    return { kind: 'error', problem: problem('error', p.code, [spec.key], params) };
  }
  if (typeof p.value === 'number' && spec.domain) {
    const range = spec.kind === 'min' || spec.kind === 'max';
    const ok = range ? inContinuous(p.value, spec.domain) : inDomain(p.value, spec.domain);
    if (!ok) {
      const code = range ? 'HPC_RANGE_OUT_OF_DOMAIN' : 'HPC_VALUE_OUT_OF_DOMAIN';
      const params = { key: spec.key, value: spec.secret ? REDACTED : formatValue(p.value), domain: formatDomain(spec.domain, !range) };
      return { kind: 'error', problem: problem('error', code, [spec.key], params) };
    }
  }
  return { kind: 'ok', value: p.value };
}

export function missingProblem(key: string): Problem {
  return problem('error', 'HPC_KEY_MISSING', [key], { key });
}

export function paramKey(c: Catalog, model: string, timeframe: string, param: string, part: Part | 'scale'): string {
  const base = `${c.file.prefix}_${model}_${timeframe}_${param}`;
  return part === 'default' ? base : `${base}_${c.file.range[part]}`;
}

/** Typed lookup of valid values only: invalid and missing read as undefined. */
export type Lookup = (key: string) => Value | undefined;

/** min <= max, scale allowed, log lower bound: for one searchable parameter. */
export function checkRange(c: Catalog, model: string, timeframe: string, param: string, get: Lookup): Problem[] {
  const def = c.file.models[model].params[param];
  const [kMin, kMax, kScale] = (['min', 'max', 'scale'] as const).map((p) => paramKey(c, model, timeframe, param, p));
  const min = get(kMin) as number | undefined;
  const max = get(kMax) as number | undefined;
  const scale = get(kScale) as string | undefined;
  const out: Problem[] = [];
  if (min !== undefined && max !== undefined && min > max) {
    out.push(problem('error', 'HPC_RANGE_MIN_GT_MAX', [kMin, kMax], { key: kMin, min: formatValue(min), max: formatValue(max) }));
  }
  if (scale === 'log') {
    if (!def.logAllowed) {
      out.push(problem('error', 'HPC_RANGE_LOG_NOT_ALLOWED', [kScale], { key: kScale, model, param }));
    } else if (min !== undefined && (def.type === 'int' ? min < 1 : min <= 0)) {
      out.push(problem('error', 'HPC_RANGE_LOG_MIN', [kMin, kScale], { key: kMin, need: def.type === 'int' ? '>= 1' : '> 0', min: formatValue(min) }));
    }
  }
  return out;
}

export function defaultOutsideRange(c: Catalog, model: string, timeframe: string, param: string, get: Lookup): Problem[] {
  const [kDef, kMin, kMax] = (['default', 'min', 'max'] as const).map((p) => paramKey(c, model, timeframe, param, p));
  const v = get(kDef) as number | undefined;
  const min = get(kMin) as number | undefined;
  const max = get(kMax) as number | undefined;
  if (v === undefined || min === undefined || max === undefined || min > max) return [];
  if (v >= min && v <= max) return [];
  // An error, not a warning: the study replays the default as its first trial, which must lie in the
  // space. Every key involved, so moving the range away from the default is reported as it is staged.
  return [problem('error', 'HPC_DEFAULT_OUTSIDE_RANGE', [kDef, kMin, kMax], { key: kDef, value: formatValue(v), min: formatValue(min), max: formatValue(max) })];
}

function compare(a: number, op: Condition['op'], b: number): boolean {
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '==': return a === b;
    case '!=': return a !== b;
  }
}

/** Values of a condition's parts that are present and valid, with their keys. */
function partValues(c: Catalog, model: string, tf: string, cond: Condition, get: Lookup): [string, number][] {
  const out: [string, number][] = [];
  for (const part of cond.parts) {
    const key = paramKey(c, model, tf, cond.param, part);
    const v = get(key);
    if (typeof v === 'number') out.push([key, v]);
  }
  return out;
}

function rightSide(c: Catalog, model: string, tf: string, cond: Condition, get: Lookup): { value: number; key?: string } | undefined {
  if (cond.value !== undefined) return { value: cond.value };
  const key = paramKey(c, model, tf, cond.pow2Of!, 'default');
  const v = get(key);
  return typeof v === 'number' ? { value: 2 ** v, key } : undefined;
}

/** A catalog rule for one timeframe: when `if` holds for any listed part, `then` must hold for every listed part. */
export function checkRule(c: Catalog, rule: RuleDef, timeframe: string, get: Lookup): Problem[] {
  const model = rule.model;
  const ifRhs = rightSide(c, model, timeframe, rule.if, get);
  const thenRhs = rightSide(c, model, timeframe, rule.then, get);
  if (!ifRhs || !thenRhs) return [];
  const fired = partValues(c, model, timeframe, rule.if, get).filter(([, v]) => compare(v, rule.if.op, ifRhs.value));
  if (!fired.length) return [];
  const broken = partValues(c, model, timeframe, rule.then, get).filter(([, v]) => !compare(v, rule.then.op, thenRhs.value));
  if (!broken.length) return [];
  const keys = [...broken.map(([k]) => k), ...fired.map(([k]) => k), ...[ifRhs.key, thenRhs.key].filter((k): k is string => !!k)];
  const code = rule.severity === 'error' ? 'HPC_RULE_VIOLATED' : 'HPC_WARN_RULE';
  return [problem(rule.severity, code, [...new Set(keys)], { model, timeframe, rule: rule.id, text: rule.message }, rule.id)];
}

export interface StateReport {
  values: Map<string, Value>;
  errors: Problem[];
  warnings: Problem[];
  missing: string[];
  invalid: string[];
  required: KeySpec[];
}

export interface Scope { model?: string; timeframe?: string }

/** Globals are cross-cutting: every scope needs them. */
/** A key a worker of this scope reads: its model and timeframe (where given), and every cross-cutting key. */
export function inScope(k: KeySpec, s: Scope): boolean {
  if (k.kind === 'global') return true;
  if (s.model && k.model !== s.model) return false;
  if (s.timeframe && k.timeframe !== s.timeframe) return false;
  return true;
}

/**
 * Every rule of the catalog over a set of raw values (store rows or an environment): grammar,
 * domains, ranges, cross-field rules, and the warnings.
 */
export function checkState(c: Catalog, raw: (key: string) => string | undefined, scope: Scope = {}): StateReport {
  const required = scope.model && scope.timeframe
    ? [...(c.groups.get(`${scope.model}|${scope.timeframe}`) ?? []), ...c.globals] // one group: no walk over the whole catalog
    : c.keys.filter((k) => inScope(k, scope));
  const values = new Map<string, Value>();
  const errors: Problem[] = [];
  const missing: string[] = [];
  const invalid = new Set<string>();
  for (const spec of required) {
    const r = checkValue(spec, raw(spec.key));
    if (r.kind === 'ok') values.set(spec.key, r.value);
    else if (r.kind === 'missing') { missing.push(spec.key); errors.push(missingProblem(spec.key)); }
    else { invalid.add(spec.key); errors.push(r.problem); }
  }
  const get: Lookup = (k) => values.get(k);
  const warnings: Problem[] = [];
  for (const model of c.models) {
    if (scope.model && scope.model !== model) continue;
    for (const tf of c.timeframes) {
      if (scope.timeframe && scope.timeframe !== tf) continue;
      for (const [param, def] of Object.entries(c.file.models[model].params)) {
        if (!def.search) continue;
        errors.push(...checkRange(c, model, tf, param, get));
        errors.push(...defaultOutsideRange(c, model, tf, param, get));
      }
      for (const rule of c.file.rules) {
        if (rule.model !== model) continue;
        const ps = checkRule(c, rule, tf, get);
        (rule.severity === 'error' ? errors : warnings).push(...ps);
      }
    }
  }
  for (const p of errors) if (p.code !== 'HPC_KEY_MISSING') p.keys.forEach((k) => invalid.add(k));
  return { values, errors, warnings, missing, invalid: required.map((k) => k.key).filter((k) => invalid.has(k)), required };
}
