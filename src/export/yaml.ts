/**
 * A small YAML writer for the manifests hpconf emits (plain objects, arrays, strings, numbers,
 * booleans): block style; a string is plain only when it can be read back as that same string,
 * otherwise JSON-quoted (a JSON string is a valid YAML scalar), so no value is mistaken for another
 * type. Not a parser; nothing here reads YAML.
 */
export type Node = string | number | boolean | null | Node[] | { [k: string]: Node | undefined };

const key = (k: string) => (/^[A-Za-z_][A-Za-z0-9_.\/-]*$/.test(k) ? k : JSON.stringify(k));
// YAML 1.1 and 1.2 words a plain scalar could be read as (a boolean, a null): those stay quoted.
const RESERVED = /^(y|yes|n|no|true|false|on|off|null|~)$/i;
/** Plain when it can only be read back as the same string, JSON-quoted otherwise. */
const scalar = (v: string | number | boolean | null) =>
  (typeof v !== 'string' ? String(v) : /^[A-Za-z][A-Za-z0-9._\/-]*$/.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v));

function lines(v: Node, indent: string): string[] {
  if (Array.isArray(v)) {
    if (!v.length) return [`${indent}[]`];
    return v.flatMap((x) => {
      const inner = isBlock(x) ? lines(x, indent + '  ') : [`${indent}  ${scalar(x as string)}`];
      return [`${indent}- ${inner[0].trimStart()}`, ...inner.slice(1)];
    });
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined) as [string, Node][];
    if (!entries.length) return [`${indent}{}`];
    return entries.flatMap(([k, x]) => (isBlock(x) && !isEmpty(x) ? [`${indent}${key(k)}:`, ...lines(x, indent + '  ')] : [`${indent}${key(k)}: ${isBlock(x) ? (Array.isArray(x) ? '[]' : '{}') : scalar(x as string)}`]));
  }
  return [`${indent}${scalar(v)}`];
}
const isBlock = (x: Node): boolean => x !== null && typeof x === 'object';
const isEmpty = (x: Node): boolean => (Array.isArray(x) ? !x.length : !Object.values(x as object).some((y) => y !== undefined));

/** One YAML document. */
export function toYaml(doc: Node): string {
  return lines(doc, '').join('\n') + '\n';
}
