import { parseSync } from 'oxc-parser';
import { EXTENSIONS } from './languages.js';
import { CONSTRUCTORS, EARLY_STOPPING_CALLS, MODEL_SCOPE, GRID_VAR, LIBRARY_CALLS, lineIndex, MODEL_CALLS, PARAMS_VAR, parseSuppression, ROUNDS_CALLS, SUGGEST } from './common.js';
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
  extensions: [...EXTENSIONS.typescript],
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
          ? names.extra?.(name)
            ? `search range for ${name} hard-coded as ${literal}: a hyperparameter the catalog does not hold yet; add it to the catalog (catalog/catalog.json) with a range, then read it with hpoSpace() / resolveHpoRange()`
            : `search range for ${name} hard-coded as ${literal}: read it with hpoSpace() / resolveHpoRange() (store keys ..._${canonical.toUpperCase()}_RANGE_*)`
          : names.extra?.(name)
            ? `${name} hard-coded as ${literal} (${via}): a hyperparameter the catalog does not hold yet; add it to the catalog (catalog/catalog.json) so the store holds it, then read it with resolve()`
            : `${name} hard-coded as ${literal} (${via}): read it with resolve() / nativeParams() from the store`,
      });
    };
    const generic = (name: string) => names.generic?.(name) ?? false;
    const check = (node: N, name: string | undefined, value: unknown, via: string, inModel = false) => {
      if (name && names.match(name) && numeric(value) && (inModel || !generic(name))) add('HP001', node, name, text(literal(value)!), via);
    };
    const calleeOf = (c: N) => {
      const callee = c.callee as N;
      const last = callee?.type === 'MemberExpression' ? keyName(callee.property, callee.computed as boolean) : callee?.type === 'Identifier' ? (callee.name as string) : undefined;
      return { last: last ?? '', text: callee ? source.slice(callee.start, callee.end).replace(/\s+/g, '') : '' };
    };
    /** An object literal (through nesting) passed to a model call, or held by a params-like variable. */
    const inModel = (parents: N[]): boolean => {
      let i = parents.length - 1;
      while (i >= 0 && ['ObjectExpression', 'Property', 'ArrayExpression', 'ParenthesizedExpression', 'TSAsExpression', 'TSSatisfiesExpression'].includes(parents[i].type)) i--;
      const p = parents[i];
      if (!p) return false;
      if (p.type === 'CallExpression' || p.type === 'NewExpression') { const c = calleeOf(p); return MODEL_CALLS.has(c.last) || LIBRARY_CALLS.test(c.text); }
      if (p.type === 'VariableDeclarator' || p.type === 'AssignmentExpression') { const v = target(p.type === 'VariableDeclarator' ? p.id : p.left); return !!v && (PARAMS_VAR.test(v) || GRID_VAR.test(v)); }
      return false;
    };
    /** The nearest named function, method or class (a constructor stands for its class) says it trains or configures a model. */
    const modelScope = (): boolean => {
      for (let i = parents.length - 1; i >= 0; i--) {
        const p = parents[i];
        let name: string | undefined;
        if (p.type === 'FunctionDeclaration' || p.type === 'FunctionExpression' || p.type === 'ClassDeclaration' || p.type === 'ClassExpression') name = keyName(p.id);
        else if (p.type === 'MethodDefinition') name = keyName(p.key, p.computed as boolean);
        else if (p.type === 'VariableDeclarator' && isNode(p.init) && /Function/.test((p.init as N).type)) name = keyName(p.id);
        if (name === undefined) continue;
        if (CONSTRUCTORS.has(name)) continue;
        return MODEL_SCOPE.test(name);
      }
      return false;
    };
    const parents: N[] = [];
    const pending: { n: N; name: string; value: N; variable: string }[] = [];
    // Top-level numeric constants (const SEED = 71), and where a hyperparameter takes one by name
    // ({ seed: SEED }): such a use is the constant's literal, reported at the constant's line.
    const constants = new Map<string, N>();
    const constUses: { name: string; constant: string; inModel: boolean; variable?: string }[] = [];
    const useConstant = (name: string | undefined, value: unknown, model: boolean, variable?: string) => {
      if (name && isNode(value) && value.type === 'Identifier' && names.match(name)) constUses.push({ name, constant: value.name as string, inModel: model, variable });
    };
    const modelVars = new Set<string>();
    const visit = (n: N) => {
      if ((n.type === 'CallExpression' || n.type === 'NewExpression')) {
        const c = calleeOf(n);
        if (MODEL_CALLS.has(c.last) || LIBRARY_CALLS.test(c.text)) {
          for (const a of (n.arguments as N[]) ?? []) {
            if (a.type === 'Identifier') modelVars.add(a.name as string);
            if (a.type === 'SpreadElement' && isNode(a.argument) && (a.argument as N).type === 'Identifier') modelVars.add((a.argument as N).name as string);
            if (a.type === 'ObjectExpression') for (const q of a.properties as N[]) if (q.type === 'SpreadElement' && isNode(q.argument) && (q.argument as N).type === 'Identifier') modelVars.add((q.argument as N).name as string);
          }
        }
      }
      switch (n.type) {
        case 'Property': {
          const parent = parents[parents.length - 1];
          // An object that also holds a specific hyperparameter (learningRate beside depth) is a model's parameters.
          const siblings = parent?.type === 'ObjectExpression' && (parent.properties as N[]).some((q) => { const k = q.type === 'Property' ? keyName(q.key, q.computed as boolean) : undefined; return !!k && !!names.match(k) && !generic(k); });
          const name = keyName(n.key, n.computed as boolean);
          const modelish = siblings || inModel(parents);
          {
            let i = parents.length - 1;
            while (i >= 0 && ['ObjectExpression', 'Property', 'ArrayExpression'].includes(parents[i].type)) i--;
            useConstant(name, n.value, modelish, parents[i]?.type === 'VariableDeclarator' ? target(parents[i].id) : undefined);
          }
          if (!modelish && name && names.match(name) && generic(name) && numeric(n.value)) {
            // Held by a plainly named variable: flagged if that variable reaches a model call (below).
            let i = parents.length - 1;
            while (i >= 0 && ['ObjectExpression', 'Property', 'ArrayExpression'].includes(parents[i].type)) i--;
            const v = parents[i]?.type === 'VariableDeclarator' ? target(parents[i].id) : undefined;
            if (v) pending.push({ n, name, value: n.value as N, variable: v });
            break;
          }
          check(n, name, n.value, 'object property', modelish);
          break;
        }
        case 'VariableDeclarator': {
          check(n, target(n.id), n.init, 'assignment', modelScope());
          // const at the top of the module (export const too): Program > VariableDeclaration [> ExportNamedDeclaration].
          const decl = parents[parents.length - 1];
          const top = decl?.type === 'VariableDeclaration' && (parents[parents.length - 2]?.type === 'Program' || (parents[parents.length - 2]?.type === 'ExportNamedDeclaration' && parents[parents.length - 3]?.type === 'Program'));
          if (top && decl.kind === 'const' && isNode(n.id) && (n.id as N).type === 'Identifier' && numeric(n.init)) constants.set((n.id as N).name as string, n);
          break;
        }
        case 'AssignmentExpression': {
          if (n.operator !== '=') break;
          // params["seed"] = 42 / params.seed = 42: the object's name says it holds a model's parameters.
          const obj = isNode(n.left) && (n.left as N).type === 'MemberExpression' ? target((n.left as N).object) : undefined;
          check(n, target(n.left), n.right, 'assignment', (!!obj && PARAMS_VAR.test(obj)) || modelScope());
          break;
        }
        case 'AssignmentPattern': check(n, target(n.left), n.right, 'parameter default', modelScope()); break;
        case 'PropertyDefinition': check(n, keyName(n.key, n.computed as boolean), n.value, 'class field', modelScope()); break;
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
          if (ROUNDS_CALLS.test(calleeOf(n).text) && numeric(args[2])) add('HP001', n, 'num_boost_round', text(literal(args[2])!), 'positional argument');
          if (EARLY_STOPPING_CALLS.has(method ?? '') && numeric(args[0])) add('HP001', n, 'early_stopping_rounds', text(literal(args[0])!), 'early-stopping callback');
          break;
        }
      }
      parents.push(n);
      for (const v of Object.values(n)) {
        if (Array.isArray(v)) { for (const x of v) if (isNode(x)) visit(x); }
        else if (isNode(v)) visit(v);
      }
      parents.pop();
    };
    visit(r.program as unknown as N);
    for (const p of pending) if (modelVars.has(p.variable)) add('HP001', p.n, p.name, text(literal(p.value)!), 'object property');
    const reported = new Set<string>();
    for (const u of constUses) {
      const def = constants.get(u.constant);
      if (!def) continue;
      if (generic(u.name) && !u.inModel && !(u.variable && modelVars.has(u.variable))) continue;
      const lit = text(literal(def.init)!);
      const line = at(def.start).line;
      if (reported.has(`${line}|${u.name}`) || findings.some((f) => f.line === line && f.literal === lit)) continue;
      reported.add(`${line}|${u.name}`);
      add('HP001', def, u.name, lit, `module constant ${u.constant}, used as ${u.name}`);
    }
    findings.sort((a, b) => a.line - b.line || a.col - b.col);
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
