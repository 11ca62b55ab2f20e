/**
 * The one value grammar both SDKs implement (python/src/hpconf/grammar.py mirrors it; the
 * vectors in spec/vectors/value-grammar.json hold them to the same answers).
 */
export type ValueType = 'int' | 'float' | 'enum';
export type Value = number | string;

export type Parsed =
  | { kind: 'missing' }
  | { kind: 'ok'; value: Value }
  | { kind: 'error'; code: 'HPC_VALUE_NOT_INT' | 'HPC_VALUE_NOT_FLOAT' | 'HPC_VALUE_NOT_ENUM' | 'HPC_VALUE_INT_TOO_LARGE' | 'HPC_VALUE_FLOAT_UNDERFLOW' };

const WS = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g; // ASCII only: Python's str.strip() and JS trim() disagree on Unicode
const INT = /^[+-]?[0-9]+$/;
const FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

export function trimValue(raw: string): string {
  return raw.replace(WS, '');
}

export function parseValue(raw: string | undefined | null, type: ValueType, values?: readonly string[]): Parsed {
  if (raw === undefined || raw === null) return { kind: 'missing' };
  const s = trimValue(raw);
  if (s === '') return { kind: 'missing' };
  switch (type) {
    case 'int': {
      if (!INT.test(s)) return { kind: 'error', code: 'HPC_VALUE_NOT_INT' };
      const n = Number(s);
      if (!Number.isSafeInteger(n)) return { kind: 'error', code: 'HPC_VALUE_INT_TOO_LARGE' };
      return { kind: 'ok', value: n === 0 ? 0 : n };
    }
    case 'float': {
      if (!FLOAT.test(s)) return { kind: 'error', code: 'HPC_VALUE_NOT_FLOAT' };
      const n = Number(s);
      if (!Number.isFinite(n)) return { kind: 'error', code: 'HPC_VALUE_NOT_FLOAT' };
      // "1e-400" is not zero: storing it as 0 would change what the user wrote.
      if (n === 0 && /[1-9]/.test(s.split(/[eE]/)[0])) return { kind: 'error', code: 'HPC_VALUE_FLOAT_UNDERFLOW' };
      return { kind: 'ok', value: n === 0 ? 0 : n };
    }
    case 'enum':
      return values?.includes(s) ? { kind: 'ok', value: s } : { kind: 'error', code: 'HPC_VALUE_NOT_ENUM' };
  }
}

/** Canonical text of a value: what the store holds and what log lines print (ECMAScript Number#toString). */
export function formatValue(v: Value): string {
  if (typeof v === 'string') return v;
  return v === 0 ? '0' : String(v);
}
