/**
 * A fine-tune run as the store records it: which store state trained which models, how well (both gates, the
 * defaults trial and the best trial per study, with their intervals), and where the studies and manifests live.
 * Built from run.json and the workers' manifests, so `ftf run` and `ftf collect` record the same thing.
 */
import path from 'node:path';
import type { Interval, RunManifest, SplitMetrics, WorkerManifest, WorkerResult } from '../ftf/types.js';

/** One trial's figures on both splits; the gates read `test.skill`. */
export interface TrialFigures {
  trial: number | null;
  validation: { f1: number; prAuc: number; objective: number | null };
  test: { f1: number; prAuc: number; alwaysBuyF1: number; positiveRate: number; predictedBuyRate: number; f1Margin: Interval | null; prAucMargin: Interval | null; skill: boolean | null };
}

export interface StudyRecord {
  model: string; token: string; ok: boolean; error: string | null;
  study: string | null; storage: string | null; manifest: string;
  spaceHash: string | null; objective: string | null; nTrials: number | null;
  /** How a later run's worker opens this study again (journal:PATH, store, a URL without password), for warm starts. */
  storageSpec: string | null;
  /** What a warm start must share with it: objective, label, feature set, data window (absent in older manifests). */
  signature: Record<string, unknown> | null;
  /** What this study imported when it started: `warm start: N trials imported from STUDY, M out of bounds skipped`. */
  warmStart: string | null;
  defaults: TrialFigures | null; best: TrialFigures | null;
  /** The best trial's values for the study's searched parameters (catalog names), as the trial suggested them. */
  params: Record<string, number | string> | null;
  /** Best minus defaults on test, paired (null where the manifest predates it). */
  versusDefaults: { f1: Interval; prAuc: Interval } | null;
  /** The values of the token's segment that the workers got over the base ones (absent in records before them). */
  overrides?: Record<string, string> | null;
  seconds: number;
}

export interface RunRecord {
  id: string; environment: string; revision: number; createdAt: string; wallSeconds: number;
  timeframe: string; models: string[]; tokens: string[]; dir: string; studyStorage: string;
  dataDir: string; label: string | null;
  /** The quote asset of the candle files (USDT). */
  quote?: string;
  gates: { deciding: string; skill: { pass: boolean; minTokens: number; perModel: Record<string, { passing: number; of: number; pass: boolean }> };
    f1: { pass: boolean; minF1: number; minTokens: number; perModel: Record<string, { passing: number; of: number; pass: boolean }> } };
  /** Per token, the keys its segment overrode and the layer that gave each. */
  layers: Record<string, Record<string, string>>;
  /** Every value the workers got (base names), for the differences between two runs. */
  configured: Record<string, string>;
  studies: StudyRecord[];
}

function figures(m: { validation: SplitMetrics; test: SplitMetrics }, trial: number | null, objective: number | null): TrialFigures {
  const t = m.test, k = t.skill;
  return {
    trial, validation: { f1: m.validation.f1_buy, prAuc: m.validation.pr_auc, objective },
    test: { f1: t.f1_buy, prAuc: t.pr_auc, alwaysBuyF1: t.always_buy_f1, positiveRate: t.positive_rate, predictedBuyRate: t.predicted_positive_rate,
      f1Margin: k?.f1_margin ?? null, prAucMargin: k?.pr_auc_margin ?? null, skill: k ? k.has_skill : null },
  };
}

/** The report's and run.json's line for a study's start: warm (what it imported) or cold. */
export function warmLine(m: WorkerManifest): string {
  const w = m.study.warm_start;
  if (!w) return 'cold start';
  if (w.error) return `cold start: the warm start from ${w.from} could not read it (${w.error})`;
  return `warm start: ${w.imported} trials imported from ${w.from}, ${w.skipped} out of bounds skipped`
    + (w.previous_best_enqueued ? '; its best enqueued after the defaults' : '')
    + (w.space_changes && Object.keys(w.space_changes).length ? `; ranges since: ${Object.entries(w.space_changes).map(([p, c]) => `${p} ${c}`).join(', ')}` : '');
}

export function studyRecord(r: WorkerResult, dir: string, overrides: Record<string, string> | null = null): StudyRecord {
  const m: WorkerManifest | undefined = r.manifest;
  const best = m?.study.trials?.find((t) => t.number === m.study.best_trial);
  return {
    model: r.model, token: r.token, ok: r.ok, error: r.error ?? null,
    study: m?.study.name ?? null, storage: m?.study.storage ?? null, manifest: path.relative(dir, r.manifestPath) || r.manifestPath,
    spaceHash: m?.study.space_hash ?? null, objective: m?.study.objective ?? null, nTrials: m?.study.n_trials ?? null,
    storageSpec: m?.study.storage_spec ?? null, signature: m?.study.signature ?? null, warmStart: m ? warmLine(m) : null,
    defaults: m?.defaults ? figures(m.defaults.metrics, m.defaults.trial, m.defaults.validation_value) : null,
    best: m ? figures(m.metrics, m.study.best_trial, m.study.best_value) : null,
    params: best ? { ...best.params } : null,
    versusDefaults: m?.versus_defaults ? { f1: m.versus_defaults.f1, prAuc: m.versus_defaults.pr_auc } : null,
    overrides, seconds: r.seconds,
  };
}

export function runRecord(run: RunManifest, results: WorkerResult[], dir: string): RunRecord {
  const layers: RunRecord['layers'] = {};
  for (const [token, values] of Object.entries(run.by_token ?? {})) layers[token] = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.layer ?? 'base']));
  const sg = run.skill_gate ?? { pass: false, minTokens: run.gate.minTokens, perModel: {} };
  const label = results.find((r) => r.manifest)?.manifest?.label.definition ?? null;
  return {
    id: run.run_id, environment: run.store.environment ?? 'default', revision: run.store.revision, createdAt: run.created_at,
    wallSeconds: run.wall_seconds, timeframe: run.timeframe, models: run.models, tokens: run.tokens, dir, studyStorage: run.study_storage ?? '',
    dataDir: run.data_dir, label, quote: run.quote ?? 'USDT',
    gates: { deciding: run.deciding_gate ?? 'skill', skill: { pass: sg.pass, minTokens: sg.minTokens, perModel: sg.perModel },
      f1: { pass: run.gate.pass, minF1: run.gate.minF1, minTokens: run.gate.minTokens, perModel: run.gate.perModel } },
    layers,
    configured: Object.fromEntries(Object.entries(run.configured).map(([k, v]) => [k, v.value])),
    studies: results.map((r) => {
      const o = run.by_token?.[r.token];
      return studyRecord(r, dir, o ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.value])) : null);
    }),
  };
}
