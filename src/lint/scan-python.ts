import { createRequire } from 'node:module';
import { Language, Parser, Query, type Node } from 'web-tree-sitter';
import type { Finding, NameMatcher, ScanResult, Scanner, Suppression } from './types.js';
import { parseSuppression, SUGGEST } from './common.js';

const require = createRequire(import.meta.url);
let parser: Promise<{ parser: Parser; query: Query }> | undefined;

/** tree-sitter's Python grammar as WebAssembly, shipped inside the npm package: no native build. */
function getParser(): Promise<{ parser: Parser; query: Query }> {
  parser ??= (async () => {
    await Parser.init();
    const lang = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const p = new Parser();
    p.setLanguage(lang);
    // The node kinds the gate inspects, found inside the WebAssembly: only they cross into JavaScript.
    const query = new Query(lang, `[${[...INTEREST].map((t) => `(${t})`).join(' ')}] @n`);
    return { parser: p, query };
  })();
  return parser;
}

const INTEREST = new Set(['comment', 'keyword_argument', 'pair', 'assignment', 'default_parameter', 'typed_default_parameter', 'call']);

function numeric(n: Node | null): boolean {
  if (!n) return false;
  if (n.type === 'integer' || n.type === 'float') return true;
  if (n.type === 'unary_operator') return ['-', '+'].includes(n.child(0)?.text ?? '') && numeric(n.child(1));
  if (n.type === 'parenthesized_expression') return numeric(n.namedChild(0));
  return false;
}

/** The text of a plain string literal ("max_depth"), or undefined for f-strings and the like. */
function stringValue(n: Node | null): string | undefined {
  if (!n || n.type !== 'string') return undefined;
  const parts = n.namedChildren.filter((c) => c && c.type === 'string_content');
  if (n.namedChildren.some((c) => c && c.type === 'interpolation')) return undefined;
  return parts.map((p) => p!.text).join('');
}

/** The bound name of an assignment target: x, self.x, obj.x, d["x"]. */
function targetName(n: Node | null): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text;
  if (n.type === 'subscript') return stringValue(n.childForFieldName('subscript'));
  return undefined;
}

/** A parsed tree (the caller deletes it). */
export async function parsePython(source: string) {
  return (await getParser()).parser.parse(source)!;
}

export const pythonScanner: Scanner = {
  language: 'python',
  extensions: ['.py', '.pyi'],
  async scan(path, source, names) {
    const { parser: p, query } = await getParser();
    const tree = p.parse(source)!;
    const findings: Finding[] = [];
    const suppressions: Suppression[] = [];
    const add = (rule: Finding['rule'], node: Node, name: string, literal: string, via: string) => {
      const canonical = names.match(name)!;
      findings.push({
        rule, path, line: node.startPosition.row + 1, col: node.startPosition.column + 1, endLine: node.endPosition.row + 1, endCol: node.endPosition.column + 1,
        name, literal, via,
        message: rule === 'HP002'
          ? `search range for ${name} hard-coded as ${literal}: read it with hpo_space() / resolve_hpo_range() (store keys ..._${canonical.toUpperCase()}_RANGE_*)`
          : `${name} hard-coded as ${literal} (${via}): read it with resolve() / native_params() from the store`,
      });
    };
    /** HP001 when a catalog name is bound to a numeric literal. */
    const check = (n: Node, name: string | undefined, value: Node | null, via: string) => {
      if (name && names.match(name) && numeric(value)) add('HP001', n, name, value!.text, via);
    };
    const handle = (n: Node) => {
      switch (n.type) {
        case 'comment': {
          const s = parseSuppression(n.text, n.startPosition.row + 1);
          if (s) suppressions.push(s);
          break;
        }
        case 'keyword_argument':
          check(n, n.childForFieldName('name')?.text, n.childForFieldName('value'), 'keyword argument');
          break;
        case 'pair':
          check(n, stringValue(n.childForFieldName('key')), n.childForFieldName('value'), 'dict entry');
          break;
        case 'assignment': {
          const inClass = n.parent?.parent?.type === 'block' && n.parent?.parent?.parent?.type === 'class_definition';
          check(n, targetName(n.childForFieldName('left')), n.childForFieldName('right'), inClass ? 'class field' : 'assignment');
          break;
        }
        case 'default_parameter':
        case 'typed_default_parameter':
          check(n, n.childForFieldName('name')?.text, n.childForFieldName('value'), 'parameter default');
          break;
        case 'call': {
          const fn = n.childForFieldName('function');
          const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.type === 'identifier' ? fn.text : undefined;
          const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a);
          const first = stringValue(args[0] ?? null);
          if (method === 'get' && first && names.match(first) && numeric(args[1] ?? null)) add('HP001', n, first, args[1].text, '.get default');
          if (method && SUGGEST.test(method) && first && names.match(first)) {
            const bounds = args.slice(1).flatMap((a) => (a.type === 'keyword_argument' ? (['low', 'high', 'choices'].includes(a.childForFieldName('name')?.text ?? '') ? [a.childForFieldName('value')!] : []) : [a]));
            const literal = bounds.filter((b) => numeric(b) || (b.type === 'list' || b.type === 'tuple') && b.namedChildren.every((x) => numeric(x)));
            if (literal.length) add('HP002', n, first, literal.map((b) => b.text).join('..'), method);
          }
          break;
        }
      }
    };
    // Walk with a cursor and only materialise the node types of interest: far cheaper across the WASM boundary.
    for (const { node } of query.captures(tree.rootNode)) handle(node);
    let parseError: ScanResult['parseError'];
    if (tree.rootNode.hasError) {
      const bad = firstError(tree.rootNode);
      parseError = { line: (bad?.startPosition.row ?? 0) + 1, col: (bad?.startPosition.column ?? 0) + 1, message: bad?.isMissing ? `missing ${bad.type}` : 'syntax error' };
    }
    tree.delete();
    return { findings, suppressions, parseError };
  },
};

function firstError(n: Node): Node | undefined {
  if (n.type === 'ERROR' || n.isMissing) return n;
  for (const c of n.children) {
    if (c && (c.hasError || c.isMissing)) {
      const f = firstError(c);
      if (f) return f;
    }
  }
  return undefined;
}

export type { NameMatcher };
