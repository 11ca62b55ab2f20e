import { parseSync } from 'oxc-parser';
import { lineIndex, parseSuppression, SUGGEST } from './common.js';
import type { Finding, ScanResult, Scanner, Suppression } from './types.js';

// oxc's ESTree-shaped AST; only the fields the gate reads.
interface N { type: string; start: number; end: number; [k: string]: unknown }

const isNode = (x: unknown): x is N => !!x && typeof x === 'object' && typeof (x as N).type === 'string';

/** The numeric literal an expression is (6, -1, (0.1), 0.3 as number), or undefined. */
function literal(n: unknown): N | undefined {
  if (!isNode(n)) return undefined;
  if (n.type === 'Literal') return typeof n.value === 'number' || typeof n.value === 'bigint' ? n : undefined;
  if (n.type === 'UnaryExpression') return (n.operator === '-' || n.operator === '+') && literal(n.argument) ? n : undefined;
  if (n.type === 'ParenthesizedExpression' || n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSNonNullExpression') return literal(n.expression);
  return undefined;
}
const numeric = (n: unknown) => literal(n) !== undefined;

/** A property key or member name: foo, "foo", obj.foo, obj["foo"]. */
function keyName(k: unknown, computed = false): string | undefined {
  if (!isNode(k)) return undefined;
  if (k.type === 'Identifier' && !computed) return k.name as string;
  if (k.type === 'PrivateIdentifier') return k.name as string;
  if (k.type === 'Literal' && typeof k.value === 'string') return k.value;
  return undefined;
}

function target(n: unknown): string | undefined {
  if (!isNode(n)) return undefined;
  if (n.type === 'Identifier') return n.name as string;
  if (n.type === 'MemberExpression') return keyName(n.property, n.computed as boolean);
  return undefined;
}

export const typescriptScanner: Scanner = {
  language: 'typescript',
  extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
  async scan(path, source, names) {
    const r = parseSync(path, source);
    const at = lineIndex(source);
    const findings: Finding[] = [];
    const text = (n: N) => source.slice(n.start, n.end);
    const add = (rule: Finding['rule'], n: N, name: string, literal: string, via: string) => {
      const s = at(n.start);
      const e = at(n.end);
      const canonical = names.match(name)!;
      findings.push({
        rule, path, line: s.line, col: s.col, endLine: e.line, endCol: e.col, name, literal, via,
        message: rule === 'HP002'
          ? `search range for ${name} hard-coded as ${literal}: read it with hpoSpace() / resolveHpoRange() (store keys ..._${canonical.toUpperCase()}_RANGE_*)`
          : `${name} hard-coded as ${literal} (${via}): read it with resolve() / nativeParams() from the store`,
      });
    };
    const check = (node: N, name: string | undefined, value: unknown, via: string) => {
      if (name && names.match(name) && numeric(value)) add('HP001', node, name, text(literal(value)!), via);
    };
    const visit = (n: N) => {
      switch (n.type) {
        case 'Property': check(n, keyName(n.key, n.computed as boolean), n.value, 'object property'); break;
        case 'VariableDeclarator': check(n, target(n.id), n.init, 'assignment'); break;
        case 'AssignmentExpression': if (n.operator === '=') check(n, target(n.left), n.right, 'assignment'); break;
        case 'AssignmentPattern': check(n, target(n.left), n.right, 'parameter default'); break;
        case 'PropertyDefinition': check(n, keyName(n.key, n.computed as boolean), n.value, 'class field'); break;
        case 'TSParameterProperty': break;
        case 'CallExpression': {
          const callee = n.callee as N;
          const method = callee?.type === 'MemberExpression' ? keyName(callee.property, callee.computed as boolean) : callee?.type === 'Identifier' ? (callee.name as string) : undefined;
          const args = (n.arguments as N[]) ?? [];
          const first = args[0]?.type === 'Literal' && typeof args[0].value === 'string' ? (args[0].value as string) : undefined;
          if (method === 'get' && first && names.match(first) && numeric(args[1])) add('HP001', n, first, text(literal(args[1])!), '.get default');
          if (method && SUGGEST.test(method) && first && names.match(first)) {
            const bounds = args.slice(1).filter((a) => numeric(a) || (a.type === 'ArrayExpression' && (a.elements as unknown[]).every(numeric)));
            if (bounds.length) add('HP002', n, first, bounds.map(text).join('..'), method);
          }
          break;
        }
      }
      for (const v of Object.values(n)) {
        if (Array.isArray(v)) { for (const x of v) if (isNode(x)) visit(x); }
        else if (isNode(v)) visit(v);
      }
    };
    visit(r.program as unknown as N);
    const suppressions: Suppression[] = [];
    for (const c of r.comments) {
      const s = parseSuppression(c.value, at(c.start).line);
      if (s) suppressions.push(s);
    }
    const err = r.errors[0];
    const parseError: ScanResult['parseError'] = err
      ? { ...at(err.labels?.[0]?.start ?? 0), message: err.message }
      : undefined;
    return { findings, suppressions, parseError };
  },
};
