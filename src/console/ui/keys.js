// The key list: search as you type (names, native names, aliases, docs), filters, grouping,
// paging on the server, bulk edits.
import { api, qs } from './api.js';
import { debounce, fmtDate, h, notify, select } from './dom.js';
import { valueCell } from './editor.js';
import { showHistory } from './changes.js';
import { canWrite, stage, state, ui } from './state.js';

const filter = { q: '', model: '', timeframe: '', param: '', kind: '', state: '', page: 1, pageSize: 50 };
let group = 'none';
let list = null;
const selected = new Set();

export async function loadKeys() {
  list = await api('GET', `/keys?${qs(filter)}`);
  state.revision = Math.max(state.revision, list.revision);
}

const reload = debounce(async () => {
  filter.page = 1;
  try { await loadKeys(); } catch (e) { notify.error(e.message); }
  ui.focusAfter = document.activeElement?.id ? `#${document.activeElement.id}` : null;
  ui.render();
}, 120);

async function page(n) {
  filter.page = n;
  await loadKeys();
  ui.render();
}

export function paramNames() {
  return [...new Set(Object.values(state.catalog.params).flat())];
}

export function keysView() {
  if (!list) { loadKeys().then(ui.render, (e) => notify.error(e.message)); return h('p', { class: 'muted pad' }, 'Loading…'); }
  const c = state.catalog;
  const setF = (k) => (v) => { filter[k] = v; reload(); };
  const toolbar = h('div', { class: 'toolbar', role: 'search' },
    h('input', { type: 'search', id: 'search', 'aria-label': 'search keys', placeholder: 'Search: xgb 5m learning, eta, xgboost…', value: filter.q, oninput: (e) => { filter.q = e.target.value; reload(); } }),
    select('f-model', 'model', c.models, filter.model, setF('model')), select('f-timeframe', 'timeframe', c.timeframes, filter.timeframe, setF('timeframe')),
    select('f-param', 'parameter', paramNames(), filter.param, setF('param')), select('f-kind', 'kind', ['default', 'range', 'global'], filter.kind, setF('kind')),
    select('f-state', 'state', ['set', 'missing', 'invalid'], filter.state, setF('state')),
    select('group', 'group by', ['model', 'timeframe', 'param'], group === 'none' ? '' : group, (v) => { group = v || 'none'; ui.render(); }));
  const rows = [];
  let last;
  for (const it of list.items) {
    const g = group === 'none' ? null : (it[group] ?? 'cross-cutting');
    if (g !== null && g !== last) { rows.push(h('tr', { class: 'group' }, h('th', { colspan: 6, scope: 'colgroup' }, g))); last = g; }
    rows.push(keyRow(it));
  }
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  return h('section', { class: 'card', id: 'keys', 'aria-label': 'keys' }, toolbar,
    h('div', { class: 'toolbar muted', id: 'counts', role: 'status' }, `${list.total} keys match (${list.counts.set} set, ${list.counts.missing} missing, ${list.counts.invalid} invalid)`,
      canWrite() ? null : h('span', { class: 'note', id: 'readonly' }, 'Read only: your role is viewer.')),
    canWrite() && selected.size ? bulkBar() : null,
    h('div', { class: 'scroll', tabindex: '0', 'aria-label': 'key table' }, h('table', {},
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, canWrite() ? h('input', { type: 'checkbox', 'aria-label': 'select every key on this page', onchange: (e) => { list.items.forEach((i) => (e.target.checked ? selected.add(i.key) : selected.delete(i.key))); ui.render(); } }) : h('span', { class: 'sr' }, 'select')),
        h('th', { scope: 'col' }, 'key'), h('th', { scope: 'col' }, 'value'), h('th', { scope: 'col' }, 'type / domain'), h('th', { scope: 'col' }, 'state'), h('th', { scope: 'col' }, 'last change'))),
      h('tbody', {}, rows))),
    h('nav', { class: 'pager', 'aria-label': 'pages' },
      h('button', { type: 'button', disabled: list.page <= 1, onclick: () => page(list.page - 1) }, '‹ Prev'),
      h('span', { id: 'page' }, `page ${list.page} of ${pages}`),
      h('button', { type: 'button', disabled: list.page >= pages, onclick: () => page(list.page + 1) }, 'Next ›'),
      select('page-size', 'page size', ['25', '50', '100', '200'], String(filter.pageSize), async (v) => { filter.pageSize = Number(v || 50); await page(1); }, { empty: false })));
}

