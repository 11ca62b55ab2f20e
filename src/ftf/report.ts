import type { Interval, RunManifest, WorkerManifest, WorkerResult } from './types.js';
import { warmLine } from '../runs/record.js';

const f3 = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(3));
const f4 = (x: number) => x.toFixed(4);
/** Margins to 4 decimals: a lower bound of +0.0003 must not print as +0.000. */
const signed = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(4);
/** "+0.0120 [-0.0040, +0.0270]" */
export const interval = (i: Interval | undefined) => (i ? `${signed(i.value)} [${signed(i.lo)}, ${signed(i.hi)}]` : '-');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The console table: one row per worker. */
export function table(results: WorkerResult[]): string {
  const head = ['model', 'token', 'val F1', 'test F1', 'always-buy F1 (test)', 'F1 margin [95% CI]', 'PR-AUC margin [95% CI]', 'skill', 'buy rate (test)', 'threshold', 'best trial', 'seconds'];
  const rows = results.map((r) => {
    const m = r.manifest?.metrics;
    const sk = m?.test.skill;
    return [r.model, r.token, f3(m?.validation.f1_buy), f3(m?.test.f1_buy), f3(m?.test.always_buy_f1),
      interval(sk?.f1_margin), interval(sk?.pr_auc_margin), m ? (sk ? (sk.has_skill ? 'yes' : 'no') : '-') : `FAILED (exit ${r.exitCode})`,
      f3(m?.test.predicted_positive_rate), r.manifest ? thresholdCell(r.manifest) : '-',
      r.manifest ? String(r.manifest.study.best_trial) : '-', r.seconds.toFixed(1)];
  });
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(w[i])).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

/** Grouped bars per model: validation F1, test F1 and the always-buy F1 on test, with the gate line. */
export function chartSvg(run: RunManifest, results: WorkerResult[]): string {
  const W = 300, H = 240, pad = 36, top = 30;
  const colors = { val: '#3b6fb6', test: '#e08a2c', trivial: '#9a9a9a' };
  const y = (v: number) => top + (H - top - pad) * (1 - Math.min(1, Math.max(0, v) / 0.8));
  const panels = run.models.map((m, pi) => {
    const mine = run.tokens.map((t) => results.find((r) => r.model === m && r.token === t));
    const slot = (W - pad - 10) / mine.length;
    const bars = mine.map((r, i) => {
      const x0 = pad + i * slot + 4;
      const met = r?.manifest?.metrics;
      const bw = (slot - 8) / 3;
      const bar = (v: number | undefined, k: number, c: string) => v === undefined ? '' :
        `<rect x="${(x0 + k * bw).toFixed(1)}" y="${y(v).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${(y(0) - y(v)).toFixed(1)}" fill="${c}"><title>${esc(m)} ${esc(run.tokens[i])}: ${f3(v)}</title></rect>`;
      return [bar(met?.validation.f1_buy, 0, colors.val), bar(met?.test.f1_buy, 1, colors.test), bar(met?.test.always_buy_f1, 2, colors.trivial),
        `<text x="${(x0 + 1.5 * bw).toFixed(1)}" y="${H - pad + 14}" font-size="10" text-anchor="middle">${esc(run.tokens[i])}</text>`,
        r && !r.ok ? `<text x="${(x0 + 1.5 * bw).toFixed(1)}" y="${y(0.05)}" font-size="9" fill="#c00" text-anchor="middle">failed</text>` : ''].join('');
    }).join('');
    const ticks = [0, 0.2, 0.4, 0.6, 0.8].map((v) => `<text x="${pad - 4}" y="${y(v) + 3}" font-size="9" text-anchor="end">${v.toFixed(1)}</text><line x1="${pad}" x2="${W - 10}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`).join('');
    const gate = `<line x1="${pad}" x2="${W - 10}" y1="${y(run.gate.minF1)}" y2="${y(run.gate.minF1)}" stroke="#c00" stroke-dasharray="4 3"/>`;
    const res = run.gate.perModel[m];
    return `<g transform="translate(${pi * W},0)"><text x="${pad}" y="18" font-size="12" font-weight="bold">${esc(m)}: ${res.passing}/${res.of} tokens at val F1 >= ${run.gate.minF1} (${res.pass ? 'pass' : 'fail'})</text>${ticks}${bars}${gate}</g>`;
  }).join('');
  const legend = [['validation F1', colors.val], ['test F1', colors.test], ['always-buy F1 (test)', colors.trivial]]
    .map(([t, c], i) => `<rect x="${10 + i * 150}" y="${H + 2}" width="10" height="10" fill="${c}"/><text x="${24 + i * 150}" y="${H + 11}" font-size="10">${t}</text>`).join('') +
    `<line x1="470" x2="490" y1="${H + 7}" y2="${H + 7}" stroke="#c00" stroke-dasharray="4 3"/><text x="494" y="${H + 11}" font-size="10">gate</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W * run.models.length}" height="${H + 20}" font-family="sans-serif">` +
    `<rect width="100%" height="100%" fill="white"/>${panels}${legend}</svg>\n`;
}

