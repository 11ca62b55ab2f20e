// Runs: per model x timeframe x token, the best trial's skill on test over the environment's recorded runs, with
// the change-sets between runs marked (each a link to the change log), and the values that differ between two runs.
import { api, qs } from './api.js';
import { field, fmtDate, h, notify, svg } from './dom.js';
import { state, ui } from './state.js';

const pick = { model: '', timeframe: '', token: '', left: '', right: '' };
let recent = null; // { env, at, items } the environment's runs (for the choices)
let series = null; // { key, at, data }
let comparison = null; // { key, data }

export function invalidateRuns() { recent = null; series = null; }

const key = () => `${state.environment}|${pick.model}|${pick.timeframe}|${pick.token}`;
const f4 = (x) => (x === null || x === undefined ? '–' : `${x >= 0 ? '+' : ''}${x.toFixed(4)}`);
const ci = (m) => (m ? `${f4(m.value)} [${f4(m.lo)}, ${f4(m.hi)}]` : '–');

const FRESH_MS = 15_000; // runs are recorded without a new revision: what is on screen is read again this often

/** Read what the screen needs that is missing or older than FRESH_MS; true when something on screen changed. */
async function load() {
  let changed = false;
  const now = Date.now();
  if (!recent || recent.env !== state.environment || now - recent.at > FRESH_MS) {
    const items = (await api('GET', '/runs?limit=200')).items;
    changed = !recent || JSON.stringify(items) !== JSON.stringify(recent.items) || recent.env !== state.environment;
    recent = { env: state.environment, at: now, items };
    const last = items[0];
    if (last && (!pick.model || !items.some((r) => r.models.includes(pick.model)))) pick.model = last.models[0];
    if (last && !pick.timeframe) pick.timeframe = last.timeframe;
    if (last && (!pick.token || !items.some((r) => r.tokens.includes(pick.token)))) pick.token = last.tokens[0];
  }
  if (pick.model && pick.token && (!series || series.key !== key() || now - series.at > FRESH_MS)) {
    const data = await api('GET', `/skill?${qs({ model: pick.model, timeframe: pick.timeframe, token: pick.token })}`);
    const same = series?.key === key() && JSON.stringify(series.data) === JSON.stringify(data);
    const newKey = series?.key !== key();
    series = { key: key(), at: now, data };
    if (!same) {
      changed = true;
      const runs = data.points.map((p) => p.run);
      if (newKey || !runs.includes(pick.left)) pick.left = runs.length > 1 ? runs[runs.length - 2] : runs[0] ?? '';
      if (newKey || !runs.includes(pick.right)) pick.right = runs[runs.length - 1] ?? '';
    }
  }
  const want = `${key()}|${pick.left}|${pick.right}`;
  if (pick.left && pick.right && pick.left !== pick.right && comparison?.key !== want) {
    comparison = { key: want, data: await api('GET', `/runs/${encodeURIComponent(pick.left)}/compare/${encodeURIComponent(pick.right)}?${qs({ model: pick.model, token: pick.token })}`) };
    changed = true;
  }
  return changed;
}

