/** For tests: the promise rejects with this stable code (and, if given, a message matching `re`); the error back. */
import assert from 'node:assert/strict';
import { HpconfError } from './registry.js';

export async function expectCode(p: Promise<unknown>, code: string, re?: RegExp): Promise<HpconfError> {
  try { await p; } catch (e) {
    assert.ok(e instanceof HpconfError, `expected ${code}, got ${String((e as Error).stack ?? e)}`);
    assert.equal(e.code, code, e.message);
    if (re) assert.match(e.message, re);
    return e;
  }
  assert.fail(`expected ${code}, but it succeeded`);
}
