// The parameter view (one row per model, timeframe and parameter: default, range and scale
// together, the range drawn on its axis with the default marked) and the grid of one parameter.
import { api, qs } from './api.js';
import { debounce, field, h, notify, select, svg } from './dom.js';
import { valueCell } from './editor.js';
import { paramNames } from './keys.js';
import { canWrite, stage, state, ui } from './state.js';

const filter = { q: '', model: '', timeframe: '', param: '', state: '', segment: '', page: 1, pageSize: 50 };
let data = null;
let segments = null; // { at, names, groups }: the environment's tokens and groups, for the segment picker
let groupsOpen = false;

async function load() {
  data = { ...(await api('GET', `/params?${qs(filter)}`)), at: state.revision };
  await loadSegments();
}

/** The environment's tokens and groups (from its group definitions), once per revision. */
async function loadSegments() {
  if (segments && segments.at === state.revision) return;
  const v = (await api('GET', '/values?layered=1')).values;
  const groups = Object.keys(v).filter((k) => k.startsWith('group:') && !k.includes('@')).sort();
  const tokens = [...new Set(groups.flatMap((g) => v[g].split(';')[0].split(',')))].sort();
  segments = { at: state.revision, names: [...tokens, ...groups], groups: groups.map((g) => [g, v[g]]) };
}

/**
 * Groups of tokens are values of the store (`group:NAME` = `TOKEN,...;priority=N`): edited here, they are staged
 * like any value, so they are reviewed (or go through a change request) and logged the same way.
 */
function groupsPanel() {
  if (!segments) return null;
  const name = h('input', { id: 'group-name', autocomplete: 'off', placeholder: 'defi_top5', pattern: '[a-z][a-z0-9_-]{0,39}' });
  const tokens = h('input', { id: 'group-tokens', autocomplete: 'off', placeholder: 'UNI,AAVE,LINK' });
  const prio = h('input', { id: 'group-priority', type: 'number', step: 1, placeholder: 'none' });
  // A redraw keeps the panel as the user left it.
  return h('details', { class: 'toolbar', id: 'groups', open: groupsOpen, ontoggle: (e) => { groupsOpen = e.target.open; } }, h('summary', {}, `Token groups (${segments.groups.length})`),
    h('ul', {}, segments.groups.map(([g, v]) => h('li', { 'data-group': g }, h('code', {}, g), ` ${v} `,
      canWrite() ? h('button', { type: 'button', class: 'linkish', 'aria-label': `remove group ${g}`, onclick: () => stage(g, v, null) }, 'remove group') : null))),
    canWrite() ? h('form', { class: 'row', id: 'group-form', onsubmit: (e) => {
      e.preventDefault();
      const key = `group:${name.value.trim()}`;
      const value = tokens.value.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean).join(',') + (prio.value.trim() ? `;priority=${Number(prio.value)}` : '');
      const old = segments.groups.find(([g]) => g === key)?.[1] ?? null;
      stage(key, old, value);
      ['#group-name', '#group-tokens', '#group-priority'].forEach((x) => ui.forget.add(x));
    } }, field('Group', name), field('Tokens', tokens), field('Priority (larger wins)', prio), h('button', { type: 'submit', id: 'group-stage' }, 'Stage group')) : null);
}

/** A cell seen from a segment: its value, where it comes from, and a way back to inheriting. */
function segmentNote(cell) {
  if (!cell) return null;
  if (!data.segment) {
    // The base view: where this value is overridden (pick the segment to edit it).
    return cell.overrides?.length ? h('div', { class: 'layer muted small', 'data-overrides': cell.key },
      `overridden for ${cell.overrides.map((o) => `${o.segment} ${o.value}`).join(', ')}`) : null;
  }
  const own = cell.layer === data.segment;
  return h('div', { class: 'layer muted small', 'data-layer': cell.layer },
    own ? 'overridden' : cell.layer === 'base' ? 'inherited from the base' : `inherited from ${cell.layer}`,
    own && canWrite() ? h('button', { type: 'button', class: 'linkish', 'aria-label': `remove override ${cell.key}`, onclick: () => stage(cell.key, cell.own, null) }, 'remove override') : null);
}
const reload = debounce(async () => {
  filter.page = 1;
  try { await load(); } catch (e) { notify.error(e.message); }
  ui.focusAfter = document.activeElement?.id ? `#${document.activeElement.id}` : null;
  ui.render();
}, 120);