/** Best-vs-always-buy F1 margin and PR-AUC margin per run, with their 95 % intervals; change-sets as marks between runs. */
function chart(d) {
  const W = 760, H = 240, L = 56, R = 16, T = 16, B = 40;
  const pts = d.points.filter((p) => p.best?.test.f1Margin);
  if (!pts.length) return h('p', { class: 'muted' }, 'No finished study with test figures for this choice.');
  const vals = pts.flatMap((p) => [p.best.test.f1Margin, p.best.test.prAucMargin].filter(Boolean).flatMap((m) => [m.lo, m.hi])).concat([0]);
  const lo = Math.min(...vals), hi = Math.max(...vals), pad = (hi - lo) * 0.1 || 0.01;
  const y = (v) => T + (H - T - B) * (1 - (v - (lo - pad)) / (hi - lo + 2 * pad));
  const slots = pts.length + 1; // the last slot holds what was written since the last run
  const x = (i) => L + (W - L - R) * (i + 0.5) / slots;
  const idx = new Map(pts.map((p, i) => [p.run, i]));
  const kids = [svg('line', { x1: L, x2: W - R, y1: y(0), y2: y(0), class: 'zero' }),
    svg('text', { x: 4, y: y(0) + 4, class: 'axis' }, '0'), svg('text', { x: 4, y: y(hi) + 4, class: 'axis' }, f4(hi)), svg('text', { x: 4, y: y(lo) + 4, class: 'axis' }, f4(lo))];
  // Change-sets: between the run before and the run after them, spread in their gap.
  const gaps = new Map();
  for (const cs of d.changesets) { const g = cs.afterRun === null ? -1 : idx.get(cs.afterRun) ?? -1; gaps.set(g, [...(gaps.get(g) ?? []), cs]); }
  for (const [g, list] of gaps) {
    list.forEach((cs, k) => {
      const cx = x(g) + (x(g + 1) - x(g)) * (k + 1) / (list.length + 1);
      const label = `change-set ${cs.id} by ${cs.actor}, ${fmtDate(cs.at)}: ${cs.reason || '(no reason)'}; ${cs.relevant} key(s): ${cs.keys.join(', ')}`;
      kids.push(svg('a', { href: `#changes/${cs.id}`, 'aria-label': label, 'data-mark': cs.id },
        svg('title', {}, label), svg('line', { x1: cx, x2: cx, y1: T, y2: H - B, class: 'mark' }), svg('rect', { x: cx - 5, y: T - 2, width: 10, height: 10, class: 'mark-box' })));
    });
  }
  const series_ = [['f1Margin', 'f1', 'F1 − always-buy F1'], ['prAucMargin', 'ap', 'PR-AUC − positive rate']];
  series_.forEach(([field_, cls], s) => {
    const off = s ? 6 : -6;
    const line = pts.map((p, i) => (p.best.test[field_] ? `${x(i) + off},${y(p.best.test[field_].value)}` : null)).filter(Boolean).join(' ');
    kids.push(svg('polyline', { points: line, class: `trend ${cls}` }));
    pts.forEach((p, i) => {
      const m = p.best.test[field_];
      if (!m) return;
      kids.push(svg('line', { x1: x(i) + off, x2: x(i) + off, y1: y(m.lo), y2: y(m.hi), class: `whisker ${cls}` }),
        svg('circle', { cx: x(i) + off, cy: y(m.value), r: 4, class: `dot ${cls} ${m.lo > 0 ? 'sure' : ''}` }, svg('title', {}, `${p.run}: ${series_[s][2]} ${ci(m)}`)));
    });
  });
  pts.forEach((p, i) => kids.push(svg('text', { x: x(i), y: H - B + 16, class: 'axis', 'text-anchor': 'middle' }, p.createdAt.slice(5, 16).replace('T', ' '))));
  kids.push(svg('text', { x: x(pts.length), y: H - B + 16, class: 'axis', 'text-anchor': 'middle' }, 'not trained yet'));
  return h('figure', { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-labelledby': 'skill-caption', id: 'skill-chart' }, ...kids),
    h('figcaption', { id: 'skill-caption' }, `Skill on test of ${d.model} ${d.timeframe} ${d.token}'s best trial per run: `,
      h('span', { class: 'key f1' }, '● F1 − always-buy F1'), ' ', h('span', { class: 'key ap' }, '● PR-AUC − positive rate'),
      ', 95 % intervals as whiskers; filled when the lower bound is above 0. Squares are change-sets that wrote a key this study reads: open one in the change log.'));
}

function runsTable(d) {
  const rows = [...d.points].reverse().map((p) => h('tr', { 'data-run': p.run },
    h('td', {}, p.run), h('td', {}, fmtDate(p.createdAt)), h('td', {}, `r${p.revision}`), h('td', {}, p.ok ? `${p.nTrials ?? '?'}` : `failed: ${p.error ?? ''}`),
    h('td', {}, ci(p.best?.test.f1Margin)), h('td', {}, ci(p.best?.test.prAucMargin)), h('td', {}, ci(p.versusDefaults?.f1)),
    h('td', {}, p.best?.test.skill ? 'yes' : 'no'), h('td', { class: 'small' }, p.warmStart ?? '')));
  return h('table', { id: 'runs-table', 'aria-label': 'runs of this study' },
    h('thead', {}, h('tr', {}, ['run', 'created', 'revision', 'trials', 'F1 margin [95 %]', 'PR-AUC margin [95 %]', 'best − defaults F1', 'skill', 'start'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows));
}

function changesetList(d) {
  if (!d.changesets.length) return h('p', { class: 'muted', id: 'runs-changesets' }, 'No change-set between these runs wrote a key this study reads.');
  return h('ul', { id: 'runs-changesets', class: 'plain' }, [...d.changesets].reverse().map((cs) => h('li', { 'data-changeset': cs.id },
    h('a', { href: `#changes/${cs.id}` }, `cs${cs.id}`), ` ${fmtDate(cs.at)} by ${cs.actor}`, cs.changeRequest ? ` (request #${cs.changeRequest})` : '', cs.breakGlass ? ' break-glass' : '',
    `: ${cs.reason || '(no reason)'} · ${cs.relevant} key${cs.relevant === 1 ? '' : 's'}: ${cs.keys.join(', ')}${cs.relevant > cs.keys.length ? ', …' : ''}`,
    h('span', { class: 'muted' }, cs.beforeRun ? ` · first trained by ${cs.beforeRun}` : ' · not trained yet'))));
}

function compareView(d) {
  const runs = [...d.points].reverse();
  const sel = (id, k, label) => field(label, h('select', { id, onchange: (e) => { pick[k] = e.target.value; ui.render(); } },
    runs.map((p) => h('option', { value: p.run, selected: p.run === pick[k] }, `${p.run} (r${p.revision})`))));
  const c = comparison?.data;
  const body = !c || pick.left === pick.right ? h('p', { class: 'muted' }, pick.left === pick.right ? 'Choose two different runs.' : 'Loading…') : h('div', {},
    h('table', { id: 'compare-values', 'aria-label': 'values that differ' },
      h('thead', {}, h('tr', {}, ['key', c.left, c.right].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, c.configured.map((r) => h('tr', {}, h('td', { class: 'key' }, r.key),
        h('td', {}, r.left ?? '(unset)', h('span', { class: 'muted' }, ` ${r.leftLayer}`)), h('td', {}, r.right ?? '(unset)', h('span', { class: 'muted' }, ` ${r.rightLayer}`)))))),
    c.configured.length ? null : h('p', { class: 'muted' }, 'The workers got the same values in both runs.'),
    h('h3', {}, 'Best trial trained with'),
    h('table', { id: 'compare-trained', 'aria-label': 'best trial values that differ' },
      h('thead', {}, h('tr', {}, ['parameter', c.left, c.right].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, c.trained.map((r) => h('tr', {}, h('td', { class: 'key' }, r.param), h('td', {}, `${r.left ?? '–'}`), h('td', {}, `${r.right ?? '–'}`))))));
  return h('section', { class: 'card', 'aria-labelledby': 'compare-title' }, h('h2', { id: 'compare-title' }, 'What differs between two runs'),
    runs.length < 2 ? h('p', { class: 'muted' }, 'One run so far: a second one can be compared with it.') : h('div', {}, h('div', { class: 'row filters' }, sel('compare-left', 'left', 'Run'), sel('compare-right', 'right', 'against')), body));
}

export function runsView() {
  load().then((changed) => { if (changed && state.tab === 'runs' && state.editing === null) ui.render(); }, (e) => notify.error(e.message));
  const items = recent?.items ?? [];
  const tokens = [...new Set(items.flatMap((r) => r.tokens))].sort();
  const timeframes = [...new Set(items.map((r) => r.timeframe))];
  const choose = (id, k, label, options) => field(label, h('select', { id, onchange: (e) => { pick[k] = e.target.value; series = null; ui.render(); } },
    options.map((o) => h('option', { value: o, selected: o === pick[k] }, o))));
  const d = series?.key === key() ? series.data : null;
  return h('div', { id: 'runs' },
    h('section', { class: 'card', 'aria-labelledby': 'runs-title' }, h('h2', { id: 'runs-title' }, `Runs in ${state.environment}`),
      recent && !items.length ? h('p', { class: 'muted', id: 'runs-empty' }, 'No runs recorded in this environment: hpconf ftf run records each run.') : h('div', {},
        h('div', { class: 'row filters' }, choose('runs-model', 'model', 'Model', state.catalog.models), choose('runs-timeframe', 'timeframe', 'Timeframe', timeframes.length ? timeframes : state.catalog.timeframes),
          choose('runs-token', 'token', 'Token', tokens)),
        d ? chart(d) : h('p', { class: 'muted' }, 'Loading…'),
        d ? runsTable(d) : null,
        h('h3', {}, 'Change-sets between runs'), d ? changesetList(d) : null)),
    d && d.points.length ? compareView(d) : null);
}
