// Users, API tokens and webhooks (admins): roles, approver status, disable, password and second-factor
// resets; tokens shown once with a copy button, with expiry, last use and whether they still act.
import { api } from './api.js';
import { confirmDialog, field, fmtDate, h, modal, notify, select } from './dom.js';
import { state, ui } from './state.js';

let data = null;
const load = async () => {
  const [users, tokens, hooks, deliveries] = await Promise.all([api('GET', '/users'), api('GET', '/tokens'), api('GET', '/webhooks'), api('GET', '/webhooks/deliveries?limit=20')]);
  data = { users: users.items, tokens: tokens.items, webhooks: hooks.items, events: hooks.events, deliveries: deliveries.items };
  ui.render();
};
const act = (fn) => async () => { try { await fn(); await load(); } catch (e) { notify.error(e.message); } };

/** A random one-time password the admin hands over; the user must replace it at first sign-in. */
function oneTimePassword() {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return [...a].map((b) => 'abcdefghijkmnpqrstuvwxyz23456789'[b % 32]).join('').replace(/(.{4})(?!$)/g, '$1-');
}

function resetPassword(username) {
  const pw = oneTimePassword();
  const input = h('input', { id: 'reset-password', value: pw, readonly: true });
  modal(`Reset the password of ${username}`, h('div', {}, h('p', {}, `${username} signs in once with this password, then must choose a new one. Their sessions end now.`), field('One-time password', input)),
    (close) => [h('button', { type: 'button', class: 'primary', id: 'reset-go', onclick: act(async () => {
      await api('PATCH', `/users/${encodeURIComponent(username)}`, { password: pw });
      await navigator.clipboard?.writeText(pw).catch(() => {});
      close();
      notify.ok(`password of ${username} reset (copied to the clipboard where the browser allows it)`);
    }) }, 'Reset password')]);
}

function tokenCreated(t) {
  const origin = location.origin;
  const input = h('input', { id: 'new-token', value: t.token, readonly: true, class: 'mono wide' });
  const copy = h('button', { type: 'button', id: 'copy-token', onclick: async () => {
    input.select();
    try { await navigator.clipboard.writeText(t.token); copy.textContent = 'Copied'; } catch { document.execCommand?.('copy'); copy.textContent = 'Selected: press Ctrl+C'; }
  } }, 'Copy');
  modal(`Token "${t.name}" created`, h('div', {},
    h('p', { class: 'strong' }, 'Copy it now: it is shown only this once.'), field('Token', input), h('div', { class: 'row' }, copy),
    h('p', {}, `Scope: ${t.scope}. ${t.expiresAt ? `Expires ${fmtDate(t.expiresAt)}.` : 'Does not expire.'} It stops acting if you are disabled or stop being an admin.`),
    h('p', {}, 'Use it with the CLI:'), h('pre', { class: 'mono', id: 'token-usage' }, `HPCONF_TOKEN=${t.token} hpconf --console ${origin} get CVN_HPO_XGB_5M_LEARNING_RATE`)));
  input.select();
}

