import { readFileSync } from 'node:fs';
import { ERRORS_PATH } from '../paths.js';

interface ErrorDef { exit: number; message: string; retired?: boolean }

/** The registry is data (spec/errors.json) so both SDKs render the same message for a code. */
const REGISTRY: Record<string, ErrorDef> = JSON.parse(readFileSync(ERRORS_PATH, 'utf8')).errors;

export type Params = Record<string, string | number>;

export function render(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function errorDef(code: string): ErrorDef {
  const def = REGISTRY[code];
  if (!def) throw new Error(`unregistered error code ${code}`);
  return def;
}

export function errorCodes(): string[] {
  return Object.keys(REGISTRY);
}

export function formatMessage(code: string, params: Params): string {
  return render(errorDef(code).message, params);
}

/** Every failure the product reports carries a stable code from the registry. */
export class HpconfError extends Error {
  readonly code: string;
  readonly params: Params;
  readonly exitCode: number;
  /** Structured detail for API and JSON output (problems, conflicts...). */
  readonly detail: unknown;

  constructor(code: string, params: Params = {}, detail?: unknown) {
    super(formatMessage(code, params));
    this.name = 'HpconfError';
    this.code = code;
    this.params = params;
    this.exitCode = errorDef(code).exit;
    this.detail = detail;
  }
}

/** An error a Console reported over HTTP, kept with its code, message and exit status. */
export function remoteError(code: string, message: string, detail?: unknown): HpconfError {
  const e = new HpconfError(code in REGISTRY ? code : 'HPC_USAGE', {}, detail);
  e.message = message;
  return e;
}

export function isHpconfError(e: unknown): e is HpconfError {
  return e instanceof HpconfError;
}
