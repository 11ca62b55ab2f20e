/** What the gate reports; a scanner finds HP001/HP002 candidates, the linter applies suppressions, allow-lists and the baseline. */
export type RuleId = 'HP001' | 'HP002' | 'HP003' | 'HP004' | 'HP005' | 'HP006';

export interface Finding {
  rule: RuleId;
  path: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** The hyperparameter name as written in the code (max_depth, maxDepth, "eta"). */
  name: string;
  /** The literal as written ("6", "0.1", "5..12"). */
  literal: string;
  /** How it is bound: keyword, property, get-default, assignment, parameter-default, class-field, suggest. */
  via: string;
  message: string;
  /** The source line, trimmed (for fingerprints and the baseline, which follow a line when it moves). */
  snippet?: string;
  /** The resolver call that replaces the literal, when the model (and maybe the timeframe) is known from the code. */
  suggestion?: string;
  /** In a notebook: the cell (1-based, every cell counted); `line` is then the line within that cell. */
  cell?: number;
  /** In a notebook: the line of the `.ipynb` file (its JSON) that holds that cell line, where code hosts show annotations. */
  fileLine?: number;
  /** Internal: the path relative to the configuration that governs the file (baseline keys). */
  pathInConfig?: string;
}

export interface ScanResult {
  findings: Finding[];
  parseError?: { line: number; col: number; message: string; cell?: number; fileLine?: number };
  /** More than one (a notebook: one per cell that does not parse). */
  parseErrors?: { line: number; col: number; message: string; cell?: number; fileLine?: number }[];
  suppressions: Suppression[];
  /** Lines of code scanned, when not the file's own line count (a notebook's code cells). */
  lines?: number;
}

/** `# hpconf: ignore[HP001] reason` (or `//` in TypeScript) on the line it applies to; `ignore-file[...]` for the whole file. */
export interface Suppression { line: number; rules: string[]; reason: string; scope?: 'file'; cell?: number }

/** One interface, one implementation per language (scan-python.ts, scan-typescript.ts), one shared case suite. */
export interface Scanner {
  language: string;
  extensions: string[];
  scan(path: string, source: string, names: NameMatcher, o?: ScanOptions): Promise<ScanResult>;
}

export interface ScanOptions {
  /** Inspect every syntax node, not only those on rows holding a trigger (triggers.ts): the reference the filter is tested against. */
  exhaustive?: boolean;
}

export interface NameMatcher {
  /** The canonical hyperparameter a name stands for (case and _ ignored: max_depth, maxDepth, MAX_DEPTH), or undefined. */
  match(name: string): string | undefined;
  /** A name that also means other things (seed, alpha, gamma): it counts only where it configures a model or a search. */
  generic?(name: string): boolean;
  /** A library hyperparameter the catalog does not hold yet (the message says to add it). */
  extra?(name: string): boolean;
  /** The catalog parameter (and its type) a name stands for in one model's vocabulary (XGB, LGB, CB). */
  paramOf?(model: string, name: string): { param: string; type: string } | undefined;
  /** Every name it matches, normalised (lower case, no underscores): lets the gate skip text holding none (triggers.ts). */
  all?: string[];
}
