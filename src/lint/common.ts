import type { Suppression } from './types.js';

/** Optuna's suggest calls (snake_case in Python, camelCase in a TypeScript port). */
export const SUGGEST = /^suggest_?(int|float|uniform|loguniform|discrete_?uniform|categorical)$/i;

/**
 * At the start of the comment (after #, // or /*), or after a second comment marker inside it, as Ruff reads
 * `# note  # noqa`: a line that already has a comment takes the directive at its end. A mention in prose, as in
 * documentation, is not a directive.
 */
const SUPPRESS = /^(?:[#/*\s]*|.*?\s(?:#|\/\/)\s*)hpconf:\s*ignore(-file)?\[([^\]]*)\]\s*(.*)$/s;

/** `hpconf: ignore[HP001] reason` (this line) or `hpconf: ignore-file[HP001] reason` (the whole file) in a comment's text. */
export function parseSuppression(comment: string, line: number): Suppression | undefined {
  const m = SUPPRESS.exec(comment);
  if (!m) return undefined;
  const reason = m[3].replace(/\*\/\s*$/, '').replace(/\s+/g, ' ').trim();
  const s: Suppression = { line, rules: m[2].split(',').map((r) => r.trim()).filter(Boolean), reason };
  if (m[1]) s.scope = 'file';
  return s;
}

/** 1-based line and column of a character offset. */
export function lineIndex(source: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
    return { line: lo + 1, col: offset - starts[lo] + 1 };
  };
}

/**
 * Calls that configure a model (their keyword arguments, and dicts passed to them, are hyperparameters even under
 * generic names): the estimators of the three libraries, their train/cv functions, fit and set_params.
 */
export const MODEL_CALLS = new Set(['XGBClassifier', 'XGBRegressor', 'XGBRanker', 'XGBRFClassifier', 'XGBRFRegressor', 'XGBModel',
  'LGBMClassifier', 'LGBMRegressor', 'LGBMRanker', 'LGBMModel', 'CatBoostClassifier', 'CatBoostRegressor', 'CatBoostRanker', 'CatBoost',
  'fit', 'set_params']);
/** Module functions that configure a model, when called on one of the libraries (xgb.train, lgb.cv, xgboost.Booster). */
export const LIBRARY_CALLS = /^(xgb|xgboost|lgb|lightgbm|cb|catboost)\.(train|cv|Booster|Dataset|DMatrix)$/;
/** Searches whose grid or distributions are search spaces (HP002 for literal values in them). */
export const GRID_CALLS = new Set(['GridSearchCV', 'RandomizedSearchCV', 'HalvingGridSearchCV', 'HalvingRandomSearchCV', 'BayesSearchCV', 'grid_search', 'randomized_search']);
export const GRID_KEYWORDS = new Set(['param_grid', 'param_distributions', 'search_spaces', 'grid', 'params_grid']);
/** hyperopt's space functions: hp.uniform("eta", 0.01, 0.3). */
export const HYPEROPT = /^hp\.(uniform|quniform|loguniform|qloguniform|normal|qnormal|lognormal|qlognormal|choice|pchoice|randint|uniformint)$/;
/** Early stopping given as a callback: lgb.early_stopping(100), early_stopping(stopping_rounds=5), xgb.callback.EarlyStopping(rounds=10). */
export const EARLY_STOPPING_CALLS = new Set(['early_stopping', 'EarlyStopping']);
export const EARLY_STOPPING_KEYWORDS = new Set(['stopping_rounds', 'rounds', 'early_stopping_rounds']);
/** Positional boosting rounds: xgb.train(params, dtrain, 2000), lgb.train(params, train_set, 2000), lgb.cv / xgb.cv. */
export const ROUNDS_CALLS = /^(xgb|xgboost|lgb|lightgbm)\.(train|cv)$/;
/** Variables that hold a model's parameters, by name; a grid or space, by name. */
export const PARAMS_VAR = /param|hyper|^hps?$|_hps?$|^hp_|booster|model_?(cfg|config|kwargs|args)$/i;
export const GRID_VAR = /grid|space|distrib/i;
/** A function or class whose name says it trains or configures a model: its defaults, fields and assignments configure one. */
export const MODEL_SCOPE = /train|fit|tune|objective|model|param|config|setting|hyper|booster|xgb|lgb|catboost|estimator/i;
export const CONSTRUCTORS = new Set(['__init__', '__post_init__', 'constructor']);
