import { lineIndex } from './common.js';
import { norm } from './names.js';
import type { NameMatcher } from './types.js';

/**
 * Where a finding can be. Every finding the scanners report is tied to text in the source as written: a run of
 * [A-Za-z0-9_] the matcher accepts (an identifier, or a key or string that is nothing else: underscores and case
 * ignored), an early-stopping call or keyword, a library module (xgb.train), or a `hpconf:` directive. A file (or a
 * row) holding none of those holds no finding, so it is not parsed (or its syntax nodes are not inspected). The
 * test over-approximates: runs inside comments and strings count too, and so does any escape sequence that could
 * spell a letter (`\x5f`, `\u005f`, octal, `\N{...}`) and the Kelvin sign (its lower case is k), since the parsers
 * and the matcher turn those into the letters they compare. A hand-written scan, not a regular expression: one
 * with every name costs a short run more to compile (about 15 ms) than it saves.
 */
export interface Triggers {
  /** Whether `source` has any trigger at all. */
  any(source: string): boolean;
  /** The 0-based rows holding a trigger, as runs [first, end) in order, adjacent rows merged. */
  rows(source: string): [number, number][];
}

/** Words that are triggers besides the names: what the early-stopping and positional-rounds checks look for. */
const WORDS = ['earlystopping', 'stoppingrounds', 'rounds', 'xgb', 'xgboost', 'lgb', 'lightgbm'];
const cache = new WeakMap<NameMatcher, Triggers | null>();

/** The triggers of a name matcher that lists its names (catalogNames does); undefined: scan everything. */
export function triggersOf(names: NameMatcher): Triggers | undefined {
  let t = cache.get(names);
  if (t === undefined) {
    t = names.all?.length ? compile(names.all) : null;
    cache.set(names, t);
  }
  return t ?? undefined;
}

const hashOf = (s: string) => { let h = 0; for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0; return h; };

function compile(all: string[]): Triggers {
  const words = new Set([...all, ...WORDS].map(norm).filter(Boolean));
  const hashes = new Set([...words].map(hashOf));
  const longest = Math.max(...[...words].map((w) => w.length));

  /** Calls hit(start, end) for each trigger; stops when it returns true. */
  const scan = (source: string, hit: (start: number, end: number) => boolean | void) => {
    const n = source.length;
    let start = -1, h = 0, len = 0;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? source.charCodeAt(i) : 0;
      const lower = c >= 65 && c <= 90 ? c + 32 : c;
      const alnum = (lower >= 97 && lower <= 122) || (c >= 48 && c <= 57);
      if (alnum || c === 95) {
        if (start < 0) { start = i; h = 0; len = 0; }
        if (alnum) { h = (Math.imul(h, 31) + lower) | 0; len++; }
        continue;
      }
      if (start >= 0) {
        if (len && len <= longest && hashes.has(h) && words.has(norm(source.slice(start, i))) && hit(start, i)) return;
        start = -1;
      }
      if (c === 92 && i + 1 < n && /[xuUN0-7]/.test(source[i + 1]) && hit(i, i + 2)) return; // an escape: \x5f, \u005f, \N{...}, \137
      if (c === 0x212a && hit(i, i + 1)) return;
      if (c === 58 && i >= 6 && source.startsWith('hpconf', i - 6) && hit(i - 6, i + 1)) return; // hpconf:
    }
  };

  return {
    any(source) {
      let found = false;
      scan(source, () => (found = true));
      return found;
    },
    rows(source) {
      const hits: number[] = [];
      scan(source, (s, e) => { hits.push(s, e); });
      const runs: [number, number][] = [];
      if (!hits.length) return runs;
      const at = lineIndex(source);
      const rowOf = (off: number) => at(off).line - 1;
      for (let i = 0; i < hits.length; i += 2) {
        const first = rowOf(hits[i]);
        const last = rowOf(hits[i + 1] - 1);
        const prev = runs[runs.length - 1];
        if (prev && prev[1] >= first) prev[1] = Math.max(prev[1], last + 1);
        else runs.push([first, last + 1]);
      }
      return runs;
    },
  };
}
