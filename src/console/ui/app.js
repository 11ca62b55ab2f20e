// hpconf Console: a small single-page app over /api/v1. No build step; the catalog rules are checked
// by the server (POST /validate) as you type, so the browser never holds a second copy of them.
const API = '/api/v1';
const state = {
  me: null, csrf: '', tab: 'keys', catalog: null, revision: 0, coverage: null,
  filter: { q: '', model: '', timeframe: '', param: '', kind: '', state: '', page: 1, pageSize: 50 }, group: 'none',
  list: null, selected: new Set(),
  staged: new Map(), // key -> { old, value, base }  (base: the value seen when staged)
  stagedBase: null, // the store revision the staged changes were read at
  validation: null, conflicts: new Map(), editing: null, history: null,
};
const app = document.getElementById('app');

// ---------- helpers ----------
function h(tag, attrs = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined && kid !== false) el.append(kid instanceof Node ? kid : String(kid));
  return el;
}
async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && state.csrf) headers['x-csrf-token'] = state.csrf;
  const res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await res.text();
  let json; try { json = JSON.parse(text); } catch { json = text; }
  if (!res.ok) { const err = new Error(json?.error?.message || res.statusText); err.status = res.status; err.body = json; throw err; }
  return json;
}
const debounce = (fn, ms) => { let t; return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); }; };
const canWrite = () => state.me && (state.me.role === 'operator' || state.me.role === 'admin');
function toast(text) {
  const t = h('div', { class: 'toast', role: 'status' }, text);
  document.body.append(t);
  setTimeout(() => t.remove(), 3000);
}
function modal(title, body, actions) {
  const back = h('div', { class: 'modal-back' });
  const close = () => back.remove();
  back.append(h('div', { class: 'modal', role: 'dialog', 'aria-label': title }, h('h2', {}, title), body,
    h('div', { class: 'row' }, ...actions(close), h('button', { onclick: close }, 'Close'))));
  document.body.append(back);
  return close;
}

