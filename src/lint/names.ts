import type { Catalog } from '../catalog/types.js';
import type { NameMatcher } from './types.js';

/** How the gate compares names: case and underscores ignored. */
export const norm = (s: string) => s.replace(/_/g, '').toLowerCase();

/**
 * The names the gate looks for, all from the catalog: parameter names, each library's native name
 * and its aliases, and the cross-cutting keys without their prefix. snake_case, camelCase and
 * UPPER_CASE spellings all match (underscores and case are ignored).
 */
export function catalogNames(c: Catalog): NameMatcher & { all: string[]; file: Catalog['file'] } {
  const map = new Map<string, string>();
  const add = (name: string, canonical: string) => { if (!map.has(norm(name))) map.set(norm(name), canonical); };
  for (const m of Object.values(c.file.models)) {
    for (const [param, p] of Object.entries(m.params)) {
      const canonical = param.toLowerCase();
      add(param, canonical);
      add(p.native, canonical);
      for (const a of p.aliases) add(a, canonical);
    }
  }
  for (const key of Object.keys(c.file.globals)) {
    const bare = key.replace(/^CVN_(HPO_)?/, '');
    add(bare, bare.toLowerCase());
  }
  const generic = new Set((c.file.lint?.generic ?? []).map(norm));
  // Library hyperparameters the catalog does not hold yet: flagged, with a message to add them.
  const extraNames = (c.file.lint?.extra ?? []).filter((n) => !map.has(norm(n)));
  const extra = new Set(extraNames.map(norm));
  for (const n of extraNames) map.set(norm(n), n);
  // Per model: every spelling of each parameter -> the catalog parameter and its type (for the resolve() suggestion).
  const perModel = new Map<string, Map<string, { param: string; type: string }>>();
  for (const [model, m] of Object.entries(c.file.models)) {
    const mm = new Map<string, { param: string; type: string }>();
    for (const [param, p] of Object.entries(m.params)) for (const n of [param, p.native, ...p.aliases]) if (!mm.has(norm(n))) mm.set(norm(n), { param, type: p.type });
    perModel.set(model, mm);
  }
  return {
    // What a lint worker thread rebuilds the matcher from (lint-pool.ts).
    file: c.file,
    match: (name) => map.get(norm(name)), generic: (name) => generic.has(norm(name)), extra: (name) => extra.has(norm(name)), all: [...map.keys()].sort(),
    paramOf: (model, name) => perModel.get(model)?.get(norm(name)),
  };
}

/**
 * A configuration's word on generic names: true flags a generic name everywhere, false makes any name count only
 * in a model's context. Everything else is the catalog's.
 */
export function scopedNames<T extends NameMatcher>(names: T, generic: Record<string, boolean>): T {
  const own = new Map(Object.entries(generic).map(([k, v]) => [norm(k), v]));
  if (!own.size) return names;
  return { ...names, generic: (n: string) => { const v = own.get(norm(n)); return v === undefined ? names.generic?.(n) ?? false : !v; } };
}
