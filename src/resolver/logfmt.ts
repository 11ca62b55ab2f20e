/** logfmt as Loki and Grafana read it; python/src/hpconf/logfmt.py prints the same bytes. */
export type Fields = ReadonlyArray<readonly [string, string | number | boolean]>;

// Spelled out, not \s: JavaScript's and Python's \s differ (U+0085, U+FEFF).
const NEEDS_QUOTE = /[\u0000-\u0020"=\\\u007f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

export function logfmtValue(v: string | number | boolean): string {
  const s = String(v);
  if (s !== '' && !NEEDS_QUOTE.test(s)) return s;
  const escaped = s.replace(/[\\"\n\r\t]|[\u0000-\u001f\u007f]/g, (c) => {
    switch (c) {
      case '\\': return '\\\\';
      case '"': return '\\"';
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
    }
  });
  return `"${escaped}"`;
}

export function logfmt(fields: Fields): string {
  return fields.map(([k, v]) => `${k}=${logfmtValue(v)}`).join(' ');
}