// ---------- sign-in ----------
function loginView(error) {
  const u = h('input', { id: 'username', autocomplete: 'username', required: true });
  const p = h('input', { id: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const t = h('input', { id: 'totp', inputmode: 'numeric', autocomplete: 'one-time-code', placeholder: 'only if enabled' });
  const msg = h('p', { class: 'bad', id: 'login-error' }, error || '');
  const form = h('form', { class: 'card login', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const r = await api('POST', '/auth/login', { username: u.value.trim(), password: p.value, ...(t.value ? { totp: t.value.trim() } : {}) });
      state.csrf = r.csrf;
      await start();
    } catch (err) { msg.textContent = err.message; }
  } }, h('h1', {}, 'hpconf Console'), h('label', { for: 'username' }, 'Username'), u, h('label', { for: 'password' }, 'Password'), p,
  h('label', { for: 'totp' }, 'One-time code'), t, h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit' }, 'Sign in')), msg);
  app.replaceChildren(form);
  u.focus();
}

// A one-time password opens only this screen.
function passwordView(error) {
  const cur = h('input', { id: 'current', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { id: 'next', type: 'password', autocomplete: 'new-password', minlength: 12 });
  const msg = h('p', { class: 'bad', id: 'password-error' }, error || '');
  app.replaceChildren(h('form', { class: 'card login', onsubmit: async (e) => {
    e.preventDefault();
    try { await api('POST', '/auth/password', { current: cur.value, next: next.value }); loginView('Password changed: sign in with the new one.'); }
    catch (err) { msg.textContent = err.message; }
  } }, h('h1', {}, 'Choose a password'), h('p', {}, `${state.me.name}, you signed in with a one-time password.`),
  h('label', { for: 'current' }, 'One-time password'), cur, h('label', { for: 'next' }, 'New password (12 characters or more)'), next,
  h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit' }, 'Change password')), msg));
  cur.focus();
}

// ---------- frame ----------
function header() {
  const tabs = [['keys', 'Keys'], ['grid', 'Grid'], ['changes', 'Change log'], ['presets', 'Presets'], ['fallbacks', 'Fallbacks'], ...(state.me.role === 'admin' ? [['admin', 'Users & tokens']] : [])];
  const cov = state.coverage;
  return h('header', {}, h('span', { class: 'brand' }, 'hpconf'),
    h('nav', {}, tabs.map(([id, label]) => h('button', { class: state.tab === id ? 'active' : '', 'data-tab': id, onclick: () => { state.tab = id; render(); } }, label))),
    h('div', { class: 'right' },
      cov ? h('span', { class: `badge ${cov.complete ? 'full' : 'partial'}`, id: 'coverage', title: `${cov.valid}/${cov.required} keys present and valid` }, `coverage ${cov.percent.toFixed(2)} %`) : null,
      h('span', { class: 'badge', id: 'revision' }, `r${state.revision}`),
      h('span', { id: 'whoami' }, `${state.me.name} (${state.me.role})`),
      h('button', { onclick: async () => { await api('POST', '/auth/logout').catch(() => {}); state.me = null; loginView(); } }, 'Sign out')));
}

async function refreshMeta() {
  const [cov] = await Promise.all([api('GET', '/coverage')]);
  state.coverage = cov;
  state.revision = cov.revision;
}

async function start() {
  try { state.me = await api('GET', '/auth/me'); } catch { return loginView(); }
  state.csrf = state.me.csrf || state.csrf;
  if (state.me.mustChangePassword) return passwordView();
  state.catalog = await api('GET', '/catalog');
  await refreshMeta();
  await loadList();
  render();
  live();
}

// Live updates: the server announces each new store revision; refresh what is on screen and flag staged keys someone else changed.
let source;
function live() {
  source?.close();
  source = new EventSource(`${API}/events`);
  source.addEventListener('revision', async (e) => {
    const { revision } = JSON.parse(e.data);
    if (revision === state.revision) return;
    await refreshMeta();
    await loadList();
    await checkConflicts();
    render();
  });
}

async function checkConflicts() {
  if (!state.staged.size) return;
  const keys = [...state.staged.keys()];
  const rows = await Promise.all(keys.map((k) => api('GET', `/keys/${encodeURIComponent(k)}`)));
  state.conflicts.clear();
  rows.forEach((r) => {
    const s = state.staged.get(r.key);
    if ((r.value ?? null) !== (s.old ?? null)) state.conflicts.set(r.key, { theirs: r.value, by: r.updatedBy, at: r.updatedAt });
  });
}

function render() {
  if (!state.me) return loginView();
  const wide = state.tab !== 'keys';
  const body = { keys: keysView, grid: gridView, changes: changesView, presets: presetsView, fallbacks: fallbacksView, admin: adminView }[state.tab]();
  app.replaceChildren(header(), h('main', { class: wide ? 'wide' : '' }, body, wide ? null : stagedPanel()));
}

// ---------- keys ----------
async function loadList() {
  const f = state.filter;
  const qs = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== '' && v !== null).map(([k, v]) => [k, String(v)]));
  state.list = await api('GET', `/keys?${qs}`);
  state.revision = Math.max(state.revision, state.list.revision);
}
const reload = debounce(async () => { state.filter.page = 1; await loadList(); render(); focusSearch(); }, 120);
function focusSearch() { const s = document.getElementById('search'); if (s) { s.focus(); s.setSelectionRange(s.value.length, s.value.length); } }

function select(id, label, options, value, onchange) {
  return h('select', { id, 'aria-label': label, onchange: (e) => onchange(e.target.value) }, h('option', { value: '' }, label),
    options.map((o) => h('option', { value: o, selected: o === value }, o)));
}

function keysView() {
  const c = state.catalog;
  const f = state.filter;
  const params = [...new Set(Object.values(c.params).flat())];
  const setF = (k) => (v) => { f[k] = v; reload(); };
  const toolbar = h('div', { class: 'toolbar' },
    h('input', { type: 'search', id: 'search', placeholder: 'Search keys (e.g. xgb 5m learning)', value: f.q, oninput: (e) => { f.q = e.target.value; reload(); } }),
    select('f-model', 'model', c.models, f.model, setF('model')), select('f-timeframe', 'timeframe', c.timeframes, f.timeframe, setF('timeframe')),
    select('f-param', 'parameter', params, f.param, setF('param')), select('f-kind', 'kind', ['default', 'range', 'global'], f.kind, setF('kind')),
    select('f-state', 'state', ['set', 'missing', 'invalid'], f.state, setF('state')),
    select('group', 'group by', ['model', 'timeframe', 'param'], state.group === 'none' ? '' : state.group, (v) => { state.group = v || 'none'; render(); }));
  const l = state.list;
  const rows = [];
  let lastGroup;
  for (const it of l.items) {
    const g = state.group === 'none' ? null : (it[state.group] ?? 'cross-cutting');
    if (g !== lastGroup && g !== null) { rows.push(h('tr', { class: 'group' }, h('td', { colspan: 6 }, g))); lastGroup = g; }
    rows.push(keyRow(it));
  }
  const pages = Math.max(1, Math.ceil(l.total / l.pageSize));
  const bulk = canWrite() && state.selected.size ? bulkBar() : null;
  return h('section', { class: 'card', id: 'keys' }, toolbar,
    h('div', { class: 'toolbar muted', id: 'counts' }, `${l.total} keys match (${l.counts.set} set, ${l.counts.missing} missing, ${l.counts.invalid} invalid)`,
      canWrite() ? null : h('span', { class: 'note', id: 'readonly' }, 'Read only: your role is viewer.')),
    bulk,
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, canWrite() ? h('input', { type: 'checkbox', 'aria-label': 'select page', onchange: (e) => { l.items.forEach((i) => (e.target.checked ? state.selected.add(i.key) : state.selected.delete(i.key))); render(); } }) : ''),
      h('th', {}, 'key'), h('th', {}, 'value'), h('th', {}, 'type / domain'), h('th', {}, 'state'), h('th', {}, 'last change'))), h('tbody', {}, rows)),
    h('div', { class: 'pager' }, h('button', { disabled: l.page <= 1, onclick: async () => { f.page--; await loadList(); render(); } }, '‹ Prev'),
      h('span', { id: 'page' }, `page ${l.page} of ${pages}`), h('button', { disabled: l.page >= pages, onclick: async () => { f.page++; await loadList(); render(); } }, 'Next ›'),
      select('page-size', 'page size', ['25', '50', '100', '200'], String(f.pageSize), async (v) => { f.pageSize = Number(v || 50); f.page = 1; await loadList(); render(); })));
}

