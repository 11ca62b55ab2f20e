import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Node } from 'web-tree-sitter';
import { HpconfError } from '../errors/registry.js';
import type { Catalog } from '../catalog/types.js';
import { parsePython } from './scan-python.js';
import type { NameMatcher } from './types.js';

/**
 * `hpconf baseline extract`: harvest the literal defaults and ranges of legacy Python configuration
 * code into a value bundle the seed can write. Understands, per model (named in the variable,
 * function or class, e.g. XGB_GRID_DEFAULT_HP, or given with --model):
 *   - defaults per timeframe:  NAME = {"5m": {"max_depth": 6, ...}, ...}
 *   - ranges per timeframe:    NAME = {"5m": {"max_depth": (5, 12, "linear"), ...}, ...}
 *   - Optuna calls:            trial.suggest_int("max_depth", 5, 12), suggest_float(..., log=True),
 *                              inside `if timeframe == "5m":` for one timeframe, else for all
 *   - cross-cutting constants: EARLY_STOPPING_ROUNDS = 150
 * Names it does not know are listed, never guessed.
 */
export interface Extracted { bundle: Bundle; unknown: { name: string; where: string }[]; sources: string[] }
interface Range { min: number; max: number; scale: string }
interface Bundle {
  version: 1; name: string; description: string;
  globals: Record<string, { value: number | string; reason: string }>;
  models: Record<string, Record<string, { default: Record<string, number>; range?: Record<string, Range>; reason: string }>>;
}

