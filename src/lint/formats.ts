import { createRequire } from 'node:module';
import { RULES } from './rules.js';
import type { LintResult } from './lint.js';
import type { Finding, RuleId } from './types.js';

export type LintFormat = 'text' | 'github' | 'sarif' | 'json';
export const LINT_FORMATS: LintFormat[] = ['text', 'github', 'sarif', 'json'];

/** GitHub workflow commands: %, CR and LF escaped in the message; also : and , in property values. */
export const ghData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const ghProp = (s: string) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

// node:crypto loads only for the formats that fingerprint (SARIF, JSON), not for text output.
const createHash: typeof import('node:crypto').createHash = (...a) => (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).createHash(...a);
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

/** Where a finding is, as people read it: `path:line:col`, or `nb.ipynb:cell 3:2:5` in a notebook. */
export const where = (f: Finding) => (f.cell ? `${f.path}:cell ${f.cell}:${f.line}:${f.col}` : `${f.path}:${f.line}:${f.col}`);

function summaryLine(r: LintResult, mode: 'warn' | 'fail'): string {
  const fs = r.findings;
  const stale = r.stale.reduce((n, s) => n + s.count, 0);
  return `${fs.length} finding(s) in ${r.files} file(s), ${r.lines} lines; ${r.suppressed.length} suppressed, ${r.baselined.length} in the baseline, ${r.allowed.length} in allowed paths` +
    (r.ignored.length ? `, ${r.ignored.length} ignored by per-path rules` : '') + (stale ? `; ${stale} stale baseline entr${stale === 1 ? 'y' : 'ies'} (--prune-baseline drops them)` : '') +
    (r.skipped.length ? `; ${r.skipped.length} path(s) skipped` : '') + (fs.length ? (mode === 'fail' ? ' - failing' : ' - warn mode, not failing') : '');
}

const byRule = (fs: Finding[]) => Object.entries(fs.reduce<Record<string, number>>((m, f) => ({ ...m, [f.rule]: (m[f.rule] ?? 0) + 1 }), {})).sort();
const topFiles = (fs: Finding[], n: number) => Object.entries(fs.reduce<Record<string, number>>((m, f) => ({ ...m, [f.path]: (m[f.path] ?? 0) + 1 }), {}))
  .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);

/** Markdown for $GITHUB_STEP_SUMMARY: the verdict, counts by rule, the files with the most findings (GitHub shows only 10 annotations per step). */
export function stepSummary(r: LintResult, mode: 'warn' | 'fail'): string {
  const fs = r.findings;
  const lines = [`### hpconf lint: ${fs.length ? (mode === 'fail' ? 'failing' : 'warnings') : 'clean'}`, '', summaryLine(r, mode), ''];
  if (fs.length) {
    lines.push('| rule | findings |', '| --- | --- |', ...byRule(fs).map(([rule, n]) => `| ${rule} ${RULES[rule as RuleId].short} | ${n} |`), '');
    lines.push('| file | findings |', '| --- | --- |', ...topFiles(fs, 10).map(([p, n]) => `| \`${p}\` | ${n} |`), '');
  }
  return lines.join('\n') + '\n';
}

const DOCS = 'https://github.com/hpconf/hpconf/blob/main/docs/lint-rules.md';
/** Each rule's page: a section of docs/lint-rules.md (written by rulesMarkdown, kept current by a test). */
export const helpUri = (id: RuleId) => `${DOCS}#${id.toLowerCase()}`;

/** docs/lint-rules.md: every rule as --explain prints it, one section each. */
export function rulesMarkdown(): string {
  const ids = Object.keys(RULES) as RuleId[];
  return ['# hpconf lint rules', '', 'Generated from `spec/lint-rules.json` (`hpconf lint --explain ID` prints the same).', '',
    ...ids.flatMap((id) => [`## ${id}`, '', '```text', explain(id), '```', ''])].join('\n');
}

