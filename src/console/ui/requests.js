// Change requests: the queue of the environment on screen, and one request with its diff, the checks a write
// of it would get now, its approvals and history, and what the signed-in user may do with it.
import { api, qs } from './api.js';
import { field, fmtDate, h, notify, shownValue } from './dom.js';
import { canWrite, refreshMeta, state, ui } from './state.js';
import { invalidateKeys } from './keys.js';

const filter = { state: 'open', all: false };
let list = null; // { at, key, items }
const detail = new Map(); // id -> request (reloaded on each revision)

let stale = true; // the request on screen is read again at the next render (kept on screen meanwhile)
export function invalidateRequests() { list = null; stale = true; }

async function loadList() {
  const key = `${filter.state}|${filter.all}|${state.environment}`;
  list = { at: state.revision, key, items: (await api('GET', `/requests?${qs({ state: filter.state, all: filter.all ? 'true' : '' })}`)).items };
}

async function loadOne(id) {
  detail.set(id, await api('GET', `/requests/${id}`));
}

export function requestsView() {
  const id = state.requestId;
  return id ? oneView(id) : queueView();
}

function queueView() {
  const key = `${filter.state}|${filter.all}|${state.environment}`;
  if (!list || list.key !== key || list.at !== state.revision) loadList().then(ui.render, (e) => notify.error(e.message));
  const states = ['open', 'approved', 'scheduled', 'suspended', 'draft', 'applied', 'rejected', 'closed', ''];
  const sel = h('select', { id: 'request-state', onchange: (e) => { filter.state = e.target.value; list = null; ui.render(); } },
    states.map((s) => h('option', { value: s, selected: s === filter.state }, s || 'any state')));
  const all = h('input', { type: 'checkbox', id: 'request-all', checked: filter.all, onchange: (e) => { filter.all = e.target.checked; list = null; ui.render(); } });
  const rows = (list?.items ?? []).map((r) => h('tr', { 'data-request': r.id },
    h('td', {}, h('a', { href: `#requests/${r.id}`, 'data-open-request': r.id }, `#${r.id}`)), h('td', {}, h('span', { class: `badge state-${r.state}` }, r.state)),
    h('td', {}, r.environment), h('td', {}, r.reason), h('td', {}, r.author), h('td', {}, `${r.keys}`), h('td', {}, `${r.have} / ${r.need}`), h('td', {}, fmtDate(r.updatedAt))));
  return h('section', { class: 'card', 'aria-labelledby': 'requests-title' }, h('h2', { id: 'requests-title' }, `Change requests in ${state.environment}`),
    h('div', { class: 'row filters' }, field('State', sel), h('label', { class: 'check' }, all, ' every environment')),
    h('table', { id: 'requests-table' }, h('thead', {}, h('tr', {}, ['id', 'state', 'environment', 'reason', 'author', 'keys', 'approvals', 'updated'].map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, rows)),
    list && !list.items.length ? h('p', { class: 'muted', id: 'requests-empty' }, 'No change requests match.') : null);
}

async function act(id, path, body, done) {
  try {
    const r = await api('POST', `/requests/${id}/${path}`, body);
    if (path === 'apply') {
      detail.set(id, r.request);
      notify.ok(`#${id} applied${r.result.changesetId ? ` as change-set ${r.result.changesetId}` : ''}`);
      await refreshMeta();
      invalidateKeys();
    } else {
      detail.set(id, r);
      if (done) notify.ok(done);
    }
    list = null;
    ui.render();
  } catch (e) {
    const keys = e.code === 'HPC_STORE_CONFLICT' && Array.isArray(e.detail) ? ` (${e.detail.map((c) => c.key).join(', ')})` : '';
    notify.error(`${e.message}${keys}`);
  }
}

function oneView(id) {
  const r = detail.get(id);
  if (!r || stale) {
    stale = false;
    loadOne(id).then(ui.render, (e) => notify.error(e.message));
    if (!r) return h('section', { class: 'card' }, h('p', { class: 'muted' }, `Loading request #${id}…`));
  }
  const me = state.me.name;
  const mine = r.author === `user:${me}` || r.author === `cli:${me}`;
  const live = ['open', 'approved', 'scheduled', 'suspended', 'draft'].includes(r.state);
  const note = h('textarea', { id: 'request-note', rows: 2, placeholder: 'a comment, the changes you ask for, or why you reject' });
  const at = h('input', { id: 'request-at', type: 'datetime-local' });
  const text = () => note.value.trim();
  const need = (what) => { if (!text()) { notify.error(`write ${what} first`); note.focus(); return false; } return true; };
  const items = r.items.map((i) => h('tr', {}, h('td', { class: 'key' }, i.key), h('td', { class: 'diff' }, h('span', { class: 'old' }, shownValue(i.old))), h('td', { class: 'diff' }, h('span', { class: 'new' }, shownValue(i.new)))));
  const checks = r.checks;
  const buttons = [];
  if (canWrite() && live && !mine && ['open', 'approved'].includes(r.state)) {
    buttons.push(h('button', { type: 'button', class: 'primary', id: 'approve', onclick: () => act(id, 'approve', { body: text() || undefined }, `approved #${id}`) }, 'Approve'));
    buttons.push(h('button', { type: 'button', id: 'request-changes', onclick: () => need('the changes you ask for') && act(id, 'request-changes', { body: text() }, 'changes requested') }, 'Request changes'));
    buttons.push(h('button', { type: 'button', class: 'danger', id: 'reject', onclick: () => need('why') && act(id, 'reject', { reason: text() }, `rejected #${id}`) }, 'Reject'));
  }
  if (canWrite() && r.state === 'approved') {
    buttons.push(h('button', { type: 'button', class: 'primary', id: 'apply', onclick: () => act(id, 'apply', {}) }, 'Apply'));
    buttons.push(field('at', at), h('button', { type: 'button', id: 'schedule', onclick: () => {
      if (!at.value) { notify.error('choose a time'); return; }
      act(id, 'schedule', { at: new Date(at.value).toISOString() }, `#${id} scheduled`);
    } }, 'Schedule'));
  }
  if (mine && r.state === 'draft') buttons.push(h('button', { type: 'button', class: 'primary', id: 'submit', onclick: () => act(id, 'submit', {}, `#${id} opened for review`) }, 'Open for review'));
  if (live && (mine || state.me.role === 'admin')) buttons.push(h('button', { type: 'button', id: 'close-request', onclick: () => act(id, 'close', { reason: text() || undefined }, `#${id} closed`) }, 'Close request'));
  if (live) buttons.push(h('button', { type: 'button', id: 'comment', onclick: () => need('a comment') && act(id, 'comment', { body: text() }, 'comment added') }, 'Comment'));
  return h('section', { class: 'card', 'aria-labelledby': 'request-title' },
    h('p', {}, h('a', { href: '#requests' }, '← all requests')),
    h('h2', { id: 'request-title' }, `#${r.id} ${r.reason}`),
    h('p', {}, h('span', { class: `badge state-${r.state}`, id: 'request-state-badge' }, r.state), ` in ${r.environment} · by ${r.author} · ${fmtDate(r.createdAt)} · version ${r.version} · base r${r.baseRevision}`,
      r.scheduledAt ? ` · scheduled ${fmtDate(r.scheduledAt)}` : '', r.changesetId ? h('span', {}, ' · applied as ', h('a', { href: '#changes' }, `cs${r.changesetId}`)) : ''),
    h('p', { id: 'request-approvals' }, `Approvals: ${r.have} of ${r.need}`, r.approvals.length ? ` (${r.approvals.map((a) => `${a.user}${a.valid ? '' : ` · v${a.version}, void`}`).join(', ')})` : '',
      r.approvers ? ` · approvers: ${r.approvers.join(', ')}` : ''),
    h('div', { class: 'scroll' }, h('table', { id: 'request-diff' }, h('thead', {}, h('tr', {}, ['key', 'now', 'proposed'].map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, items))),
    checks ? h('div', { id: 'request-checks' }, checks.problems.map((p) => h('div', { class: 'msg bad' }, p.message)), checks.warnings.map((p) => h('div', { class: 'msg warn' }, p.message)),
      h('p', { class: checks.ok ? 'ok' : 'bad' }, `Checks now: ${checks.ok ? 'pass' : `${checks.problems.length} problem(s)`} · coverage after ${checks.coverage.percentAfter.toFixed(2)} %`)) : null,
    live && buttons.length ? h('div', {}, field('Note', note), h('div', { class: 'row actions' }, buttons)) : null,
    h('h3', {}, 'History'),
    h('ol', { class: 'timeline', id: 'request-events' }, r.events.map((e) => h('li', {}, h('span', { class: 'muted' }, fmtDate(e.at)), ` ${e.actor} `, h('strong', {}, e.kind.replace('_', ' ')), e.body ? `: ${e.body}` : ''))));
}
