/**
 * The hpconf dashboard as code (@grafana/grafana-foundation-sdk). `node --import tsx ops/grafana/dashboard.ts`
 * rewrites ops/grafana/hpconf-dashboard.json; a test regenerates it and compares.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnnotationQueryBuilder, DashboardBuilder, DatasourceVariableBuilder, RowBuilder, TextBoxVariableBuilder, ThresholdsConfigBuilder, ThresholdsMode } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder as LokiQuery } from '@grafana/grafana-foundation-sdk/loki';
import { DataqueryBuilder as PromQuery } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as Stat } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as Timeseries } from '@grafana/grafana-foundation-sdk/timeseries';
import { PanelBuilder as Gauge } from '@grafana/grafana-foundation-sdk/gauge';
import { PanelBuilder as Table } from '@grafana/grafana-foundation-sdk/table';

const LOKI = { type: 'loki', uid: '${loki}' };
const PROM = { type: 'prometheus', uid: '${prometheus}' };

/**
 * The streams workers log to: a dashboard variable (all namespaces unless narrowed), the same selector the Loki
 * rules use (ops/loki/hpconf-rules.yml). No team's namespace is written into the board.
 */
export const STREAMS = '{namespace=~"$namespace"}';
/** The plan's figure, fallbacks over trainings in 7 days: recorded by Prometheus from Loki's 5-minute counts. */
export const FALLBACK_RATE_7D = 'max(hpconf:hpo_fallback_rate:ratio_7d)';
/** The SDK's logfmt line filter each count is taken with. */
export const FALLBACK_LINE = 'event=hpo_fallback_applied';
export const WARN = 0.01;
export const CRIT = 0.05;

const thresholds = (steps: [number | null, string][]) => new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute)
  .steps(steps.map(([value, color]) => ({ value: value as number, color })));

export function dashboard() {
  return new DashboardBuilder('hpconf: hyperparameter coverage')
    .uid('hpconf-coverage')
    .tags(['hpconf', 'mlops'])
    .description('Hyperparameters come from the store; this board shows where they did not (fallbacks), the store coverage, changes and trainings.')
    .refresh('1m')
    .time({ from: 'now-7d', to: 'now' })
    .timezone('utc')
    .withVariable(new DatasourceVariableBuilder('loki').label('Loki').type('loki'))
    .withVariable(new DatasourceVariableBuilder('prometheus').label('Prometheus').type('prometheus'))
    .withVariable(new TextBoxVariableBuilder('namespace').label('Namespaces (regex)').description('Kubernetes namespaces the workers and the Console log in')
      .defaultValue('.+'))
    // Every change-set, from the Console's config_changed lines: who, which key, old and new (secrets redacted there).
    .annotation(new AnnotationQueryBuilder().name('Change-sets').datasource(LOKI).enable(true).iconColor('purple')
      .expr(`${STREAMS} |= "event=config_changed" | logfmt`).titleFormat('change-set {{changeset}} by {{actor}}').textFormat('{{key}}: {{old}} -> {{new}} (r{{revision}})')
      .tagKeys('actor'))
    .withRow(new RowBuilder('Fallbacks (Loki)'))
    .withPanel(new Stat().title('HPO fallback rate, 7 days').description('Share of trainings that fell back to an in-code value in the last 7 days (the plan\'s hp-coverage figure). WARN above 1 %, CRIT above 5 %.')
      .datasource(PROM).withTarget(new PromQuery().expr(FALLBACK_RATE_7D).instant().refId('A'))
      .unit('percentunit').decimals(2).thresholds(thresholds([[null, 'green'], [WARN, 'orange'], [CRIT, 'red']])).gridPos({ h: 6, w: 6, x: 0, y: 1 }))
    .withPanel(new Timeseries().title('Fallbacks by model and parameter').datasource(LOKI)
      .withTarget(new LokiQuery().expr(`sum by (model, param) (count_over_time(${STREAMS} |= "${FALLBACK_LINE}" | logfmt [$__interval]))`).legendFormat('{{model}} {{param}}').refId('A'))
      .gridPos({ h: 6, w: 12, x: 6, y: 1 }))
    .withPanel(new Timeseries().title('Training runs').datasource(LOKI)
      .withTarget(new LokiQuery().expr(`sum by (model) (count_over_time(${STREAMS} |= "event=training_started" | logfmt [$__interval]))`).legendFormat('{{model}}').refId('A'))
      .gridPos({ h: 6, w: 6, x: 18, y: 1 }))
    .withRow(new RowBuilder('Store (Prometheus, from the Console)'))
    .withPanel(new Gauge().title('Store coverage').description('Required keys present and valid, per environment; the deploy gate refuses below 100 %.')
      .datasource(PROM).withTarget(new PromQuery().expr('min by (environment) (hpconf_store_coverage_ratio)').legendFormat('{{environment}}').refId('A'))
      .unit('percentunit').min(0).max(1).thresholds(thresholds([[null, 'red'], [1, 'green']])).gridPos({ h: 6, w: 6, x: 0, y: 8 }))
    .withPanel(new Timeseries().title('Changes by actor kind').datasource(PROM)
      .withTarget(new PromQuery().expr('max by (actor_kind) (delta(hpconf_store_changes[$__rate_interval]))').legendFormat('{{actor_kind}}').refId('A'))
      .gridPos({ h: 6, w: 12, x: 6, y: 8 }))
    .withPanel(new Table().title('Keys reported falling back (SDK reports, 7 days)').datasource(PROM)
      .withTarget(new PromQuery().expr('max by (model, timeframe, param) (delta(hpconf_store_fallback_reports[7d])) > 0').instant().refId('A'))
      .gridPos({ h: 6, w: 6, x: 18, y: 8 }))
    .withRow(new RowBuilder('Skill (Prometheus, from the runs recorded in the store)'))
    // The lower bound of the test F1 margin over always-buy: above 0 is skill; the change-set annotations show what moved between runs.
    .withPanel(new Timeseries().title('Skill on test: F1 margin over always-buy, 95 % lower bound (newest run per model and token)').datasource(PROM)
      .description('Each recorded fine-tune run sets these (hpconf_run_skill_margin); a token has skill when both lower bounds (F1 and PR-AUC) are above 0.')
      .withTarget(new PromQuery().expr('max by (environment, model, token) (hpconf_run_skill_margin{metric="f1", bound="lo"})').legendFormat('{{environment}} {{model}} {{token}}').refId('A'))
      .thresholds(thresholds([[null, 'red'], [0, 'green']])).gridPos({ h: 8, w: 24, x: 0, y: 15 }))
    .build();
}

export function dashboardJson(): string {
  return JSON.stringify(dashboard(), null, 2) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'hpconf-dashboard.json');
  writeFileSync(out, dashboardJson());
  console.log(`wrote ${out}`);
}
