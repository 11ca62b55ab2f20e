/** What the gate reports; a scanner finds HP001/HP002 candidates, the linter applies suppressions, allow-lists and the baseline. */
export type RuleId = 'HP001' | 'HP002' | 'HP003' | 'HP004';

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
  /** The source line, trimmed (for fingerprints that follow a line when it moves). */
  snippet?: string;
}

export interface ScanResult { findings: Finding[]; parseError?: { line: number; col: number; message: string }; suppressions: Suppression[] }

/** `# hpconf: ignore[HP001] reason` (or `//` in TypeScript), on the line it applies to. */
export interface Suppression { line: number; rules: string[]; reason: string }

/** One interface, one implementation per language (scan-python.ts, scan-typescript.ts), one shared case suite. */
export interface Scanner {
  language: string;
  extensions: string[];
  scan(path: string, source: string, names: NameMatcher): Promise<ScanResult>;
}

export interface NameMatcher {
  /** The canonical hyperparameter a name stands for (case and _ ignored: max_depth, maxDepth, MAX_DEPTH), or undefined. */
  match(name: string): string | undefined;
}