function keyRow(it) {
  const staged = state.staged.get(it.key);
  const valueCell = state.editing === it.key ? editor(it) : h('span', {
    class: 'v', tabindex: canWrite() ? 0 : -1, 'data-key': it.key, title: canWrite() ? 'click to edit' : '',
    onclick: () => { if (canWrite()) { state.editing = it.key; render(); } },
    onkeydown: (e) => { if (e.key === 'Enter' && canWrite()) { state.editing = it.key; render(); } },
  }, staged ? `${staged.value ?? '(unset)'} ✎` : (it.value ?? '—'));
  return h('tr', { class: staged ? 'staged' : '', 'data-row': it.key },
    h('td', {}, canWrite() ? h('input', { type: 'checkbox', 'aria-label': `select ${it.key}`, checked: state.selected.has(it.key), onchange: (e) => { e.target.checked ? state.selected.add(it.key) : state.selected.delete(it.key); render(); } }) : ''),
    h('td', { class: 'key' }, it.key, h('div', {}, h('button', { class: 'linkish', 'data-history': it.key, onclick: () => showHistory(it.key) }, 'history'))),
    h('td', { class: 'value' }, valueCell,
      it.problems.map((p) => h('div', { class: 'msg bad' }, p)), it.warnings.map((w) => h('div', { class: 'msg warn' }, w))),
    h('td', { class: 'muted' }, `${it.type} ${it.domain}`),
    h('td', {}, h('span', { class: `state ${it.state}` }, it.state)),
    h('td', { class: 'muted' }, it.updatedBy ? `${it.updatedBy}, ${new Date(it.updatedAt).toLocaleString()}` : ''));
}

