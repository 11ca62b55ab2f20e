/** Parse one logfmt line (the inverse of resolver/logfmt.ts): key=value pairs, values bare or "quoted\"escaped". */
export function parseLogfmt(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && line[i] === ' ') i++;
    const k0 = i;
    while (i < n && line[i] !== '=' && line[i] !== ' ') i++;
    const key = line.slice(k0, i);
    if (i >= n || line[i] !== '=') { if (key) out[key] = ''; continue; }
    i++;
    let val = '';
    if (line[i] === '"') {
      i++;
      while (i < n && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < n) {
          const c = line[++i];
          if (c === 'n') val += '\n'; else if (c === 't') val += '\t'; else if (c === 'r') val += '\r';
          else if (c === 'u') { val += String.fromCharCode(parseInt(line.slice(i + 1, i + 5), 16)); i += 4; } else val += c;
          i++;
        } else val += line[i++];
      }
      i++;
    } else {
      const v0 = i;
      while (i < n && line[i] !== ' ') i++;
      val = line.slice(v0, i);
    }
    if (key) out[key] = val;
  }
  return out;
}
