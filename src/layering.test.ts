/**
 * The folders are the layers: the CLI sits on top. Export formats, coverage reports and everything the Console or
 * the fine-tune runner share live below it, so no module under another folder imports the CLI (the fine-tune
 * commands may name the CLI's Context type, which erases at build time).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.js';

test('nothing below the CLI imports it', () => {
  const src = path.join(ROOT, 'src');
  const bad: string[] = [];
  for (const f of readdirSync(src, { recursive: true }).map(String)) {
    if (!f.endsWith('.ts') || /\.(test|case|e2e)\.ts$/.test(f) || f.startsWith(`cli${path.sep}`) || f.endsWith('.gen.ts')) continue;
    const text = readFileSync(path.join(src, f), 'utf8');
    for (const m of text.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)) {
      const target = path.relative(src, path.resolve(path.dirname(path.join(src, f)), m[2]));
      if (!target.startsWith(`cli${path.sep}`)) continue;
      const typeOnlyContext = m[1] && target === path.join('cli', 'context.js') && f.startsWith(`ftf${path.sep}`);
      if (!typeOnlyContext) bad.push(`${f} imports ${m[2]}`);
    }
  }
  assert.deepEqual(bad, []);
});
