/**
 * Text from users (reasons, names, values) ends up on operators' terminals and screens. Control
 * characters there can move the cursor, rewrite a line, set the clipboard (OSC 52) or, with bidi
 * overrides, show a line in another order than it reads; a lone surrogate is not text at all.
 */

// C0 (but tab and newline), DEL and C1; the bidi embeddings, overrides and isolates.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a piece of user text is refused, or undefined when it is fine. `lines`: tab and newline allowed. */
export function unsafeText(s: string, o: { lines?: boolean } = {}): string | undefined {
  if (!o.lines && /[\t\n]/.test(s)) return 'a tab or line break';
  if (CONTROL.test(s)) return 'a control character';
  if (BIDI.test(s)) return 'a bidirectional override';
  if (LONE_SURROGATE.test(s)) return 'a lone UTF-16 surrogate';
  return undefined;
}

const ESCAPE = new RegExp(`${CONTROL.source}|${BIDI.source}|${LONE_SURROGATE.source}`, 'g');

/** The line as a terminal may show it: every control, bidi and lone-surrogate code point spelled out (`\x1b`, `\u202e`). */
export function terminalSafe(line: string): string {
  return line.replace(ESCAPE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** A multi-line text (a reason) on one line of a listing: a line break cannot start a forged row. */
export function oneLine(s: string): string {
  return s.replace(/\r\n|[\n\r\t]/g, (m) => (m === '\t' ? '\\t' : '\\n'));
}
