import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadBundle } from '../catalog/bundle.js';
import { loadCatalog } from '../catalog/load.js';
import { BASELINE_PATH, VECTORS_DIR } from '../paths.js';

export interface EnvSpec { from: 'baseline' | 'empty'; set?: Record<string, string>; unset?: string[] }
export interface ResolverCase {
  name: string;
  env: EnvSpec;
  call: { fn: string; args: string[]; fallback?: number | string; overrides?: Record<string, number> };
  expect: { value?: unknown; sources?: Record<string, string>; logs: string[]; error?: { code: string; message?: string; message_prefix?: string } };
}

export function resolverCases(): ResolverCase[] {
  return JSON.parse(readFileSync(path.join(VECTORS_DIR, 'resolver.json'), 'utf8')).cases;
}

/** The baseline bundle as an environment, the shape a worker gets from `hpconf exec`. */
export function baselineEnv(): Record<string, string> {
  return Object.fromEntries(loadBundle(loadCatalog(), BASELINE_PATH).map((e) => [e.key, e.text]));
}

export function buildEnv(spec: EnvSpec): Record<string, string> {
  const env = spec.from === 'baseline' ? baselineEnv() : {};
  Object.assign(env, spec.set ?? {});
  for (const k of spec.unset ?? []) delete env[k];
  return env;
}