export function readSource(spec: string, cwd: string): { text: string; label: string } {
  const m = /^([^:]+):(.+)$/.exec(spec);
  if (m && !/^[A-Za-z]$/.test(m[1])) {
    try {
      return { text: execFileSync('git', ['show', `${m[1]}:${m[2]}`], { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString(), label: spec };
    } catch (e) {
      throw new HpconfError('HPC_FILE_INVALID', { path: spec, details: `git show failed: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()}` });
    }
  }
  try { return { text: readFileSync(spec, 'utf8'), label: spec }; } catch (e) { throw new HpconfError('HPC_FILE_INVALID', { path: spec, details: (e as Error).message }); }
}

function num(n: Node | null | undefined): number | undefined {
  if (!n) return undefined;
  if (n.type === 'integer' || n.type === 'float') return Number(n.text.replace(/_/g, ''));
  if (n.type === 'unary_operator' && n.child(0)?.text === '-') { const v = num(n.child(1)); return v === undefined ? undefined : -v; }
  return undefined;
}
function str(n: Node | null | undefined): string | undefined {
  if (!n || n.type !== 'string') return undefined;
  return n.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
}
const pairs = (d: Node) => d.namedChildren.filter((c): c is Node => c?.type === 'pair');

export async function extract(c: Catalog, names: NameMatcher, files: { text: string; label: string }[], o: { model?: string; name?: string } = {}): Promise<Extracted> {
  const bundle: Bundle = { version: 1, name: o.name ?? 'extracted', description: `extracted by hpconf baseline extract from ${files.map((f) => f.label).join(', ')}`, globals: {}, models: {} };
  const unknown: Extracted['unknown'] = [];
  const tfOf = (s: string | undefined) => c.timeframes.find((t) => t.toLowerCase() === s?.toLowerCase());
  // The model named in an identifier's words: XGB_GRID_DEFAULT_HP, xgb_objective, CBTuner, LgbTrainer.
  const words = (s: string) => s.split(/_|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).map((w) => w.toUpperCase());
  const modelIn = (s: string) => o.model?.toUpperCase() ?? c.models.find((m) => words(s).includes(m));
  const param = (model: string, name: string, where: string) => {
    const canonical = names.match(name);
    const p = canonical && Object.keys(c.file.models[model].params).find((x) => x.toLowerCase() === canonical);
    if (!p) unknown.push({ name, where });
    return p;
  };
  const entry = (model: string, p: string, label: string) => ((bundle.models[model] ??= {})[p] ??= { default: {}, reason: `extracted from ${label}` });
  const setDefault = (model: string, p: string, tf: string, v: number, label: string) => { entry(model, p, label).default[tf] = v; };
  const setRange = (model: string, p: string, tf: string, r: Range, label: string) => { (entry(model, p, label).range ??= {})[tf] = r; };

  for (const f of files) {
    const tree = await parsePython(f.text);
    const enclosing = (n: Node): { model?: string; tf?: string } => {
      let model: string | undefined;
      let tf: string | undefined;
      let viaElse = false;
      for (let p = n.parent; p; p = p.parent) {
        if (p.type === 'else_clause' || p.type === 'elif_clause') viaElse = true;
        if (p.type === 'if_statement' && !tf && !viaElse) {
          const cond = p.childForFieldName('condition');
          const strs = cond?.descendantsOfType('string') ?? [];
          tf = strs.map((s) => tfOf(str(s))).find(Boolean);
        }
        if (p.type === 'if_statement') viaElse = false;
        if ((p.type === 'function_definition' || p.type === 'class_definition') && !model) model = modelIn(p.childForFieldName('name')?.text ?? '');
      }
      return { model: model ?? (o.model?.toUpperCase()), tf };
    };
    for (const a of tree.rootNode.descendantsOfType('assignment')) {
      if (!a) continue;
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (left?.type !== 'identifier' || !right) continue;
      const where = `${f.label}:${a.startPosition.row + 1}`;
      const globalKey = Object.keys(c.file.globals).find((k) => [k, k.replace(/^CVN_/, ''), k.replace(/^CVN_(HPO_)?/, '')].includes(left.text.toUpperCase()));
      const v = globalKey && c.file.globals[globalKey].type === 'enum' ? str(right) : num(right);
      if (v !== undefined && globalKey) { bundle.globals[globalKey] = { value: v, reason: `extracted from ${f.label}` }; continue; }
      if (right.type !== 'dictionary') continue;
      const model = modelIn(left.text);
      for (const outer of pairs(right)) {
        const tf = tfOf(str(outer.childForFieldName('key')));
        const inner = outer.childForFieldName('value');
        if (!tf || inner?.type !== 'dictionary') continue;
        if (!model) { unknown.push({ name: left.text, where: `${where} (no model in the name; use --model)` }); break; }
        for (const pr of pairs(inner)) {
          const name = str(pr.childForFieldName('key'));
          const val = pr.childForFieldName('value');
          if (!name || !val) continue;
          const p = param(model, name, where);
          if (!p) continue;
          const dv = num(val);
          if (dv !== undefined) setDefault(model, p, tf, dv, f.label);
          else if (val.type === 'tuple' || val.type === 'list') {
            const [lo, hi, sc] = val.namedChildren;
            const min = num(lo);
            const max = num(hi);
            if (min !== undefined && max !== undefined) setRange(model, p, tf, { min, max, scale: str(sc) ?? 'linear' }, f.label);
          }
        }
      }
    }
    for (const call of tree.rootNode.descendantsOfType('call')) {
      if (!call) continue;
      const fn = call.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (!method || !/^suggest_(int|float|uniform|loguniform)$/.test(method)) continue;
      const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((x): x is Node => !!x);
      const name = str(args[0]);
      const kw = (k: string) => args.find((x) => x.type === 'keyword_argument' && x.childForFieldName('name')?.text === k)?.childForFieldName('value');
      const pos = args.filter((x) => x.type !== 'keyword_argument');
      const min = num(pos[1] ?? kw('low'));
      const max = num(pos[2] ?? kw('high'));
      const where = `${f.label}:${call.startPosition.row + 1}`;
      const ctx = enclosing(call);
      if (!name || min === undefined || max === undefined) continue;
      if (!ctx.model) { unknown.push({ name, where: `${where} (no model around it; use --model)` }); continue; }
      const p = param(ctx.model, name, where);
      if (!p) continue;
      const scale = method === 'suggest_loguniform' || kw('log')?.text === 'True' ? 'log' : 'linear';
      for (const tf of ctx.tf ? [ctx.tf] : c.timeframes) {
        // A timeframe-specific call wins over a general one, whatever the order in the file.
        const cur = bundle.models[ctx.model]?.[p]?.range?.[tf] as (Range & { specific?: boolean }) | undefined;
        if (cur?.specific && !ctx.tf) continue;
        setRange(ctx.model, p, tf, ctx.tf ? Object.assign({ min, max, scale }, { specific: true }) : { min, max, scale }, f.label);
      }
    }
    tree.delete();
  }
  for (const m of Object.values(bundle.models)) for (const e of Object.values(m)) for (const r of Object.values(e.range ?? {})) delete (r as { specific?: boolean }).specific;
  return { bundle, unknown, sources: files.map((f) => f.label) };
}
