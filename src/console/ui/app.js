// hpconf Console: a small single-page app over /api/v1, in plain modules (no build step). The
// catalog rules are checked by the server as you type, so the browser holds no second copy.
import { api, API, session } from './api.js';
import { field, h, notify } from './dom.js';
import { accountView } from './account.js';
import { adminView, invalidateAdmin } from './admin.js';
import { changesView, invalidateLog, showChangeset } from './changes.js';
import { fallbacksView } from './fallbacks.js';
import { invalidateKeys, keysView, loadKeys } from './keys.js';
import { gridView, paramsView } from './params.js';
import { presetsView } from './presets.js';
import { invalidateRequests, requestsView } from './requests.js';
import { invalidateRuns, runsView } from './runs.js';
import { stagedPanel } from './staged.js';
import { checkConflicts, currentEnvironment, flushDraft, loadDraft, refreshMeta, state, ui } from './state.js';

const app = document.getElementById('app');

// Parameters first: one row per parameter and timeframe reads faster than four keys each.
const TABS = [
  ['params', 'Parameters', paramsView], ['keys', 'Keys', keysView], ['grid', 'Grid', gridView], ['changes', 'Change log', changesView], ['requests', 'Requests', requestsView], ['runs', 'Runs', runsView],
  ['presets', 'Presets', presetsView], ['fallbacks', 'Fallbacks', fallbacksView], ['admin', 'Admin', adminView], ['account', 'Account', accountView],
];
const WITH_STAGED = new Set(['keys', 'params', 'grid']);

// ---------- sign-in ----------
function loginView(message) {
  const u = h('input', { id: 'username', autocomplete: 'username', required: true });
  const p = h('input', { id: 'password', type: 'password', autocomplete: 'current-password', required: true });
  // Six digits are a code from the app; anything longer is one of the recovery codes.
  const t = h('input', { id: 'totp', autocomplete: 'one-time-code', placeholder: 'only if enabled: app code or recovery code', maxlength: 32 });
  const sso = location.hash.startsWith('#sso-error=') ? decodeURIComponent(location.hash.slice('#sso-error='.length)) : '';
  if (sso) history.replaceState(null, '', '#');
  const text = sso || message?.text || '';
  const msg = h('p', { class: message?.ok && !sso ? 'ok' : 'bad', id: 'login-error', role: 'alert' }, text);
  const second = (v) => (!v ? {} : /^[0-9]{6}$/.test(v) ? { totp: v } : { recovery: v });
  const form = h('form', { class: 'card login', 'aria-labelledby': 'login-title', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const r = await api('POST', '/auth/login', { username: u.value.trim(), password: p.value, ...second(t.value.trim()) });
      session.csrf = r.csrf;
      await start();
    } catch (err) { msg.className = 'bad'; msg.textContent = err.message; p.select(); }
  } }, h('h1', { id: 'login-title' }, 'hpconf Console'), field('Username', u), field('Password', p), field('One-time code', t),
  h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit' }, 'Sign in')),
  h('div', { id: 'sso', class: 'row' }), msg);
  app.replaceChildren(h('main', { class: 'center' }, form));
  u.focus();
  // Single sign-on, where the server has a provider: a plain link, the redirect does the rest.
  api('GET', '/auth/providers').then((pr) => {
    if (pr.oidc) document.getElementById('sso')?.replaceChildren(h('a', { class: 'button', id: 'sso-start', href: pr.oidc.start }, pr.oidc.label));
  }).catch(() => {});
}

