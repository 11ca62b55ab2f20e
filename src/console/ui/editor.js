// The in-place editor used by the key list, the parameter view and the grid. The server checks
// the value as you type (POST /validate, with everything already staged). A value that breaks
// its own grammar or domain cannot be staged; a rule that involves other keys (min above max, a
// default outside its range) is shown and may be staged, because fixing it can take several edits;
// the review stays closed until the staged set is valid.
import { api } from './api.js';
import { debounce, h } from './dom.js';
import { canWrite, stage, state, ui } from './state.js';

/** A value cell: shows the staged or stored value, opens the editor on click or Enter. */
export function valueCell(row, { label } = {}) {
  const staged = state.staged.get(row.key);
  if (state.editing === row.key) return editor(row);
  const text = staged ? `${staged.value ?? '(unset)'} ✎` : (row.value ?? '—');
  return h('span', {
    class: `v${staged ? ' staged' : ''}${row.state !== 'set' ? ' bad' : ''}`, tabindex: '0', role: canWrite() ? 'button' : null, 'data-key': row.key,
    'aria-label': `${label ?? row.key}: ${text}${canWrite() ? ', press Enter to edit' : ''}`, title: canWrite() ? 'click or press Enter to edit' : '',
    onclick: () => open(row.key),
    onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); open(row.key); } },
  }, text);
}

function open(key) {
  if (!canWrite()) return;
  state.editing = key;
  // Focused by the render itself: a key pressed right after Enter (Escape) reaches the editor, never the page.
  ui.focusAfter = '#editor';
  ui.render();
}

function close(key) {
  state.editing = null;
  ui.focusAfter = `[data-key="${key}"]`;
  ui.render();
}

function editor(row) {
  const key = row.key;
  const input = h('input', { id: 'editor', 'aria-label': `new value of ${key}`, 'aria-describedby': 'editor-msg', value: state.staged.get(key)?.value ?? row.value ?? '' });
  const msg = h('div', { class: 'msg', id: 'editor-msg', 'aria-live': 'polite' });
  let ok = true;
  const validateNow = async () => {
    const v = input.value;
    if (v.trim() === '') {
      ok = false;
      input.classList.add('invalid');
      msg.className = 'msg bad';
      msg.textContent = 'empty: to remove a key use "Unset…" in its history';
      return;
    }
    const changes = [...[...state.staged].filter(([k]) => k !== key).map(([k, s]) => ({ key: k, value: s.value })), { key, value: v }];
    try {
      const r = await api('POST', '/validate', { changes });
      const own = r.problems.filter((p) => p.keys.length === 1 && p.keys[0] === key);
      const cross = r.problems.filter((p) => p.keys.includes(key) && !own.includes(p));
      const warns = r.warnings.filter((w) => w.keys.includes(key));
      ok = own.length === 0;
      input.classList.toggle('invalid', !ok);
      msg.className = !ok || cross.length ? 'msg bad' : 'msg warn';
      msg.textContent = [...own, ...cross, ...warns].map((p) => p.message).join('; ') + (ok && cross.length ? ' (can be staged: fix it before saving)' : '');
    } catch (err) {
      ok = false;
      input.classList.add('invalid');
      msg.className = 'msg bad';
      msg.textContent = err.message;
    }
  };
  const check = debounce(validateNow, 100);
  input.addEventListener('input', () => { ok = false; check(); });
  input.addEventListener('keydown', async (e) => {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(key); }
    if (e.key === 'Enter') {
      e.preventDefault();
      await validateNow();
      if (!ok) return;
      // In a segment's view the edit replaces the segment's own override (none where it inherits).
      stage(key, row.own !== undefined ? row.own : row.value, input.value.trim());
      close(key);
    }
  });
  setTimeout(() => { if (!input.isConnected) return; input.focus(); input.select(); validateNow(); }, 0);
  return h('div', { class: 'editor' }, input, msg);
}