// Inline editor: validated by the server as you type; Enter stages, Escape cancels. Nothing invalid can be staged.
function editor(it) {
  const input = h('input', { id: 'editor', 'aria-label': `value of ${it.key}`, value: state.staged.get(it.key)?.value ?? it.value ?? '' });
  const msg = h('div', { class: 'msg', id: 'editor-msg' });
  let ok = true;
  const validateNow = async () => {
    const v = input.value;
    if (v.trim() === '') { ok = false; input.classList.add('invalid'); msg.className = 'msg bad'; msg.textContent = 'empty: use "unset" in the history panel to remove a key'; return; }
    const changes = [...[...state.staged].filter(([k]) => k !== it.key).map(([k, s]) => ({ key: k, value: s.value })), { key: it.key, value: v }];
    try {
      const r = await api('POST', '/validate', { changes });
      const mine = r.problems.filter((p) => p.keys.includes(it.key));
      ok = mine.length === 0;
      input.classList.toggle('invalid', !ok);
      msg.className = ok ? 'msg warn' : 'msg bad';
      msg.textContent = ok ? r.warnings.filter((w) => w.keys.includes(it.key)).map((w) => w.message).join('; ') : mine.map((p) => p.message).join('; ');
    } catch (err) { ok = false; input.classList.add('invalid'); msg.className = 'msg bad'; msg.textContent = err.message; }
  };
  const check = debounce(validateNow, 100);
  input.addEventListener('input', () => { ok = false; check(); });
  input.addEventListener('keydown', async (e) => {
    if (e.key === 'Escape') { state.editing = null; render(); }
    if (e.key === 'Enter') {
      e.preventDefault();
      await validateNow();
      if (!ok) return;
      stage(it.key, it.value, input.value.trim());
      state.editing = null;
      render();
    }
  });
  setTimeout(() => { input.focus(); input.select(); validateNow(); }, 0);
  return h('div', {}, input, msg);
}

function stage(key, old, value) {
  if (!state.staged.size) state.stagedBase = state.revision;
  if ((old ?? null) === value) state.staged.delete(key); else state.staged.set(key, { old: old ?? null, value });
  state.validation = null;
  revalidate();
}

const revalidate = debounce(async () => {
  if (!state.staged.size) { state.validation = null; render(); return; }
  try { state.validation = await api('POST', '/validate', { changes: [...state.staged].map(([key, s]) => ({ key, value: s.value })) }); }
  catch (err) { state.validation = { ok: false, problems: [{ key: '', message: err.message }], warnings: [] }; }
  render();
}, 80);

