// The change log, a key's history, and the destructive actions (revert, unset): each opens a
// preview of every key it would write and the coverage after, needs a reason and a confirmation,
// and needs an explicit "force" when required keys would be unset. The seed is never one click.
import { api, qs } from './api.js';
import { debounce, field, fmtDate, h, modal, notify, shownValue } from './dom.js';
import { canWrite, currentEnvironment, refreshMeta, state, ui } from './state.js';
import { invalidateKeys } from './keys.js';

// ---------- the change log ----------
// One row per change-set (who, when, why, how many keys); expanding it lists its keys, each with its own revert.
const logFilter = { q: '', keyLike: '', actor: '', since: '', until: '', changeset: '' };
const cursors = []; // `before` of each page shown so far (paging newest first)
let logData = null;
const expanded = new Map(); // change-set id -> its changes (loaded when first opened)

/** The log filtered to one change-set, opened (a link `#changes/ID`). */
export function showChangeset(id) {
  Object.assign(logFilter, { q: '', keyLike: '', actor: '', since: '', until: '', changeset: String(id) });
  cursors.length = 0;
  logData = null;
  if (!expanded.has(id)) api('GET', `/changesets/${id}`).then((r) => { expanded.set(id, r.changes); ui.render(); }, (e) => notify.error(e.message));
}

async function loadLog(before) {
  const f = { ...logFilter, since: logFilter.since ? new Date(logFilter.since + 'Z').toISOString() : '', until: logFilter.until ? new Date(logFilter.until + 'Z').toISOString() : '' };
  logData = { at: state.revision, before, ...(await api('GET', `/changesets?${qs({ ...f, limit: 25, before })}`)) };
}

const refilter = debounce(async () => {
  cursors.length = 0;
  try { await loadLog(undefined); } catch (e) { notify.error(e.message); }
  ui.focusAfter = document.activeElement?.id ? `#${document.activeElement.id}` : null;
  ui.render();
}, 200);

async function toggle(id) {
  if (expanded.has(id)) expanded.delete(id);
  else {
    try { expanded.set(id, (await api('GET', `/changesets/${id}`)).changes); } catch (e) { notify.error(e.message); return; }
  }
  ui.focusAfter = `[data-expand="${id}"]`;
  ui.render();
}

