import { HpconfError } from '../errors/registry.js';
import { didYouMean } from './suggest.js';

/**
 * Segments: a value overridden for a token (`UNI`) or a group of tokens (`group:defi_top5`), over the
 * model x timeframe base. An override is addressed `KEY@SEGMENT`; a group is defined by the address
 * `group:NAME`, whose value lists its tokens and, where two groups may override one key for one token,
 * a priority (`UNI,AAVE,LINK;priority=10`: the larger wins). Both live in the store beside the base
 * values (the same change log, revisions and reviews). A token resolves token, then its groups by
 * priority, then the base; a group resolves group, then the base.
 */
export const TOKEN = /^[A-Z][A-Z0-9]{1,14}$/;
export const GROUP = /^group:[a-z][a-z0-9_-]{0,39}$/;
export const BASE = 'base';

export type Segment = string;
export interface Address { key: string; segment: Segment | null }
export interface GroupDef { tokens: string[]; priority: number | null }
/** The groups of one environment, by address (`group:NAME`). */
export type Groups = Map<string, GroupDef>;

export const isSegment = (s: string) => TOKEN.test(s) || GROUP.test(s);
export const isGroupAddress = (a: string) => a.startsWith('group:');
/** A group's definition (`group:NAME`), as opposed to an override `KEY@group:NAME`. */
export const isGroupDefinition = (a: string) => a.startsWith('group:') && !a.includes('@');
/** A group definition's address, checked for its spelling. */
export function checkGroupName(a: string): void {
  if (!GROUP.test(a)) throw new HpconfError('HPC_SEGMENT_INVALID', { segment: a, address: a });
}
/** Can a write of `a` change what a segment with these layers resolves? A base key or group definition may; an override only of one of its layers. */
export function reachesLayers(a: string, layers: Iterable<string>): boolean {
  if (isGroupDefinition(a) || !a.includes('@')) return true;
  return new Set(layers).has(a.slice(a.indexOf('@') + 1));
}

export const address = (key: string, segment: Segment | null) => (segment ? `${key}@${segment}` : key);

/** `KEY`, `KEY@UNI` or `KEY@group:NAME`; the segment's spelling is checked, not whether the store knows it. */
export function parseAddress(a: string): Address {
  const at = a.indexOf('@');
  if (at < 0) return { key: a, segment: null };
  const segment = a.slice(at + 1);
  if (!isSegment(segment)) {
    throw new HpconfError('HPC_SEGMENT_INVALID', { segment, address: a });
  }
  return { key: a.slice(0, at), segment };
}

/** A group's value: comma-separated tokens, optionally `;priority=N` (an integer, the larger wins). */
export function parseGroup(address: string, raw: string): GroupDef {
  const [list, ...opts] = raw.split(';').map((s) => s.trim());
  const tokens = [...new Set(list.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean))];
  const bad = tokens.filter((t) => !TOKEN.test(t));
  if (!tokens.length || bad.length) {
    throw new HpconfError('HPC_GROUP_INVALID', { group: address, details: bad.length ? `not token symbols: ${bad.join(', ')}` : 'no tokens' });
  }
  let priority: number | null = null;
  for (const o of opts) {
    const m = /^priority\s*=\s*(-?[0-9]{1,6})$/.exec(o);
    if (!m) throw new HpconfError('HPC_GROUP_INVALID', { group: address, details: `"${o}" is not priority=N` });
    priority = Number(m[1]);
  }
  return { tokens, priority };
}

export const formatGroup = (g: GroupDef) => g.tokens.join(',') + (g.priority === null ? '' : `;priority=${g.priority}`);

/** The groups defined in a state (addresses to raw values); a malformed stored one is skipped, never fatal to a read. */
export function groupsOf(state: Iterable<[string, string]>): Groups {
  const out: Groups = new Map();
  for (const [a, v] of state) {
    if (!isGroupDefinition(a)) continue;
    try { out.set(a, parseGroup(a, v)); } catch { /* refused on write; an old row cannot break reads */ }
  }
  return out;
}

export function knownTokens(groups: Groups): Set<string> {
  return new Set([...groups.values()].flatMap((g) => g.tokens));
}

