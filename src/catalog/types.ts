import type { ValueType } from '../resolver/grammar.js';

export interface Domain { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean; extra?: number[] }

export interface ParamDef {
  type: 'int' | 'float' | 'enum';
  /** Absent only for an enum parameter. */
  domain?: Domain;
  /** An enum parameter's allowed values. */
  values?: string[];
  logAllowed: boolean;
  search: boolean;
  native: string;
  /** Read by the training harness (loss, calibration), never passed to the library. */
  harness?: boolean;
  aliases: string[];
  secret?: boolean;
  doc: string;
}

export interface GlobalDef { type: ValueType; domain?: Domain; values?: string[]; secret?: boolean; doc: string }

export type Part = 'default' | 'min' | 'max';
export interface Condition { param: string; parts: Part[]; op: '<' | '<=' | '>' | '>=' | '==' | '!='; value?: number; pow2Of?: string }
export interface RuleDef { id: string; severity: 'error' | 'warning'; model: string; if: Condition; then: Condition; message: string }

export interface CatalogFile {
  version: number;
  prefix: string;
  range: { min: string; max: string; scale: string; scales: string[] };
  timeframes: { id: string; minutes: number }[];
  models: Record<string, { library: string; params: Record<string, ParamDef> }>;
  globals: Record<string, GlobalDef>;
  rules: RuleDef[];
  /** For the G5 gate: names flagged only where they configure a model or a search. */
  lint?: { generic?: string[]; extra?: string[] };
}

export type KeyKind = 'default' | 'min' | 'max' | 'scale' | 'global';

/** One required key, expanded from the catalog. */
export interface KeySpec {
  key: string;
  kind: KeyKind;
  model?: string;
  timeframe?: string;
  param?: string;
  type: ValueType;
  domain?: Domain;
  values?: string[];
  secret: boolean;
}

export interface Catalog {
  file: CatalogFile;
  path: string;
  models: string[];
  timeframes: string[];
  /** Every required key, in catalog order (model, timeframe, parameter, default/min/max/scale; then globals). */
  keys: KeySpec[];
  byKey: Map<string, KeySpec>;
  /** The keys of each (model, timeframe), by `${model}|${timeframe}`: rules never cross a group, so a check of one key needs only its group. */
  groups: Map<string, KeySpec[]>;
  /** The cross-cutting keys. */
  globals: KeySpec[];
}
