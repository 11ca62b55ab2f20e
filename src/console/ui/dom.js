// DOM helpers: element builder, dialogs that manage focus, notices that do not vanish on errors.

export function h(tag, attrs = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined && kid !== false) el.append(kid instanceof Node ? kid : String(kid));
  return el;
}

/** An SVG element (the range bars). */
export function svg(tag, attrs = {}, ...kids) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, v);
  for (const kid of kids.flat()) if (kid) el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  return el;
}

export const debounce = (fn, ms) => { let t; return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); }; };

let dialogSeq = 0;
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focus moves into it, Tab stays inside, Escape closes it, and focus returns to
 * what opened it. `actions(close)` returns the buttons beside Close.
 */
export function modal(title, body, actions = () => []) {
  const opener = document.activeElement;
  const id = `dialog-title-${++dialogSeq}`;
  const back = h('div', { class: 'modal-back' });
  const close = () => {
    back.remove();
    document.removeEventListener('keydown', onKey, true);
    if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
  };
  const box = h('div', { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': id },
    h('h2', { id }, title), body, h('div', { class: 'row actions' }, ...actions(close), h('button', { type: 'button', onclick: close }, 'Close')));
  function onKey(e) {
    if (!back.isConnected) return;
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); return; }
    if (e.key !== 'Tab') return;
    const f = [...box.querySelectorAll(FOCUSABLE)].filter((x) => x.offsetParent !== null);
    if (!f.length) return;
    const first = f[0], last = f[f.length - 1];
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  }
  back.append(box);
  back.addEventListener('mousedown', (e) => { if (e.target === back) close(); });
  document.addEventListener('keydown', onKey, true);
  document.body.append(back);
  const first = box.querySelector('[autofocus]') || box.querySelector(FOCUSABLE);
  (first || box).focus();
  return close;
}

/**
 * Notices: a success is a short toast; an error stays (role=alert) until dismissed, styled as
 * an error, so a failure is never mistaken for a success or missed.
 */
export const notify = {
  ok(text) {
    const t = h('div', { class: 'toast ok', role: 'status' }, text);
    document.body.append(t);
    setTimeout(() => t.remove(), 5000);
  },
  error(text) {
    const region = document.getElementById('errors') || document.body;
    const item = h('div', { class: 'alert', role: 'alert' }, h('span', {}, text),
      h('button', { type: 'button', class: 'linkish', 'aria-label': 'dismiss this error', onclick: () => item.remove() }, 'Dismiss'));
    region.append(item);
  },
  clear() { document.getElementById('errors')?.replaceChildren(); },
};

/** A labelled select; `label` names it for screen readers and is the empty choice. */
export function select(id, label, options, value, onchange, { empty = true } = {}) {
  return h('select', { id, 'aria-label': label, onchange: (e) => onchange(e.target.value) },
    empty ? h('option', { value: '' }, label) : null,
    options.map((o) => (Array.isArray(o) ? h('option', { value: o[0], selected: o[0] === value }, o[1]) : h('option', { value: o, selected: o === value }, o))));
}

/** A labelled field for forms: the label names the input. */
export function field(label, input) {
  if (!input.id) input.id = `f-${Math.random().toString(36).slice(2, 9)}`;
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
}

/** Times as every screen shows them: UTC, to the second, with the zone written out (a team spans time zones). */
export const fmtDate = (iso) => (iso ? `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC` : '');
export const shownValue = (v) => (v === null || v === undefined ? '(unset)' : v);

/** A yes/no question in a dialog (focus managed like every dialog); resolves true on the confirm button. */
export function confirmDialog(title, text, okLabel) {
  return new Promise((resolve) => {
    let answered = false;
    const closeWith = (v, close) => { answered = true; close(); resolve(v); };
    const close = modal(title, h('p', {}, text), (c) => [h('button', { type: 'button', class: 'primary', id: 'confirm-ok', onclick: () => closeWith(true, c) }, okLabel)]);
    // Close and Escape answer no.
    const watch = setInterval(() => { if (!document.getElementById('confirm-ok')) { clearInterval(watch); if (!answered) resolve(false); } }, 100);
    void close;
  });
}
