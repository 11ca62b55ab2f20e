import { HpconfError, isHpconfError } from '../errors/registry.js';

/** Node socket errors and PostgreSQL SQLSTATEs that mean "the server is gone", not "the query is wrong". */
const GONE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN']);
const GONE_SQLSTATE = /^(08|57P0[1-3]|53300)/;

/**
 * A database error as the product reports it: the store unreachable (the API answers 503), a
 * value PostgreSQL refused (400), or undefined for a real bug (500).
 */
export function classifyDbError(e: unknown, where: string): HpconfError | undefined {
  if (isHpconfError(e)) return e;
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err?.code === 'string' ? err.code : '';
  const msg = typeof err?.message === 'string' ? err.message : String(e);
  if (GONE_NODE.has(code) || GONE_SQLSTATE.test(code) || /Connection terminated|connection timeout|Client has encountered a connection error/i.test(msg)) {
    return new HpconfError('HPC_STORE_UNREACHABLE', { details: `${where}: ${msg || code}` });
  }
  // PostgreSQL's disk_full, or PGlite's file system meeting a full disk (ENOSPC inside WebAssembly).
  if (code === 'ENOSPC' || code === '53100' || /No space left on device|ENOSPC/i.test(msg)) {
    return new HpconfError('HPC_STORE_FULL', { details: `${where}: ${msg || code}` });
  }
  if (/^22/.test(code)) return new HpconfError('HPC_USAGE', { details: `the database refused a value: ${msg}` });
  return undefined;
}

/** Rethrow a database error in its product form. */
export function rethrowDb(e: unknown, where: string): never {
  throw classifyDbError(e, where) ?? e;
}