/** Per model, each token's two test margins with their 95 % intervals, around the zero line that skill must clear. */
export function skillSvg(run: RunManifest, results: WorkerResult[]): string {
  const W = 300, H = 240, pad = 46, top = 30;
  const all = results.flatMap((r) => { const k = r.manifest?.metrics.test.skill; return k ? [k.f1_margin.lo, k.f1_margin.hi, k.pr_auc_margin.lo, k.pr_auc_margin.hi] : []; });
  const span = Math.max(0.02, ...all.map(Math.abs)) * 1.1;
  const y = (v: number) => top + (H - top - pad) * (1 - (v + span) / (2 * span));
  const colors = { f1: '#3b6fb6', ap: '#e08a2c' };
  const panels = run.models.map((m, pi) => {
    const slot = (W - pad - 10) / run.tokens.length;
    const marks = run.tokens.map((t, i) => {
      const r = results.find((x) => x.model === m && x.token === t);
      const k = r?.manifest?.metrics.test.skill;
      const x0 = pad + i * slot + slot / 2;
      const mark = (iv: Interval, dx: number, c: string, label: string) =>
        `<line x1="${(x0 + dx).toFixed(1)}" x2="${(x0 + dx).toFixed(1)}" y1="${y(iv.lo).toFixed(1)}" y2="${y(iv.hi).toFixed(1)}" stroke="${c}" stroke-width="2"/>` +
        `<circle cx="${(x0 + dx).toFixed(1)}" cy="${y(iv.value).toFixed(1)}" r="3" fill="${c}"><title>${esc(m)} ${esc(t)} ${label}: ${interval(iv)}</title></circle>`;
      return (k ? mark(k.f1_margin, -5, colors.f1, 'F1 - always-buy F1') + mark(k.pr_auc_margin, 5, colors.ap, 'PR-AUC - positive rate') : '') +
        `<text x="${x0.toFixed(1)}" y="${H - pad + 14}" font-size="10" text-anchor="middle"${k?.has_skill ? ' font-weight="bold"' : ''}>${esc(t)}${k?.has_skill ? ' *' : ''}</text>`;
    }).join('');
    const ticks = [-span, -span / 2, 0, span / 2, span].map((v) => `<text x="${pad - 4}" y="${(y(v) + 3).toFixed(1)}" font-size="9" text-anchor="end">${(v >= 0 ? '+' : '') + v.toFixed(3)}</text>`).join('');
    const zero = `<line x1="${pad}" x2="${W - 10}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#c00" stroke-dasharray="4 3"/>`;
    const res = run.skill_gate?.perModel[m];
    return `<g transform="translate(${pi * W},0)"><text x="${pad}" y="18" font-size="12" font-weight="bold">${esc(m)}: skill on ${res?.passing ?? 0}/${res?.of ?? run.tokens.length} tokens</text>${ticks}${zero}${marks}</g>`;
  }).join('');
  const legend = `<rect x="10" y="${H + 2}" width="10" height="10" fill="${colors.f1}"/><text x="24" y="${H + 11}" font-size="10">test F1 - always-buy F1</text>` +
    `<rect x="180" y="${H + 2}" width="10" height="10" fill="${colors.ap}"/><text x="194" y="${H + 11}" font-size="10">test PR-AUC - positive rate</text>` +
    `<text x="370" y="${H + 11}" font-size="10">bars: 95 % block-bootstrap interval; * = both lower bounds above 0</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.max(760, W * run.models.length)}" height="${H + 20}" font-family="sans-serif">` +
    `<rect width="100%" height="100%" fill="white"/>${panels}${legend}</svg>\n`;
}

