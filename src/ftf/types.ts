/** The parts of a worker's training manifest (training/src/hpconf_training/worker.py) the orchestrator reads. */
export interface SplitMetrics {
  rows: number; f1_buy: number; precision: number; recall: number; pr_auc: number; positive_rate: number;
  predicted_positive_rate: number; always_buy_f1: number; beats_always_buy: boolean; logloss: number;
}
export interface Resolved { key: string; value: number | string; source: string }
export interface TrainedWith { param: string; native: string; key: string; value: number | string; source: string }
export interface WorkerManifest {
  kind: 'hpconf/training-manifest';
  run_id: string; model: string; timeframe: string; token: string; store_revision: number | null;
  resolved: Resolved[];
  trained_with: TrainedWith[];
  study: { name: string; n_trials: number; best_trial: number; best_value: number; defaults_value: number; objective: string };
  threshold: { method: string; value: number };
  label: { definition: string; horizon_bars: number; threshold: number };
  data: { source: string; splits: Record<string, { rows: number; start: string; end: string; positive_rate: number }> };
  metrics: { validation: SplitMetrics; test: SplitMetrics };
  duration_s: number;
}

export interface WorkerResult {
  model: string; token: string; ok: boolean; exitCode: number; seconds: number;
  manifestPath: string; logPath: string; error?: string; manifest?: WorkerManifest;
}

/** requireSkill: a token counts only if the model also beat the always-buy F1 on test (skill, not label balance). */
export interface Gate { minF1: number; minTokens: number; requireSkill?: boolean }
export interface GateResult { pass: boolean; perModel: Record<string, { passing: number; of: number; pass: boolean }> }

export interface RunManifest {
  kind: 'hpconf/ftf-run';
  version: 1;
  run_id: string;
  created_at: string;
  factor: string; crypto_group: string; tokens: string[]; models: string[]; timeframe: string;
  data_dir: string;
  store: { describe: string; revision: number };
  /** Every value injected into the workers and where it came from (the store, or a command-line override). */
  configured: Record<string, { value: string; source: string }>;
  parallel: number;
  gate: Gate & GateResult;
  wall_seconds: number;
  workers: (Omit<WorkerResult, 'manifest'> & { metrics?: WorkerManifest['metrics']; trained_with?: TrainedWith[]; best_trial?: number })[];
}
