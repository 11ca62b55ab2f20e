// Your account: the password, and the second factor (TOTP) enrolled with a QR code and a verify step.
import { api } from './api.js';
import { field, h, notify } from './dom.js';
import { state, ui } from './state.js';

let enrol = null; // { secret, uri, qrSvg } while a new factor waits for its first code
let shownCodes = null; // recovery codes just made: shown this once, never fetched again

const code = (id, label = 'Code from your authenticator app') => field(label, h('input', { id, inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: 6 }));
const val = (id) => document.getElementById(id)?.value.trim() ?? '';
/** Six digits are an app code; anything else a recovery code. */
const second = (v) => (/^[0-9]{6}$/.test(v) ? { totp: v } : { recovery: v });

export function accountView() {
  const totpOn = !!state.me.totp;
  const err = h('div', { class: 'bad', id: 'account-error', role: 'alert' });
  const fail = (e) => { err.textContent = e.message; };
  const password = h('form', { id: 'change-password', class: 'card pad', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api('POST', '/auth/password', { current: val('pw-current'), next: val('pw-next'), ...(totpOn ? { totp: val('pw-code') } : {}) });
      location.replace('/ui/#signed-out');
      location.reload();
    } catch (x) { fail(x); }
  } }, h('h2', {}, 'Password'),
  field('Current password', h('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password' })),
  field('New password (12 characters or more)', h('input', { id: 'pw-next', type: 'password', autocomplete: 'new-password', minlength: 12 })),
  totpOn ? code('pw-code') : null,
  h('button', { type: 'submit' }, 'Change password'), h('p', { class: 'muted small' }, 'Every session of yours ends; sign in again with the new password.'));

  let factor;
  if (enrol) {
    factor = h('form', { id: 'totp-verify', class: 'card pad', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const r = await api('POST', '/auth/totp/enable', { code: val('totp-code') });
        enrol = null;
        shownCodes = r.recoveryCodes;
        state.me.totp = true;
        state.me.recoveryCodesLeft = r.recoveryCodes.length;
        notify.ok('second factor on: sign-ins now ask for a code');
        ui.render();
      } catch (x) { fail(x); }
    } }, h('h2', {}, 'Scan, then verify'),
    h('img', { id: 'totp-qr', src: `data:image/svg+xml;base64,${btoa(enrol.qrSvg)}`, alt: 'QR code of your new second-factor secret', width: 200, height: 200 }),
    h('p', {}, 'Or type this secret into the app: ', h('code', { id: 'totp-secret', class: 'mono' }, enrol.secret)),
    code('totp-code', 'A code from the app, to prove it holds the secret'),
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Turn on'), h('button', { type: 'button', onclick: () => { enrol = null; ui.render(); } }, 'Cancel')),
    totpOn ? h('p', { class: 'muted small' }, 'Your current factor keeps working until this one is verified.') : null);
  } else {
    factor = h('form', { id: 'totp-setup', class: 'card pad', onsubmit: async (e) => {
      e.preventDefault();
      try {
        enrol = await api('POST', '/auth/totp/setup', { password: val('totp-password'), ...(totpOn ? second(val('totp-current')) : {}) });
        ui.focusAfter = '#totp-code';
        ui.render();
      } catch (x) { fail(x); }
    } }, h('h2', {}, 'Second factor (TOTP)'),
    h('p', {}, totpOn ? 'On: sign-ins ask for a code from your authenticator app.' : 'Off: add a code from an authenticator app (Google Authenticator, 1Password, Aegis…) to every sign-in.'),
    field('Your password', h('input', { id: 'totp-password', type: 'password', autocomplete: 'current-password' })),
    totpOn ? field('A current code or a recovery code (to replace or turn off the factor, or for new recovery codes)', h('input', { id: 'totp-current', autocomplete: 'one-time-code', maxlength: 32 })) : null,
    totpOn ? h('p', { class: 'muted small', id: 'recovery-left' }, `${state.me.recoveryCodesLeft ?? 0} unused recovery codes.`) : null,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary', id: 'totp-start' }, totpOn ? 'Replace…' : 'Set up…'),
      totpOn ? h('button', { type: 'button', id: 'totp-off', onclick: async () => {
        try {
          await api('POST', '/auth/totp/disable', { password: val('totp-password'), ...second(val('totp-current')) });
          state.me.totp = false;
          notify.ok('second factor off');
          ui.render();
        } catch (x) { fail(x); }
      } }, 'Turn off') : null,
      totpOn ? h('button', { type: 'button', id: 'recovery-new', onclick: async () => {
        try {
          const r = await api('POST', '/auth/totp/recovery-codes', { password: val('totp-password'), ...second(val('totp-current')) });
          shownCodes = r.recoveryCodes;
          state.me.recoveryCodesLeft = r.recoveryCodes.length;
          ui.render();
        } catch (x) { fail(x); }
      } }, 'New recovery codes') : null));
  }
  const codes = shownCodes && h('div', { class: 'card pad', id: 'recovery-codes' }, h('h2', {}, 'Recovery codes'),
    h('p', {}, 'Each signs you in once in place of an app code, if you lose the app. Keep them somewhere safe: they are shown only now.'),
    h('ol', { class: 'mono' }, ...shownCodes.map((c) => h('li', {}, c))),
    h('button', { type: 'button', onclick: () => { shownCodes = null; ui.render(); } }, 'I have saved them'));
  return h('section', { id: 'account', class: 'stack', 'aria-label': 'your account' }, err, codes, factor, password);
}
