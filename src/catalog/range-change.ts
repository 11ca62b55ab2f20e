/**
 * How a change-set moved a search range, per parameter (and segment): widened, narrowed, moved (one side out, the
 * other in), scale changed, added or removed. The change log shows it beside each range key's change; a warm start
 * records the same classes for the space it imports into (training/src/hpconf_training/warm.py).
 */
import type { Catalog } from './types.js';

export type RangeChange = 'widened' | 'narrowed' | 'moved' | 'scale changed' | 'added' | 'removed';
interface Row { revision: number; changesetId: number; key: string; oldValue: string | null; newValue: string | null }

/** The class of each range key's change, by revision; keys that are not range bounds or scales have none. */
export function rangeChanges(c: Catalog, rows: readonly Row[]): Map<number, RangeChange> {
  const groups = new Map<string, { side: 'min' | 'max' | 'scale'; row: Row }[]>();
  for (const r of rows) {
    const [base, segment = ''] = r.key.split('@');
    const spec = c.byKey.get(base);
    if (!spec || (spec.kind !== 'min' && spec.kind !== 'max' && spec.kind !== 'scale')) continue;
    const g = `${r.changesetId} ${spec.model} ${spec.timeframe} ${spec.param} ${segment}`;
    groups.set(g, [...(groups.get(g) ?? []), { side: spec.kind, row: r }]);
  }
  const out = new Map<number, RangeChange>();
  for (const members of groups.values()) {
    const bounds = members.filter((m) => m.side !== 'scale');
    const dirs = bounds.map(({ side, row }) => {
      if (row.oldValue === null) return 'added';
      if (row.newValue === null) return 'removed';
      const d = Number(row.newValue) - Number(row.oldValue);
      return d === 0 ? 'same' : (side === 'min') === d < 0 ? 'wider' : 'narrower';
    });
    const cls: RangeChange | null = dirs.includes('added') ? 'added' : dirs.includes('removed') ? 'removed'
      : dirs.includes('wider') && dirs.includes('narrower') ? 'moved' : dirs.includes('wider') ? 'widened' : dirs.includes('narrower') ? 'narrowed' : null;
    for (const m of members) {
      const own = m.side === 'scale' ? (m.row.oldValue === null ? 'added' : m.row.newValue === null ? 'removed' : 'scale changed') : cls;
      if (own) out.set(m.row.revision, own);
    }
  }
  return out;
}
