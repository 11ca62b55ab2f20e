import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { HpconfError } from '../errors/registry.js';
import { readJson } from '../catalog/load.js';
import { ROOT } from '../paths.js';

/** Token groups: `{ quote, groups: { name: [TOKEN, ...] } }`. The package's file is only the default. */
export interface Groups { quote: string; groups: Record<string, string[]>; source: string }

export const DEFAULT_GROUPS = path.join(ROOT, 'catalog', 'groups.json');

/** The user's file (`--groups FILE`, else $HPCONF_GROUPS), else the package's default. */
export function loadGroups(file?: string, env: Record<string, string | undefined> = process.env): Groups {
  const p = file ?? env.HPCONF_GROUPS ?? DEFAULT_GROUPS;
  if (!existsSync(p)) throw new HpconfError('HPC_USAGE', { details: `groups file ${p}: no such file` });
  const doc = readJson(p) as Partial<Groups>;
  const ok = doc && typeof doc === 'object' && typeof doc.quote === 'string' && doc.groups && typeof doc.groups === 'object' &&
    Object.values(doc.groups).every((g) => Array.isArray(g) && g.length > 0 && g.every((t) => typeof t === 'string' && /^[A-Z0-9]+$/.test(t)));
  if (!ok) throw new HpconfError('HPC_USAGE', { details: `groups file ${p}: expected {"quote": "USDT", "groups": {"name": ["TOKEN", ...]}} with upper-case tokens` });
  return { quote: doc.quote!, groups: doc.groups!, source: p };
}

/** Tokens with a file for this quote in the data directory (`TOKEN_QUOTE-<tf>.csv[.gz]`, any timeframe). */
export function tokensIn(dataDir: string, quote: string): string[] {
  if (!existsSync(dataDir)) return [];
  const re = new RegExp(`^([A-Z0-9]+)_${quote}-[0-9]+[mhd]\\.csv(\\.gz)?$`);
  return [...new Set(readdirSync(dataDir).map((f) => re.exec(f)?.[1]).filter((t): t is string => !!t))].sort();
}

/**
 * Which tokens a run trains: `--tokens` names any token (checked against the data directory by the
 * preflight), `--crypto-group` a group of the groups file; with both, the tokens are the run's and the
 * group only names it.
 */
export function chooseTokens(groups: Groups, group: string | undefined, tokens: string[] | undefined, dataDir: string, quote: string): { tokens: string[]; group: string } {
  if (group !== undefined && !groups.groups[group]) {
    throw new HpconfError('HPC_USAGE', { details: `unknown crypto group "${group}" in ${groups.source}; known: ${Object.keys(groups.groups).join(', ')}` +
      (tokens?.length ? '' : '; or name tokens with --tokens') });
  }
  if (tokens?.length) {
    const bad = tokens.filter((t) => !/^[A-Z0-9]+$/.test(t));
    if (bad.length) throw new HpconfError('HPC_USAGE', { details: `--tokens ${bad.join(',')}: a token is letters and digits (e.g. UNI)` });
    return { tokens: [...new Set(tokens)], group: group ?? 'custom' };
  }
  if (group === undefined) {
    const present = tokensIn(dataDir, quote);
    throw new HpconfError('HPC_USAGE', { details: `name a --crypto-group (${Object.keys(groups.groups).join(', ')}) or --tokens` +
      (present.length ? `; ${dataDir} has ${present.join(', ')}` : '') });
  }
  return { tokens: groups.groups[group], group };
}
