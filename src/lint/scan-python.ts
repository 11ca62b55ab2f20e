import { createRequire } from 'node:module';
import { EXTENSIONS } from './languages.js';
import { Language, Parser, Query, type Node, type Tree } from 'web-tree-sitter';
import { pythonRanges, rangeInput } from './python-chunks.js';
import { triggersOf } from './triggers.js';
import type { Finding, NameMatcher, ScanResult, Scanner, Suppression } from './types.js';
import { CONSTRUCTORS, EARLY_STOPPING_CALLS, MODEL_SCOPE, EARLY_STOPPING_KEYWORDS, GRID_CALLS, GRID_KEYWORDS, GRID_VAR, HYPEROPT, LIBRARY_CALLS, MODEL_CALLS, PARAMS_VAR, parseSuppression, ROUNDS_CALLS, SUGGEST } from './common.js';

const require = createRequire(import.meta.url);
interface Loaded { parser: Parser; query: Query }
let parser: Promise<Loaded> | undefined;

/** tree-sitter's Python grammar as WebAssembly, shipped inside the npm package: no native build. */
function getParser(): Promise<Loaded> {
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

const argsOf = (call: Node) => (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
const calleeText = (call: Node) => call.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';
const calleeName = (call: Node) => calleeText(call).split('.').pop() ?? '';
const kwName = (a: Node) => (a.type === 'keyword_argument' ? a.childForFieldName('name')?.text : undefined);

/** What a call configures: a model (its arguments are hyperparameters), a search grid, or nothing known. */
function callKind(call: Node | null | undefined): 'model' | 'grid' | undefined {
  if (!call || call.type !== 'call') return undefined;
  const name = calleeName(call);
  if (GRID_CALLS.has(name)) return 'grid';
  if (MODEL_CALLS.has(name) || LIBRARY_CALLS.test(calleeText(call))) return 'model';
  return undefined;
}

/** A list, tuple or set of numeric literals, or a distribution call with numeric arguments (uniform(0.01, 0.3)). */
function literalSpace(n: Node | null): boolean {
  if (!n) return false;
  if (['list', 'tuple', 'set'].includes(n.type)) return n.namedChildren.length > 0 && n.namedChildren.every((x) => x?.type === 'comment' || numeric(x));
  if (n.type === 'call') { const a = argsOf(n); return a.length > 0 && a.every((x) => numeric(x.type === 'keyword_argument' ? x.childForFieldName('value') : x)); }
  return false;
}

/**
 * Where a dict (or a container holding it) ends up: an argument of a model call or a grid, a keyword argument of
 * one (param_grid=...), or an assignment to a variable (whose name, or later use, says what it holds).
 */
function dictContext(dict: Node): { kind?: 'model' | 'grid'; variable?: string } {
  let n: Node = dict;
  while (n.parent && ['pair', 'dictionary', 'list', 'tuple', 'parenthesized_expression'].includes(n.parent.type)) n = n.parent;
  const p = n.parent;
  if (!p) return {};
  if (p.type === 'argument_list') return { kind: callKind(p.parent) };
  if (p.type === 'keyword_argument') {
    const call = p.parent?.parent;
    if (GRID_KEYWORDS.has(kwName(p) ?? '') && (callKind(call) || call?.type === 'call')) return { kind: 'grid' };
    return { kind: callKind(call) };
  }
  if (p.type === 'assignment') {
    const v = targetName(p.childForFieldName('left'));
    if (v && GRID_VAR.test(v)) return { kind: 'grid', variable: v };
    if (v && PARAMS_VAR.test(v)) return { kind: 'model', variable: v };
    return { variable: v };
  }
  return {};
}

/** Whether the nearest named function (or, in a constructor, its class) says it trains or configures a model. */
function modelScope(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition') {
      const name = p.childForFieldName('name')?.text ?? '';
      if (p.type === 'function_definition' && CONSTRUCTORS.has(name)) continue;
      return MODEL_SCOPE.test(name);
    }
  }
  return false;
}

/** The model a call configures, by the library it comes from: XGB, LGB or CB (the catalog's model ids). */
function modelOf(call: Node | null | undefined): string | undefined {
  if (!call || call.type !== 'call') return undefined;
  const t = calleeText(call);
  if (/(^|\.)XGB|^xgb\.|^xgboost\./.test(t)) return 'XGB';
  if (/(^|\.)LGBM|^lgb\.|^lightgbm\./.test(t)) return 'LGB';
  if (/(^|\.)CatBoost|^cb\.|^catboost\./.test(t)) return 'CB';
  return undefined;
}

