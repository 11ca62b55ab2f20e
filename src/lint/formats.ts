import { createHash } from 'node:crypto';
import { RULES } from './rules.js';
import type { LintResult } from './lint.js';
import type { Finding, RuleId } from './types.js';

export type LintFormat = 'text' | 'github' | 'sarif' | 'json';
export const LINT_FORMATS: LintFormat[] = ['text', 'github', 'sarif', 'json'];

/** GitHub workflow commands: %, CR and LF escaped in the message; also : and , in property values. */
export const ghData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const ghProp = (s: string) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function fingerprint(f: Finding): string {
  return createHash('sha256').update(JSON.stringify([f.path, f.rule, f.name, f.literal])).digest('hex').slice(0, 32);
}

export function render(r: LintResult, format: LintFormat, mode: 'warn' | 'fail', version: string): string {
  const fs = r.findings;
  switch (format) {
    case 'text': {
      const lines = fs.map((f) => `${f.path}:${f.line}:${f.col}  ${f.rule}  ${f.message}`);
      lines.push(`${fs.length} finding(s) in ${r.files} file(s), ${r.lines} lines; ${r.suppressed.length} suppressed, ${r.baselined.length} in the baseline, ${r.allowed.length} in allowed paths` +
        (fs.length ? (mode === 'fail' ? ' - failing' : ' - warn mode, not failing') : ''));
      return lines.join('\n');
    }
    case 'github':
      return fs.map((f) => `::${mode === 'fail' ? 'error' : 'warning'} file=${ghProp(f.path)},line=${f.line},col=${f.col},endLine=${f.endLine},endColumn=${f.endCol},` +
        `title=${ghProp(`${f.rule} ${RULES[f.rule].short}`)}::${ghData(f.message)}`).join('\n');
    case 'json':
      return JSON.stringify({ files: r.files, lines: r.lines, findings: fs, suppressed: r.suppressed, baselined: r.baselined, allowed: r.allowed }, null, 2);
    case 'sarif': {
      const ids = Object.keys(RULES) as RuleId[];
      return JSON.stringify({
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
          tool: { driver: { name: 'hpconf-lint', version, informationUri: 'https://github.com/hpconf/hpconf',
            rules: ids.map((id) => ({ id, name: RULES[id].name, shortDescription: { text: RULES[id].short }, fullDescription: { text: RULES[id].full },
              defaultConfiguration: { level: 'error' } })) } },
          results: fs.map((f) => ({
            ruleId: f.rule, ruleIndex: ids.indexOf(f.rule), level: mode === 'fail' ? 'error' : 'warning', message: { text: f.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: f.path }, region: { startLine: f.line, startColumn: f.col, endLine: f.endLine, endColumn: f.endCol } } }],
            partialFingerprints: { 'hpconf/v1': fingerprint(f) },
          })),
        }],
      }, null, 2);
    }
  }
}