function keyRow(it) {
  const staged = state.staged.get(it.key);
  const describe = [it.native && h('code', { class: 'native' }, it.native), it.aliases?.length ? h('span', { class: 'muted' }, ` (${it.aliases.join(', ')})`) : null, it.doc ? h('span', { class: 'doc' }, ` ${it.doc}`) : null];
  return h('tr', { class: staged ? 'staged' : '', 'data-row': it.key },
    h('td', {}, canWrite() ? h('input', { type: 'checkbox', 'aria-label': `select ${it.key}`, checked: selected.has(it.key), onchange: (e) => { e.target.checked ? selected.add(it.key) : selected.delete(it.key); ui.render(); } }) : ''),
    h('td', { class: 'key' }, it.key, h('div', { class: 'describe' }, describe),
      h('button', { type: 'button', class: 'linkish', 'data-history': it.key, onclick: () => showHistory(it.key) }, 'history')),
    h('td', { class: 'value' }, valueCell(it), it.problems.map((p) => h('div', { class: 'msg bad' }, p)), it.warnings.map((w) => h('div', { class: 'msg warn' }, w))),
    h('td', { class: 'muted' }, `${it.type} ${it.domain}`),
    h('td', {}, h('span', { class: `state ${it.state}` }, it.state)),
    h('td', { class: 'muted' }, it.updatedBy ? `${it.updatedBy}, ${fmtDate(it.updatedAt)}` : ''));
}

function bulkBar() {
  const value = h('input', { id: 'bulk-value', 'aria-label': 'value for every selected key', placeholder: 'value for all selected' });
  const c = state.catalog;
  const from = select('copy-from', 'copy from timeframe', c.timeframes, '', () => {});
  const to = h('fieldset', { class: 'inline', id: 'copy-to' }, h('legend', {}, 'to'),
    c.timeframes.map((t) => h('label', {}, h('input', { type: 'checkbox', name: 'copy-to', value: t }), ` ${t} `)));
  return h('div', { class: 'toolbar', id: 'bulk' }, h('strong', {}, `${selected.size} selected`), value,
    h('button', { type: 'button', id: 'bulk-set', onclick: async () => {
      const v = value.value.trim();
      if (!v) { notify.error('type the value to stage for the selected keys'); return; }
      const rows = await Promise.all([...selected].map((k) => api('GET', `/keys/${encodeURIComponent(k)}`)));
      rows.forEach((r) => stage(r.key, r.value, v));
      ui.forget.add('#bulk-value');
      selected.clear();
      ui.render();
    } }, 'Stage for selected'),
    h('span', { class: 'muted', 'aria-hidden': 'true' }, '|'), from, to,
    h('button', { type: 'button', id: 'copy-tf', onclick: async () => {
      const src = from.value;
      const targets = [...to.querySelectorAll('input:checked')].map((x) => x.value).filter((t) => t !== src);
      if (!src || !targets.length) { notify.error('choose the timeframe to copy from and at least one other to copy to'); return; }
      const picked = [...selected].filter((k) => k.includes(`_${src}_`));
      if (!picked.length) { notify.error(`no selected key belongs to ${src}`); return; }
      let n = 0;
      for (const k of picked) {
        // What the source shows: its staged value if it has one, else the stored one.
        const shown = state.staged.has(k) ? state.staged.get(k).value : (await api('GET', `/keys/${encodeURIComponent(k)}`)).value;
        for (const t of targets) {
          const tr = await api('GET', `/keys/${encodeURIComponent(k.replace(`_${src}_`, `_${t}_`))}`).catch(() => null);
          if (tr && shown !== null) { stage(tr.key, tr.value, shown); n++; }
        }
      }
      selected.clear();
      notify.ok(`${n} change(s) staged for review`);
      ui.render();
    } }, 'Copy selected to timeframes'),
    h('button', { type: 'button', onclick: () => { selected.clear(); ui.render(); } }, 'Clear selection'));
}

export function invalidateKeys() { list = null; }
export const keysLoaded = () => !!list;