/** The model and timeframe a binding sits in: its call (or the call its dict is passed to), a "5m" key around it. */
function contextOf(n: Node): { model?: string; timeframe?: string } {
  let model: string | undefined;
  let timeframe: string | undefined;
  for (let p: Node | null = n; p && !(model && timeframe); p = p.parent) {
    if (!model && p.type === 'call') model = modelOf(p);
    if (!timeframe && p.type === 'pair') { const k = stringValue(p.childForFieldName('key')); if (k && /^\d+[mhd]$/i.test(k)) timeframe = k.toLowerCase(); }
    if (p.type === 'function_definition' || p.type === 'class_definition') break;
  }
  return { model, timeframe };
}

/** A parsed tree (the caller deletes it). */
export async function parsePython(source: string) {
  return (await getParser()).parser.parse(source)!;
}

export const pythonScanner: Scanner = {
  language: 'python',
  extensions: [...EXTENSIONS.python],
  async scan(path, source, names, o = {}) {
    const { parser: p, query } = await getParser();
    const triggers = o.exhaustive ? undefined : triggersOf(names);
    const runs = triggers?.rows(source);
    // Parse only the statements that can hold a finding (python-chunks.ts); the whole file when those do not
    // parse, or when a finding may depend on code outside them.
    const ranges = runs ? pythonRanges(source, runs) : undefined;
    if (ranges && !ranges.length) return { findings: [], suppressions: [], parseError: undefined };
    if (ranges) {
      const tree = p.parse(rangeInput(source, ranges), null, { includedRanges: ranges })!;
      const part = inspect(tree, true);
      tree.delete();
      if (!part.parseError && !part.needsWhole) return part.result;
    }
    const tree = p.parse(source)!;
    const whole = inspect(tree, false);
    tree.delete();
    return whole.result;

    function inspect(tree: Tree, partial: boolean): { result: ScanResult; parseError: boolean; needsWhole: boolean } {
      const findings: Finding[] = [];
      const suppressions: Suppression[] = [];
      const add = (rule: Finding['rule'], node: Node, name: string, literal: string, via: string) => {
        const canonical = names.match(name)!;
        let suggestion: string | undefined;
        if (rule === 'HP001') {
          const ctx = contextOf(node);
          const p = ctx.model ? names.paramOf?.(ctx.model, name) : undefined;
          if (p && !names.extra?.(name)) suggestion = `r.resolve_${p.type === 'int' ? 'int' : p.type === 'float' ? 'float' : 'str'}("${ctx.model!.toLowerCase()}", ${ctx.timeframe ? `"${ctx.timeframe}"` : 'timeframe'}, "${p.param}")`;
        }
        findings.push({
          ...(suggestion ? { suggestion } : {}),
          rule, path, line: node.startPosition.row + 1, col: node.startPosition.column + 1, endLine: node.endPosition.row + 1, endCol: node.endPosition.column + 1,
          name, literal, via,
          message: rule === 'HP002'
            ? names.extra?.(name)
              ? `search range for ${name} hard-coded as ${literal}: a hyperparameter the catalog does not hold yet; add it to the catalog (catalog/catalog.json) with a range, then read it with hpo_space() / resolve_hpo_range()`
              : `search range for ${name} hard-coded as ${literal}: read it with hpo_space() / resolve_hpo_range() (store keys ..._${canonical.toUpperCase()}_RANGE_*)`
            : names.extra?.(name)
              ? `${name} hard-coded as ${literal} (${via}): a hyperparameter the catalog does not hold yet; add it to the catalog (catalog/catalog.json) so the store holds it, then read it with resolve()`
              : `${name} hard-coded as ${literal} (${via}): read it ${suggestion ? `with ${suggestion}` : 'with resolve() / native_params()'} from the store`,
        });
      };
      const generic = (name: string) => names.generic?.(name) ?? false;
      /** HP001 when a catalog name is bound to a numeric literal; a generic name only in a model's context. */
      const check = (n: Node, name: string | undefined, value: Node | null, via: string, inModel = false) => {
        if (name && names.match(name) && numeric(value) && (inModel || !generic(name))) add('HP001', n, name, value!.text, via);
      };
      const specificMemo = new Map<number, boolean>();
      const hasSpecific = (dict: Node): boolean => {
        let v = specificMemo.get(dict.id);
        if (v === undefined) {
          v = dict.namedChildren.some((c) => { if (c?.type !== 'pair') return false; const k = stringValue(c.childForFieldName('key')); return !!k && !!names.match(k) && !generic(k); });
          specificMemo.set(dict.id, v);
        }
        return v;
      };
      // Generic names in dicts assigned to a plainly named variable: flagged if that variable reaches a model call.
      const pending: { n: Node; name: string; value: Node; variable: string }[] = [];
      // Module-level numeric constants (SEED = 71), and where a hyperparameter takes one by name
      // ({"seed": SEED}, max_depth=DEPTH): such a use is the constant's literal, reported at the constant's line.
      const constants = new Map<string, Node>();
      const constUses: { name: string; constant: string; inModel: boolean; variable?: string }[] = [];
      const useConstant = (name: string | undefined, value: Node | null, inModel: boolean, variable?: string) => {
        if (name && value?.type === 'identifier' && names.match(name)) constUses.push({ name, constant: value.text, inModel, variable });
      };
      const modelVars = new Set<string>();
      const handle = (n: Node) => {
        switch (n.type) {
          case 'comment': {
            const s = parseSuppression(n.text, n.startPosition.row + 1);
            if (s) suppressions.push(s);
            break;
          }
          case 'keyword_argument': {
            const call = n.parent?.parent;
            const name = n.childForFieldName('name')?.text;
            const value = n.childForFieldName('value');
            if (name && EARLY_STOPPING_KEYWORDS.has(name) && call && EARLY_STOPPING_CALLS.has(calleeName(call))) {
              if (numeric(value)) add('HP001', n, 'early_stopping_rounds', value!.text, 'early-stopping callback');
              break;
            }
            check(n, name, value, 'keyword argument', callKind(call) === 'model');
            useConstant(name, value, callKind(call) === 'model');
            break;
          }
          case 'pair': {
            const name = stringValue(n.childForFieldName('key'));
            const value = n.childForFieldName('value');
            if (!name || !names.match(name) || !value) break;
            const ctx = n.parent ? dictContext(n.parent) : {};
            // A dict that also holds a specific hyperparameter (learning_rate beside depth) is a model's parameters.
            if (!ctx.kind && n.parent && generic(name) && hasSpecific(n.parent)) ctx.kind = 'model';
            if (literalSpace(value) && (ctx.kind === 'grid' || (ctx.variable && GRID_VAR.test(ctx.variable)))) {
              add('HP002', n, name, value.text.replace(/\s+/g, ' '), 'search grid');
              break;
            }
            useConstant(name, value, ctx.kind === 'model', ctx.variable);
            if (generic(name) && numeric(value) && !ctx.kind) {
              if (ctx.variable) pending.push({ n, name, value, variable: ctx.variable });
              break;
            }
            check(n, name, value, 'dict entry', true);
            break;
          }
          case 'assignment': {
            const inClass = n.parent?.parent?.type === 'block' && n.parent?.parent?.parent?.type === 'class_definition';
            const left = n.childForFieldName('left');
            const name = targetName(left);
            // params["seed"] = 42: the dict's name says it holds a model's parameters.
            const intoParams = left?.type === 'subscript' && PARAMS_VAR.test(left.childForFieldName('value')?.text ?? '');
            check(n, name, n.childForFieldName('right'), inClass ? 'class field' : 'assignment', !!name && generic(name) && (intoParams || modelScope(n)));
            if (left?.type === 'identifier' && numeric(n.childForFieldName('right')) && n.parent?.type === 'expression_statement' && n.parent.parent?.type === 'module') {
              constants.set(left.text, n);
            }
            break;
          }
          case 'default_parameter':
          case 'typed_default_parameter':
            check(n, n.childForFieldName('name')?.text, n.childForFieldName('value'), 'parameter default', modelScope(n));
            break;
          case 'call': {
            const fn = n.childForFieldName('function');
            const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.type === 'identifier' ? fn.text : undefined;
            const args = argsOf(n);
            const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'list_splat');
            const byKw = (k: string) => args.find((a) => kwName(a) === k)?.childForFieldName('value') ?? null;
            const text = calleeText(n);
            // The variables this call reads (as **params, a positional argument or params=...): dicts assigned to them configure it.
            if (callKind(n) === 'model') {
              for (const a of args) {
                const v = a.type === 'identifier' ? a.text : a.type === 'dictionary_splat' ? a.namedChild(0)?.text : a.type === 'keyword_argument' && a.childForFieldName('value')?.type === 'identifier' ? a.childForFieldName('value')!.text : undefined;
                if (v) modelVars.add(v);
              }
            }
            const first = stringValue(positional[0] ?? null) ?? stringValue(byKw('name'));
            if (method === 'get' && first && names.match(first) && numeric(positional[1] ?? null) && !generic(first)) add('HP001', n, first, positional[1].text, '.get default');
            if (method && (SUGGEST.test(method) || HYPEROPT.test(text)) && first && names.match(first)) {
              const rest = stringValue(positional[0] ?? null) !== undefined ? positional.slice(1) : positional;
              const bounds = [...rest, ...['low', 'high', 'choices', 'options', 'upper', 'lower', 'q'].map(byKw).filter((b): b is Node => !!b)];
              const literal = bounds.filter((b) => numeric(b) || ((b.type === 'list' || b.type === 'tuple') && b.namedChildren.length > 0 && b.namedChildren.every((x) => numeric(x))));
              if (literal.length) add('HP002', n, first, literal.map((b) => b.text).join('..'), method);
            }
            if (ROUNDS_CALLS.test(text) && numeric(positional[2] ?? null)) add('HP001', n, 'num_boost_round', positional[2].text, 'positional argument');
            if (EARLY_STOPPING_CALLS.has(method ?? '') && numeric(positional[0] ?? null)) add('HP001', n, 'early_stopping_rounds', positional[0].text, 'early-stopping callback');
            break;
          }
        }
      };
      // Walk with a cursor and only materialise the node types of interest: far cheaper across the WASM boundary.
      if (!runs) for (const { node } of query.captures(tree.rootNode)) handle(node);
      else {
        // Only the nodes on rows holding a trigger can be a finding (triggers.ts); module constants are read
        // wherever they are, and model calls only when a dict or a use is waiting on the variable they read.
        const seen = new Set<number>();
        // Module-level assignments start at depth 2 (module > expression_statement > assignment).
        for (const { node } of query.captures(tree.rootNode, { maxStartDepth: 2 })) if (node.type === 'assignment') { seen.add(node.id); handle(node); }
        for (const [first, end] of runs) {
          for (const { node } of query.captures(tree.rootNode, { startPosition: { row: first, column: 0 }, endPosition: { row: end, column: 0 } })) {
            if (seen.has(node.id)) continue;
            seen.add(node.id);
            handle(node);
          }
        }
        // The model calls reading a waiting dict's variable may be outside the parsed statements: parse them all.
        if (partial && (pending.length || constUses.some((u) => u.variable))) return { result: { findings, suppressions }, parseError: false, needsWhole: true };
        if (pending.length || constUses.some((u) => u.variable)) {
          for (const { node } of query.captures(tree.rootNode)) if (node.type === 'call' && !seen.has(node.id) && callKind(node) === 'model') handle(node);
        }
      }
      for (const p of pending) if (modelVars.has(p.variable)) add('HP001', p.n, p.name, p.value.text, 'dict entry');
      const reported = new Set(findings.map((f) => `${f.line}|${f.name}`));
      for (const u of constUses) {
        const def = constants.get(u.constant);
        if (!def) continue;
        // A generic name (seed) counts only where a model reads it; a specific one (learning_rate) wherever it is bound.
        if (generic(u.name) && !u.inModel && !(u.variable && modelVars.has(u.variable))) continue;
        const line = def.startPosition.row + 1;
        if (reported.has(`${line}|${u.name}`) || findings.some((f) => f.line === line && f.literal === def.childForFieldName('right')!.text)) continue;
        reported.add(`${line}|${u.name}`);
        add('HP001', def, u.name, def.childForFieldName('right')!.text, `module constant ${u.constant}, used as ${u.name}`);
      }
      findings.sort((a, b) => a.line - b.line || a.col - b.col);
      let parseError: ScanResult['parseError'];
      if (tree.rootNode.hasError) {
        const bad = firstError(tree.rootNode);
        parseError = { line: (bad?.startPosition.row ?? 0) + 1, col: (bad?.startPosition.column ?? 0) + 1, message: bad?.isMissing ? `missing ${bad.type}` : 'syntax error' };
      }
      return { result: { findings, suppressions, parseError }, parseError: !!parseError, needsWhole: false };
    }
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
