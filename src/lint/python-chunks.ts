/**
 * The parts of a Python file the gate has to parse: every statement that holds a trigger row (triggers.ts) and may
 * bind a number (every finding binds a name to one), with the headers of the blocks around it (def, class, if,
 * for, while, with, try and their clauses: what a finding's context is read from, and what keeps the parse
 * well-formed), and every module-level statement that may bind a module constant (a use elsewhere may name it).
 * Found by a lexical pass (strings, comments, brackets, continuations, indentation, numbers), then parsed as
 * tree-sitter included ranges, so rows and columns stay the file's. Undefined when the pass cannot be sure of the
 * file's shape (tabs in indentation, an unterminated string or bracket): the caller parses the whole file. The
 * caller also parses the whole file when the ranges do not parse, or when a finding depends on code outside them
 * (scan-python.ts).
 */
export interface IncludedRange { startIndex: number; endIndex: number; startPosition: { row: number; column: number }; endPosition: { row: number; column: number } }

/** num: the statement (with the comment rows after it) may bind a number (see pythonRanges). */
interface Stmt { row: number; indent: number; word: string; bare?: boolean; lastRow?: number; num?: boolean }
/** A statement with its decorators and clauses; blocks: each clause's header row and body (stmts[from..to)), when every clause has one. */
interface Unit { first: number; end: number; from: number; stmt: number; count: number; blocks?: { row: number; from: number; to: number }[] }

const CLAUSES = new Set(['else', 'elif', 'except', 'finally']);
// Statements that open a block (match is also a name: match = 5 may be a constant).
const SPLIT = new Set(['def', 'class', 'async', 'if', 'for', 'while', 'with', 'try']);
const DEPTH = 8; // blocks split this deep; a deeper one is parsed whole