/** The keys of an opened change-set: old and new value, and a revert of that one key. */
function keyRows(cs, changes) {
  const shown = [...changes].sort((a, b) => a.revision - b.revision).slice(0, 200); // in the order they were written
  return h('tr', { class: 'cs-keys', id: `cs-${cs.id}-keys` }, h('td', { colspan: 7 },
    h('table', { class: 'nested', 'aria-label': `keys of change-set ${cs.id}` },
      h('thead', {}, h('tr', {}, ['rev', 'key', 'old → new', h('span', { class: 'sr' }, 'actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, shown.map((e) => h('tr', {}, h('td', {}, `r${e.revision}`), h('td', { class: 'key' }, e.key),
        h('td', { class: 'diff' }, h('span', { class: 'old' }, shownValue(e.oldValue)), ' → ', h('span', { class: 'new' }, shownValue(e.newValue))),
        h('td', {}, canWrite() ? h('button', { type: 'button', 'data-revert-one': `${cs.id}:${e.key}`, onclick: () => revertFlow(cs.id, [e.key]) }, 'Revert this key…') : ''))))),
    changes.length > shown.length ? h('p', { class: 'muted' }, `… and ${changes.length - shown.length} more keys (filter the log by key to find one)`) : null));
}

export function changesView() {
  if (!logData || (logData.at !== state.revision && !cursors.length)) loadLog(undefined).then(ui.render, (e) => notify.error(e.message));
  const input = (id, label, k, type = 'text', extra = {}) => field(label, h('input', { id, type, value: logFilter[k], ...extra, oninput: (e) => { logFilter[k] = e.target.value.trim(); refilter(); } }));
  const items = logData?.items ?? [];
  const rows = items.flatMap((cs) => {
    const open = expanded.has(cs.id);
    const summary = `${cs.keys} key${cs.keys === 1 ? '' : 's'}: ${cs.firstKeys.join(', ')}${cs.keys > cs.firstKeys.length ? ', …' : ''}`;
    const row = h('tr', { class: 'cs', 'data-cs': cs.id },
      h('td', {}, `cs${cs.id}${cs.reverts ? ` (reverts cs${cs.reverts})` : ''}`,
        cs.changeRequest ? h('div', { class: 'small' }, h('a', { href: `#requests/${cs.changeRequest}`, 'data-cs-request': cs.changeRequest }, `request #${cs.changeRequest}`),
          cs.approvedBy?.length ? ` · approved by ${cs.approvedBy.join(', ')}` : '') : null,
        cs.breakGlass ? h('div', { class: 'small bad', title: 'written by the store owner past the review policy' }, 'break-glass') : null),
      h('td', {}, fmtDate(cs.at)), h('td', {}, cs.actor), h('td', {}, cs.reason),
      h('td', {}, h('button', { type: 'button', class: 'linkish', 'data-expand': cs.id, 'aria-expanded': String(open), 'aria-controls': `cs-${cs.id}-keys`, onclick: () => toggle(cs.id) }, `${open ? '▾' : '▸'} ${summary}`)),
      h('td', {}, `r${cs.revision}`),
      h('td', {}, canWrite() ? h('button', { type: 'button', 'data-revert-cs': cs.id, onclick: () => revertFlow(cs.id) }, cs.keys === 1 ? 'Revert…' : `Revert all ${cs.keys}…`) : ''));
    return open ? [row, keyRows(cs, expanded.get(cs.id))] : [row];
  });
  return h('section', { class: 'card', id: 'changes', 'aria-label': 'change log' },
    h('div', { class: 'toolbar filters', role: 'search' },
      input('log-q', 'Text (key, actor or reason)', 'q', 'search'), input('log-key', 'Key contains', 'keyLike'), input('log-actor', 'Actor contains', 'actor'),
      input('log-since', 'From (UTC)', 'since', 'datetime-local'), input('log-until', 'Until (UTC)', 'until', 'datetime-local'),
      input('log-cs', 'Change-set', 'changeset', 'number', { min: 1, inputmode: 'numeric' })),
    h('div', { class: 'scroll', tabindex: '0', 'aria-label': 'change log table' }, h('table', {},
      h('thead', {}, h('tr', {}, ['change-set', 'when (UTC)', 'who', 'reason', 'keys', 'revision', h('span', { class: 'sr' }, 'actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 7, class: 'muted' }, logData ? 'No change matches.' : 'Loading…'))))),
    h('nav', { class: 'pager', 'aria-label': 'pages' },
      h('button', { type: 'button', disabled: !cursors.length, onclick: async () => { cursors.pop(); await loadLog(cursors[cursors.length - 1]); ui.render(); } }, '‹ Newer'),
      h('span', { id: 'log-page' }, `page ${cursors.length + 1}`),
      h('button', { type: 'button', id: 'log-older', disabled: !logData?.nextBefore, onclick: async () => { cursors.push(logData.nextBefore); await loadLog(logData.nextBefore); ui.render(); } }, 'Older ›')));
}

// ---------- a key's history ----------
export async function showHistory(key) {
  let r;
  try { r = await api('GET', `/changes?${qs({ key, limit: 50 })}`); } catch (e) { notify.error(e.message); return; }
  const list = h('div', { class: 'scroll', tabindex: '0', 'aria-label': `history of ${key}` }, h('table', { id: 'history' },
    h('thead', {}, h('tr', {}, ['rev', 'when', 'who', 'change', 'reason', h('span', { class: 'sr' }, 'actions')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, r.items.map((e) => h('tr', {}, h('td', {}, `r${e.revision}`), h('td', {}, fmtDate(e.at)), h('td', {}, e.actor),
      h('td', { class: 'diff' }, h('span', { class: 'old' }, shownValue(e.oldValue)), ' → ', h('span', { class: 'new' }, shownValue(e.newValue))), h('td', {}, e.reason),
      h('td', {}, canWrite() ? h('div', { class: 'row' },
        h('button', { type: 'button', 'data-revert-key': e.changesetId, onclick: () => revertFlow(e.changesetId, [key]) }, 'Revert this key…'),
        h('button', { type: 'button', 'data-revert': e.changesetId, onclick: () => revertFlow(e.changesetId) }, `Revert all of cs${e.changesetId}…`)) : ''))))));
  modal(`History of ${key}`, list, () => (canWrite() ? [h('button', { type: 'button', class: 'danger', id: 'unset-key', onclick: () => unsetFlow(key) }, 'Unset this key…')] : []));
}

// ---------- destructive actions ----------
/** The preview both flows show: every key with its value now and after, and the coverage after. */
function planTable(p) {
  return h('div', {},
    h('div', { class: 'scroll preview', tabindex: '0', 'aria-label': 'what would change' }, h('table', { class: 'preview-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'key'), h('th', { scope: 'col' }, 'now'), h('th', { scope: 'col' }, 'after'))),
      h('tbody', {}, p.changes.slice(0, 500).map((c) => h('tr', {}, h('td', { class: 'key' }, c.key), h('td', { class: 'diff' }, h('span', { class: 'old' }, shownValue(c.old))), h('td', { class: 'diff' }, h('span', { class: 'new' }, shownValue(c.new)))))))),
    p.changes.length > 500 ? h('p', { class: 'muted' }, `… and ${p.changes.length - 500} more`) : null,
    h('p', { id: 'coverage-after', class: p.coverage.unsets.length ? 'bad strong' : 'ok' },
      `${p.changes.length} key(s) change. Coverage after: ${p.coverage.percentAfter.toFixed(2)} % (${p.coverage.presentAfter}/${p.coverage.required})`
      + (p.coverage.unsets.length ? `: ${p.coverage.unsets.length} required key(s) would be unset, and workers refuse to start (hpconf exec, the deploy gate) until they are set again.` : '.')),
    p.problems.map((x) => h('div', { class: 'msg bad' }, x.message)), p.warnings.map((x) => h('div', { class: 'msg warn' }, x.message)));
}

/**
 * Confirm a destructive action: a reason, a "force" box when coverage would drop, and for the
 * seed change-set the typed words "revert csN" as well.
 */
function confirmFlow(title, p, { typed, run }) {
  const reason = h('textarea', { id: 'danger-reason', rows: 2, required: true, placeholder: 'why (recorded in the change log)' });
  const force = p.coverage.unsets.length ? h('input', { type: 'checkbox', id: 'danger-force' }) : null;
  const words = typed ? h('input', { id: 'danger-typed', autocomplete: 'off', 'aria-describedby': 'danger-typed-help' }) : null;
  const err = h('div', { class: 'bad', id: 'danger-error', role: 'alert' });
  const go = h('button', { type: 'button', class: 'danger primary', id: 'danger-go', disabled: !p.changes.length || !p.ok }, title);
  const body = h('div', {}, planTable(p),
    typed ? h('p', { class: 'bad', id: 'danger-typed-help' }, `This is the seed: reverting it unsets every key it created. Type "${typed}" to confirm.`) : null,
    words ? field(`Type ${typed}`, words) : null,
    force ? h('label', { class: 'check' }, force, ` I understand: coverage drops to ${p.coverage.percentAfter.toFixed(2)} %`) : null,
    field('Reason', reason), err);
  const close = modal(title, body, () => [go]);
  go.addEventListener('click', async () => {
    if (!reason.value.trim()) { err.textContent = 'a reason is required'; reason.focus(); return; }
    if (words && words.value.trim() !== typed) { err.textContent = `type "${typed}" to confirm`; words.focus(); return; }
    if (force && !force.checked) { err.textContent = 'this unsets required keys: tick the box to confirm'; force.focus(); return; }
    try {
      const r = await run(reason.value.trim(), !!force?.checked);
      close();
      document.querySelectorAll('.modal-back').forEach((m) => m.remove());
      notify.ok(r);
      await refreshMeta();
      invalidateKeys();
      ui.render();
    } catch (e) { err.textContent = e.message; }
  });
}

export async function revertFlow(id, keys) {
  let p;
  try { p = await api('POST', `/changesets/${id}/revert/preview`, keys ? { keys } : {}); } catch (e) { notify.error(e.message); return; }
  const title = keys ? `Revert ${keys.join(', ')} to before cs${id}` : `Revert change-set ${id}`;
  confirmFlow(title, p, {
    typed: p.seed && !keys ? `revert cs${id}` : undefined,
    run: async (reason, force) => {
      // A protected environment takes a revert like any change: as a request someone else approves.
      if (currentEnvironment().approvals) {
        const r = await api('POST', '/requests', { revert: { changeset: id, keys }, reason, force });
        location.hash = `#requests/${r.id}`;
        return `opened change request #${r.id} to revert change-set ${id}`;
      }
      const r = await api('POST', `/changesets/${id}/revert`, { reason, keys, force, baseRevision: p.revision });
      return `reverted ${keys ? keys.join(', ') + ' of ' : ''}change-set ${id} as change-set ${r.changesetId}`;
    },
  });
}

export async function unsetFlow(key) {
  let p;
  try { p = await api('POST', '/validate', { changes: [{ key, value: null }] }); } catch (e) { notify.error(e.message); return; }
  confirmFlow(`Unset ${key}`, p, {
    run: async (reason, force) => {
      if (currentEnvironment().approvals) {
        const r = await api('POST', '/requests', { changes: [{ key, value: null }], reason, force });
        location.hash = `#requests/${r.id}`;
        return `opened change request #${r.id} to unset ${key}`;
      }
      const cur = await api('GET', `/keys/${encodeURIComponent(key)}`);
      await api('DELETE', `/keys/${encodeURIComponent(key)}`, { reason, force, baseRevision: Math.max(p.revision, cur.revision ?? 0) });
      return `${key} unset`;
    },
  });
}

export function invalidateLog() { logData = null; expanded.clear(); }
