/** Run records for tests: a plausible run of two models on two tokens, each study with defaults, best and intervals. */
// hpconf: ignore-file[HP001] the values here are what a fake trial proposed and recorded: data, never trained with
import type { RunRecord, StudyRecord } from './record.js';

const ci = (value: number, lo: number, hi: number) => ({ value, lo, hi });
export function sampleStudy(model: string, token: string, skill: boolean): StudyRecord {
  const fig = (trial: number, f1: number) => ({ trial, validation: { f1, prAuc: 0.3, objective: f1 },
    test: { f1, prAuc: 0.31, alwaysBuyF1: 0.41, positiveRate: 0.26, predictedBuyRate: 0.8, f1Margin: ci(f1 - 0.41, skill ? 0.001 : -0.01, 0.02), prAucMargin: ci(0.05, 0.02, 0.08), skill } });
  return { model, token, ok: true, error: null, study: `hpconf-r1-${model}-5M-${token}-abc`, storage: 'journal:/tmp/x', manifest: `${model}_${token}.json`,
    spaceHash: 'abc', objective: 'f1_buy', nTrials: 20, storageSpec: 'journal:/tmp/x', signature: { objective: 'f1_buy' }, warmStart: 'cold start', defaults: fig(0, 0.40), best: fig(7, 0.42), params: { MAX_DEPTH: 7, LEARNING_RATE: 0.09 },
    versusDefaults: { f1: ci(0.02, 0.005, 0.035), prAuc: ci(0.01, -0.002, 0.02) }, seconds: 12.5 };
}
export function sampleRun(id: string, revision: number, o: Partial<RunRecord> = {}): RunRecord {
  return {
    id, environment: 'default', revision, createdAt: '2026-12-03T09:00:00.000Z', wallSeconds: 381, timeframe: '5M', models: ['XGB', 'LGB'], tokens: ['UNI', 'CRV'],
    dir: '/runs/' + id, studyStorage: 'journal:/runs/' + id + '/optuna.journal', dataDir: '/data/binance-2024', label: 'buy = close[t + 12] / close[t] - 1 > 0.004',
    gates: { deciding: 'skill', skill: { pass: false, minTokens: 4, perModel: { XGB: { passing: 1, of: 2, pass: false }, LGB: { passing: 0, of: 2, pass: false } } },
      f1: { pass: true, minF1: 0.4, minTokens: 4, perModel: { XGB: { passing: 2, of: 2, pass: true }, LGB: { passing: 2, of: 2, pass: true } } } },
    layers: { UNI: { CVN_HPO_XGB_5M_LEARNING_RATE: 'UNI' } }, configured: { CVN_HPO_XGB_5M_LEARNING_RATE: '0.07', CVN_HPO_N_TRIALS: '20' },
    studies: [sampleStudy('XGB', 'UNI', true), sampleStudy('XGB', 'CRV', false), sampleStudy('LGB', 'UNI', false), sampleStudy('LGB', 'CRV', false)],
    ...o,
  };
}

