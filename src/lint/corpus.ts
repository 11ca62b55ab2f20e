import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from './types.js';

export const CORPUS = path.join(path.dirname(new URL(import.meta.url).pathname), 'corpus');
/** The corpus's own configuration: one allowed folder, to show the allow-list. */
export const CORPUS_CONFIG = { allow: ['python/allowed/**'], exclude: [] };

/**
 * The labels of the corpus: `EXPECT RULE name; RULE name` in a comment marks what the gate must find on
 * that line (`EXPECT-NEXT` on the line after); a file-level HP003 matches anywhere in its file.
 * Every other line is a known clean look-alike.
 */
export function labels(dir = CORPUS): Set<string> {
  const out = new Set<string>();
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : [path.join(d, n)]));
  for (const file of walk(dir).filter((f) => /\.(py|ts|ipynb)$/.test(f))) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    // A notebook's labels sit in its code cells; lines count within the cell.
    const texts: [string, number | undefined][] = file.endsWith('.ipynb')
      ? (JSON.parse(readFileSync(file, 'utf8')).cells as { cell_type: string; source: string | string[] }[])
        .map((c, i): [string, number | undefined] => [c.cell_type === 'code' ? [c.source].flat().join('') : '', i + 1])
      : [[readFileSync(file, 'utf8'), undefined]];
    for (const [text, cell] of texts) {
      text.split('\n').forEach((line, i) => {
        const m = /(?:#|\/\/)\s*EXPECT(-NEXT)?\s+(.*)$/.exec(line);
        if (!m) return;
        const at = `${cell ? `c${cell}:` : ''}${i + 1 + (m[1] ? 1 : 0)}`;
        for (const item of m[2].replace(/\(.*\)/, '').split(';')) {
          const [rule, name = ''] = item.trim().split(/\s+/);
          if (!rule) continue;
          out.add(rule === 'HP003' && !cell ? `${rel}|*|HP003|` : `${rel}|${at}|${rule}|${['HP003', 'HP004', 'HP005', 'HP006'].includes(rule) ? '' : name}`);
        }
      });
    }
  }
  return out;
}

export const findingKey = (f: Finding) => (f.rule === 'HP003' && !f.cell ? `${f.path}|*|HP003|` : `${f.path}|${f.cell ? `c${f.cell}:` : ''}${f.line}|${f.rule}|${f.name}`);

export function score(found: Finding[], expected: Set<string>) {
  const got = new Set(found.map(findingKey));
  const tp = [...got].filter((k) => expected.has(k)).length;
  const fp = [...got].filter((k) => !expected.has(k));
  const fn = [...expected].filter((k) => !got.has(k));
  return { tp, fp, fn, precision: got.size ? tp / got.size : 1, recall: expected.size ? tp / expected.size : 1 };
}
