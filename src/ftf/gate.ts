import type { Gate, GateResult, WorkerResult } from './types.js';

/**
 * F1 on buy (validation) >= minF1 on at least minTokens tokens, for every model type; a failed worker is
 * a miss. With requireSkill, a token counts only if the model also beat the always-buy F1 on test.
 */
export function evaluateGate(results: WorkerResult[], models: string[], gate: Gate): GateResult {
  const perModel: GateResult['perModel'] = {};
  for (const m of models) {
    const mine = results.filter((r) => r.model === m);
    const passing = mine.filter((r) => r.ok && (r.manifest?.metrics.validation.f1_buy ?? -1) >= gate.minF1
      && (!gate.requireSkill || r.manifest!.metrics.test.beats_always_buy)).length;
    perModel[m] = { passing, of: mine.length, pass: passing >= gate.minTokens };
  }
  return { pass: Object.values(perModel).every((x) => x.pass), perModel };
}
