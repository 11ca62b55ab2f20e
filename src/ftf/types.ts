/** The parts of a worker's training manifest (training/src/hpconf_training/worker.py) the orchestrator reads. */
export interface Interval { value: number; lo: number; hi: number }
/** Test F1 minus the always-buy F1 and PR-AUC minus the positive rate, with 95 % moving-block bootstrap intervals. */
export interface Skill { method: string; block: number; resamples: number; seed: number; f1_margin: Interval; pr_auc_margin: Interval; has_skill: boolean }
export interface SplitMetrics {
  rows: number; f1_buy: number; precision: number; recall: number; pr_auc: number; positive_rate: number;
  predicted_positive_rate: number; always_buy_f1: number; beats_always_buy: boolean; logloss: number;
  skill?: Skill;
}
export interface GapSummary {
  policy: string; gaps: number; missing_candles: number; longest_minutes: number; longest_after: string | null; rows_lost_to_gaps: number;
  /** Exact copies of a row (a download appended twice), dropped. */
  duplicates_dropped?: number;
  list: { after: string; resumes: string; minutes: number; missing_candles: number }[];
}
export interface Resolved { key: string; value: number | string; source: string }
export interface TrainedWith { param: string; native: string; key: string; value: number | string; source: string; harness?: boolean }
export interface WorkerManifest {
  kind: 'hpconf/training-manifest';
  run_id: string; model: string; timeframe: string; token: string; store_revision: number | null; store_environment?: string | null;
  resolved: Resolved[];
  trained_with: TrainedWith[];
  study: { name: string; n_trials: number; best_trial: number; best_value: number; defaults_value: number | null; objective: string;
    storage?: string; workers?: number; refit?: boolean; space_hash?: string; direction?: string;
    storage_spec?: string | null; signature?: Record<string, unknown> | null;
    warm_start?: { from: string; run?: string; imported: number; skipped: number; previous_best_enqueued?: boolean; space_changes?: Record<string, string>; error?: string } | null;
    trials?: { number: number; state: string; value: number | null; params: Record<string, number | string>; defaults: boolean }[] };
  /** How the threshold was chosen on validation: the sweep grid, the buy-rate cap (max_f1_capped) and the buy rate it gave on test. */
  threshold: { method: string; value: number; grid?: { min: number; max: number; step: number; points: number }; max_buy_rate?: number;
    cap_met?: boolean; valid_buy_rate?: number; test_buy_rate?: number };
  /** Fitted on validation only; Brier scores before and after it (absent in manifests from before the lever). */
  calibration?: { method: string; fitted_on: string; brier_valid: { before: number; after: number }; brier_test: { before: number; after: number } };
  loss?: { focal_gamma: number; focal_alpha: number; objective: string };
  regime_weights?: { alpha: number; window: number; train_min?: number; train_mean?: number; train_max?: number };
  label: { definition: string; horizon_bars: number; threshold: number; method?: string; vol_k?: number; vol_window?: number };
  data: { source: string; splits: Record<string, { rows: number; start: string; end: string; positive_rate: number }>; gaps?: GapSummary };
  metrics: { validation: SplitMetrics; test: SplitMetrics };
  /** The stored defaults (trial 0) refitted and measured on the same rows (absent in manifests from before it). */
  defaults?: { trial: number | null; threshold: number; validation_value: number; metrics: { validation: SplitMetrics; test: SplitMetrics } };
  /** The best trial's test F1 and PR-AUC minus the defaults', with paired moving-block bootstrap intervals. */
  versus_defaults?: { split: string; method: string; block: number; resamples: number; seed: number; f1: Interval; pr_auc: Interval };
  duration_s: number;
}

export interface WorkerResult {
  model: string; token: string; ok: boolean; exitCode: number; seconds: number;
  manifestPath: string; logPath: string; error?: string; manifest?: WorkerManifest;
}

/** The plan's gate. requireSkill: a token counts only if the model also beat the always-buy F1 on test. */
export interface Gate { minF1: number; minTokens: number; requireSkill?: boolean }
export interface GateResult { pass: boolean; perModel: Record<string, { passing: number; of: number; pass: boolean }> }
/** The skill gate: a token has skill when both bootstrap lower bounds (F1 and PR-AUC margins on test) are above 0. */
export interface SkillGate { minTokens: number }
/** Which gate decides the exit status; both are always computed and reported. */
export type GateKind = 'skill' | 'f1';

/** A configured value: where it came from, the layer that gave it (`base`, the token or `group:NAME`) and its change-set. */
export interface Configured { value: string; source: string; layer?: string; changeset?: number | null }

export interface RunManifest {
  kind: 'hpconf/ftf-run';
  version: 1;
  run_id: string;
  created_at: string;
  factor: string; crypto_group: string; tokens: string[]; models: string[]; timeframe: string;
  data_dir: string;
  /** The quote asset of the candle files (USDT). */
  quote?: string;
  /** The store the values came from: its description, revision and environment (`default` in runs from before environments). */
  store: { describe: string; revision: number; environment?: string };
  /** Every value injected into the workers and where it came from (the store, or a command-line override). */
  configured: Record<string, Configured>;
  /**
   * Per token, the values its segment overrides (token, then its groups by priority): a study of that token
   * trained with these instead of `configured`'s. Absent where no token has an override.
   */
  by_token?: Record<string, Record<string, Configured>>;
  parallel: number;
  gate: Gate & GateResult;
  skill_gate?: SkillGate & GateResult;
  deciding_gate?: GateKind;
  study_storage?: string;
  workers_per_study?: number;
  data_check?: { token: string; candles: number; first: string; last: string; gaps: Omit<GapSummary, 'list'> }[];
  wall_seconds: number;
  /** The MLflow tracking URI the studies were logged to (ftf run --mlflow). */
  mlflow?: string;
  workers: (Omit<WorkerResult, 'manifest'> & { metrics?: WorkerManifest['metrics']; trained_with?: TrainedWith[]; best_trial?: number;
    /** `warm start: N trials imported from STUDY, M out of bounds skipped`, or `cold start`. */
    warm_start?: string })[];
}
