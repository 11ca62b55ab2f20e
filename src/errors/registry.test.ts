import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';
import { errorCodes, errorDef, HpconfError } from './registry.js';

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return n === 'node_modules' || n.startsWith('.') ? [] : files(p, ext);
    return ext.test(n) ? [p] : [];
  });
}

test('errors: codes are stable names with an exit code and a message', () => {
  for (const code of errorCodes()) {
    assert.match(code, /^HPC_[A-Z_]+$/);
    const d = errorDef(code);
    // 126+ mean "cannot execute" and signals to a shell; the one exception is a run stopped by Ctrl-C, which
    // exits as the shell reports an interrupted command (128 + SIGINT).
    if (code === 'HPC_INTERRUPTED') assert.equal(d.exit, 130);
    else assert.ok(Number.isInteger(d.exit) && d.exit >= 0 && d.exit < 126, code);
    assert.ok(d.message.length > 5, code);
  }
  assert.throws(() => new HpconfError('HPC_NOT_A_CODE'), /unregistered/);
});

test('errors: every code the sources raise (TypeScript and Python) is in the registry', () => {
  const known = new Set(errorCodes());
  const used = new Set<string>();
  for (const f of [...files(path.join(ROOT, 'src'), /\.ts$/), ...files(path.join(ROOT, 'python', 'src'), /\.py$/)]) {
    if (f.endsWith('.test.ts')) continue;
    for (const m of readFileSync(f, 'utf8').matchAll(/['"](HPC_[A-Z_]+)['"]/g)) used.add(m[1]);
  }
  assert.ok(used.size > 15);
  for (const code of used) assert.ok(known.has(code), `${code} is raised but not registered`);
});