function bulkBar() {
  const value = h('input', { id: 'bulk-value', placeholder: 'value for all selected' });
  const from = select('copy-from', 'copy from', state.catalog.timeframes, '', () => {});
  const to = h('input', { id: 'copy-to', placeholder: 'to timeframes, e.g. 15M,30M' });
  return h('div', { class: 'toolbar', id: 'bulk' }, h('strong', {}, `${state.selected.size} selected`), value,
    h('button', { id: 'bulk-set', onclick: async () => {
      const v = value.value.trim();
      if (!v) return;
      const rows = await Promise.all([...state.selected].map((k) => api('GET', `/keys/${encodeURIComponent(k)}`)));
      rows.forEach((r) => stage(r.key, r.value, v));
      state.selected.clear();
      render();
    } }, 'Stage for selected'),
    h('span', { class: 'muted' }, '|'), from, to,
    h('button', { id: 'copy-tf', onclick: async () => {
      const src = from.value;
      const targets = to.value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
      const picked = [...state.selected].filter((k) => k.includes(`_${src}_`));
      for (const k of picked) {
        const cur = await api('GET', `/keys/${encodeURIComponent(k)}`);
        for (const t of targets) {
          const target = k.replace(`_${src}_`, `_${t}_`);
          const tr = await api('GET', `/keys/${encodeURIComponent(target)}`).catch(() => null);
          if (tr && cur.value !== null) stage(target, tr.value, cur.value);
        }
      }
      state.selected.clear();
      render();
    } }, 'Copy selected to timeframes'),
    h('button', { onclick: () => { state.selected.clear(); render(); } }, 'Clear selection'));
}

function stagedPanel() {
  const v = state.validation;
  const items = [...state.staged].map(([key, s]) => {
    const conflict = state.conflicts.get(key);
    return h('div', { class: 'staged-item', 'data-staged': key }, h('code', {}, key), h('div', { class: 'diff' }, h('span', { class: 'old' }, s.old ?? '(unset)'), ' → ', h('span', { class: 'new' }, s.value ?? '(unset)')),
      conflict ? h('div', { class: 'conflict', 'data-conflict': key }, `Changed by ${conflict.by} since you staged it: theirs `, h('strong', {}, conflict.theirs ?? '(unset)'), ', yours ', h('strong', {}, s.value ?? '(unset)'),
        h('div', { class: 'row' }, h('button', { onclick: () => { s.old = conflict.theirs; state.conflicts.delete(key); state.stagedBase = state.revision; render(); } }, 'Keep mine'),
          h('button', { onclick: () => { state.staged.delete(key); state.conflicts.delete(key); render(); } }, 'Take theirs'))) : null,
      h('button', { class: 'danger', onclick: () => { state.staged.delete(key); state.conflicts.delete(key); revalidate(); render(); } }, 'drop'));
  });
  const problems = v && !v.ok ? v.problems.map((p) => h('div', { class: 'msg bad' }, p.message)) : [];
  const warnings = v ? v.warnings.map((p) => h('div', { class: 'msg warn' }, p.message)) : [];
  return h('aside', {}, h('div', { class: 'card', id: 'staged' }, h('h3', {}, `Staged changes (${state.staged.size})`),
    state.staged.size ? null : h('p', { class: 'muted' }, canWrite() ? 'Click a value to edit it, or select rows for a bulk edit. Changes wait here for review.' : 'Viewers cannot edit.'),
    h('div', { class: 'staged-list' }, items), problems, warnings,
    state.staged.size ? h('div', { class: 'row' }, h('button', { class: 'primary', id: 'review', disabled: !v || !v.ok || state.conflicts.size > 0, onclick: review }, 'Review & save'),
      h('button', { onclick: () => { state.staged.clear(); state.conflicts.clear(); state.validation = null; render(); } }, 'Discard all')) : null));
}

