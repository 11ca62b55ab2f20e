import { HpconfError } from '../errors/registry.js';
import { BUNDLE_SCHEMA_PATH } from '../paths.js';
import { formatValue, type Value } from '../resolver/grammar.js';
import { paramKey } from './check.js';
import { readJson, schemaValidator } from './load.js';
import type { Catalog } from './types.js';

type PerTf<T> = Record<string, T>;
interface RangeValue { min: number; max: number; scale: string }
export interface BundleFile {
  version: 1;
  name: string;
  description?: string;
  globals: Record<string, { value: Value; reason: string }>;
  models: Record<string, Record<string, { default: PerTf<number | string>; range?: PerTf<RangeValue>; reason: string }>>;
}

export interface BundleEntry { key: string; value: Value; text: string; todoPerTf: boolean; reason: string }

const TODO = 'TODO_PER_TF';

/** Pick a timeframe's value: its own, else the deliberate ALL, else the TODO_PER_TF replica. */
function pick<T>(per: PerTf<T>, tf: string): { v: T; todo: boolean } | undefined {
  if (tf in per) return { v: per[tf], todo: false };
  if ('ALL' in per) return { v: per.ALL, todo: false };
  if (TODO in per) return { v: per[TODO], todo: true };
  return undefined;
}

/**
 * A bundle (baseline or preset) as concrete keys. `complete` demands a value for every
 * required key (the baseline); a preset may cover part of the catalog.
 */
export function expandBundle(c: Catalog, file: unknown, path: string, complete: boolean): BundleEntry[] {
  const validate = schemaValidator(BUNDLE_SCHEMA_PATH);
  const fail = (details: string) => { throw new HpconfError('HPC_FILE_INVALID', { path, details }); };
  if (!validate(file)) fail((validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; '));
  const b = file as BundleFile;
  const out = new Map<string, BundleEntry>();
  const put = (key: string, value: Value, todo: boolean, reason: string) => {
    out.set(key, { key, value, text: formatValue(value), todoPerTf: todo, reason });
  };
  for (const [key, g] of Object.entries(b.globals)) {
    if (!c.file.globals[key]) fail(`unknown global key ${key}`);
    put(key, g.value, false, g.reason);
  }
  for (const [model, params] of Object.entries(b.models)) {
    const m = c.file.models[model];
    if (!m) fail(`unknown model ${model}`);
    for (const [param, entry] of Object.entries(params)) {
      const def = m.params[param];
      if (!def) fail(`unknown parameter ${model} ${param}`);
      if (entry.range && !def.search) fail(`${model} ${param} is not searchable, so it takes no range`);
      for (const per of [entry.default, entry.range ?? {}]) {
        for (const k of Object.keys(per)) if (k !== 'ALL' && k !== TODO && !c.timeframes.includes(k)) fail(`${model} ${param}: unknown timeframe ${k}`);
      }
      for (const tf of c.timeframes) {
        const d = pick(entry.default, tf);
        if (d) put(paramKey(c, model, tf, param, 'default'), d.v, d.todo, entry.reason);
        else if (complete) fail(`${model} ${param}: no default for ${tf}`);
        const r = entry.range ? pick(entry.range, tf) : undefined;
        if (r) {
          for (const part of ['min', 'max', 'scale'] as const) put(paramKey(c, model, tf, param, part), r.v[part], r.todo, entry.reason);
        } else if (complete && def.search) fail(`${model} ${param}: no range for ${tf}`);
      }
    }
  }
  if (complete) {
    const missing = c.keys.filter((k) => !out.has(k.key)).map((k) => k.key);
    if (missing.length) fail(`no value for ${missing.length} key(s): ${missing.slice(0, 5).join(', ')}`);
  }
  // Catalog order, so every listing and export is stable.
  return c.keys.filter((k) => out.has(k.key)).map((k) => out.get(k.key)!);
}

export function loadBundle(c: Catalog, path: string, complete = true): BundleEntry[] {
  return expandBundle(c, readJson(path), path, complete);
}
