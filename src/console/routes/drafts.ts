import { z } from 'zod';
import { GROUP } from '../../catalog/segments.js';
import * as R from '../responses.js';
import { HpconfError } from '../../errors/registry.js';
import { body, principal, type Ctx, type RouteDef } from '../http.js';
import { S, strict } from '../schemas.js';
import type { Deps } from '../deps.js';

/**
 * Staged changes kept per user on the server: a reload, a crash or another device finds them
 * as they were, with the revision they were read at (so a stale draft still gets its 409) and the environment
 * they are for (one draft per user: the Console asks to save or discard it before switching environments).
 */
const Item = strict({ key: S.text(200).min(1), old: S.text(200).nullable(), value: S.text(200).nullable() });
const Draft = strict({ baseRevision: S.revision(), items: z.array(Item).max(100_000) });

const editor = (c: Ctx): number => principal(c).userId!;

async function read(c: Ctx, d: Deps) {
  const uid = editor(c);
  const meta = (await d.store.db.query<{ base_revision: unknown; environment: string }>('SELECT base_revision, environment FROM hp_draft_meta WHERE user_id = $1', [uid])).rows[0];
  const { rows } = await d.store.db.query<{ key: string; old_value: string | null; value: string | null }>(
    'SELECT key, old_value, value FROM hp_draft WHERE user_id = $1 ORDER BY updated_at, key', [uid]);
  return c.json({ baseRevision: meta ? Number(meta.base_revision) : null, environment: meta?.environment ?? null, items: rows.map((r) => ({ key: r.key, old: r.old_value, value: r.value })) });
}

async function replace(c: Ctx, d: Deps) {
  const uid = editor(c);
  const b = body<z.infer<typeof Draft>>(c);
  // Addresses: a key, an override (KEY@SEGMENT) or a group (group:NAME); the write checks the rest.
  const unknown = b.items.find((i) => !d.catalog.byKey.has(i.key.split('@')[0]) && !GROUP.test(i.key));
  if (unknown) throw new HpconfError('HPC_KEY_UNKNOWN', { key: unknown.key, hint: '' });
  const seen = new Set<string>();
  const twice = b.items.find((i) => seen.size === seen.add(i.key).size);
  if (twice) throw new HpconfError('HPC_USAGE', { details: `${twice.key} appears twice in one draft` });
  await d.store.db.transaction(async (tx) => {
    await tx.query('DELETE FROM hp_draft WHERE user_id = $1', [uid]);
    await tx.query('DELETE FROM hp_draft_meta WHERE user_id = $1', [uid]);
    if (!b.items.length) return;
    await tx.query('INSERT INTO hp_draft_meta (user_id, base_revision, environment) VALUES ($1, $2, $3)', [uid, b.baseRevision, d.store.environment]);
    await tx.query(
      `INSERT INTO hp_draft (user_id, key, old_value, value)
       SELECT $1, k, o, v FROM unnest($2::text[], $3::text[], $4::text[]) AS t(k, o, v)`,
      [uid, b.items.map((i) => i.key), b.items.map((i) => i.old), b.items.map((i) => i.value)]);
  });
  return c.json({ ok: true, count: b.items.length });
}

async function clear(c: Ctx, d: Deps) {
  const uid = editor(c);
  await d.store.db.query('DELETE FROM hp_draft WHERE user_id = $1', [uid]);
  await d.store.db.query('DELETE FROM hp_draft_meta WHERE user_id = $1', [uid]);
  return c.json({ ok: true });
}

export const draftRoutes: RouteDef[] = [
  { method: 'get', path: '/drafts', operationId: 'getDraft', response: R.Draft, action: 'self-write', tag: 'drafts', summary: 'Your staged changes (kept on the server across reloads and devices)', handler: read },
  { method: 'put', path: '/drafts', operationId: 'saveDraft', response: R.DraftSaved, action: 'self-write', tag: 'drafts', summary: 'Replace your staged changes', body: Draft, bodyLimit: 16 * 1024 * 1024, handler: replace },
  { method: 'delete', path: '/drafts', operationId: 'discardDraft', response: R.Ok, action: 'self-write', tag: 'drafts', summary: 'Discard your staged changes', handler: clear },
];
