import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VECTORS_DIR } from '../paths.js';
import { formatValue, parseValue, type ValueType } from './grammar.js';
import { logfmt } from './logfmt.js';

const grammar = JSON.parse(readFileSync(path.join(VECTORS_DIR, 'value-grammar.json'), 'utf8')).cases as {
  input: string | null; type: ValueType; values?: string[]; expect: { value?: number | string; format?: string; missing?: boolean; error?: string };
}[];

test('value grammar: shared vectors', async (t) => {
  assert.ok(grammar.length >= 50);
  for (const c of grammar) {
    await t.test(`${c.type} ${JSON.stringify(c.input)}`, () => {
      const r = parseValue(c.input, c.type, c.values);
      if (c.expect.missing) assert.deepEqual(r, { kind: 'missing' });
      else if (c.expect.error) assert.deepEqual(r, { kind: 'error', code: c.expect.error });
      else {
        assert.equal(r.kind, 'ok');
        if (r.kind !== 'ok') return;
        assert.ok(Object.is(r.value, c.expect.value), `${String(r.value)} !== ${String(c.expect.value)}`);
        assert.equal(formatValue(r.value), c.expect.format);
      }
    });
  }
});

test('value grammar: canonical text parses back to the same value', () => {
  for (const x of [0.1, 1e-8, 5e-5, 123.456, 1e21, -2.5e-7, 42, 1 / 3]) {
    const r = parseValue(formatValue(x), 'float');
    assert.deepEqual(r, { kind: 'ok', value: x });
  }
});

const logs = JSON.parse(readFileSync(path.join(VECTORS_DIR, 'logfmt.json'), 'utf8')).cases as { fields: [string, string | number | boolean][]; line: string }[];

test('logfmt: shared vectors', () => {
  for (const c of logs) assert.equal(logfmt(c.fields), c.line);
});

const events = JSON.parse(readFileSync(path.join(VECTORS_DIR, 'events.json'), 'utf8')) as {
  cases: { event: string; level?: string; fields: Record<string, string | number | boolean>; line: string }[];
  errors: { event: string; fields: Record<string, string | number> }[];
};

test('events: shared vectors (the documented vocabulary, byte for byte)', async () => {
  const { eventLine } = await import('./events.js');
  for (const c of events.cases) assert.equal(eventLine(c.event, c.fields, c.level), c.line);
  for (const e of events.errors) assert.throws(() => eventLine(e.event, e.fields));
});
