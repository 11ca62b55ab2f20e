/** logfmt as Loki and Grafana read it; python/src/hpconf/logfmt.py prints the same bytes. */
export type Fields = ReadonlyArray<readonly [string, string | number | boolean]>;

const NEEDS_QUOTE = /[\s"=\\]|[\u0000-\u001f\u007f]/;

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
