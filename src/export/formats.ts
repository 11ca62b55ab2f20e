import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HpconfError } from '../errors/registry.js';
import { REDACTED, checkValue, isSecret } from '../catalog/check.js';
import { expandBundle } from '../catalog/bundle.js';
import type { Catalog } from '../catalog/types.js';
import { formatValue, parseValue, type Value } from '../resolver/grammar.js';

export type ExportFormat = 'env' | 'dotenv' | 'json' | 'k8s';
export const EXPORT_FORMATS: ExportFormat[] = ['env', 'dotenv', 'json', 'k8s'];

/** Stored values in catalog order (then any non-catalog keys, sorted). */
export function ordered(c: Catalog, values: Map<string, string>): [string, string][] {
  const known = c.keys.filter((k) => values.has(k.key)).map((k) => [k.key, values.get(k.key)!] as [string, string]);
  const other = [...values].filter(([k]) => !c.byKey.has(k)).sort(([a], [b]) => a.localeCompare(b));
  return [...known, ...other];
}

export function typed(c: Catalog, key: string, text: string): Value {
  const spec = c.byKey.get(key);
  const p = spec ? parseValue(text, spec.type, spec.values) : undefined;
  return p?.kind === 'ok' ? p.value : text;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const yamlString = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

export interface ExportOptions { name?: string; namespace?: string; revision?: number }

export function exportValues(c: Catalog, values: Map<string, string>, format: ExportFormat, o: ExportOptions = {}): string {
  const rows = ordered(c, values);
  switch (format) {
    case 'env':
      return rows.map(([k, v]) => `export ${k}=${shellQuote(v)}`).join('\n') + '\n';
    case 'dotenv':
      return rows.map(([k, v]) => `${k}=${/^[A-Za-z0-9_.+\-]*$/.test(v) ? v : JSON.stringify(v)}`).join('\n') + '\n';
    case 'json':
      return JSON.stringify(Object.fromEntries(rows.map(([k, v]) => [k, typed(c, k, v)])), null, 2) + '\n';
    case 'k8s': {
      const secret = (k: string) => isSecret(c, k);
      // Named by its content, as Kustomize's generators name theirs: new values give a new name, so Deployments
      // and Jobs that reference it roll, and two runs never overwrite each other's ConfigMap.
      const name = o.name ?? `hpconf-values-${contentHash(rows)}`;
      const meta = (kind: string) => [
        'apiVersion: v1', `kind: ${kind}`, 'metadata:', `  name: ${name}`,
        ...(o.namespace ? [`  namespace: ${o.namespace}`] : []),
        '  labels:', '    app.kubernetes.io/managed-by: hpconf',
        ...(o.revision !== undefined ? ['  annotations:', `    hpconf.dev/revision: "${o.revision}"`] : []),
      ];
      const plain = rows.filter(([k]) => !secret(k));
      const hidden = rows.filter(([k]) => secret(k));
      const docs = [[...meta('ConfigMap'), 'data:', ...plain.map(([k, v]) => `  ${k}: ${yamlString(v)}`)].join('\n')];
      if (hidden.length) docs.push([...meta('Secret'), 'type: Opaque', 'stringData:', ...hidden.map(([k, v]) => `  ${k}: ${yamlString(v)}`)].join('\n'));
      return docs.join('\n---\n') + '\n';
    }
  }
}

/** Ten hex digits of the values' SHA-256 (keys and values, in order): a name that changes exactly when they do. */
export function contentHash(rows: [string, string][]): string {
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 10);
}

/** The text a log or listing shows for a key's value. */
export function shown(c: Catalog, key: string, v: string | null): string {
  if (v === null) return '(unset)';
  return isSecret(c, key) ? REDACTED : v;
}

/**
 * Read values from a file: a bundle (baseline/preset JSON), a flat JSON object, or KEY=VALUE
 * lines (dotenv / `hpconf export --format env`). Values come back in canonical text.
 */
export function readValuesFile(c: Catalog, path: string): Map<string, string> {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new HpconfError('HPC_FILE_INVALID', { path, details: (e as Error).message }); }
  const raw = new Map<string, string>();
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let obj: Record<string, unknown>;
    try { obj = JSON.parse(text); } catch (e) { throw new HpconfError('HPC_FILE_INVALID', { path, details: `not valid JSON: ${(e as Error).message}` }); }
    if ('models' in obj && 'globals' in obj) {
      for (const e of expandBundle(c, obj, path, false)) raw.set(e.key, e.text);
    } else {
      for (const [k, v] of Object.entries(obj)) {
        if (typeof v !== 'number' && typeof v !== 'string') throw new HpconfError('HPC_FILE_INVALID', { path, details: `${k}: value must be a number or a string` });
        raw.set(k, typeof v === 'number' ? formatValue(v) : v);
      }
    }
  } else {
    text.split(/\r?\n/).forEach((line, i) => {
      const l = line.trim();
      if (!l || l.startsWith('#')) return;
      const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(l);
      if (!m) throw new HpconfError('HPC_FILE_INVALID', { path, details: `line ${i + 1}: expected KEY=VALUE` });
      let v = m[2];
      if (/^'.*'$/.test(v)) v = v.slice(1, -1).replace(/'\\''/g, "'");
      else if (/^".*"$/.test(v)) v = JSON.parse(v);
      raw.set(m[1], v);
    });
  }
  // Canonical text where the catalog knows the key and the value parses; anything else as written.
  const out = new Map<string, string>();
  for (const [k, v] of raw) {
    const spec = c.byKey.get(k);
    const r = spec ? checkValue(spec, v) : undefined;
    out.set(k, r?.kind === 'ok' ? formatValue(r.value) : v);
  }
  return out;
}

export interface DiffRow { key: string; left: string | null; right: string | null }

export function diffMaps(left: Map<string, string>, right: Map<string, string>, c: Catalog): DiffRow[] {
  const keys = ordered(c, new Map([...left, ...right].map(([k]) => [k, ''])));
  return keys
    .map(([k]) => ({ key: k, left: left.get(k) ?? null, right: right.get(k) ?? null }))
    .filter((r) => r.left !== r.right);
}
