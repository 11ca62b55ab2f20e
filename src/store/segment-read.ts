import { HpconfError } from '../errors/registry.js';
import { BASE, flatten, groupsOf, isSegment, type Resolved } from '../catalog/segments.js';
import type { Store } from './store.js';

/**
 * One segment's values under the base names (token, then its groups by priority, then the base), each with the
 * layer that gave it: what `get --segment`, `export --segment` and `exec --segment` show a worker. No segment:
 * the base. A segment the store does not know reads the base (a token not yet in any group, too).
 */
export async function readSegment(s: Pick<Store, 'values' | 'layered' | 'catalog'>, segment: string | undefined): Promise<Map<string, Resolved>> {
  if (!segment) return new Map([...await s.values()].map(([k, v]) => [k, { value: v, layer: BASE }]));
  if (!isSegment(segment)) throw new HpconfError('HPC_SEGMENT_INVALID', { segment, address: `--segment ${segment}` });
  const state = await s.layered();
  return flatten(state, groupsOf(state), segment, s.catalog.keys.map((k) => k.key));
}

export const valuesOf = (r: Map<string, Resolved>) => new Map([...r].map(([k, x]) => [k, x.value]));
