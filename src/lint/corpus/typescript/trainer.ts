// A TypeScript port of the legacy trainer (a Node service that calls a Python worker).
import { spawn } from 'node:child_process';

export const DEFAULTS = { maxDepth: 6, learningRate: 0.1, nEstimators: 1000 }; // EXPECT HP001 maxDepth; HP001 learningRate; HP001 nEstimators
const RETRIES = 3;
const TIMEOUT_MS = 30_000;
// maxDepth: 7 was tried; learning_rate = 0.2 diverged
const HELP = 'set max_depth=8 to overfit';
const LABEL = `learning_rate=${0.1}`;

export const LGB_PARAMS = {
  num_leaves: 31, // EXPECT HP001 num_leaves
  'bagging_fraction': 0.8, // EXPECT HP001 bagging_fraction
  objective: 'binary',
  metric: ['auc'],
};

interface Trial { suggestInt(name: string, low: number, high: number): number; suggestFloat(name: string, low: number, high: number, opts?: { log: boolean }): number }

export function space(trial: Trial) {
  return {
    maxDepth: trial.suggestInt('max_depth', 5, 12), // EXPECT HP002 max_depth
    learningRate: trial.suggestFloat('learning_rate', 0.01, 0.3, { log: true }), // EXPECT HP002 learning_rate
    window: trial.suggestInt('window', 5, 50),
  };
}

export class TrainerConfig {
  subsample = 0.8; // EXPECT HP001 subsample
  static colsampleBytree = 0.9; // EXPECT HP001 colsampleBytree
  name = 'xgb';
  retries = RETRIES;
  #regAlpha = 0.001; // EXPECT HP001 regAlpha

  alpha(): number { return this.#regAlpha; }
}

export function train(data: number[][], minChildWeight = 1, axis = 1, { gamma = 0 } = {}) { // EXPECT HP001 minChildWeight; HP001 gamma
  const cfg = new Map<string, number>();
  const depth = cfg.get('max_depth') ?? DEFAULTS.maxDepth;
  const eta = cfg.get('eta', 0.3 as never); // EXPECT HP001 eta
  let reg_lambda: number;
  reg_lambda = 1.0; // EXPECT HP001 reg_lambda
  const slice = data.slice(0, 1);
  const rows = Math.max(depth, 1);
  return spawn('python', ['-m', 'worker', String(depth), String(eta), String(reg_lambda), String(slice.length + rows + axis + minChildWeight + gamma)], { timeout: TIMEOUT_MS });
}
