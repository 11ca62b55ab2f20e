import { HpconfError } from '../errors/registry.js';
import { readJson } from '../catalog/load.js';
import type { Catalog } from '../catalog/types.js';
import { formatValue } from '../resolver/grammar.js';
import type { RunManifest, TrainedWith, WorkerManifest } from './types.js';

export interface Sourced { value: string; source: string; layer?: string; changeset?: number | null }
export interface ConfiguredDiff { key: string; left: Sourced | null; right: Sourced | null }
export interface TrainedDiff { worker: string; param: string; native: string; left: Sourced | null; right: Sourced | null }

type AnyManifest = RunManifest | WorkerManifest;

export function readManifest(path: string): AnyManifest {
  const m = readJson(path) as { kind?: string };
  if (m.kind !== 'hpconf/ftf-run' && m.kind !== 'hpconf/training-manifest') {
    throw new HpconfError('HPC_FILE_INVALID', { path, details: 'not an hpconf run manifest (kind hpconf/ftf-run or hpconf/training-manifest)' });
  }
  return m as AnyManifest;
}

/** What each key was configured to, and where that came from (store revision, override, env, fallback). */
function configured(m: AnyManifest): Map<string, Sourced> {
  if (m.kind === 'hpconf/ftf-run') {
    // A token's overrides as KEY@TOKEN: a diff of two runs shows a value moving between layers.
    const out = new Map<string, Sourced>(Object.entries(m.configured));
    for (const [token, vs] of Object.entries(m.by_token ?? {})) for (const [k, v] of Object.entries(vs)) out.set(`${k}@${token}`, v);
    return out;
  }
  const rev = m.store_revision === null ? 'env' : `store r${m.store_revision}`;
  return new Map(m.resolved.map((r) => [r.key, { value: formatValue(r.value), source: r.source === 'env' ? rev : r.source }]));
}

function trained(m: AnyManifest): Map<string, TrainedWith> {
  const out = new Map<string, TrainedWith>();
  const add = (worker: string, list: TrainedWith[] | undefined) => { for (const t of list ?? []) out.set(`${worker} ${t.param}`, t); };
  if (m.kind === 'hpconf/ftf-run') for (const w of m.workers) add(`${w.model}/${w.token}`, w.trained_with);
  else add(`${m.model}/${m.token}`, m.trained_with);
  return out;
}

const same = (a: Sourced | null, b: Sourced | null) => a?.value === b?.value && (a?.layer ?? 'base') === (b?.layer ?? 'base');

/** Every hyperparameter whose configured value differs between two runs, with where each came from. */
export function diffManifests(c: Catalog, a: AnyManifest, b: AnyManifest): { configured: ConfiguredDiff[]; trained: TrainedDiff[] } {
  const ca = configured(a);
  const cb = configured(b);
  const order = [...c.keys.map((k) => k.key), ...[...new Set([...ca.keys(), ...cb.keys()])].filter((k) => !c.byKey.has(k)).sort()];
  const conf = order
    .filter((k) => ca.has(k) || cb.has(k))
    .map((k) => ({ key: k, left: ca.get(k) ?? null, right: cb.get(k) ?? null }))
    .filter((d) => !same(d.left, d.right));
  const ta = trained(a);
  const tb = trained(b);
  const tr: TrainedDiff[] = [];
  for (const id of new Set([...ta.keys(), ...tb.keys()])) {
    const x = ta.get(id);
    const y = tb.get(id);
    const sx = x ? { value: formatValue(x.value), source: x.source } : null;
    const sy = y ? { value: formatValue(y.value), source: y.source } : null;
    if (!same(sx, sy)) tr.push({ worker: id.split(' ')[0], param: (x ?? y)!.param, native: (x ?? y)!.native, left: sx, right: sy });
  }
  return { configured: conf, trained: tr };
}

export function formatSourced(s: Sourced | null): string {
  if (!s) return '(absent)';
  const layer = s.layer && s.layer !== 'base' ? `, layer ${s.layer}` : '';
  return `${s.value} (${s.source}${layer})`;
}
