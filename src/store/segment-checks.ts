import { checkState, type Problem } from '../catalog/check.js';
import { formatMessage } from '../errors/registry.js';
import type { Catalog } from '../catalog/types.js';
import { ambiguities, BASE, groupsOf, isGroupAddress, isGroupDefinition, knownTokens, layersOf, parseAddress, resolveIn, unknownSegment } from '../catalog/segments.js';
import type { Change } from './store.js';

/**
 * The rules on every segment's effective state (token, then its groups by priority, then the base), on
 * write: a write is refused if any segment a worker could ask for would see a state the catalog refuses.
 */

const problem = (code: string, keys: string[], params: Record<string, string | number>, message?: string): Problem =>
  ({ severity: 'error', code, key: keys[0], keys, params, message: message ?? formatMessage(code, params) });

/** A group's definition changes what every token of it reads: then every override is read and checked. */
export const touchesGroups = (changes: Change[]) => changes.some((c) => isGroupDefinition(c.key));

/** The (model, timeframe) groups an address's base key belongs to ('' for a cross-cutting key). */
function groupOf(c: Catalog, baseKey: string): string {
  const s = c.byKey.get(baseKey);
  return s?.model ? `${s.model}|${s.timeframe}` : '';
}

/**
 * Problems of the segments this change-set affects, on `current` (every base key of the affected groups, every
 * override of those keys, every group definition; every override when a definition changes) with `effective`
 * applied: an override for a segment the environment does not know, an override left without its segment,
 * two groups overriding one key for one token with no priority between them, and each affected segment's
 * effective state against the catalog's rules (named by segment, with the overrides involved).
 */
export function checkSegments(c: Catalog, current: ReadonlyMap<string, string>, effective: Change[]): Problem[] {
  const next = new Map(current);
  for (const ch of effective) { if (ch.value === null) next.delete(ch.key); else next.set(ch.key, ch.value); }
  const groups = groupsOf(next);
  const tokens = knownTokens(groups);
  const known = (s: string) => (isGroupAddress(s) ? groups.has(s) : tokens.has(s));
  const out: Problem[] = [];
  const overrides = [...next.keys()].filter((a) => a.includes('@'));
  if (!overrides.length && !touchesGroups(effective)) return out;

  for (const ch of effective) {
    const { segment } = parseAddress(ch.key);
    if (segment && ch.value !== null && !known(segment)) {
      const e = unknownSegment(segment, groups);
      out.push(problem(e.code, [ch.key], e.params, `${ch.key}: ${e.message}`));
    }
  }
  // A definition removed or shrunk must not leave overrides behind that no worker can reach.
  if (touchesGroups(effective)) {
    const orphans = overrides.filter((a) => !known(parseAddress(a).segment!));
    if (orphans.length) {
      const shown = orphans.slice(0, 10).join(', ') + (orphans.length > 10 ? ` and ${orphans.length - 10} more` : '');
      out.push(problem('HPC_SEGMENT_UNKNOWN', orphans, { segment: parseAddress(orphans[0]).segment!, hint: '', known: '' },
        `this would leave overrides whose segment no group defines: ${shown} (unset them first, or keep the token in a group)`));
    }
  }
  for (const a of ambiguities(next, groups)) {
    out.push(problem('HPC_SEGMENT_AMBIGUOUS', [`${a.key}@${a.groups[0]}`, `${a.key}@${a.groups[1]}`], { token: a.token, first: a.groups[0], second: a.groups[1], key: a.key }));
  }
  if (out.length) return out;

  // Which (model, timeframe) groups moved: those of the changed keys, or of every override when a definition changed.
  const affected = new Set<string>();
  for (const a of touchesGroups(effective) ? overrides : effective.map((ch) => ch.key)) {
    if (isGroupDefinition(a)) continue;
    affected.add(groupOf(c, parseAddress(a).key));
  }
  const segments = new Set<string>([...tokens, ...groups.keys(), ...overrides.map((a) => parseAddress(a).segment!)]);
  for (const s of segments) {
    const layers = layersOf(s, groups).filter((l) => l !== BASE);
    for (const g of affected) {
      if (!g) continue; // cross-cutting keys: their grammar and domain were checked on the way in
      const [model, timeframe] = g.split('|');
      const keys = (c.groups.get(g) ?? []).map((k) => k.key);
      const mine = (k: string) => layers.map((l) => `${k}@${l}`).filter((a) => next.has(a));
      if (!keys.some((k) => mine(k).length)) continue;
      const report = checkState(c, (k) => resolveIn(next, groups, s, k)?.value, { model, timeframe });
      for (const p of report.errors) {
        if (p.code === 'HPC_KEY_MISSING') continue; // a store may be partly filled: coverage says so
        const involved = p.keys.flatMap((k) => mine(k).slice(0, 1));
        if (!involved.length) continue; // the base's own problem, reported as the base's
        out.push({ ...p, key: involved[0], keys: involved, message: `segment ${s}: ${p.message} (overrides: ${involved.join(', ')})` });
      }
    }
  }
  return out;
}
