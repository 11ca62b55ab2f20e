import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';
import type { RuleId } from './types.js';

export interface RuleDef { name: string; short: string; full: string; bad: string; good: string }
export const RULES: Record<RuleId, RuleDef> = JSON.parse(readFileSync(path.join(ROOT, 'spec', 'lint-rules.json'), 'utf8')).rules;
