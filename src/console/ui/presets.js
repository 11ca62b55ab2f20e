// Presets: a named set of values, previewed as a diff for chosen models and timeframes, then staged for review.
import { api } from './api.js';
import { h, notify, shownValue } from './dom.js';
import { canWrite, stage, state, ui } from './state.js';

let presets = null;

export function presetsView() {
  if (!presets) api('GET', '/presets').then((r) => { presets = r.items; ui.render(); }, (e) => notify.error(e.message));
  const group = (name, legend, values, checked) => h('fieldset', { class: 'inline' }, h('legend', {}, legend),
    values.map((v) => h('label', {}, h('input', { type: 'checkbox', name, value: v, checked: checked(v) }), ` ${v} `)));
  const pick = h('select', { id: 'preset', 'aria-label': 'preset' }, (presets ?? []).map((p) => h('option', { value: p.name }, `${p.name}${p.builtin ? ' (built-in)' : ''}`)));
  const out = h('div', { id: 'preset-preview', 'aria-live': 'polite' });
  const target = () => ({
    models: [...document.querySelectorAll('input[name=pm]:checked')].map((x) => x.value),
    timeframes: [...document.querySelectorAll('input[name=pt]:checked')].map((x) => x.value),
  });
  return h('section', { class: 'card pad', id: 'presets', 'aria-label': 'presets' },
    h('div', { class: 'row' }, h('label', { for: 'preset' }, 'Preset'), pick),
    group('pm', 'Models', state.catalog.models, () => true), group('pt', 'Timeframes', state.catalog.timeframes, (t) => t === '5M'),
    h('div', { class: 'row' }, h('button', { type: 'button', id: 'preview', onclick: async () => {
      const t = target();
      if (!t.models.length || !t.timeframes.length) { notify.error('choose at least one model and one timeframe'); return; }
      let r;
      try { r = await api('POST', `/presets/${encodeURIComponent(pick.value)}/preview`, t); } catch (e) { notify.error(e.message); return; }
      out.replaceChildren(h('p', {}, `${r.changes.length} change(s)`),
        h('div', { class: 'scroll', tabindex: '0', 'aria-label': 'preset preview' }, h('table', { class: 'diff' }, h('thead', {}, h('tr', {}, ['key', 'now', 'preset'].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, r.changes.map((c) => h('tr', {}, h('td', { class: 'key' }, c.key), h('td', { class: 'old' }, shownValue(c.old)), h('td', { class: 'new' }, c.new)))))),
        canWrite() && r.changes.length ? h('button', { type: 'button', class: 'primary', id: 'stage-preset', onclick: () => {
          r.changes.forEach((c) => stage(c.key, c.old, c.new));
          location.hash = '#keys';
          notify.ok(`${r.changes.length} change(s) staged for review`);
        } }, 'Stage these changes') : null);
    } }, 'Preview')), out);
}
