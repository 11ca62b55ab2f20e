import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../cli/main.js';
import { eventLine } from '../resolver/events.js';
import { fallbackRate } from './fallback-rate.js';
import { parseLogfmt } from './logfmt-parse.js';

/** A generated log with known counts: N trainings and F fallbacks, spread over time, with noise lines. */
function log(trainings: number, fallbacks: number, startMs = Date.parse('2026-11-01T00:00:00Z')): string[] {
  const lines: string[] = [];
  for (let i = 0; i < trainings; i++) {
    const at = new Date(startMs + i * 60_000).toISOString();
    lines.push(`${at} ${eventLine('training_started', { run_id: `r${i}`, model: ['XGB', 'LGB', 'CB'][i % 3], timeframe: '5M', token: 'UNI', store_revision: 474, n_trials: 20, rows_train: 1000 })}`); // hpconf: ignore[HP001] a log field in a generated log, not a setting
    lines.push(`${at} level=INFO msg="epoch done" event_count=3`);
  }
  for (let i = 0; i < fallbacks; i++) {
    const at = new Date(startMs + i * 90_000).toISOString();
    const [model, param] = i % 2 ? ['LGB', 'NUM_LEAVES'] : ['XGB', 'LEARNING_RATE'];
    lines.push(`${at} ${eventLine('hpo_fallback_applied', { model, timeframe: '5M', param, key: `CVN_HPO_${model}_5M_${param}`, fallback: 0.1, reason: 'env_key_missing' })}`);
  }
  return lines;
}

test('the fallback rate: exact ratio and status at 0.5 %, 1.5 % and 6 %', () => {
  for (const [f, pct, status] of [[5, 0.5, 'OK'], [15, 1.5, 'WARN'], [60, 6, 'CRIT'], [10, 1, 'OK'], [50, 5, 'WARN']] as const) {
    const r = fallbackRate(log(1000, f), { warnPct: 1, critPct: 5 });
    assert.equal(r.trainings, 1000);
    assert.equal(r.fallbacks, f);
    assert.equal(r.ratePct, pct);
    assert.equal(r.status, status, `${pct} %`);
  }
  const r = fallbackRate(log(1000, 15), { warnPct: 1, critPct: 5 });
  assert.deepEqual(r.byModel, { XGB: 8, LGB: 7 });
  assert.deepEqual(Object.entries(r.byParam), [['LEARNING_RATE', 8], ['NUM_LEAVES', 7]]);
  assert.equal(r.byKey.CVN_HPO_XGB_5M_LEARNING_RATE, 8);
  assert.equal(fallbackRate(log(1000, 15), { warnPct: 2, critPct: 5 }).status, 'OK'); // thresholds are configurable
});

test('the window counts only events inside it', () => {
  const old = log(100, 100, Date.parse('2026-10-01T00:00:00Z'));
  const recent = log(1000, 5, Date.parse('2026-11-20T00:00:00Z'));
  const r = fallbackRate([...old, ...recent], { windowMs: 7 * 86_400_000, warnPct: 1, critPct: 5 });
  assert.deepEqual([r.trainings, r.fallbacks, r.status], [1000, 5, 'OK']);
  assert.equal(fallbackRate([...old, ...recent], { warnPct: 1, critPct: 5 }).status, 'CRIT');
});

test('logfmt parsing inverts the printer, quotes and escapes included', () => {
  const line = eventLine('config_changed', { actor: 'user:o\'brien = "ops"', key: 'K', old: 'a b', new: 'c\nd', revision: 3, changeset: 1 });
  assert.deepEqual(parseLogfmt(line), { level: 'INFO', event: 'config_changed', actor: 'user:o\'brien = "ops"', key: 'K', old: 'a b', new: 'c\nd', revision: '3', changeset: '1' });
});

test('hpconf coverage --logs: exit codes OK 0, WARN 12, CRIT 13; standard input works too', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-cov-'));
  const run = async (f: number, ...extra: string[]) => {
    const file = path.join(dir, `l${f}.log`);
    writeFileSync(file, log(1000, f).join('\n') + '\n');
    const out: string[] = [];
    const code = await main(['coverage', '--logs', file, '--window', '7d', ...extra], { out: (l) => out.push(l), err: (l) => out.push(l), cwd: dir });
    return { code, out: out.join('\n') };
  };
  const ok = await run(5);
  assert.equal(ok.code, 0);
  assert.match(ok.out, /^fallback rate 0\.50 %: 5 fallback\(s\) \/ 1000 training\(s\) from \S+ to 2026-11-01T16:39:00\.000Z -> OK/);
  assert.match(ok.out, /by parameter: LEARNING_RATE 3, NUM_LEAVES 2/);
  assert.equal((await run(15)).code, 12);
  assert.equal((await run(60)).code, 13);
  assert.equal((await run(60, '--crit', '10')).code, 12);
  assert.equal((await run(5, '--window', 'a week')).code, 2);
});
