// Keys that fell back in the last 7 days, as the SDKs reported them.
import { api } from './api.js';
import { fmtDate, h, notify } from './dom.js';
import { ui } from './state.js';

let data = null;

export function fallbacksView() {
  if (!data) api('GET', '/fallbacks?days=7').then((r) => { data = r; ui.render(); setTimeout(() => { data = null; }, 30_000); }, (e) => notify.error(e.message));
  const items = data?.items ?? [];
  return h('section', { class: 'card pad', id: 'fallbacks', 'aria-label': 'fallbacks' }, h('h2', {}, 'Keys that fell back in the last 7 days (reported by the SDKs)'),
    items.length ? h('div', { class: 'scroll', tabindex: '0', 'aria-label': 'fallback table' }, h('table', {}, h('thead', {}, h('tr', {}, ['key', 'times', 'last', 'reported by', 'hosts'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, items.map((x) => h('tr', {}, h('td', { class: 'key' }, x.key), h('td', {}, x.count), h('td', {}, fmtDate(x.last)),
        h('td', {}, x.reporters.join(', ')), h('td', {}, x.hosts.filter(Boolean).join(', '))))))) :
      h('p', { class: 'muted' }, data ? 'None: every training resolved every key from the store.' : 'Loading…'));
}
