import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { coverage } from '../catalog/coverage.js';
import { environmentNames } from '../store/store.js';
import type { Deps } from './deps.js';

/**
 * Prometheus metrics of one Console process. Store-wide figures (keys, coverage, revision, changes
 * and fallback reports in the store) are gauges read from the database at scrape time: every
 * replica reports the same value, so dashboards and alerts aggregate them with max (or min), never
 * sum. Only the HTTP histogram is per process (sum it).
 */
export function consoleMetrics(d: Deps) {
  const registry = new Registry();
  // One coverage computation per environment and scrape, shared by the gauges (prom-client collects them concurrently).
  type Cov = ReturnType<typeof coverage>;
  let pending: Promise<[string, Cov][]> | undefined;
  let at = 0;
  const current = () => {
    if (!pending || Date.now() - at > 1000) {
      at = Date.now();
      pending = environmentNames(d.store.db).then((names) => Promise.all(names.map(async (name): Promise<[string, Cov]> => {
        const v = await (await d.forEnvironment(name)).store.values();
        return [name, coverage(d.catalog, (k) => v.get(k))];
      })));
    }
    return pending;
  };
  // Each environment has its own coverage: an alert names the one that dropped.
  const gauge = (name: string, help: string, pick: (c: Cov) => number) => new Gauge({
    name, help: `${help}, per environment`, labelNames: ['environment'], registers: [registry],
    async collect() { this.reset(); for (const [environment, c] of await current()) this.set({ environment }, pick(c)); },
  });
  gauge('hpconf_keys_required', 'Keys the catalog requires', (c) => c.required);
  gauge('hpconf_keys_present', 'Required keys stored (valid or not)', (c) => c.required - c.missing.length);
  gauge('hpconf_keys_invalid', 'Required keys stored but invalid by the catalog rules', (c) => c.invalid.length);
  gauge('hpconf_store_coverage_ratio', 'Share of required keys present and valid (1 = 100 %)', (c) => c.valid / c.required);
  new Gauge({ name: 'hpconf_store_revision', help: 'The store revision (last change-log id; store-wide: aggregate with max)', registers: [registry], async collect() { this.set(await d.store.head()); } });
  new Gauge({
    name: 'hpconf_store_changes', help: 'Changes in the store\'s change log, by actor kind (store-wide: aggregate with max across replicas)', labelNames: ['actor_kind'], registers: [registry],
    async collect() {
      const { rows } = await d.store.db.query<{ k: string; n: unknown }>('SELECT s.actor_kind AS k, count(*) AS n FROM hp_change c JOIN hp_changeset s ON s.id = c.changeset_id GROUP BY s.actor_kind');
      for (const r of rows) this.set({ actor_kind: r.k }, Number(r.n));
    },
  });
  new Gauge({
    name: 'hpconf_store_fallback_reports', help: 'Fallbacks reported by SDKs and kept in the store, by model, timeframe and parameter (store-wide: aggregate with max)', labelNames: ['model', 'timeframe', 'param'], registers: [registry],
    async collect() {
      const { rows } = await d.store.db.query<{ model: string | null; timeframe: string | null; param: string | null; n: unknown }>(
        'SELECT model, timeframe, param, count(*) AS n FROM hp_fallback_report GROUP BY model, timeframe, param');
      for (const r of rows) this.set({ model: r.model ?? '', timeframe: r.timeframe ?? '', param: r.param ?? '' }, Number(r.n));
    },
  });
  // Skill on test of the newest recorded run per environment, timeframe, model and token (the runs table): Prometheus
  // keeps its history, so a dashboard shows skill over time beside the change-set annotations.
  new Gauge({
    name: 'hpconf_run_skill_margin', help: 'Newest recorded run per environment, timeframe, model and token: test margin of the best trial (f1: over always-buy; pr_auc: over the positive rate), its value and 95 % lower bound (store-wide: aggregate with max)',
    labelNames: ['environment', 'timeframe', 'model', 'token', 'metric', 'bound'], registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await d.store.db.query<{ environment: string; timeframe: string; model: string; token: string; best: unknown }>(
        `SELECT DISTINCT ON (r.environment, r.timeframe, s.model, s.token) r.environment, r.timeframe, s.model, s.token, s.body->'best' AS best
         FROM hp_run r JOIN hp_run_study s ON s.run_id = r.id WHERE (s.body->>'ok')::boolean
         ORDER BY r.environment, r.timeframe, s.model, s.token, r.created_at DESC`);
      for (const r of rows) {
        const best = (typeof r.best === 'string' ? JSON.parse(r.best) : r.best) as { test?: { f1Margin?: { value: number; lo: number } | null; prAucMargin?: { value: number; lo: number } | null } } | null;
        for (const [metric, m] of [['f1', best?.test?.f1Margin], ['pr_auc', best?.test?.prAucMargin]] as const) {
          if (!m) continue;
          for (const [bound, v] of [['value', m.value], ['lo', m.lo]] as const) this.set({ environment: r.environment, timeframe: r.timeframe, model: r.model, token: r.token, metric, bound }, v);
        }
      }
    },
  });
  const http = new Histogram({
    name: 'hpconf_http_request_duration_seconds', help: 'Console HTTP request durations', labelNames: ['method', 'route', 'status'], registers: [registry],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });
  const fast = new Counter({ name: 'hpconf_values_fast_total', help: 'GET /values answered without the router (a known token, the current body built): the rest of the route count is what missed', registers: [registry] });
  return {
    registry, observe: (method: string, route: string, status: number, seconds: number) => http.observe({ method, route, status: String(status) }, seconds),
    fastHit: () => fast.inc(),
  };
}
