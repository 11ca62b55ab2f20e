// Staged changes: the panel, live conflict flags with both values, and the review that saves
// them as one change-set carrying the revision they were read at.
import { api } from './api.js';
import { confirmDialog, field, h, modal, notify, shownValue } from './dom.js';
import { canWrite, currentEnvironment, discardAll, keepMine, refreshMeta, state, ui, unstage } from './state.js';
import { invalidateKeys } from './keys.js';

export function stagedPanel() {
  const v = state.validation;
  const items = [...state.staged].map(([key, s]) => {
    const conflict = state.conflicts.get(key);
    return h('li', { class: 'staged-item', 'data-staged': key }, h('code', {}, key),
      h('div', { class: 'diff' }, h('span', { class: 'old' }, shownValue(s.old)), ' → ', h('span', { class: 'new' }, shownValue(s.value))),
      conflict ? h('div', { class: 'conflict', 'data-conflict': key, role: 'alert' }, `Changed by ${conflict.by ?? 'someone else'} since you staged it: theirs `, h('strong', {}, shownValue(conflict.theirs)), ', yours ', h('strong', {}, shownValue(s.value)),
        h('div', { class: 'row' }, h('button', { type: 'button', onclick: () => keepMine(key) }, 'Keep mine'),
          h('button', { type: 'button', onclick: () => unstage(key) }, 'Take theirs'))) : null,
      h('button', { type: 'button', class: 'danger linkish', 'aria-label': `drop the staged change to ${key}`, onclick: () => unstage(key) }, 'drop'));
  });
  const problems = v ? v.problems.map((p) => h('div', { class: 'msg bad' }, p.message)) : [];
  const warnings = v ? v.warnings.map((p) => h('div', { class: 'msg warn' }, p.message)) : [];
  const blocked = !v || !v.ok || state.conflicts.size > 0;
  return h('aside', { 'aria-label': 'staged changes' }, h('div', { class: 'card', id: 'staged' }, h('h2', {}, `Staged changes (${state.staged.size})`),
    state.staged.size ? null : h('p', { class: 'muted' }, canWrite() ? 'Click a value (or focus it and press Enter) to edit it, or select rows for a bulk edit. Changes wait here, kept on the server, until you review and save them.' : 'Viewers cannot edit.'),
    h('ul', { class: 'staged-list' }, items), problems, warnings,
    state.staged.size ? h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', id: 'review', disabled: blocked, onclick: review }, currentEnvironment().approvals ? 'Review & request' : 'Review & save'),
      h('button', { type: 'button', onclick: async () => { if (await confirmDialog('Discard staged changes', `Discard ${state.staged.size} staged change(s)? They are not saved anywhere else.`, 'Discard')) discardAll(); } }, 'Discard all')) : null,
    state.staged.size && blocked && v ? h('p', { class: 'muted small' }, state.conflicts.size ? 'Resolve the conflicts first.' : v.ok ? '' : 'Fix the problems above first.') : null));
}

function review() {
  const env = currentEnvironment();
  const guarded = env.approvals > 0;
  const reason = h('textarea', { id: 'reason', rows: 2, placeholder: 'why (recorded in the change log)', required: true });
  const rows = [...state.staged].map(([k, s]) => h('tr', {}, h('td', { class: 'key' }, k), h('td', { class: 'diff' }, h('span', { class: 'old' }, shownValue(s.old))), h('td', { class: 'diff' }, h('span', { class: 'new' }, shownValue(s.value)))));
  const err = h('div', { class: 'bad', id: 'save-error', role: 'alert' });
  const cov = state.validation?.coverage;
  modal(`Review ${state.staged.size} change(s) in ${env.name}`, h('div', {},
    guarded ? h('p', { class: 'msg warn', id: 'review-policy' }, `${env.name} takes changes through review: ${env.approvals} approval(s) from ${env.approvers ? env.approvers.join(', ') : 'another writer'} before anyone applies them.`) : null,
    h('div', { class: 'scroll', tabindex: '0', 'aria-label': 'changes to save' }, h('table', { id: 'review-table' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'key'), h('th', { scope: 'col' }, 'now'), h('th', { scope: 'col' }, 'after'))), h('tbody', {}, rows))),
    cov ? h('p', { class: 'muted' }, `Coverage after saving: ${cov.percentAfter.toFixed(2)} %`) : null,
    state.validation?.warnings?.length ? h('div', {}, state.validation.warnings.map((w) => h('div', { class: 'msg warn' }, w.message))) : null,
    field('Reason', reason), err), (close) => [...(guarded ? [] : [h('button', { type: 'button', class: 'primary', id: 'save', onclick: async () => {
    if (!reason.value.trim()) { err.textContent = 'a reason is required'; reason.focus(); return; }
    try {
      const r = await api('POST', '/changesets', { changes: [...state.staged].map(([key, s]) => ({ key, value: s.value })), baseRevision: state.stagedBase ?? state.revision, reason: reason.value.trim() });
      close();
      discardAll();
      notify.ok(`saved change-set ${r.changesetId ?? '(no change)'} (revision ${r.revision})`);
      await refreshMeta();
      invalidateKeys();
      ui.render();
    } catch (e) {
      if (e.status === 409 && e.code === 'HPC_STORE_CONFLICT') {
        for (const c of e.detail) state.conflicts.set(c.key, { theirs: c.current, by: 'someone else', revision: c.revision });
        close();
        notify.error(`not saved: ${e.detail.length} key(s) changed since you staged them; keep yours or take theirs, then save again`);
        ui.render();
      } else err.textContent = e.message;
    }
  } }, 'Save')]),
  // A change request: the same keys, reviewed by someone else before they apply (the only way into a protected environment).
  h('button', { type: 'button', class: guarded ? 'primary' : '', id: 'open-request', onclick: async () => {
    if (!reason.value.trim()) { err.textContent = 'a reason is required'; reason.focus(); return; }
    try {
      const r = await api('POST', '/requests', { changes: [...state.staged].map(([key, s]) => ({ key, value: s.value })), reason: reason.value.trim() });
      close();
      discardAll();
      notify.ok(`opened change request #${r.id}: ${r.need} approval(s) needed`);
      location.hash = `#requests/${r.id}`;
    } catch (e) { err.textContent = e.message; }
  } }, 'Open change request')]);
  reason.focus();
}