// What the lexical pass stops at (a native regular-expression search skips the rest, so a cold run is not bound
// by a loop over every character): in code, rows, strings, comments, brackets, backslashes and a number's first
// digit (one no identifier character comes before: x1 is a name; .5 and 1e-3 are numbers); in a string, its quote,
// a backslash and rows.
const CODE = /[\n"'#\\()[\]{}]|(?<![A-Za-z0-9_])[0-9]/g;
const IN_STRING: Record<number, RegExp> = { 34: /["\\\n]/g, 39: /['\\\n]/g };
const DIGIT = /[0-9]/;

/** Statement starts: the rows where a logical line begins (not blank, not only a comment), with indent and first word. */
function statements(source: string): { stmts: Stmt[]; rowStarts: number[] } | undefined {
  const stmts: Stmt[] = [];
  const rowStarts = [0];
  const n = source.length;
  const at = (k: number) => (k < n ? source.charCodeAt(k) : 0);
  let depth = 0;
  let quote = 0; // the open string's quote (34 ", 39 '), 0 for none
  let triple = false;
  let fstring = false; // the open string is an f-string (t-string): its fields are code
  let from = 0; // where the open string's text starts
  let continued = false;
  let i = 0;
  // A statement that is only a string (a docstring; not an f-string, whose fields are code): it holds no finding.
  let bare: Stmt | undefined;
  let hp = -1; // the next "hpconf" at or after a comment (a directive), -2 for none
  let pre = false; // rows before the first statement may bind (a directive)
  const mark = () => { const st = stmts[stmts.length - 1]; if (st) st.num = true; else pre = true; };
  // After a bare statement's string: anything but blanks, a comment or a continuation makes it more than a string.
  const still = (k: number) => {
    while (k < n && (at(k) === 32 || at(k) === 9 || at(k) === 12 || at(k) === 13)) k++;
    const c = at(k);
    if (k < n && c !== 10 && c !== 35 && !(c === 92 && (at(k + 1) === 10 || (at(k + 1) === 13 && at(k + 2) === 10)))) { bare!.bare = false; bare = undefined; }
  };
  for (;;) {
    // At a row's start, outside strings, brackets and continuations: a statement unless blank or a comment.
    if (!quote && depth === 0 && !continued) {
      bare = undefined;
      const prev = stmts[stmts.length - 1];
      if (prev && prev.lastRow === undefined) prev.lastRow = rowStarts.length - 2;
      let j = i;
      while (j < n && (at(j) === 32 || at(j) === 12)) j++;
      const c = at(j);
      if (c === 9) return undefined;
      if (j < n && c !== 10 && c !== 13 && c !== 35 && !(c === 92 && (at(j + 1) === 10 || at(j + 1) === 13))) {
        let k = j;
        while (k < n && k < j + 12) { const d = at(k); if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || d === 95 || d === 64 || (k > j && d >= 48 && d <= 57)) k++; else break; }
        const st: Stmt = { row: rowStarts.length - 1, indent: j - i, word: source.slice(j, k) };
        stmts.push(st);
        let q = j;
        while (q < j + 2) { const d = at(q) | 32; if (d === 114 || d === 98 || d === 117) q++; else break; }
        if (at(q) === 34 || at(q) === 39) { st.bare = true; bare = st; }
      }
    } else if (bare && continued && !quote) still(i);
    continued = false;
    // The rest of the row.
    for (;;) {
      if (quote) {
        const re = IN_STRING[quote];
        re.lastIndex = i;
        if (!re.test(source)) { i = n; break; }
        i = re.lastIndex - 1;
        const c = source.charCodeAt(i);
        if (c === 10) break;
        if (c === 92) { i++; if (at(i) === 10) rowStarts.push(i + 1); i++; continue; }
        if (!triple || (at(i + 1) === quote && at(i + 2) === quote)) {
          if (triple) i += 2;
          if (fstring && DIGIT.test(source.slice(from, i))) mark();
          quote = 0;
          i++;
          if (bare) still(i);
        } else i++;
        continue;
      }
      CODE.lastIndex = i;
      if (!CODE.test(source)) { i = n; break; }
      i = CODE.lastIndex - 1;
      const c = source.charCodeAt(i);
      if (c === 10) break;
      if (c === 35) {
        const start = i;
        const e = source.indexOf('\n', i);
        i = e < 0 ? n : e;
        // A comment inside brackets (a list of only comments is a literal space); a directive.
        if (hp !== -2 && hp < start) { hp = source.indexOf('hpconf', start); if (hp < 0) hp = -2; }
        if (depth > 0 || (hp >= 0 && hp < i)) mark();
        continue;
      }
      if (c >= 48 && c <= 57) { mark(); i++; continue; }
      if (c === 34 || c === 39) {
        fstring = false;
        for (let k = i - 1; k >= 0 && k >= i - 2; k--) { const d = source.charCodeAt(k) | 32; if (d === 102 || d === 116) fstring = true; else if (d !== 114 && d !== 98 && d !== 117) break; }
        quote = c;
        triple = at(i + 1) === c && at(i + 2) === c;
        i += triple ? 3 : 1;
        from = i;
        continue;
      }
      if (c === 92) {
        const d = at(i + 1);
        if (d === 10) { continued = true; i++; continue; }
        if (d === 13 && at(i + 2) === 10) { continued = true; i += 2; continue; }
        i++;
        continue;
      }
      if (c === 40 || c === 91 || c === 123) depth++;
      else if (--depth < 0) return undefined;
      i++;
    }
    if (i >= n) break;
    // A newline: a one-quote string cannot cross it.
    if (quote && !triple) return undefined;
    i++;
    rowStarts.push(i);
  }
  if (quote || depth !== 0) return undefined;
  const last = stmts[stmts.length - 1];
  if (last && last.lastRow === undefined) last.lastRow = rowStarts.length - 1;
  if (pre && stmts[0]) stmts[0].num = true;
  return { stmts, rowStarts };
}

/** The statements of one block (stmts[from..to), all at its first one's indent) as units: a statement with its body, clauses and decorators. */
function units(stmts: Stmt[], from: number, to: number, endRow: number): Unit[] {
  const out: Unit[] = [];
  const indent = stmts[from]?.indent;
  for (let i = from; i < to;) {
    const start = i;
    let j = i + 1;
    // A decorator belongs to the definition under it; else/elif/except/finally to the statement before.
    while (j < to && (stmts[j].indent > indent || (stmts[j].indent === indent && (CLAUSES.has(stmts[j].word) || stmts[j - 1].word.startsWith('@') && stmts[j - 1].indent === indent)))) j++;
    let s = start;
    while (s < j - 1 && stmts[s].word.startsWith('@') && stmts[s + 1].indent === indent) s++;
    let blocks: Unit['blocks'] = SPLIT.has(stmts[s].word) ? [] : undefined;
    for (let k = s; blocks && k < j;) {
      let e = k + 1;
      while (e < j && stmts[e].indent > indent) e++;
      // A clause on one row (if x: y = 1) has no block to split.
      if (e === k + 1) blocks = undefined;
      else blocks.push({ row: k === s ? stmts[start].row : stmts[k].row, from: k + 1, to: e });
      k = e;
    }
    out.push({ first: stmts[start].row, end: j < to ? stmts[j].row : endRow, from: start, stmt: s, count: j - start, ...(blocks ? { blocks } : {}) });
    i = j;
  }
  return out;
}

/**
 * A module-level statement that may bind a name to a number (SEED = 71; N: int = 5; a = 1; B = -(2)): a module
 * constant a use elsewhere may name. Names are runs of ASCII word characters and anything past ASCII, a superset
 * of Python's (combining marks included); \s takes a byte-order mark too.
 */
const CONSTANT = /(?:^|;)\s*([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)\s*(?::[^;]*?)?=(?!=)[\s\\(+-]*\.?\d/g;
const IDENT = /[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/g;

/**
 * The ranges to parse; [] when no statement can hold a finding. A statement can when it holds a trigger row and may
 * bind a number: a number outside comments and plain strings (every finding binds a name to one: a default, a
 * range, a grid, a module constant), a comment inside brackets (a list of only comments is a literal space), a
 * directive, or a module constant's name (max_depth=DEPTH reports DEPTH = 6).
 */
export function pythonRanges(source: string, triggerRuns: [number, number][]): IncludedRange[] | undefined {
  const s = statements(source);
  if (!s) return undefined;
  const { stmts, rowStarts } = s;
  const rows = rowStarts.length; // rowStarts[r] is where row r starts; one past the last row is the file's end
  const at = (r: number) => (r < rows ? rowStarts[r] : source.length);
  const hot = new Uint8Array(rows + 1);
  for (const [a, b] of triggerRuns) for (let r = a; r < b && r < rows; r++) hot[r] = 1;
  const prefix = new Int32Array(rows + 2);
  for (let r = 0; r <= rows; r++) prefix[r + 1] = prefix[r] + hot[r];
  const holds = (a: number, b: number) => prefix[b] - prefix[a] > 0;
  const first = (k: number) => (k === 0 ? 0 : stmts[k].row);
  const next = (k: number) => (k + 1 < stmts.length ? stmts[k + 1].row : rows);
  const text = (k: number) => source.slice(at(first(k)), at(next(k)));
  // Module constants: every module-level simple statement that may bind one is parsed.
  const constants = new Set<string>();
  const need = new Uint8Array(stmts.length);
  for (let k = 0; k < stmts.length; k++) {
    const st = stmts[k];
    if (st.indent || !st.num || SPLIT.has(st.word) || st.word.startsWith('@')) continue;
    let found = false;
    for (const m of text(k).matchAll(CONSTANT)) { constants.add(m[1]); found = true; }
    if (found) need[k] = 1;
  }
  const namesConstant = (k: number) => {
    if (!constants.size) return false;
    for (const m of text(k).matchAll(IDENT)) if (constants.has(m[0])) return true;
    return false;
  };
  for (let k = 0; k < stmts.length; k++) if (!need[k] && holds(first(k), next(k)) && (stmts[k].num || namesConstant(k))) need[k] = 1;
  const needs = new Int32Array(stmts.length + 1);
  for (let k = 0; k < stmts.length; k++) needs[k + 1] = needs[k] + need[k];
  const needed = (u: Unit) => needs[u.from + u.count] - needs[u.from] > 0;
  const picked: [number, number][] = [];
  const pick = (list: Unit[], depth: number) => {
    for (const u of list) {
      if (!needed(u)) continue;
      if (u.count === 1 && stmts[u.stmt].bare) {
        // Only the comments around it can hold something (a directive).
        const st = stmts[u.stmt];
        if (holds(u.first, st.row)) picked.push([u.first, st.row]);
        if (holds(st.lastRow! + 1, u.end)) picked.push([st.lastRow! + 1, u.end]);
        continue;
      }
      if (!u.blocks || depth + 1 >= DEPTH) { picked.push([u.first, u.end]); continue; }
      for (let b = 0; b < u.blocks.length; b++) {
        const { row, from, to } = u.blocks[b];
        const inner = units(stmts, from, to, b + 1 < u.blocks.length ? u.blocks[b + 1].row : u.end);
        const before = picked.length;
        picked.push([row, stmts[from].row]);
        pick(inner, depth + 1);
        // A header alone is no block: with nothing inside picked, take the shortest statement inside (the first
        // is often a long docstring).
        if (picked.length === before + 1) {
          let best = inner[0];
          for (const x of inner) if (at(x.end) - at(x.first) < at(best.end) - at(best.first)) best = x;
          picked.push([best.first, best.end]);
        }
      }
    }
  };
  const top = units(stmts, 0, stmts.length, rows);
  // Rows before the first statement (a coding line, a file-level directive) go with it.
  if (top.length) top[0].first = 0;
  pick(top, 0);
  const merged: [number, number][] = [];
  for (const [a, b] of picked.sort((x, y) => x[0] - y[0])) {
    const last = merged[merged.length - 1];
    if (last && last[1] >= a) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  const end = (r: number) => (r < rows ? { row: r, column: 0 } : { row: rows - 1, column: source.length - rowStarts[rows - 1] });
  return merged.map(([a, b]) => ({ startIndex: at(a), endIndex: at(b), startPosition: { row: a, column: 0 }, endPosition: end(b) }));
}

/**
 * The parser's input for `ranges`: text up to the end of the range it asks in (the parser then asks at the next
 * one), not the file's rest, which the binding would copy 10 kB of at every range. At most 5,000 characters a
 * call: what that 10 kB buffer holds.
 */
export function rangeInput(source: string, ranges: IncludedRange[]): (index: number) => string {
  let k = 0;
  return (index) => {
    if (k >= ranges.length || index < (k ? ranges[k - 1].endIndex : 0)) k = 0;
    while (k < ranges.length && ranges[k].endIndex <= index) k++;
    return k < ranges.length ? source.slice(index, Math.min(ranges[k].endIndex, index + 5000)) : '';
  };
}
