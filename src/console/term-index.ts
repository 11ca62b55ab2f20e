/**
 * Which rows a search term matches, for the key view: a term matches where it starts a segment of the key
 * ("_5m" finds _5M_, not _15M_) or a word of its description. What a term matches depends on the catalog alone,
 * so each term's rows are kept (the last `keep` terms), and a term typed after a shorter one scans only that
 * one's rows: typing "l", "le", "lea" at 100,000 keys scans the whole catalog once.
 */
const NONE = new Int32Array(0);

export function termIndex(hay: readonly string[], keep = 512) {
  const cache = new Map<string, Int32Array>();
  const all = Int32Array.from(hay.keys());
  // The rows of every one-letter term, built in one pass: a word's first letter never scans the catalog.
  const firsts = new Map<string, Int32Array>();
  {
    const lists = new Map<string, number[]>();
    hay.forEach((h, i) => {
      const seen = new Set<string>();
      for (let p = 0; p < h.length - 1; p++) if ((h[p] === '_' || h[p] === ' ') && h[p + 1] !== ' ' && h[p + 1] !== '_') seen.add(h[p + 1]);
      for (const c of seen) (lists.get(c) ?? lists.set(c, []).get(c)!).push(i);
    });
    for (const [c, l] of lists) firsts.set('_' + c, Int32Array.from(l));
  }

  const oneLetter = (t: string) => t.length === 2 && t[1] !== '_' && t[1] !== ' ';

  /** `t` starts with '_' (search terms are written so): rows holding `t`, or ` ` + the rest of it. */
  function rows(t: string): Int32Array {
    if (oneLetter(t)) return firsts.get(t) ?? NONE;
    const hit = cache.get(t);
    if (hit) { cache.delete(t); cache.set(t, hit); return hit; } // most recently used last
    // A match of "_lear" (or " lear") is a match of "_lea" (" lea"): the longest kept prefix bounds the scan.
    let from: Int32Array = all;
    for (let l = t.length - 1; l >= 2; l--) {
      const pre = t.slice(0, l);
      const p = oneLetter(pre) ? firsts.get(pre) ?? NONE : cache.get(pre);
      if (p) { from = p; break; }
    }
    const word = ' ' + t.slice(1);
    const out: number[] = [];
    for (const i of from) { const h = hay[i]; if (h.indexOf(t) >= 0 || h.indexOf(word) >= 0) out.push(i); }
    const r = Int32Array.from(out);
    cache.set(t, r);
    if (cache.size > keep) cache.delete(cache.keys().next().value as string);
    return r;
  }

  /** The rows every term matches, ascending; undefined when there are no terms (every row). */
  function matching(terms: readonly string[]): Int32Array | undefined {
    if (!terms.length) return undefined;
    const lists = terms.map(rows).sort((a, b) => a.length - b.length);
    if (lists.length === 1) return lists[0];
    const seen = new Uint8Array(hay.length);
    for (const l of lists.slice(1)) for (const i of l) seen[i]++;
    const need = lists.length - 1;
    return lists[0].filter((i) => seen[i] === need);
  }

  return { matching, size: () => cache.size };
}
