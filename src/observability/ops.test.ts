import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CRIT, dashboardJson, FALLBACK_RATE_7D, WARN } from '../../ops/grafana/dashboard.js';
import { ROOT } from '../paths.js';
import { createResolver } from '../resolver/resolver.js';

const OPS = path.join(ROOT, 'ops');
const PROMTOOL = process.env.HPCONF_PROMTOOL ?? '/usr/bin/promtool';

test('the Grafana dashboard regenerates identically from code', () => {
  assert.equal(dashboardJson(), readFileSync(path.join(OPS, 'grafana', 'hpconf-dashboard.json'), 'utf8'),
    'ops/grafana/hpconf-dashboard.json is stale: run node --import tsx ops/grafana/dashboard.ts');
  const d = JSON.parse(dashboardJson());
  const p = d.panels.find((x: { title: string }) => x.title === 'cvntrade-hp-coverage');
  assert.equal(p.targets[0].expr, FALLBACK_RATE_7D);
  assert.deepEqual(p.fieldConfig.defaults.thresholds.steps.map((s: { value: number | null }) => s.value), [null, WARN, CRIT]);
  assert.deepEqual([WARN, CRIT], [0.01, 0.05]);
  assert.deepEqual(d.panels.map((x: { title: string }) => x.title), ['Fallbacks (Loki)', 'cvntrade-hp-coverage', 'Fallbacks by model and parameter', 'Training runs',
    'Store (Prometheus, from the Console)', 'Store coverage', 'Changes by actor kind', 'Keys reported falling back (SDK reports, 7 days)']);
});

test("the plan's Loki query matches the fallback line as the SDKs print it (and would miss a JSON line)", () => {
  const lines: string[] = [];
  createResolver({ env: {}, log: (l) => lines.push(l) }).resolve('xgb', '5m', 'LEARNING_RATE', 0.1);
  const filter = /\|~ "([^"]+)"/.exec(FALLBACK_RATE_7D)![1];
  assert.equal(filter, 'event=hpo_fallback_applied');
  assert.ok(new RegExp(filter).test(lines[0]));
  assert.ok(!new RegExp(filter).test(JSON.stringify({ event: 'hpo_fallback_applied' })));
  const loki = parse(readFileSync(path.join(OPS, 'loki', 'hpconf-rules.yml'), 'utf8'));
  const rules = loki.groups[0].rules;
  assert.equal(rules[0].expr.trim(), FALLBACK_RATE_7D);
  assert.deepEqual(rules.slice(1).map((r: { alert: string; expr: string }) => [r.alert, r.expr.trim().split('\n').slice(-1)[0].split(' > ')[1]]),
    [['HpconfFallbackRateWarn', '0.01'], ['HpconfFallbackRateCrit', '0.05']]);
});

test('Prometheus rules pass promtool check and its unit tests', { skip: existsSync(PROMTOOL) ? false : `no promtool at ${PROMTOOL}` }, () => {
  const check = execFileSync(PROMTOOL, ['check', 'rules', 'hpconf-rules.yml'], { cwd: path.join(OPS, 'prometheus') }).toString();
  assert.match(check, /SUCCESS: 5 rules found/);
  const unit = execFileSync(PROMTOOL, ['test', 'rules', 'hpconf-rules.test.yml'], { cwd: path.join(OPS, 'prometheus') }).toString();
  assert.match(unit, /SUCCESS/);
});

if (!existsSync(PROMTOOL) && process.env.CI) throw new Error(`CI must check the alert rules: no promtool at ${PROMTOOL}`);