function review() {
  const reason = h('textarea', { id: 'reason', rows: 2, placeholder: 'why (recorded in the change log)', required: true });
  const rows = [...state.staged].map(([k, s]) => h('tr', {}, h('td', { class: 'key' }, k), h('td', { class: 'diff' }, h('span', { class: 'old' }, s.old ?? '(unset)')), h('td', { class: 'diff' }, h('span', { class: 'new' }, s.value ?? '(unset)'))));
  const err = h('div', { class: 'bad', id: 'save-error' });
  modal(`Review ${state.staged.size} change(s)`, h('div', {}, h('table', { id: 'review-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'key'), h('th', {}, 'now'), h('th', {}, 'after'))), h('tbody', {}, rows)),
    h('label', { for: 'reason' }, 'Reason'), reason, err), (close) => [h('button', { class: 'primary', id: 'save', onclick: async () => {
    if (!reason.value.trim()) { err.textContent = 'a reason is required'; return; }
    try {
      const r = await api('POST', '/changesets', { changes: [...state.staged].map(([key, s]) => ({ key, value: s.value })), baseRevision: state.stagedBase, reason: reason.value.trim() });
      state.staged.clear(); state.validation = null; state.conflicts.clear();
      close();
      toast(`saved change-set ${r.changesetId} (revision ${r.revision})`);
      await refreshMeta(); await loadList(); render();
    } catch (e) {
      if (e.status === 409) {
        for (const c of e.body.error.detail) state.conflicts.set(c.key, { theirs: c.current, by: 'someone else', at: null });
        close(); render();
      } else err.textContent = e.message;
    }
  } }, 'Save')]);
}

async function showHistory(key) {
  const r = await api('GET', `/changes?key=${encodeURIComponent(key)}&limit=50`);
  const list = h('table', { id: 'history' }, h('thead', {}, h('tr', {}, h('th', {}, 'rev'), h('th', {}, 'when'), h('th', {}, 'who'), h('th', {}, 'change'), h('th', {}, 'reason'), h('th', {}, ''))),
    h('tbody', {}, r.items.map((e) => h('tr', {}, h('td', {}, `r${e.revision}`), h('td', {}, new Date(e.at).toLocaleString()), h('td', {}, e.actor),
      h('td', { class: 'diff' }, h('span', { class: 'old' }, e.oldValue ?? '(unset)'), ' → ', h('span', { class: 'new' }, e.newValue ?? '(unset)')), h('td', {}, e.reason),
      h('td', {}, canWrite() ? h('button', { 'data-revert': e.changesetId, onclick: () => revert(e.changesetId) }, `revert cs${e.changesetId}`) : '')))));
  modal(`History of ${key}`, list, () => (canWrite() ? [h('button', { onclick: async () => {
    const cur = await api('GET', `/keys/${encodeURIComponent(key)}`);
    try { await api('DELETE', `/keys/${encodeURIComponent(key)}`, { reason: 'unset in Console', baseRevision: cur.revision ?? 0 }); toast(`${key} unset`); } catch (e) { toast(e.message); }
  } }, 'Unset this key')] : []));
}

async function revert(id) {
  try {
    const r = await api('POST', `/changesets/${id}/revert`, { reason: `revert change-set ${id} from the Console` });
    document.querySelectorAll('.modal-back').forEach((m) => m.remove());
    toast(`reverted change-set ${id} as change-set ${r.changesetId}`);
    await refreshMeta(); await loadList(); render();
  } catch (e) { toast(e.message); }
}

// ---------- grid ----------
let gridParam = 'LEARNING_RATE', gridPart = 'default', gridData = null;
function gridView() {
  const params = [...new Set(Object.values(state.catalog.params).flat())];
  const load = async () => { gridData = await api('GET', `/grid?param=${gridParam}&part=${gridPart}`); render(); };
  if (!gridData || gridData.param !== gridParam || gridData.part !== gridPart || gridData.revision !== state.revision) load();
  const cells = new Map((gridData?.cells ?? []).map((c) => [`${c.model}|${c.timeframe}`, c]));
  return h('section', { class: 'card', id: 'grid' }, h('div', { class: 'toolbar' },
    select('grid-param', 'parameter', params, gridParam, (v) => { gridParam = v || 'LEARNING_RATE'; render(); }),
    select('grid-part', 'part', ['default', 'min', 'max', 'scale'], gridPart, (v) => { gridPart = v || 'default'; render(); })),
  h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, h('th', {}, ''), state.catalog.timeframes.map((t) => h('th', {}, t)))),
    h('tbody', {}, state.catalog.models.map((m) => h('tr', {}, h('th', {}, m), state.catalog.timeframes.map((t) => {
      const c = cells.get(`${m}|${t}`);
      return h('td', { class: c ? `value ${c.state === 'set' ? '' : 'bad'}` : 'muted' }, c ? (c.value ?? 'missing') : '—');
    }))))));
}