export function adminView() {
  if (!data) load().catch((e) => notify.error(e.message));
  const u = h('input', { id: 'new-user', autocomplete: 'off' });
  const p = h('input', { id: 'new-pass', type: 'password', autocomplete: 'new-password', minlength: 12 });
  const r = select('new-role', 'role', ['viewer', 'operator', 'admin'], 'viewer', () => {}, { empty: false });
  const tn = h('input', { id: 'token-name', autocomplete: 'off' });
  const ts = select('token-scope', 'scope', ['read', 'write'], 'read', () => {}, { empty: false });
  const te = select('token-expiry', 'expires', [['30', 'in 30 days'], ['90', 'in 90 days'], ['365', 'in a year'], ['', 'never']], '90', () => {}, { empty: false });
  const me = state.me.name;
  const userRow = (x) => h('tr', { 'data-user': x.username },
    h('th', { scope: 'row' }, x.username),
    h('td', {}, x.username === me ? x.role : select(`role-${x.username}`, `role of ${x.username}`, ['viewer', 'operator', 'admin'], x.role, (v) => act(async () => {
      if (await confirmDialog('Change role', `Make ${x.username} ${v}? Their sessions end.`, 'Change role')) { await api('PATCH', `/users/${encodeURIComponent(x.username)}`, { role: v }); notify.ok(`${x.username} is now ${v}`); }
    })(), { empty: false })),
    h('td', {}, x.disabled ? h('span', { class: 'state invalid' }, 'disabled') : h('span', { class: 'state set' }, 'active'), x.must_change_password ? h('span', { class: 'muted small' }, ' (one-time password)') : null),
    h('td', {}, x.sso ? 'single sign-on' : x.totp_enabled ? '2FA on' : h('span', { class: 'muted' }, 'no 2FA')),
    h('td', {}, x.username === me || x.sso ? (x.approver ? 'yes' : 'no') : h('label', {}, h('input', { type: 'checkbox', checked: x.approver, 'aria-label': `${x.username} approves change requests`, onchange: (e) => act(async () => {
      await api('PATCH', `/users/${encodeURIComponent(x.username)}`, { approver: e.target.checked });
      notify.ok(`${x.username} ${e.target.checked ? 'approves' : 'no longer approves'} change requests`);
    })() }), ' approves')),
    h('td', { class: 'muted' }, x.last_sign_in ? fmtDate(x.last_sign_in) : 'never'),
    h('td', {}, x.username === me ? h('span', { class: 'muted' }, 'you') : h('div', { class: 'row' },
      h('button', { type: 'button', onclick: act(async () => {
        if (await confirmDialog(x.disabled ? 'Enable user' : 'Disable user', x.disabled ? `Let ${x.username} sign in again?` : `Disable ${x.username}? Their sessions end and the API tokens they created stop acting.`, x.disabled ? 'Enable' : 'Disable')) {
          await api('PATCH', `/users/${encodeURIComponent(x.username)}`, { disabled: !x.disabled });
        }
      }) }, x.disabled ? 'Enable' : 'Disable'),
      h('button', { type: 'button', onclick: () => resetPassword(x.username) }, 'Reset password…'),
      x.totp_enabled ? h('button', { type: 'button', onclick: act(async () => {
        if (await confirmDialog('Reset second factor', `Turn off ${x.username}'s second factor (a lost phone)? They sign in with the password alone until they enrol again.`, 'Reset 2FA')) {
          await api('PATCH', `/users/${encodeURIComponent(x.username)}`, { resetTotp: true });
        }
      }) }, 'Reset 2FA…') : null)));
  const tokenState = (t) => (t.revoked_at ? 'revoked' : t.active ? 'active' : t.expires_at && new Date(t.expires_at) < new Date() ? 'expired' : 'inactive (creator not an active admin)');
  return h('section', { class: 'card pad', id: 'admin', 'aria-label': 'users and tokens' }, h('h2', {}, 'Users'),
    h('div', { class: 'scroll', tabindex: '0', 'aria-label': 'users' }, h('table', { id: 'users' }, h('thead', {}, h('tr', {}, ['user', 'role', 'status', 'second factor', 'approver', 'last sign-in', h('span', { class: 'sr' }, 'actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, (data?.users ?? []).map(userRow)))),
    h('form', { class: 'row', id: 'create-user', onsubmit: (e) => { e.preventDefault(); act(async () => {
      await api('POST', '/users', { username: u.value.trim(), password: p.value, role: r.value });
      ['#new-user', '#new-pass'].forEach((x) => ui.forget.add(x));
      notify.ok(`user ${u.value.trim()} created: they must change the password at first sign-in`);
    })(); } }, field('New user', u), field('Initial password (12+)', p), field('Role', r), h('button', { type: 'submit' }, 'Create user')),
    h('h2', {}, 'API tokens'),
    h('div', { class: 'scroll', tabindex: '0', 'aria-label': 'tokens' }, h('table', { id: 'tokens' }, h('thead', {}, h('tr', {}, ['name', 'scope', 'created by', 'created', 'expires', 'last used', 'status', h('span', { class: 'sr' }, 'actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, (data?.tokens ?? []).map((t) => h('tr', { 'data-token': t.name }, h('th', { scope: 'row' }, t.name), h('td', {}, t.scope), h('td', {}, t.created_by), h('td', { class: 'muted' }, fmtDate(t.created_at)),
        h('td', { class: 'muted' }, t.expires_at ? fmtDate(t.expires_at) : 'never'), h('td', { class: 'muted' }, t.last_used_at ? fmtDate(t.last_used_at) : 'never'), h('td', {}, tokenState(t)),
        h('td', {}, t.revoked_at ? '' : h('button', { type: 'button', onclick: act(async () => {
          if (await confirmDialog('Revoke token', `Revoke "${t.name}"? Anything using it stops working at once.`, 'Revoke')) await api('DELETE', `/tokens/${t.id}`);
        }) }, 'Revoke…'))))))),
    h('form', { class: 'row', id: 'create-token', onsubmit: (e) => { e.preventDefault(); act(async () => {
      const days = te.value ? Number(te.value) : undefined;
      const t = await api('POST', '/tokens', { name: tn.value.trim() || 'token', scope: ts.value, ...(days ? { expiresInDays: days } : {}) });
      ui.forget.add('#token-name');
      tokenCreated(t);
    })(); } }, field('Token name', tn), field('Scope', ts), field('Expires', te), h('button', { type: 'submit', id: 'create-token-button' }, 'Create token')),
    webhooksPart());
}

/** Webhooks: signed POSTs per event; the secret is typed once and never shown again. */
function webhooksPart() {
  const url = h('input', { id: 'hook-url', autocomplete: 'off', placeholder: 'https://hooks.slack.com/services/…', class: 'wide' });
  const secret = h('input', { id: 'hook-secret', type: 'password', autocomplete: 'new-password', minlength: 16 });
  const ev = select('hook-events', 'events', [['', 'every event'], ...(data?.events ?? []).map((e) => [e, e])], '', () => {}, { empty: false });
  const priv = h('input', { id: 'hook-private', type: 'checkbox' });
  const hooks = data?.webhooks ?? [];
  return h('div', { id: 'webhooks' }, h('h2', {}, 'Webhooks'),
    h('div', { class: 'scroll', tabindex: '0', 'aria-label': 'webhooks' }, h('table', { id: 'hooks' }, h('thead', {}, h('tr', {}, ['URL', 'events', 'added by', 'delivered', 'pending', 'failed', h('span', { class: 'sr' }, 'actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, hooks.length ? hooks.map((w) => h('tr', { 'data-hook': String(w.id) }, h('th', { scope: 'row', class: 'mono' }, w.url), h('td', {}, w.events ? w.events.join(', ') : 'every event'),
        h('td', {}, w.createdBy), h('td', {}, String(w.delivered)), h('td', {}, String(w.pending)), h('td', {}, w.failed ? h('span', { class: 'state invalid' }, String(w.failed)) : '0'),
        h('td', {}, h('button', { type: 'button', onclick: act(async () => {
          if (await confirmDialog('Remove webhook', `Stop sending events to ${w.url}? Its delivery log stays.`, 'Remove')) await api('DELETE', `/webhooks/${w.id}`);
        }) }, 'Remove…')))) : [h('tr', {}, h('td', { colspan: '7', class: 'muted' }, 'No webhooks.'))]))),
    h('form', { class: 'row', id: 'add-hook', onsubmit: (e) => { e.preventDefault(); act(async () => {
      await api('POST', '/webhooks', { url: url.value.trim(), secret: secret.value, ...(ev.value ? { events: [ev.value] } : {}), ...(priv.checked ? { allowPrivate: true } : {}) });
      ['#hook-url', '#hook-secret'].forEach((x) => ui.forget.add(x));
      notify.ok('webhook added: each body is signed X-Hpconf-Signature: sha256=<HMAC of the body with the secret>');
    })(); } }, field('URL', url), field('Secret (16+, signs each body)', secret), field('Events', ev),
    h('label', { class: 'row' }, priv, ' allow a private or loopback address'), h('button', { type: 'submit', id: 'add-hook-button' }, 'Add webhook')),
    h('h3', {}, 'Latest deliveries'),
    h('div', { class: 'scroll', tabindex: '0', 'aria-label': 'webhook deliveries' }, h('table', { id: 'deliveries' }, h('thead', {}, h('tr', {}, ['when', 'webhook', 'event', 'environment', 'state', 'attempts', 'last answer'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, (data?.deliveries ?? []).map((d) => h('tr', {}, h('td', { class: 'muted' }, fmtDate(d.at)), h('td', {}, String(d.webhookId)), h('td', {}, d.kind), h('td', {}, d.environment ?? ''),
        h('td', {}, h('span', { class: `state ${d.state === 'delivered' ? 'set' : d.state === 'failed' ? 'invalid' : ''}` }, d.state)), h('td', {}, String(d.attempts)),
        h('td', { class: 'muted small' }, d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : ''))))))));
}

export function invalidateAdmin() { data = null; }