// A one-time password opens only this screen.
function passwordView() {
  const cur = h('input', { id: 'current', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { id: 'next', type: 'password', autocomplete: 'new-password', minlength: 12 });
  const msg = h('p', { class: 'bad', id: 'password-error', role: 'alert' });
  app.replaceChildren(h('main', { class: 'center' }, h('form', { class: 'card login', 'aria-labelledby': 'pw-title', onsubmit: async (e) => {
    e.preventDefault();
    try { await api('POST', '/auth/password', { current: cur.value, next: next.value }); loginView({ ok: true, text: 'Password changed: sign in with the new one.' }); }
    catch (err) { msg.textContent = err.message; }
  } }, h('h1', { id: 'pw-title' }, 'Choose a password'), h('p', {}, `${state.me.name}, you signed in with a one-time password.`),
  field('One-time password', cur), field('New password (12 characters or more)', next),
  h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit' }, 'Change password')), msg)));
  cur.focus();
}

/** Sign out: end the session, then load the page afresh, so nothing of this user stays in the tab. */
async function signOut() {
  await flushDraft();
  await api('POST', '/auth/logout').catch(() => {});
  location.replace('/ui/#signed-out');
  location.reload();
}

// ---------- frame ----------
function header() {
  const tabs = TABS.filter(([id]) => id !== 'admin' || state.me.role === 'admin');
  const cov = state.coverage;
  const warnings = cov?.warnings?.length ?? 0;
  const covClass = !cov ? '' : !cov.complete ? 'partial' : warnings ? 'warned' : 'full';
  const title = (TABS.find(([id]) => id === state.tab) ?? TABS[0])[1];
  return h('header', {}, h('h1', { class: 'brand' }, 'hpconf', h('span', { class: 'sr' }, ` Console: ${title}`)),
    h('nav', { 'aria-label': 'screens' }, tabs.map(([id, label]) => h('a', { href: `#${id}`, class: state.tab === id ? 'active' : '', 'data-tab': id, 'aria-current': state.tab === id ? 'page' : null }, label))),
    h('div', { class: 'right' },
      environmentPicker(),
      cov ? h('a', { href: '#keys', class: `badge ${covClass}`, id: 'coverage', title: `${cov.valid}/${cov.required} keys present and valid; ${warnings} warning(s)`,
        onclick: () => { if (warnings) location.hash = '#params'; } }, `coverage ${cov.percent.toFixed(2)} %${warnings ? ` · ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}`) : null,
      h('span', { class: 'badge', id: 'revision' }, `r${state.revision}`),
      h('span', { class: `badge live ${state.live.on ? 'on' : 'off'}`, id: 'live', role: 'status', title: state.live.on ? 'changes by anyone appear here as they happen' : 'no live stream (a proxy may be holding it back): refreshing every 10 s' },
        state.live.on ? '● live' : '○ live updates off'),
      h('span', { id: 'whoami' }, `${state.me.name} (${state.me.role})`),
      h('button', { type: 'button', id: 'sign-out', onclick: signOut }, 'Sign out')));
}

/** The environment on screen: every screen reads and writes it; a protected one takes changes through requests. */
function environmentPicker() {
  const env = currentEnvironment();
  const sel = h('select', { id: 'environment', 'aria-label': 'environment', onchange: (e) => switchEnvironment(e.target.value) },
    state.environments.map((x) => h('option', { value: x.name, selected: x.name === state.environment }, x.name)));
  return h('span', { class: 'row' }, sel, env.approvals ? h('span', { class: 'badge protected', id: 'env-policy', title: 'direct writes are refused: changes go through reviewed requests' },
    `protected · ${env.approvals} approval${env.approvals > 1 ? 's' : ''}`) : null);
}

async function switchEnvironment(name) {
  if (name === state.environment) return;
  if (state.staged.size) {
    notify.error(`save or discard the ${state.staged.size} staged change(s) for ${state.environment} first`);
    render();
    return;
  }
  state.environment = name;
  session.environment = name;
  localStorage.setItem('hpconf.environment', name);
  state.requestId = null;
  try {
    await refreshMeta();
    invalidateScreens();
    await loadKeys();
  } catch (e) { notify.error(e.message); }
  render();
}

/** What every screen read is read again (a new revision, another environment). */
function invalidateScreens() {
  invalidateKeys();
  invalidateLog();
  invalidateAdmin();
  invalidateRequests();
  invalidateRuns();
}

/** A selector for the focused element, so a redraw (a live update, a validation) gives the focus back. */
function focusedSelector() {
  const el = document.activeElement;
  if (!el || el === document.body || el.closest('.modal')) return null;
  if (el.id) return `#${CSS.escape(el.id)}`;
  if (el.dataset?.key) return `[data-key="${CSS.escape(el.dataset.key)}"]`;
  if (el.dataset?.tab) return `[data-tab="${CSS.escape(el.dataset.tab)}"]`;
  return null;
}

/**
 * What the user has typed or ticked: a redraw (a live update from another writer, a validation)
 * must not wipe a half-filled form. Inputs are matched by id, checkboxes by name and value.
 */
function keptInputs() {
  return [...document.querySelectorAll('main input, main select, main textarea')].flatMap((el) => {
    const box = el.type === 'checkbox' || el.type === 'radio';
    const sel = el.id ? `#${CSS.escape(el.id)}` : box && el.name ? `input[name="${CSS.escape(el.name)}"][value="${CSS.escape(el.value)}"]` : null;
    return sel && !ui.forget.has(sel) ? [{ sel, box, value: el.value, checked: el.checked }] : [];
  });
}
function restoreInputs(kept) {
  for (const k of kept) {
    const el = document.querySelector(k.sel);
    if (!el) continue;
    if (k.box) el.checked = k.checked;
    else if (el.tagName === 'SELECT' && ![...el.options].some((o) => o.value === k.value)) continue; // options changed under it
    else if (el.value !== k.value) el.value = k.value;
  }
  ui.forget.clear();
}

function render() {
  if (!state.me) return loginView();
  const kept = keptInputs();
  const view = TABS.find(([id]) => id === state.tab) ?? TABS[0];
  const side = WITH_STAGED.has(view[0]);
  const focused = ui.focusAfter ?? focusedSelector();
  ui.focusAfter = null;
  app.replaceChildren(header(), h('div', { id: 'errors', 'aria-live': 'assertive' }, ...(document.getElementById('errors')?.childNodes ?? [])),
    h('main', { class: side ? '' : 'wide' }, view[2](), side ? stagedPanel() : null));
  restoreInputs(kept);
  if (focused) {
    const el = document.querySelector(focused);
    if (el) { el.focus(); if (el.setSelectionRange && typeof el.value === 'string' && el.type !== 'number') el.setSelectionRange(el.value.length, el.value.length); }
  }
}
ui.render = render;

function route() {
  const [tab, sub] = location.hash.replace(/^#/, '').split('/');
  state.requestId = tab === 'requests' && /^[1-9][0-9]*$/.test(sub ?? '') ? Number(sub) : null;
  if (tab === 'changes' && /^[1-9][0-9]*$/.test(sub ?? '')) showChangeset(Number(sub)); // a link to one change-set (the Runs screen's marks)
  const allowed = (id) => id !== 'admin' || state.me?.role === 'admin';
  state.tab = TABS.some(([id]) => id === tab) && allowed(tab) ? tab : 'params';
  if (state.me) render();
}
window.addEventListener('hashchange', route);

async function start() {
  try { state.me = await api('GET', '/auth/me'); } catch { return loginView(location.hash === '#signed-out' ? { ok: true, text: 'Signed out.' } : undefined); }
  session.csrf = state.me.csrf || session.csrf;
  if (state.me.mustChangePassword) return passwordView();
  if (location.hash === '#signed-out') history.replaceState(null, '', '#params');
  state.catalog = await api('GET', '/catalog');
  state.environments = (await api('GET', '/environments')).items;
  const chosen = localStorage.getItem('hpconf.environment');
  if (chosen && state.environments.some((e) => e.name === chosen)) { state.environment = chosen; session.environment = chosen; }
  await loadDraft(); // may switch to the environment its staged changes are for
  await Promise.all([refreshMeta(), loadKeys()]);
  route();
  render();
  live();
}

// ---------- live updates ----------
// Every new revision (any writer, any Console process) refreshes what is on screen and flags
// staged keys someone else changed. A stream that goes quiet (a buffering proxy) is shown as off,
// and the page then refreshes every 10 s instead.
let source, poll;
function live() {
  source?.close();
  source = new EventSource(`${API}/events`);
  const heard = () => { state.live.last = Date.now(); if (!state.live.on) { state.live.on = true; clearInterval(poll); poll = undefined; render(); } };
  source.addEventListener('revision', async (e) => { heard(); await onRevision(JSON.parse(e.data).revision); });
  source.addEventListener('ping', heard);
  source.addEventListener('request', () => { heard(); invalidateRequests(); if (state.tab === 'requests' && state.editing === null) render(); });
  source.addEventListener('signed-out', () => { source.close(); location.replace('/ui/#signed-out'); location.reload(); });
  setInterval(() => {
    const quiet = Date.now() - state.live.last > (state.live.last ? 40_000 : 5_000);
    if (quiet && state.live.on !== false) { state.live.on = false; render(); }
    if (quiet && !poll) poll = setInterval(async () => { try { await onRevision((await api('GET', '/health')).revision); } catch { /* shown by the next action */ } }, 10_000);
  }, 2_000);
}

async function onRevision(revision) {
  if (revision === state.revision) return;
  state.revision = revision;
  try {
    await refreshMeta();
    invalidateScreens();
    state.environments = (await api('GET', '/environments')).items;
    await checkConflicts();
  } catch (e) { notify.error(e.message); }
  if (state.editing === null) render();
}

start();