// ---------- change log ----------
let logFilter = { key: '', actor: '' }, logData = null;
function changesView() {
  const load = async () => {
    const qs = new URLSearchParams(Object.entries(logFilter).filter(([, v]) => v));
    logData = { at: state.revision, f: JSON.stringify(logFilter), ...(await api('GET', `/changes?limit=200&${qs}`)) };
    render();
  };
  if (!logData || logData.at !== state.revision || logData.f !== JSON.stringify(logFilter)) load();
  const set = (k) => debounce((e) => { logFilter[k] = e.target.value.trim(); load(); }, 200);
  return h('section', { class: 'card', id: 'changes' }, h('div', { class: 'toolbar' },
    h('input', { placeholder: 'key', value: logFilter.key, oninput: set('key') }), h('input', { placeholder: 'actor (user:name, token:name)', value: logFilter.actor, oninput: set('actor') })),
  h('table', {}, h('thead', {}, h('tr', {}, ['rev', 'change-set', 'when', 'who', 'key', 'old → new', 'reason', ''].map((x) => h('th', {}, x)))),
    h('tbody', {}, (logData?.items ?? []).map((e) => h('tr', {}, h('td', {}, `r${e.revision}`), h('td', {}, `cs${e.changesetId}${e.reverts ? ` (reverts cs${e.reverts})` : ''}`),
      h('td', {}, new Date(e.at).toLocaleString()), h('td', {}, e.actor), h('td', { class: 'key' }, e.key),
      h('td', { class: 'diff' }, h('span', { class: 'old' }, e.oldValue ?? '(unset)'), ' → ', h('span', { class: 'new' }, e.newValue ?? '(unset)')), h('td', {}, e.reason),
      h('td', {}, canWrite() ? h('button', { onclick: () => revert(e.changesetId) }, 'revert') : ''))))));
}

// ---------- presets ----------
let presets = null;
function presetsView() {
  if (!presets) api('GET', '/presets').then((r) => { presets = r.items; render(); });
  const models = state.catalog.models.map((m) => h('label', {}, h('input', { type: 'checkbox', name: 'pm', value: m, checked: true }), ` ${m} `));
  const tfs = state.catalog.timeframes.map((t) => h('label', {}, h('input', { type: 'checkbox', name: 'pt', value: t, checked: t === '5M' }), ` ${t} `));
  const pick = h('select', { id: 'preset' }, (presets ?? []).map((p) => h('option', { value: p.name }, `${p.name}${p.builtin ? ' (built-in)' : ''}`)));
  const out = h('div', { id: 'preset-preview' });
  const target = () => ({ models: [...document.querySelectorAll('input[name=pm]:checked')].map((x) => x.value), timeframes: [...document.querySelectorAll('input[name=pt]:checked')].map((x) => x.value) });
  return h('section', { class: 'card pad', id: 'presets' }, h('div', { class: 'row' }, 'Preset', pick), h('div', { class: 'row' }, 'Models', models), h('div', { class: 'row' }, 'Timeframes', tfs),
    h('div', { class: 'row' }, h('button', { id: 'preview', onclick: async () => {
      const r = await api('POST', `/presets/${encodeURIComponent(pick.value)}/preview`, target());
      out.replaceChildren(h('p', {}, `${r.changes.length} change(s)`), h('table', { class: 'diff' }, h('tbody', {}, r.changes.map((c) => h('tr', {}, h('td', { class: 'key' }, c.key), h('td', { class: 'old' }, c.old ?? '(unset)'), h('td', { class: 'new' }, c.new))))),
        canWrite() && r.changes.length ? h('button', { class: 'primary', id: 'stage-preset', onclick: () => { r.changes.forEach((c) => stage(c.key, c.old, c.new)); state.tab = 'keys'; render(); toast(`${r.changes.length} change(s) staged for review`); } }, 'Stage these changes') : null);
    } }, 'Preview')), out);
}