/** One sentence per model: where it shows skill, and by how much. */
export function skillStatement(run: RunManifest, results: WorkerResult[]): string[] {
  return run.models.map((m) => {
    const mine = results.filter((r) => r.model === m && r.manifest?.metrics.test.skill);
    const yes = mine.filter((r) => r.manifest!.metrics.test.skill!.has_skill);
    if (!yes.length) return `- **${m}**: no skill on any of ${run.tokens.length} tokens (no token has both lower bounds above 0).`;
    return `- **${m}**: skill on ${yes.length} of ${run.tokens.length} tokens: ` + yes.map((r) => {
      const k = r.manifest!.metrics.test.skill!;
      return `${r.token} (F1 ${signed(k.f1_margin.value)} over always-buy, 95 % CI from ${signed(k.f1_margin.lo)}; PR-AUC ${signed(k.pr_auc_margin.value)} over the positive rate, from ${signed(k.pr_auc_margin.lo)})`;
    }).join(', ') + '.';
  });
}

export function markdown(run: RunManifest, results: WorkerResult[], chartFile: string, skillFile = 'skill.svg'): string {
  const first = results.find((r) => r.manifest)?.manifest;
  const sg = run.skill_gate;
  const gateLine = (name: string, pass: boolean, deciding: boolean) => `${name}: **${pass ? 'PASS' : 'FAIL'}**${deciding ? ' (decides the exit status)' : ''}`;
  const lines = [
    `# Fine-tune run ${run.run_id}`,
    '',
    sg ? `## Skill gate: a token has skill when the 95 % lower bounds of both test margins are above 0; every model type needs ${sg.minTokens} of ${run.tokens.length}: ${gateLine('', sg.pass, run.deciding_gate !== 'f1').slice(2)}` : '',
    '',
    sg ? '| model | tokens with skill | result |' : '', sg ? '| --- | --- | --- |' : '',
    ...(sg ? run.models.map((m) => `| ${m} | ${sg.perModel[m].passing}/${sg.perModel[m].of} | ${sg.perModel[m].pass ? 'pass' : 'fail'} |`) : []),
    '',
    ...(sg ? skillStatement(run, results) : []),
    '',
    sg ? 'Margins are measured on the test split (the newest rows) with the model and decision threshold chosen on train and validation only; ' +
      `each interval is a moving-block bootstrap of the test rows (${first?.metrics.test.skill?.resamples ?? 1000} resamples, blocks of ${first?.metrics.test.skill?.block ?? '-'} rows, at least the label horizon, so overlapping labels and volatility clusters stay together).` : '',
    '',
    `## The plan's gate: F1 on buy (validation) >= ${run.gate.minF1}${run.gate.requireSkill ? ' and beating the always-buy F1 on test' : ''} on at least ${run.gate.minTokens} of ${run.tokens.length} tokens, for every model type: **${run.gate.pass ? 'PASS' : 'FAIL'}**${run.deciding_gate === 'f1' ? ' (decides the exit status)' : ''}`,
    '',
    'Validation F1 on buy rises with the share of buys: a model that predicts buy everywhere scores 2p/(1+p). This gate is kept for the plan\'s record; it does not measure skill.',
    '',
    '| model | tokens passing | result |', '| --- | --- | --- |',
    ...run.models.map((m) => `| ${m} | ${run.gate.perModel[m].passing}/${run.gate.perModel[m].of} | ${run.gate.perModel[m].pass ? 'pass' : 'fail'} |`),
    '',
    '## Run',
    '',
    `- ${run.created_at}; factor \`${run.factor}\`, group \`${run.crypto_group}\` (${run.tokens.join(', ')}), timeframe ${run.timeframe}`,
    `- store: ${run.store.describe}${run.store.environment && run.store.environment !== 'default' ? `, environment ${run.store.environment}` : ''} at revision ${run.store.revision}; ${Object.keys(run.configured).length} keys injected into each worker`,
    `- overrides: ${Object.entries(run.configured).filter(([, v]) => !v.source.startsWith('store')).map(([k, v]) => `${k}=${v.value} (${v.source})`).join(', ') || 'none'}`,
    first ? `- label (${first.label.method ?? 'fixed'}): ${first.label.definition}` : undefined,
    first ? `- decision threshold: ${first.threshold.method} (on validation${first.threshold.grid ? `, grid ${first.threshold.grid.min}..${first.threshold.grid.max} step ${first.threshold.grid.step}` : ''}` +
      `${first.threshold.max_buy_rate !== undefined ? `, buy rate at most ${first.threshold.max_buy_rate}` : ''}); HPO objective ${first.study.objective}; ${first.study.n_trials} trials per study, trial 0 = the stored defaults` : undefined,
    first?.loss || first?.regime_weights ? `- levers: calibration ${levels(results, (m) => m.calibration?.method)}; loss ${levels(results, (m) => m.loss?.objective)}` +
      `; regime weights ${levels(results, (m) => (m.regime_weights?.alpha ? `alpha ${m.regime_weights.alpha}, window ${m.regime_weights.window}` : 'off'))}` : undefined,
    run.study_storage ? `- studies: ${run.study_storage}, ${run.workers_per_study ?? 1} worker(s) per study` : undefined,
    `- data: ${run.data_dir}; wall time ${run.wall_seconds.toFixed(0)} s with ${run.parallel} workers at once`,
    '',
    '## Warm starts',
    '',
    ...results.map((r) => `- ${r.model} ${r.token}: ${r.manifest ? warmLine(r.manifest) : 'failed'}`),
    '',
    '## Per token',
    '',
    '| model | token | val F1 | test F1 | always-buy F1 (test) | F1 margin [95 % CI] | test PR-AUC | PR-AUC margin [95 % CI] | skill | test positive rate | train positive rate | predicted buy rate (test) | threshold | calibration: Brier (test) before -> after | best trial |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => {
      const m = r.manifest?.metrics;
      if (!m) return `| ${r.model} | ${r.token} | failed (exit ${r.exitCode}) | | | | | | | | | | | | |`;
      const k = m.test.skill;
      const man = r.manifest!;
      return `| ${r.model} | ${r.token} | ${f3(m.validation.f1_buy)} | ${f3(m.test.f1_buy)} | ${f3(m.test.always_buy_f1)} | ${interval(k?.f1_margin)} | ` +
        `${f3(m.test.pr_auc)} | ${interval(k?.pr_auc_margin)} | ${k ? (k.has_skill ? '**yes**' : 'no') : '-'} | ${f3(m.test.positive_rate)} | ` +
        `${f3(man.data.splits.train?.positive_rate)} | ${f3(m.test.predicted_positive_rate)} | ${thresholdCell(man)} | ${calibrationCell(man)} | ${man.study.best_trial} |`;
    }),
    '',
    `![Test margins with 95 % intervals](${skillFile})`,
    '',
    `![F1 per model and token](${chartFile})`,
    '',
    ...gapSection(run, results),
  ];
  const present = lines.filter((l): l is string => l !== undefined);
  return present.filter((l, i) => l !== '' || (i > 0 && present[i - 1] !== '')).join('\n') + '\n';
}

