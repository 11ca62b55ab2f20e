import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventLine } from '../resolver/events.js';
import { Progress, duration, parseTrial } from './progress.js';

const line = (model: string, trial: number, value: string, best: string) => eventLine('trial', {
  run_id: 'r1', model, timeframe: '5M', token: 'UNI', trial, of: 20, value, best, seconds: 12.3, defaults: trial === 0, worker: '1/1',
});

test('progress: the workers\' trial events become one line per trial with the ETA', () => {
  const e = parseTrial(line('XGB', 6, '0.4100', '0.4512'));
  assert.deepEqual(e, { model: 'XGB', token: 'UNI', trial: 6, of: 20, value: 0.41, best: 0.4512, seconds: 12.3, defaults: false });
  assert.equal(parseTrial('level=INFO event=training_started run_id=r1'), undefined);
  const out: string[] = [];
  const p = new Progress(60, 'f1_buy', (l) => out.push(l));
  p.trial(parseTrial(line('XGB', 0, '0.3900', '0.3900'))!);
  p.trial(e!);
  assert.match(out[0], /^\[XGB UNI\] trial 1\/20 f1=0\.390 best=0\.390 12\.3 s \(stored defaults\)  \[run 1\/60 trials, ETA \S+\]$/);
  assert.match(out[1], /^\[XGB UNI\] trial 7\/20 f1=0\.410 best=0\.451 12\.3 s  \[run 2\/60 trials, ETA \S+\]$/);
  assert.deepEqual([duration(59), duration(61), duration(3725), duration(NaN)], ['59s', '1m01s', '1h02m', '?']);
});

test('progress: the ETA prices each model type\'s remaining trials at its own pace, over the processes at once', () => {
  const p = new Progress(40, 'f1_buy', () => {}, undefined, { XGB: 20, CB: 20 }, 2);
  const t = (model: string, seconds: number) => p.trial({ model, token: 'UNI', trial: 1, of: 20, value: 0.4, best: 0.4, seconds, defaults: false });
  t('XGB', 1); t('XGB', 3);
  assert.equal(p.eta(), (18 * 2 + 20 * 2) / 2, 'CB not seen yet: priced at the slowest pace seen');
  t('CB', 30);
  assert.equal(p.eta(), (18 * 2 + 19 * 30) / 2);
});

test('progress in a terminal: trial lines scroll above a live block (a row per running study, a bar, the ETA) that is redrawn in place', () => {
  let screen = '';
  const p = new Progress(40, 'f1_buy', () => assert.fail('no plain lines in a terminal'), { write: (s) => { screen += s; }, columns: 100 });
  p.trial(parseTrial(line('LGB', 0, '0.4000', '0.4000'))!);
  p.trial(parseTrial(line('CB', 0, '0.3000', '0.3000'))!);
  assert.match(screen, /\[LGB UNI\] trial 1\/20 f1=0\.400 best=0\.400 12\.3 s \(stored defaults\)\n/);
  assert.match(screen, /  LGB UNI +1\/20 trials  best 0\.400\n/);
  assert.match(screen, /\[#*\.+\] 2\/40 trials  ETA \S+\n$/);
  assert.ok(screen.includes('\x1b[2A\x1b[J'), 'the previous block is erased before the next line');
  p.finished('LGB', 'UNI');
  const last = screen.slice(screen.lastIndexOf('\x1b[J') + 3);
  assert.doesNotMatch(last, /LGB UNI/);
  assert.match(last, /CB UNI/);
  p.close();
  assert.ok(screen.endsWith('\x1b[2A\x1b[J'));
});
