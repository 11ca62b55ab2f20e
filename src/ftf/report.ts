import type { RunManifest, WorkerResult } from './types.js';

const f3 = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(3));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The console table: one row per worker. */
export function table(results: WorkerResult[]): string {
  const head = ['model', 'token', 'val F1', 'test F1', 'always-buy F1 (test)', 'beats it', 'test PR-AUC', 'best trial', 'seconds'];
  const rows = results.map((r) => {
    const m = r.manifest?.metrics;
    return [r.model, r.token, f3(m?.validation.f1_buy), f3(m?.test.f1_buy), f3(m?.test.always_buy_f1),
      m ? (m.test.beats_always_buy ? 'yes' : 'no') : `FAILED (exit ${r.exitCode})`, f3(m?.test.pr_auc),
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

export function markdown(run: RunManifest, results: WorkerResult[], chartFile: string): string {
  const first = results.find((r) => r.manifest)?.manifest;
  const lines = [
    `# Fine-tune run ${run.run_id}`,
    '',
    `- ${run.created_at}; factor \`${run.factor}\`, group \`${run.crypto_group}\` (${run.tokens.join(', ')}), timeframe ${run.timeframe}`,
    `- store: ${run.store.describe} at revision ${run.store.revision}; ${Object.keys(run.configured).length} keys injected into each worker`,
    `- overrides: ${Object.entries(run.configured).filter(([, v]) => v.source !== 'store').map(([k, v]) => `${k}=${v.value} (${v.source})`).join(', ') || 'none'}`,
    first ? `- label: ${first.label.definition}, horizon ${first.label.horizon_bars} bars, threshold ${first.label.threshold}` : '',
    first ? `- decision threshold: ${first.threshold.method} (on validation); HPO objective ${first.study.objective}; ${first.study.n_trials} trials, trial 0 = the stored defaults` : '',
    `- data: ${run.data_dir}; wall time ${run.wall_seconds.toFixed(0)} s with ${run.parallel} workers at once`,
    '',
    `## Gate: F1 on buy (validation) >= ${run.gate.minF1}${run.gate.requireSkill ? ' and beating the always-buy F1 on test' : ''} on at least ${run.gate.minTokens} of ${run.tokens.length} tokens, for every model type: **${run.gate.pass ? 'PASS' : 'FAIL'}**`,
    '',
    '| model | tokens passing | result |', '| --- | --- | --- |',
    ...run.models.map((m) => `| ${m} | ${run.gate.perModel[m].passing}/${run.gate.perModel[m].of} | ${run.gate.perModel[m].pass ? 'pass' : 'fail'} |`),
    '',
    '## Per token',
    '',
    'The always-buy F1 is 2p/(1+p) for the test positive rate p: a model that does not beat it has no skill beyond the label balance.',
    '',
    '| model | token | val F1 | test F1 | always-buy F1 (test) | beats always-buy on test | test precision | test recall | test PR-AUC | test positive rate | best trial |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => {
      const m = r.manifest?.metrics;
      if (!m) return `| ${r.model} | ${r.token} | failed (exit ${r.exitCode}) | | | | | | | | |`;
      return `| ${r.model} | ${r.token} | ${f3(m.validation.f1_buy)} | ${f3(m.test.f1_buy)} | ${f3(m.test.always_buy_f1)} | ${m.test.beats_always_buy ? 'yes' : 'no'} | ` +
        `${f3(m.test.precision)} | ${f3(m.test.recall)} | ${f3(m.test.pr_auc)} | ${f3(m.test.positive_rate)} | ${r.manifest!.study.best_trial} |`;
    }),
    '',
    `![F1 per model and token](${chartFile})`,
    '',
  ];
  return lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n');
}
