// What the page holds: who is signed in, the catalog, the store's revision, and the staged
// changes (kept on the server per user, so a reload or another device keeps them).
import { api, session } from './api.js';
import { debounce, notify } from './dom.js';

export const state = {
  me: null, catalog: null, revision: 0, coverage: null, tab: 'keys',
  staged: new Map(), // key -> { old, value }: old is the value seen when staged
  stagedBase: null, // the store revision the staged changes were read at
  validation: null, conflicts: new Map(), editing: null,
  live: { on: false, last: 0 },
  environment: 'default', environments: [], requestId: null,
};

/** The environment on screen, with its review policy (approvals 0: direct writes). */
export const currentEnvironment = () => state.environments.find((e) => e.name === state.environment) ?? { name: state.environment, approvals: 0, approvers: null };

/** Screens register here; app.js sets render and the focus to restore after it. */
export const ui = {
  render: () => {}, focusAfter: null,
  /** Selectors of inputs a redraw should leave empty (a form just submitted). */
  forget: new Set(),
};

export const canWrite = () => !!state.me && (state.me.role === 'operator' || state.me.role === 'admin');

export async function refreshMeta() {
  const cov = await api('GET', '/coverage');
  state.coverage = cov;
  state.revision = Math.max(state.revision, cov.revision);
}

// The draft is written shortly after each change (debounced), and at once before signing out.
let draftTimer, draftWrite = Promise.resolve();
async function writeDraft() {
  if (!canWrite()) return;
  try {
    if (!state.staged.size) await api('DELETE', '/drafts');
    else await api('PUT', '/drafts', { baseRevision: state.stagedBase ?? state.revision, items: [...state.staged].map(([key, s]) => ({ key, old: s.old, value: s.value })) });
  } catch (e) { notify.error(`staged changes not saved on the server: ${e.message}`); }
}
function saveDraft() {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(() => { draftTimer = undefined; draftWrite = draftWrite.then(writeDraft); }, 150);
}
export async function flushDraft() {
  if (draftTimer) { clearTimeout(draftTimer); draftTimer = undefined; draftWrite = draftWrite.then(writeDraft); }
  await draftWrite;
}

export async function loadDraft() {
  if (!canWrite()) return;
  const d = await api('GET', '/drafts');
  // The draft is for one environment: show that one, so its staged changes are reviewed where they apply.
  if (d.items.length && d.environment && d.environment !== state.environment) {
    state.environment = d.environment;
    session.environment = d.environment;
  }
  state.staged = new Map(d.items.map((i) => [i.key, { old: i.old, value: i.value }]));
  state.stagedBase = d.baseRevision;
  if (state.staged.size) await revalidateNow();
}

export function stage(key, old, value) {
  if (!state.staged.size) state.stagedBase = state.revision;
  const was = state.staged.get(key);
  const base = was ? was.old : (old ?? null);
  if (base === value) state.staged.delete(key); else state.staged.set(key, { old: base, value });
  state.conflicts.delete(key);
  changed();
}

export function unstage(key) {
  state.staged.delete(key);
  state.conflicts.delete(key);
  changed();
}

export function discardAll() {
  state.staged.clear();
  state.conflicts.clear();
  state.validation = null;
  changed();
}

function changed() {
  saveDraft();
  revalidate();
  ui.render();
}

async function revalidateNow() {
  if (!state.staged.size) { state.validation = null; return; }
  try { state.validation = await api('POST', '/validate', { changes: [...state.staged].map(([key, s]) => ({ key, value: s.value })) }); }
  catch (err) { state.validation = { ok: false, problems: [{ key: '', keys: [], message: err.message }], warnings: [], coverage: null }; }
}
export const revalidate = debounce(async () => { await revalidateNow(); ui.render(); }, 80);

/** Flag staged keys that someone else changed since they were staged, with both values. */
export async function checkConflicts() {
  if (!state.staged.size) return;
  const rows = await Promise.all([...state.staged.keys()].map((k) => api('GET', `/keys/${encodeURIComponent(k)}`)));
  for (const r of rows) {
    const s = state.staged.get(r.key);
    if ((r.value ?? null) !== (s.old ?? null)) state.conflicts.set(r.key, { theirs: r.value, by: r.updatedBy, revision: r.revision ?? state.revision });
    else state.conflicts.delete(r.key);
  }
}

/** Keep my staged value over theirs: it is now based on what they wrote (and the revision that wrote it). */
export function keepMine(key) {
  const c = state.conflicts.get(key);
  const s = state.staged.get(key);
  if (!c || !s) return;
  s.old = c.theirs ?? null;
  state.stagedBase = Math.max(state.stagedBase ?? 0, c.revision ?? 0, state.revision);
  state.conflicts.delete(key);
  changed();
}