/** The layers a segment reads, first wins: the token, its groups by priority (larger first), the base. */
export function layersOf(segment: Segment | null, groups: Groups): string[] {
  if (!segment) return [BASE];
  if (isGroupAddress(segment)) return [segment, BASE];
  // Larger priority first; no priority after any; then by name in code-point order (both SDKs sort alike).
  const rank = (g: GroupDef) => (g.priority === null ? -Infinity : g.priority);
  const mine = [...groups].filter(([, g]) => g.tokens.includes(segment))
    .sort(([a, x], [b, y]) => (rank(x) !== rank(y) ? (rank(x) > rank(y) ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0));
  return [segment, ...mine.map(([a]) => a), BASE];
}

export interface Resolved { value: string; layer: string }

/**
 * The value of base key `key` for `segment` in `state` (addresses to raw values): the first layer that
 * holds it. Undefined where no layer does. Ambiguity (two groups of equal or no priority) is refused on
 * write, so a read never meets it; were it there, the group first by name wins, never at random.
 */
export function resolveIn(state: ReadonlyMap<string, string>, groups: Groups, segment: Segment | null, key: string): Resolved | undefined {
  for (const layer of layersOf(segment, groups)) {
    const v = state.get(layer === BASE ? key : `${key}@${layer}`);
    if (v !== undefined) return { value: v, layer };
  }
  return undefined;
}

/** Every base key of `keys` flattened for a segment: what a worker for it sees under the base names. */
export function flatten(state: ReadonlyMap<string, string>, groups: Groups, segment: Segment | null, keys: Iterable<string>): Map<string, Resolved> {
  const layers = layersOf(segment, groups).map((l) => [l, l === BASE ? '' : `@${l}`] as const); // once, not per key
  const out = new Map<string, Resolved>();
  for (const k of keys) {
    for (const [layer, suffix] of layers) {
      const v = state.get(k + suffix);
      if (v !== undefined) { out.set(k, { value: v, layer }); break; }
    }
  }
  return out;
}

/** A segment's values under the base names, and the layer of each that is not the base's: what `/values?segment=` answers. */
export function segmentBody(state: ReadonlyMap<string, string>, segment: Segment, keys: Iterable<string>): { values: Map<string, string>; layers: Record<string, string> } {
  const flat = flatten(state, groupsOf(state), segment, keys);
  return {
    values: new Map([...flat].map(([k, r]) => [k, r.value])),
    layers: Object.fromEntries([...flat].filter(([, r]) => r.layer !== BASE).map(([k, r]) => [k, r.layer])),
  };
}

/** Refused: an override for a token or group the environment does not know (with a suggestion). */
export function unknownSegment(segment: string, groups: Groups): HpconfError {
  const known = [...knownTokens(groups), ...groups.keys()].sort();
  return new HpconfError('HPC_SEGMENT_UNKNOWN', { segment, hint: didYouMean(segment, known), known: known.join(', ') || 'none: define a group first (group:NAME=TOKEN,...)' });
}

/**
 * Pairs of groups that would both override `key` for one of their tokens with no order between them
 * (equal priorities, or one unstated): the state is refused until a priority says which wins.
 */
export function ambiguities(state: ReadonlyMap<string, string>, groups: Groups): { token: string; key: string; groups: [string, string] }[] {
  const out: { token: string; key: string; groups: [string, string] }[] = [];
  const byGroup = new Map<string, Set<string>>();
  for (const a of state.keys()) {
    const i = a.indexOf('@group:');
    if (i < 0) continue;
    const g = a.slice(i + 1);
    if (!byGroup.has(g)) byGroup.set(g, new Set());
    byGroup.get(g)!.add(a.slice(0, i));
  }
  const names = [...groups.keys()].filter((g) => byGroup.has(g)).sort();
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = [groups.get(names[i])!, groups.get(names[j])!];
      if (a.priority !== null && b.priority !== null && a.priority !== b.priority) continue;
      const shared = a.tokens.filter((t) => b.tokens.includes(t));
      if (!shared.length) continue;
      for (const key of byGroup.get(names[i])!) {
        if (byGroup.get(names[j])!.has(key)) out.push({ token: shared[0], key, groups: [names[i], names[j]] });
      }
    }
  }
  return out;
}