/** The chosen threshold; `(cap not met)` when max_f1_capped found no grid point under the cap. */
function thresholdCell(m: WorkerManifest): string {
  return m.threshold.value.toFixed(3) + (m.threshold.cap_met === false ? ' (cap not met)' : '');
}

function calibrationCell(m: WorkerManifest): string {
  const c = m.calibration;
  if (!c) return '-';
  return c.method === 'none' ? `none (${f4(c.brier_test.before)})` : `${c.method}: ${f4(c.brier_test.before)} -> ${f4(c.brier_test.after)}`;
}

/** What a lever was across the run's studies: one value, or each distinct one. */
function levels(results: WorkerResult[], get: (m: WorkerManifest) => string | undefined): string {
  const seen = [...new Set(results.flatMap((r) => (r.manifest ? [get(r.manifest) ?? '-'] : [])))];
  return seen.length ? seen.join(' / ') : '-';
}

function gapSection(run: RunManifest, results: WorkerResult[]): string[] {
  const byToken = new Map<string, NonNullable<NonNullable<WorkerResult['manifest']>['data']['gaps']>>();
  for (const r of results) if (r.manifest?.data.gaps && !byToken.has(r.token)) byToken.set(r.token, r.manifest.data.gaps);
  if (!byToken.size) return [];
  const policy = [...byToken.values()][0].policy;
  const what: Record<string, string | undefined> = {
    segment: 'features, labels and warm-up computed per gap-free segment; no feature window and no label horizon reads across a gap.',
    flat_fill: 'missing candles filled flat (previous close, volume 0) as freqtrade does; rows whose feature window or label horizon touches a filled candle excluded.',
    refuse: 'any gap refuses the data.',
  };
  return ['## Gaps in the data', '', `Policy \`${policy}\`: ${what[policy] ?? ''}`, '',
    '| token | gaps | missing candles | longest | longest after | rows lost to gaps | duplicate rows dropped |', '| --- | --- | --- | --- | --- | --- | --- |',
    ...run.tokens.filter((t) => byToken.has(t)).map((t) => { const g = byToken.get(t)!; return `| ${t} | ${g.gaps} | ${g.missing_candles} | ${g.longest_minutes} min | ${g.longest_after ?? '-'} | ${g.rows_lost_to_gaps} | ${g.duplicates_dropped ?? 0} |`; }), ''];
}