/** `hpconf lint --explain HP001`. */
export function explain(id: RuleId): string {
  const d = RULES[id];
  const indent = (s: string) => s.split('\n').map((l) => `    ${l}`).join('\n');
  return [`${id} ${d.name}: ${d.short}`, '', d.full, '', 'Flagged:', indent(d.bad), '', 'Instead:', indent(d.good), '',
    `Suppress one line, with a reason: # hpconf: ignore[${id}] why this literal is right here`,
    `Or a whole file: # hpconf: ignore-file[${id}] why; or per path in the config: "perPathIgnores": { "scripts/**": ["${id}"] }`].join('\n');
}

export function render(r: LintResult, format: LintFormat, mode: 'warn' | 'fail', version: string): string {
  const fs = r.findings;
  switch (format) {
    case 'text': {
      const lines = fs.map((f) => `${where(f)}  ${f.rule}  ${f.message}`);
      for (const s of r.stale) lines.push(`${s.path}: stale baseline entry: ${s.rule} ${s.name} = ${s.literal} (x${s.count}) no longer found`);
      lines.push(summaryLine(r, mode));
      return lines.join('\n');
    }
    case 'github': {
      // In a notebook GitHub shows the .ipynb file itself: the annotation goes on the JSON line of the cell's line.
      const at = (f: Finding) => (f.cell ? (f.fileLine ? `line=${f.fileLine},endLine=${f.fileLine},` : '') : `line=${f.line},col=${f.col},endLine=${f.endLine},endColumn=${f.endCol},`);
      const out = fs.map((f) => `::${mode === 'fail' ? 'error' : 'warning'} file=${ghProp(f.path)},${at(f)}` +
        `title=${ghProp(`${f.rule} ${RULES[f.rule].short}${f.cell ? ` (cell ${f.cell})` : ''}`)}::${ghData(f.message)}`);
      out.push(`::${fs.length ? (mode === 'fail' ? 'error' : 'warning') : 'notice'} title=hpconf lint::${ghData(summaryLine(r, mode) + (fs.length ? `. By rule: ${byRule(fs).map(([k, n]) => `${k} ${n}`).join(', ')}` : ''))}`);
      return out.join('\n');
    }
    case 'json':
      return JSON.stringify({ files: r.files, lines: r.lines, findings: fs, suppressed: r.suppressed, baselined: r.baselined, allowed: r.allowed, ignored: r.ignored, stale: r.stale, skipped: r.skipped }, null, 2);
    case 'sarif': {
      const ids = Object.keys(RULES) as RuleId[];
      const fps = fingerprints(fs);
      return JSON.stringify({
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
          tool: { driver: { name: 'hpconf-lint', version, informationUri: 'https://github.com/hpconf/hpconf',
            rules: ids.map((id) => ({ id, name: RULES[id].name, shortDescription: { text: RULES[id].short }, fullDescription: { text: RULES[id].full },
              helpUri: helpUri(id), help: { text: `${RULES[id].full}\n\nInstead: ${RULES[id].good}` },
              defaultConfiguration: { level: 'error' } })) } },
          results: fs.map((f, i) => ({
            ruleId: f.rule, ruleIndex: ids.indexOf(f.rule), level: mode === 'fail' ? 'error' : 'warning', message: { text: (f.cell ? `cell ${f.cell}, line ${f.line}: ` : '') + f.message },
            // A notebook's region is the JSON line of the cell's line (columns inside a JSON string would mislead).
            locations: [{ physicalLocation: { artifactLocation: { uri: f.path }, region: f.cell ? { startLine: f.fileLine ?? 1 } : { startLine: f.line, startColumn: f.col, endLine: f.endLine, endColumn: f.endCol } },
              ...(f.cell ? { logicalLocations: [{ name: `cell ${f.cell}`, kind: 'module' }] } : {}) }],
            ...(f.cell ? { properties: { cell: f.cell } } : {}),
            partialFingerprints: fps[i],
          })),
        }],
      }, null, 2);
    }
  }
}
