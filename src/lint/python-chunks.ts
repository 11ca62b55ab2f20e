/**
 * The parts of a Python file the gate has to parse: every statement holding a trigger row (triggers.ts), with
 * the headers of the classes and functions around it (what a finding's context is read from), and every simple
 * statement at module level (constants a use elsewhere may name). Found by a lexical pass (strings, comments,
 * brackets, continuations, indentation), then parsed as tree-sitter included ranges, so rows and columns stay
 * the file's. Undefined when the pass cannot be sure of the file's shape (tabs in indentation, an unterminated
 * string or bracket): the caller parses the whole file. The caller also parses the whole file when the ranges
 * do not parse, or when a finding depends on code outside them (scan-python.ts).
 */
export interface IncludedRange { startIndex: number; endIndex: number; startPosition: { row: number; column: number }; endPosition: { row: number; column: number } }

interface Stmt { row: number; indent: number; word: string; bare?: boolean; lastRow?: number }
interface Unit { first: number; end: number; stmt: number; count: number; body?: { from: number; to: number } }

const CLAUSES = new Set(['else', 'elif', 'except', 'finally']);
const COMPOUND = new Set(['if', 'for', 'while', 'try', 'with', 'match', 'def', 'class', 'async']);
const DEPTH = 3;

/** Statement starts: the rows where a logical line begins (not blank, not only a comment), with indent and first word. */
function statements(source: string): { stmts: Stmt[]; rowStarts: number[] } | undefined {
  const stmts: Stmt[] = [];
  const rowStarts = [0];
  const n = source.length;
  let depth = 0;
  let quote = 0; // the open string's quote (34 ", 39 '), 0 for none
  let triple = false;
  let continued = false;
  let i = 0;
  // A statement that is only a string (a docstring; not an f-string, whose fields are code): it holds no finding.
  let bare: Stmt | undefined;
  let bareFrom = 0;
  for (;;) {
    // At a row's start, outside strings, brackets and continuations: a statement unless blank or a comment.
    if (!quote && depth === 0 && !continued) {
      bare = undefined;
      const prev = stmts[stmts.length - 1];
      if (prev && prev.lastRow === undefined) prev.lastRow = rowStarts.length - 2;
      let j = i;
      while (j < n && (source.charCodeAt(j) === 32 || source.charCodeAt(j) === 12)) j++;
      const c = source.charCodeAt(j);
      if (c === 9) return undefined;
      if (j < n && c !== 10 && c !== 13 && c !== 35 && !(c === 92 && (source.charCodeAt(j + 1) === 10 || source.charCodeAt(j + 1) === 13))) {
        let k = j;
        while (k < n && k < j + 12) { const d = source.charCodeAt(k); if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || d === 95 || d === 64 || (k > j && d >= 48 && d <= 57)) k++; else break; }
        const st: Stmt = { row: rowStarts.length - 1, indent: j - i, word: source.slice(j, k) };
        stmts.push(st);
        let q = j;
        while (q < j + 2 && /[rRbBuU]/.test(source[q] ?? '')) q++;
        if (source.charCodeAt(q) === 34 || source.charCodeAt(q) === 39) { st.bare = true; bare = st; bareFrom = q; }
      }
    }
    continued = false;
    // The rest of the row.
    for (; i < n; i++) {
      const c = source.charCodeAt(i);
      if (c === 10) break;
      if (quote) {
        if (c === 92) { i++; if (source.charCodeAt(i) === 10) { rowStarts.push(i + 1); } continue; }
        if (c === quote && (!triple || (source.charCodeAt(i + 1) === quote && source.charCodeAt(i + 2) === quote))) { if (triple) i += 2; quote = 0; }
        continue;
      }
      if (bare && i > bareFrom && c !== 32 && c !== 9 && c !== 12 && c !== 13 && c !== 35 && !(c === 92 && (source.charCodeAt(i + 1) === 10 || source.charCodeAt(i + 1) === 13))) {
        bare.bare = false;
        bare = undefined;
      }
      if (c === 35) { while (i + 1 < n && source.charCodeAt(i + 1) !== 10) i++; continue; }
      if (c === 34 || c === 39) { quote = c; triple = source.charCodeAt(i + 1) === c && source.charCodeAt(i + 2) === c; if (triple) i += 2; continue; }
      if (c === 92) {
        const d = source.charCodeAt(i + 1);
        if (d === 10) { continued = true; continue; }
        if (d === 13 && source.charCodeAt(i + 2) === 10) { continued = true; i++; continue; }
      }
      if (c === 40 || c === 91 || c === 123) depth++;
      else if (c === 41 || c === 93 || c === 125) { if (--depth < 0) return undefined; }
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
    const body = s + 1 < j && stmts[s + 1].indent > indent && (stmts[s].word === 'def' || stmts[s].word === 'class' || stmts[s].word === 'async')
      && !stmts.slice(s + 1, j).some((x) => x.indent === indent) ? { from: s + 1, to: j } : undefined;
    out.push({ first: stmts[start].row, end: j < to ? stmts[j].row : endRow, stmt: s, count: j - start, ...(body ? { body } : {}) });
    i = j;
  }
  return out;
}

export function pythonRanges(source: string, triggerRuns: [number, number][]): IncludedRange[] | undefined {
  const s = statements(source);
  if (!s) return undefined;
  const { stmts, rowStarts } = s;
  const rows = rowStarts.length; // rowStarts[r] is where row r starts; one past the last row is the file's end
  const hot = new Uint8Array(rows + 1);
  for (const [a, b] of triggerRuns) for (let r = a; r < b && r < rows; r++) hot[r] = 1;
  const prefix = new Int32Array(rows + 2);
  for (let r = 0; r <= rows; r++) prefix[r + 1] = prefix[r] + hot[r];
  const holds = (a: number, b: number) => prefix[b] - prefix[a] > 0;
  const picked: [number, number][] = [];
  const pick = (list: Unit[], depth: number) => {
    for (const u of list) {
      const word = stmts[u.stmt].word;
      const simple = depth === 0 && !COMPOUND.has(word) && !word.startsWith('@');
      if (!holds(u.first, u.end) && !simple) continue;
      if (u.count === 1 && stmts[u.stmt].bare) {
        // Only the comments around it can hold something (a directive).
        const st = stmts[u.stmt];
        if (holds(u.first, st.row)) picked.push([u.first, st.row]);
        if (holds(st.lastRow! + 1, u.end)) picked.push([st.lastRow! + 1, u.end]);
        continue;
      }
      if (!u.body || depth + 1 >= DEPTH) { picked.push([u.first, u.end]); continue; }
      const inner = units(stmts, u.body.from, u.body.to, u.end);
      const before = picked.length;
      picked.push([u.first, stmts[u.body.from].row]);
      pick(inner, depth + 1);
      // A header alone is no definition: with nothing inside picked (the trigger is in the header), take its first statement.
      if (picked.length === before + 1) picked.push([inner[0].first, inner[0].end]);
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
  if (!merged.length) return undefined;
  const at = (r: number) => (r < rows ? rowStarts[r] : source.length);
  const end = (r: number) => (r < rows ? { row: r, column: 0 } : { row: rows - 1, column: source.length - rowStarts[rows - 1] });
  return merged.map(([a, b]) => ({ startIndex: at(a), endIndex: at(b), startPosition: { row: a, column: 0 }, endPosition: end(b) }));
}