// ---------- fallbacks ----------
let fallbackData = null;
function fallbacksView() {
  if (!fallbackData) api('GET', '/fallbacks?days=7').then((r) => { fallbackData = r; render(); setTimeout(() => { fallbackData = null; }, 30_000); });
  const items = fallbackData?.items ?? [];
  return h('section', { class: 'card pad', id: 'fallbacks' }, h('h3', {}, 'Keys that fell back in the last 7 days (reported by the SDKs)'),
    items.length ? h('table', {}, h('thead', {}, h('tr', {}, ['key', 'times', 'last', 'reported by', 'hosts'].map((x) => h('th', {}, x)))),
      h('tbody', {}, items.map((x) => h('tr', {}, h('td', { class: 'key' }, x.key), h('td', {}, x.count), h('td', {}, new Date(x.last).toLocaleString()),
        h('td', {}, x.reporters.join(', ')), h('td', {}, x.hosts.filter(Boolean).join(', ')))))) : h('p', { class: 'muted' }, fallbackData ? 'None: every training resolved every key from the store.' : 'Loading…'));
}

// ---------- admin ----------
let adminData = null;
function adminView() {
  const load = async () => { adminData = { users: (await api('GET', '/users')).items, tokens: (await api('GET', '/tokens')).items }; render(); };
  if (!adminData) load();
  const u = h('input', { placeholder: 'username', id: 'new-user' }); const p = h('input', { placeholder: 'initial password (12+)', id: 'new-pass', type: 'password' });
  const r = select('new-role', 'role', ['viewer', 'operator', 'admin'], 'viewer', () => {});
  const tn = h('input', { placeholder: 'token name', id: 'token-name' }); const ts = select('token-scope', 'scope', ['read', 'write'], 'read', () => {});
  const shown = h('div', { id: 'token-shown' });
  return h('section', { class: 'card pad', id: 'admin' }, h('h3', {}, 'Users'),
    h('table', {}, h('tbody', {}, (adminData?.users ?? []).map((x) => h('tr', {}, h('td', {}, x.username), h('td', {}, x.role), h('td', {}, x.disabled ? 'disabled' : 'active'), h('td', {}, x.totp_enabled ? '2FA' : ''),
      h('td', {}, x.username === state.me.name ? '' : h('button', { onclick: async () => { await api('PATCH', `/users/${x.username}`, { disabled: !x.disabled }); load(); } }, x.disabled ? 'enable' : 'disable')))))),
    h('div', { class: 'row' }, u, p, r, h('button', { onclick: async () => { try { await api('POST', '/users', { username: u.value.trim(), password: p.value, role: r.value || 'viewer' }); load(); } catch (e) { toast(e.message); } } }, 'Create user')),
    h('h3', {}, 'API tokens'),
    h('table', {}, h('tbody', {}, (adminData?.tokens ?? []).map((t) => h('tr', {}, h('td', {}, t.name), h('td', {}, t.scope), h('td', {}, t.created_by), h('td', {}, t.revoked_at ? 'revoked' : 'active'),
      h('td', {}, t.revoked_at ? '' : h('button', { onclick: async () => { await api('DELETE', `/tokens/${t.id}`); load(); } }, 'revoke')))))),
    h('div', { class: 'row' }, tn, ts, h('button', { onclick: async () => { const t = await api('POST', '/tokens', { name: tn.value.trim() || 'token', scope: ts.value || 'read' }); shown.textContent = `New token (shown once): ${t.token}`; await load(); } }, 'Create token')), shown);
}

start();
