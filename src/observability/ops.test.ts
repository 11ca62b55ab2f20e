import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CRIT, dashboardJson, FALLBACK_LINE, FALLBACK_RATE_7D, WARN } from '../../ops/grafana/dashboard.js';
import { ROOT } from '../paths.js';
import { createResolver } from '../resolver/resolver.js';

const OPS = path.join(ROOT, 'ops');
const PROMTOOL = process.env.HPCONF_PROMTOOL ?? '/usr/bin/promtool';

test('the Grafana dashboard regenerates identically from code; no team namespace in it; change-sets as annotations', () => {
  const text = readFileSync(path.join(OPS, 'grafana', 'hpconf-dashboard.json'), 'utf8');
  assert.equal(dashboardJson(), text, 'ops/grafana/hpconf-dashboard.json is stale: run node --import tsx ops/grafana/dashboard.ts');
  assert.doesNotMatch(text, /cvntrade/);
  const d = JSON.parse(dashboardJson());
  const p = d.panels.find((x: { title: string }) => x.title === 'HPO fallback rate, 7 days');
  assert.equal(p.targets[0].expr, FALLBACK_RATE_7D);
  assert.equal(p.datasource.type, 'prometheus', 'the 7-day figure is read from the recorded series, never a 7-day log scan');
  assert.deepEqual(p.fieldConfig.defaults.thresholds.steps.map((s: { value: number | null }) => s.value), [null, WARN, CRIT]);
  assert.deepEqual([WARN, CRIT], [0.01, 0.05]);
  assert.deepEqual(d.panels.map((x: { title: string }) => x.title), ['Fallbacks (Loki)', 'HPO fallback rate, 7 days', 'Fallbacks by model and parameter', 'Training runs',
    'Store (Prometheus, from the Console)', 'Store coverage', 'Changes by actor kind', 'Keys reported falling back (SDK reports, 7 days)',
    'Skill (Prometheus, from the runs recorded in the store)', 'Skill on test: F1 margin over always-buy, 95 % lower bound (newest run per model and token)']);
  const ann = d.annotations.list.find((a: { name: string }) => a.name === 'Change-sets');
  assert.match(ann.expr, /\|= "event=config_changed" \| logfmt$/);
  // The annotation's fields are the ones the Console's config_changed line carries.
  const events = JSON.parse(readFileSync(path.join(ROOT, 'spec', 'events.json'), 'utf8'));
  const fields = ((events.events ?? events).config_changed.fields as string[]).map((f) => f.replace(/\?$/, ''));
  for (const f of (`${ann.titleFormat} ${ann.textFormat}`.match(/\{\{(\w+)\}\}/g) ?? []).map((x: string) => x.slice(2, -2))) assert.ok(fields.includes(f), `config_changed has no field ${f}`);
});

test("Loki counts the fallback line as the SDKs print it (and would miss a JSON line), over 5 minutes, in no team's namespace", () => {
  const lines: string[] = [];
  createResolver({ env: {}, log: (l) => lines.push(l) }).resolve('xgb', '5m', 'LEARNING_RATE', 0.1);
  assert.ok(lines[0].includes(FALLBACK_LINE));
  assert.ok(!JSON.stringify({ event: 'hpo_fallback_applied' }).includes(FALLBACK_LINE));
  const text = readFileSync(path.join(OPS, 'loki', 'hpconf-rules.yml'), 'utf8');
  assert.doesNotMatch(text, /cvntrade/);
  const loki = parse(text);
  const [counts, alerts] = loki.groups;
  assert.equal(counts.interval, '5m');
  assert.deepEqual(counts.rules.map((r: { record: string }) => r.record), ['hpconf:hpo_fallback_applied:count5m', 'hpconf:training_started:count5m']);
  assert.ok(counts.rules.every((r: { expr: string }) => /\[5m\]\)\)$/.test(r.expr.trim())), 'each run reads 5 minutes of logs');
  assert.match(counts.rules[0].expr, new RegExp(`\\|= "${FALLBACK_LINE}"`));
  // The Loki-only alerts: one day, once an hour.
  assert.equal(alerts.interval, '1h');
  assert.deepEqual(alerts.rules.map((r: { alert: string; expr: string }) => [r.alert, /\[1d\]/.test(r.expr), r.expr.trim().split('\n').slice(-1)[0].split(' > ')[1]]),
    [['HpconfFallbackRateWarn', true, '0.01'], ['HpconfFallbackRateCrit', true, '0.05']]);
  // Prometheus sums Loki's counts into the plan's 7-day ratio.
  const prom = parse(readFileSync(path.join(OPS, 'prometheus', 'hpconf-rules.yml'), 'utf8'));
  const rec = prom.groups[0].rules.find((r: { record?: string }) => r.record === 'hpconf:hpo_fallback_rate:ratio_7d');
  assert.match(rec.expr, /sum_over_time\(hpconf:hpo_fallback_applied:count5m\[7d\]\)/);
});

test('Prometheus rules pass promtool check and its unit tests', { skip: existsSync(PROMTOOL) ? false : `no promtool at ${PROMTOOL}` }, () => {
  const check = execFileSync(PROMTOOL, ['check', 'rules', 'hpconf-rules.yml'], { cwd: path.join(OPS, 'prometheus') }).toString();
  assert.match(check, /SUCCESS: 6 rules found/);
  const unit = execFileSync(PROMTOOL, ['test', 'rules', 'hpconf-rules.test.yml'], { cwd: path.join(OPS, 'prometheus') }).toString();
  assert.match(unit, /SUCCESS/);
  // The scrape configuration the alerts need: valid, loading the rules, and naming the job HpconfConsoleDown watches.
  const config = execFileSync(PROMTOOL, ['check', 'config', 'prometheus.yml'], { cwd: path.join(OPS, 'prometheus') }).toString();
  assert.match(config, /prometheus\.yml is valid prometheus config file syntax/);
  const prom = parse(readFileSync(path.join(OPS, 'prometheus', 'prometheus.yml'), 'utf8'));
  const rules = readFileSync(path.join(OPS, 'prometheus', 'hpconf-rules.yml'), 'utf8');
  const job = /up\{job="([^"]+)"\}/.exec(rules)![1];
  assert.deepEqual(prom.scrape_configs.map((c: { job_name: string }) => c.job_name), [job]);
  // Its targets are the Console's pods, through the headless Service the Kustomize base ships.
  const host = prom.scrape_configs[0].dns_sd_configs[0].names[0].split('.')[0];
  const services = readFileSync(path.join(OPS, 'k8s', 'console', 'service.yaml'), 'utf8').split(/^---$/m).map((d) => parse(d));
  assert.ok(services.some((sv) => sv.metadata.name === host && sv.spec.clusterIP === 'None'), `no headless Service ${host}`);
});

if (!existsSync(PROMTOOL) && process.env.CI) throw new Error(`CI must check the alert rules: no promtool at ${PROMTOOL}`);