/** The value a cell shows: staged if staged, else stored; as a number when it is one. */
function num(cell) {
  if (!cell) return undefined;
  const v = state.staged.get(cell.key)?.value ?? cell.value;
  const n = v === null || v === undefined ? NaN : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** The search range on its axis (log when the scale is log), the default as a mark; red when outside. */
export function rangeBar(row) {
  const lo = num(row.cells.min), hi = num(row.cells.max), def = num(row.cells.default);
  const scale = state.staged.get(row.cells.scale?.key)?.value ?? row.cells.scale?.value;
  if (lo === undefined || hi === undefined) return h('span', { class: 'muted' }, row.searchable ? 'range incomplete' : 'not searched');
  const log = scale === 'log' && lo > 0 && hi > 0 && (def === undefined || def > 0);
  const vals = [lo, hi, def].filter((v) => v !== undefined);
  const d = row.domainRaw ?? {};
  let a, b;
  if (log) {
    a = Math.min(...vals) / 3; b = Math.max(...vals) * 3;
    if (d.min !== undefined && d.min > 0) a = Math.max(a, d.min);
    if (d.max !== undefined) b = Math.min(b, d.max);
  } else {
    a = d.min !== undefined ? Math.min(d.min, ...vals) : Math.min(...vals);
    b = d.max !== undefined ? Math.max(d.max, ...vals) : Math.max(...vals) * 1.25 || 1;
  }
  const W = 150, P = 6;
  const f = (v) => (log ? Math.log(v) : v);
  const x = (v) => (b === a ? W / 2 : P + ((f(v) - f(a)) / (f(b) - f(a))) * (W - 2 * P));
  const outside = def !== undefined && (def < lo || def > hi);
  const label = `search range ${lo} to ${hi} on a ${log ? 'log' : 'linear'} axis from ${+a.toPrecision(3)} to ${+b.toPrecision(3)}` + (def !== undefined ? `, default ${def}${outside ? ' (outside the range)' : ''}` : '');
  return svg('svg', { class: 'rangebar', width: W, height: 22, viewBox: `0 0 ${W} 22`, role: 'img', 'aria-label': label },
    svg('title', {}, label),
    svg('line', { x1: P, x2: W - P, y1: 11, y2: 11, class: 'axis' }),
    svg('rect', { x: x(lo), y: 6, width: Math.max(2, x(hi) - x(lo)), height: 10, class: 'range' }),
    def !== undefined ? svg('path', { d: `M ${x(def)} 3 l 5 8 l -5 8 l -5 -8 z`, class: outside ? 'default outside' : 'default' }) : null);
}

export function paramsView() {
  if (!data || data.at !== state.revision) { load().then(ui.render, (e) => notify.error(e.message)); if (!data) return h('p', { class: 'muted pad' }, 'Loading…'); }
  const c = state.catalog;
  const setF = (k) => (v) => { filter[k] = v; reload(); };
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const cell = (row, part) => (row.cells[part] ? h('div', {}, valueCell(row.cells[part], { label: `${row.model ?? ''} ${row.timeframe ?? ''} ${row.param} ${part}${data.segment ? ` for ${data.segment}` : ''}` }), segmentNote(row.cells[part])) : h('span', { class: 'muted' }, '—'));
  return h('section', { class: 'card', id: 'params', 'aria-label': 'parameters' },
    h('div', { class: 'toolbar', role: 'search' },
      h('input', { type: 'search', id: 'p-search', 'aria-label': 'search parameters', placeholder: 'Search: learning, eta, xgboost, shrinkage…', value: filter.q, oninput: (e) => { filter.q = e.target.value; reload(); } }),
      select('p-model', 'model', c.models, filter.model, setF('model')), select('p-timeframe', 'timeframe', c.timeframes, filter.timeframe, setF('timeframe')),
      select('p-param', 'parameter', paramNames(), filter.param, setF('param')), select('p-state', 'state', ['set', 'missing', 'invalid'], filter.state, setF('state')),
      select('p-segment', 'segment (base)', segments?.names ?? [], filter.segment, setF('segment'))),
    groupsPanel(),
    h('div', { class: 'toolbar muted', id: 'p-counts', role: 'status' }, `${data.total} parameters match (${data.counts.set} set, ${data.counts.missing} missing, ${data.counts.invalid} invalid)`),
    h('div', { class: 'scroll', tabindex: '0', 'aria-label': 'parameter table' }, h('table', { class: 'params' },
      h('thead', {}, h('tr', {}, ['model', 'tf', 'parameter', 'default', 'search range', 'min', 'max', 'scale', 'state'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, data.items.map((r) => h('tr', { 'data-param-row': `${r.model ?? ''}|${r.timeframe ?? ''}|${r.param}` },
        h('td', {}, r.model ?? '—'), h('td', {}, r.timeframe ?? '—'),
        h('td', { class: 'key' }, r.param, h('div', { class: 'describe' }, r.native ? h('code', { class: 'native' }, r.native) : null, r.aliases?.length ? h('span', { class: 'muted' }, ` (${r.aliases.join(', ')})`) : null, h('span', { class: 'doc' }, ` ${r.doc}`)),
          h('div', { class: 'muted small' }, `${r.type} ${r.domain}`)),
        h('td', { class: 'value' }, cell(r, 'default')), h('td', {}, rangeBar(r)),
        h('td', { class: 'value' }, cell(r, 'min')), h('td', { class: 'value' }, cell(r, 'max')), h('td', { class: 'value' }, cell(r, 'scale')),
        h('td', {}, h('span', { class: `state ${r.state}` }, r.state), r.problems.map((p) => h('div', { class: 'msg bad' }, p)), r.warnings.map((w) => h('div', { class: 'msg warn' }, w)))))))),
    h('nav', { class: 'pager', 'aria-label': 'pages' },
      h('button', { type: 'button', disabled: data.page <= 1, onclick: async () => { filter.page--; await load(); ui.render(); } }, '‹ Prev'),
      h('span', {}, `page ${data.page} of ${pages}`),
      h('button', { type: 'button', disabled: data.page >= pages, onclick: async () => { filter.page++; await load(); ui.render(); } }, 'Next ›')));
}

// ---------- the grid: one parameter across models and timeframes, editable in place ----------
let gridParam = 'LEARNING_RATE', gridPart = 'default', gridSegment = '', gridData = null;

export function gridView() {
  if (!gridData || gridData.param !== gridParam || gridData.part !== gridPart || (gridData.segment ?? '') !== gridSegment || gridData.revision !== state.revision) {
    Promise.all([api('GET', `/grid?${qs({ param: gridParam, part: gridPart, segment: gridSegment })}`), loadSegments()])
      .then(([g]) => { gridData = g; ui.render(); }, (e) => notify.error(e.message));
  }
  const cells = new Map((gridData?.cells ?? []).map((c) => [`${c.model}|${c.timeframe}`, c]));
  return h('section', { class: 'card', id: 'grid', 'aria-label': 'grid' }, h('div', { class: 'toolbar' },
    select('grid-param', 'parameter', paramNames(), gridParam, (v) => { gridParam = v || 'LEARNING_RATE'; ui.render(); }, { empty: false }),
    select('grid-part', 'part', ['default', 'min', 'max', 'scale'], gridPart, (v) => { gridPart = v || 'default'; ui.render(); }, { empty: false }),
    select('grid-segment', 'segment (base)', segments?.names ?? [], gridSegment, (v) => { gridSegment = v; ui.render(); })),
  h('div', { class: 'scroll', tabindex: '0', 'aria-label': 'grid table' }, h('table', { class: 'grid' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'sr' }, 'model')), state.catalog.timeframes.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, state.catalog.models.map((m) => h('tr', {}, h('th', { scope: 'row' }, m), state.catalog.timeframes.map((t) => {
      const c = cells.get(`${m}|${t}`);
      return h('td', { class: c ? `value ${c.state === 'set' ? '' : 'bad'}` : 'muted' }, c ? h('div', {}, valueCell(c, { label: `${m} ${t} ${gridParam} ${gridPart}${gridSegment ? ` for ${gridSegment}` : ''}` }),
        gridSegment ? h('div', { class: 'layer muted small', 'data-layer': c.layer }, c.layer === gridSegment ? 'overridden' : `from ${c.layer}`) : null) : '—');
    })))))));
}
