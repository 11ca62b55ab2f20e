import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HpconfError } from '../errors/registry.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with every usage mistake turned into HPC_USAGE. */
export function parse<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new HpconfError('HPC_USAGE', { details: `${(e as Error).message}\nusage: ${usage}` });
  }
}

export function intOption(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^[0-9]+$/.test(v)) throw new HpconfError('HPC_USAGE', { details: `--${name} takes a whole number, got "${v}"` });
  return Number(v);
}
