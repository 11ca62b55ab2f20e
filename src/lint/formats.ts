import { createHash } from 'node:crypto';
import { RULES } from './rules.js';
import type { LintResult } from './lint.js';
import type { Finding, RuleId } from './types.js';

export type LintFormat = 'text' | 'github' | 'sarif' | 'json';
export const LINT_FORMATS: LintFormat[] = ['text', 'github', 'sarif', 'json'];

/** GitHub workflow commands: %, CR and LF escaped in the message; also : and , in property values. */
export const ghData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const ghProp = (s: string) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Two fingerprints per finding, unique within a run and stable while the code around it does not change:
 * `hpconf/v2` from path, rule, name, literal and the occurrence index among findings sharing those four (so a
 * literal repeated ten times in a file gives ten alerts, and moving lines changes nothing); and GitHub's
 * `primaryLocationLineHash` form (hash of the line's text without whitespace, ":" the occurrence of that hash in
 * the file), which code scanning uses to follow an alert when lines move.
 */
export function fingerprints(fs: Finding[]): { 'hpconf/v2': string; primaryLocationLineHash: string }[] {
  const order = fs.map((f, i) => i).sort((a, b) => fs[a].path.localeCompare(fs[b].path) || fs[a].line - fs[b].line || fs[a].col - fs[b].col);
  const seen = new Map<string, number>();
  const out = new Array<{ 'hpconf/v2': string; primaryLocationLineHash: string }>(fs.length);
  for (const i of order) {
    const f = fs[i];
    const group = JSON.stringify([f.path, f.rule, f.name, f.literal]);
    const k = (seen.get(group) ?? 0) + 1;
    seen.set(group, k);
    const lineHash = sha((f.snippet ?? `${f.rule}${f.name}${f.literal}`).replace(/\s+/g, '')).slice(0, 16);
    const lk = `${f.path}\0${lineHash}\0${f.rule}\0${f.col}`;
    const n = (seen.get(lk) ?? 0) + 1;
    seen.set(lk, n);
    out[i] = { 'hpconf/v2': sha(JSON.stringify([f.path, f.rule, f.name, f.literal, k])).slice(0, 32), primaryLocationLineHash: `${lineHash}:${n}` };
  }
  return out;
}

/** @deprecated the v1 fingerprint collided for repeated literals; kept only to read old SARIF. */
export function fingerprint(f: Finding): string {
  return sha(JSON.stringify([f.path, f.rule, f.name, f.literal])).slice(0, 32);
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
      const fps = fingerprints(fs);
      return JSON.stringify({
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
          tool: { driver: { name: 'hpconf-lint', version, informationUri: 'https://github.com/hpconf/hpconf',
            rules: ids.map((id) => ({ id, name: RULES[id].name, shortDescription: { text: RULES[id].short }, fullDescription: { text: RULES[id].full },
              defaultConfiguration: { level: 'error' } })) } },
          results: fs.map((f, i) => ({
            ruleId: f.rule, ruleIndex: ids.indexOf(f.rule), level: mode === 'fail' ? 'error' : 'warning', message: { text: f.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: f.path }, region: { startLine: f.line, startColumn: f.col, endLine: f.endLine, endColumn: f.endCol } } }],
            partialFingerprints: fps[i],
          })),
        }],
      }, null, 2);
    }
  }
}
