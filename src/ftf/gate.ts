import type { Gate, GateResult, SkillGate, WorkerResult } from './types.js';

/**
 * The plan's gate: F1 on buy (validation) >= minF1 on at least minTokens tokens, for every model type; a failed
 * worker is a miss. With requireSkill, a token counts only if the model also beat the always-buy F1 on test.
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

/**
 * The skill gate: a token has skill when the 95 % lower bounds of both test margins (F1 over always-buy, PR-AUC
 * over the positive rate) are above 0; every model type needs minTokens such tokens. A manifest without a
 * bootstrap (an older worker) has no skill to show.
 */
export function evaluateSkillGate(results: WorkerResult[], models: string[], gate: SkillGate): GateResult {
  const perModel: GateResult['perModel'] = {};
  for (const m of models) {
    const mine = results.filter((r) => r.model === m);
    const passing = mine.filter((r) => r.ok && r.manifest?.metrics.test.skill?.has_skill === true).length;
    perModel[m] = { passing, of: mine.length, pass: passing >= gate.minTokens };
  }
  return { pass: Object.values(perModel).every((x) => x.pass), perModel };
}
