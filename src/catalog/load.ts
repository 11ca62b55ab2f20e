import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { CATALOG_PATH, CATALOG_SCHEMA_PATH } from '../paths.js';
import { HpconfError } from '../errors/registry.js';
import type { Catalog, CatalogFile, KeySpec } from './types.js';

export function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new HpconfError('HPC_FILE_INVALID', { path, details: (e as Error).message });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HpconfError('HPC_FILE_INVALID', { path, details: `not valid JSON: ${(e as Error).message}` });
  }
}

const validators = new Map<string, ValidateFunction>();
/** A JSON Schema validator, compiled once per schema; ajv (about 60 ms to load and compile) only when one is needed. */
export function schemaValidator(schemaPath: string): ValidateFunction {
  let v = validators.get(schemaPath);
  if (!v) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    v = new Ajv({ allErrors: true, strict: false }).compile(readJson(schemaPath) as object);
    validators.set(schemaPath, v);
  }
  return v;
}

/** Expand the catalog into its required keys. Adding a model, timeframe or parameter is a data edit. */
export function expandKeys(file: CatalogFile): KeySpec[] {
  const keys: KeySpec[] = [];
  const { prefix, range } = file;
  for (const [model, m] of Object.entries(file.models)) {
    for (const { id: timeframe } of file.timeframes) {
      for (const [param, p] of Object.entries(m.params)) {
        const base = `${prefix}_${model}_${timeframe}_${param}`;
        const common = { model, timeframe, param, secret: p.secret ?? false };
        keys.push({ key: base, kind: 'default', type: p.type, domain: p.domain, values: p.values, ...common });
        if (!p.search) continue;
        keys.push({ key: `${base}_${range.min}`, kind: 'min', type: p.type, domain: p.domain, ...common });
        keys.push({ key: `${base}_${range.max}`, kind: 'max', type: p.type, domain: p.domain, ...common });
        keys.push({ key: `${base}_${range.scale}`, kind: 'scale', type: 'enum', values: range.scales, ...common });
      }
    }
  }
  for (const [key, g] of Object.entries(file.globals)) {
    keys.push({ key, kind: 'global', type: g.type, domain: g.domain, values: g.values, secret: g.secret ?? false });
  }
  return keys;
}

function semanticChecks(file: CatalogFile): string[] {
  const out: string[] = [];
  for (const r of file.rules) {
    const m = file.models[r.model];
    if (!m) { out.push(`rule ${r.id}: unknown model ${r.model}`); continue; }
    for (const c of [r.if, r.then]) {
      for (const p of [c.param, c.pow2Of]) {
        if (p !== undefined && !m.params[p]) out.push(`rule ${r.id}: unknown parameter ${r.model} ${p}`);
      }
      if (!m.params[c.param]?.search && c.parts.some((x) => x !== 'default')) out.push(`rule ${r.id}: ${c.param} has no range`);
    }
  }
  const ids = file.timeframes.map((t) => t.id);
  if (new Set(ids).size !== ids.length) out.push('duplicate timeframe id');
  return out;
}

/**
 * A catalog from its parsed file. `trusted` skips the JSON Schema check: only for the catalog this
 * package ships, which its own tests validate; a user's catalog is always checked.
 */
export function catalogFromFile(file: unknown, path: string, trusted = false): Catalog {
  const validate = trusted ? undefined : schemaValidator(CATALOG_SCHEMA_PATH);
  if (validate && !validate(file)) {
    const details = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new HpconfError('HPC_CATALOG_INVALID', { path, details });
  }
  const f = file as CatalogFile;
  const problems = semanticChecks(f);
  if (problems.length) throw new HpconfError('HPC_CATALOG_INVALID', { path, details: problems.join('; ') });
  const keys = expandKeys(f);
  const groups = new Map<string, KeySpec[]>();
  for (const k of keys) if (k.model) (groups.get(`${k.model}|${k.timeframe}`) ?? groups.set(`${k.model}|${k.timeframe}`, []).get(`${k.model}|${k.timeframe}`)!).push(k);
  return {
    file: f,
    path,
    models: Object.keys(f.models),
    timeframes: f.timeframes.map((t) => t.id),
    keys,
    byKey: new Map(keys.map((k) => [k.key, k])),
    groups,
    globals: keys.filter((k) => k.kind === 'global'),
  };
}

const cache = new Map<string, Catalog>();

/** Load (once per path) the catalog: HPCONF_CATALOG overrides the bundled file. */
export function loadCatalog(path = process.env.HPCONF_CATALOG || CATALOG_PATH): Catalog {
  let c = cache.get(path);
  if (!c) {
    c = catalogFromFile(readJson(path), path, path === CATALOG_PATH);
    cache.set(path, c);
  }
  return c;
}
