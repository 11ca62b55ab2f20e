import { readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import * as R from '../responses.js';
import { HpconfError } from '../../errors/registry.js';
import { expandBundle } from '../../catalog/bundle.js';
import { readJson } from '../../catalog/load.js';
import { ROOT } from '../../paths.js';
import { actorOf } from '../auth/principal.js';
import { body, principal, type RouteDef } from '../http.js';
import { redacted, writeChanges } from './keys.js';
import { REDACTED } from '../../catalog/check.js';
import type { Deps } from '../deps.js';
import { S, strict } from '../schemas.js';

const BUILTIN_DIR = path.join(ROOT, 'catalog', 'presets');
const Target = strict({ models: z.array(S.text(20)).min(1).max(50).optional(), timeframes: z.array(S.text(10)).min(1).max(50).optional(), globals: z.boolean().default(false) });
const Apply = Target.extend({ baseRevision: S.revision().optional(), reason: S.reason().default('') });
const Create = strict({ name: z.string().regex(/^[a-z0-9][a-z0-9 ._-]{0,62}$/), description: S.reason().default(''), bundle: z.record(z.string(), z.unknown()) });

interface Preset { name: string; description: string; builtin: boolean; bundle: unknown; createdBy: string }

function builtins(): Preset[] {
  let files: string[] = [];
  try { files = readdirSync(BUILTIN_DIR).filter((f) => f.endsWith('.json')); } catch { /* none shipped */ }
  return files.map((f) => {
    const b = readJson(path.join(BUILTIN_DIR, f)) as { name: string; description?: string };
    return { name: b.name, description: b.description ?? '', builtin: true, bundle: b, createdBy: 'hpconf' };
  });
}

async function all(d: Deps): Promise<Preset[]> {
  const { rows } = await d.store.db.query<{ name: string; description: string; bundle: unknown; created_by: string }>('SELECT name, description, bundle, created_by FROM hp_preset ORDER BY name');
  return [...builtins(), ...rows.map((r) => ({ name: r.name, description: r.description, builtin: false, bundle: r.bundle, createdBy: r.created_by }))];
}

async function find(d: Deps, name: string): Promise<Preset> {
  const p = (await all(d)).find((x) => x.name === name);
  if (!p) throw new HpconfError('HPC_NOT_FOUND', { what: `preset "${name}"` });
  return p;
}

/** The preset's values for the chosen models and timeframes (and, if asked, its cross-cutting keys). */
function changesFor(d: Deps, p: Preset, t: z.infer<typeof Target>) {
  const models = (t.models ?? d.catalog.models).map((m) => m.toUpperCase());
  const tfs = (t.timeframes ?? d.catalog.timeframes).map((x) => x.toUpperCase());
  for (const m of models) if (!d.catalog.models.includes(m)) throw new HpconfError('HPC_MODEL_UNKNOWN', { model: m, known: d.catalog.models.join(', ') });
  for (const x of tfs) if (!d.catalog.timeframes.includes(x)) throw new HpconfError('HPC_TIMEFRAME_UNKNOWN', { timeframe: x, known: d.catalog.timeframes.join(', ') });
  return expandBundle(d.catalog, p.bundle, `preset ${p.name}`, false)
    .filter((e) => {
      const spec = d.catalog.byKey.get(e.key)!;
      return spec.kind === 'global' ? t.globals : models.includes(spec.model!) && tfs.includes(spec.timeframe!);
    })
    .map((e) => ({ key: e.key, value: e.text }));
}

/** A bundle as a viewer may see it: the values of secret keys replaced (as /values does for viewers). */
function redactBundle(d: Deps, bundle: unknown): unknown {
  const b = structuredClone(bundle) as { globals?: Record<string, { value?: unknown }>; models?: Record<string, Record<string, Record<string, unknown>>> };
  for (const [key, g] of Object.entries(b.globals ?? {})) if (d.catalog.file.globals[key]?.secret && g && typeof g === 'object') g.value = REDACTED;
  for (const [model, params] of Object.entries(b.models ?? {})) {
    for (const [param, entry] of Object.entries(params ?? {})) {
      if (!d.catalog.file.models[model]?.params[param]?.secret || !entry || typeof entry !== 'object') continue;
      for (const part of ['default', 'range']) {
        const per = entry[part] as Record<string, unknown> | undefined;
        if (per && typeof per === 'object') for (const tf of Object.keys(per)) per[tf] = REDACTED;
      }
    }
  }
  return b;
}

export const presetRoutes: RouteDef[] = [
  {
    method: 'get', path: '/presets', operationId: 'listPresets', response: R.Presets, action: 'read', tag: 'presets', summary: 'Named sets of values (built-in and saved)',
    handler: async (c, d) => c.json({ items: (await all(d)).map(({ bundle: _b, ...p }) => p) }),
  },
  {
    method: 'get', path: '/presets/:name', operationId: 'getPreset', response: R.Preset, action: 'read', tag: 'presets', summary: 'One preset with its bundle',
    handler: async (c, d) => {
      const p = await find(d, c.req.param('name')!);
      return c.json(principal(c).role === 'viewer' ? { ...p, bundle: redactBundle(d, p.bundle) } : p);
    },
  },
  {
    method: 'post', path: '/presets', operationId: 'createPreset', response: R.Created, status: 201, action: 'write', tag: 'presets', summary: 'Save a preset (a value bundle, as catalog/baseline.json but partial)', body: Create,
    handler: async (c, d) => {
      const b = body<z.infer<typeof Create>>(c);
      expandBundle(d.catalog, b.bundle, `preset ${b.name}`, false); // refuse a bad bundle before saving it
      if ((await all(d)).some((p) => p.name === b.name)) throw new HpconfError('HPC_USAGE', { details: `preset "${b.name}" exists` });
      await d.store.db.query('INSERT INTO hp_preset (name, description, bundle, created_by) VALUES ($1, $2, $3, $4)', [b.name, b.description, JSON.stringify(b.bundle), actorOf(principal(c))]);
      return c.json({ ok: true, name: b.name }, 201);
    },
  },
  {
    method: 'post', path: '/presets/:name/preview', operationId: 'previewPreset', response: R.PresetPreview, action: 'read', tag: 'presets', summary: 'What applying the preset to these models and timeframes would change', body: Target,
    handler: async (c, d) => {
      const changes = changesFor(d, await find(d, c.req.param('name')!), body<z.infer<typeof Target>>(c));
      const cur = await d.store.values();
      return c.json({ revision: await d.store.head(), changes: changes.filter((ch) => cur.get(ch.key) !== ch.value).map((ch) => ({ key: ch.key, old: redacted(d, ch.key, cur.get(ch.key) ?? null), new: redacted(d, ch.key, ch.value) })) });
    },
  },
  {
    method: 'post', path: '/presets/:name/apply', operationId: 'applyPreset', response: R.WriteResult, action: 'write', tag: 'presets', summary: 'Apply the preset as one change-set', body: Apply,
    handler: async (c, d) => {
      const b = body<z.infer<typeof Apply>>(c);
      const name = c.req.param('name')!;
      const changes = changesFor(d, await find(d, name), b);
      if (!changes.length) throw new HpconfError('HPC_USAGE', { details: `preset "${name}" has no values for those models and timeframes` });
      return c.json(await writeChanges(c, d, changes, { baseRevision: b.baseRevision, reason: b.reason || `preset ${name}` }));
    },
  },
];
