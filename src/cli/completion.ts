import path from 'node:path';
import { HpconfError } from '../errors/registry.js';
import { ROOT } from '../paths.js';
import type { Context } from './context.js';
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec, type Opts } from './registry.js';

/**
 * Shell completion scripts, generated from the command registry: commands, subcommands, options,
 * the choices an option takes, and catalog keys (from `hpconf catalog --names`) where a command
 * takes keys.
 */
const KEY_COMMANDS = new Set(['get', 'unset', 'history', 'set']);

/**
 * The CLI that lists the keys: the one that wrote the script (node and its bin, by absolute path), so keys complete
 * where `hpconf` is not on PATH (npx, a project's node_modules, an alias); `hpconf` on PATH once that one is gone.
 */
export interface CliAt { node: string; bin: string }
const here = (): CliAt => ({ node: process.execPath, bin: path.join(ROOT, 'bin', 'hpconf.js') });
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const long = (o: OptionSpec) => /--[a-z0-9-]+/.exec(o.flags)![0];
const takesValue = (o: OptionSpec) => /[<[]/.test(o.flags);
const leaves = (): [string, CommandSpec][] => COMMANDS.flatMap((c) => (c.sub ? c.sub.map((s) => [`${c.name} ${s.name}`, s] as [string, CommandSpec]) : [[c.name, c] as [string, CommandSpec]]));

function bash(cli: CliAt = here()): string {
  const cases = leaves().map(([path, c]) => {
    const opts = [...(c.options ?? []).map(long), '--help'].join(' ');
    const values = (c.options ?? []).filter(takesValue).map((o) => `${long(o)}) ${o.choices ? `COMPREPLY=($(compgen -W "${o.choices.join(' ')}" -- "$cur"))` : 'COMPREPLY=($(compgen -f -- "$cur"))'}; return;;`).join('\n        ');
    const keys = KEY_COMMANDS.has(path) ? `_hpconf_keys${path === 'set' ? ' =' : ''}` : 'COMPREPLY=($(compgen -f -- "$cur"))';
    return `    "${path}")
      case "$prev" in
        ${values || '*) ;;'}
      esac
      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${opts}" -- "$cur")); else ${keys}; fi;;`;
  }).join('\n');
  const groups = COMMANDS.filter((c) => c.sub).map((c) => `    "${c.name}") COMPREPLY=($(compgen -W "${c.sub!.map((s) => s.name).join(' ')} --help" -- "$cur"));;`).join('\n');
  return `# hpconf bash completion: hpconf completion bash > /etc/bash_completion.d/hpconf
# (with npx: alias hpconf='npx hpconf', then npx hpconf completion bash > ...)
_hpconf_cli() { if [ -f ${sq(cli.bin)} ]; then ${sq(cli.node)} ${sq(cli.bin)} "$@"; else command hpconf "$@"; fi; }
_hpconf_keys() {
  local keys; keys=$(_hpconf_cli catalog --names 2>/dev/null)
  COMPREPLY=($(compgen -W "$keys" -- "$cur"))
  [[ "$1" == "=" ]] && COMPREPLY=("\${COMPREPLY[@]/%/=}") && compopt -o nospace 2>/dev/null
}
_hpconf() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path="" i w
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$w" in
      --database-url|--data-dir|--console) ((i++));;
      -*) ;;
      *) if [[ -z "$path" ]]; then path="$w"; elif [[ "$path" == ftf || "$path" == baseline ]]; then path="$path $w"; fi;;
    esac
  done
  case "$path" in
    "")
      case "$prev" in --data-dir) COMPREPLY=($(compgen -d -- "$cur")); return;; --database-url|--console) return;; esac
      COMPREPLY=($(compgen -W "${COMMANDS.map((c) => c.name).join(' ')} help ${GLOBAL_OPTIONS.map(long).join(' ')} --help --version" -- "$cur"));;
${groups}
${cases}
    "completion") COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur"));;
  esac
}
complete -F _hpconf hpconf
`;
}

const zq = (s: string) => s.replace(/[[\]:'\\]/g, (m) => (m === "'" ? "'\\''" : `\\${m}`));

function zsh(cli: CliAt = here()): string {
  const spec = (o: OptionSpec) => `'${long(o)}[${zq(o.help)}]${takesValue(o) ? `:${long(o).slice(2)}:${o.choices ? `(${o.choices.join(' ')})` : '_files'}` : ''}'`;
  const cases = leaves().map(([path, c]) => {
    const args = KEY_COMMANDS.has(path) ? ` '*:key:_hpconf_keys'` : ` '*:file:_files'`;
    return `      ${path.replace(' ', '_')}) _arguments ${(c.options ?? []).map(spec).join(' ')} '(-h --help)'{-h,--help}'[show help]'${args} ;;`;
  }).join('\n');
  const subs = COMMANDS.filter((c) => c.sub).map((c) => `      ${c.name}) if (( CURRENT == 2 )); then local -a subs; subs=(${c.sub!.map((s) => `'${s.name}:${zq(s.summary)}'`).join(' ')}); _describe 'subcommand' subs; else words=("${c.name}_\${words[2]}" "\${(@)words[3,-1]}"); (( CURRENT-- )); _hpconf_cmd; fi ;;`).join('\n');
  return `#compdef hpconf
# hpconf zsh completion: hpconf completion zsh > "\${fpath[1]}/_hpconf"
_hpconf_cli() { if [[ -f ${sq(cli.bin)} ]]; then ${sq(cli.node)} ${sq(cli.bin)} "$@"; else command hpconf "$@"; fi }
_hpconf_keys() { local -a keys; keys=(\${(f)"$(_hpconf_cli catalog --names 2>/dev/null)"}); compadd -a keys }
_hpconf_cmd() {
  case $words[1] in
${subs}
${cases}
      completion) _values 'shell' bash zsh fish ;;
  esac
}
_hpconf() {
  local -a commands
  commands=(${COMMANDS.map((c) => `'${c.name}:${zq(c.summary)}'`).join(' ')} 'help:show help for a command')
  _arguments -C ${GLOBAL_OPTIONS.map(spec).join(' ')} '(-h --help)'{-h,--help}'[show help]' '(-V --version)'{-V,--version}'[print the version]' '1: :->cmd' '*:: :->args'
  case $state in
    cmd) _describe 'command' commands ;;
    args) _hpconf_cmd ;;
  esac
}
_hpconf "$@"
`;
}

const fq = (s: string) => `'${s.replace(/['\\]/g, (m) => `\\${m}`)}'`;

function fish(cli: CliAt = here()): string {
  const lines = ['# hpconf fish completion: hpconf completion fish > ~/.config/fish/completions/hpconf.fish',
    `function __hpconf_cli; if test -f ${sq(cli.bin)}; ${sq(cli.node)} ${sq(cli.bin)} $argv; else; command hpconf $argv; end; end`, 'complete -c hpconf -f'];
  for (const o of GLOBAL_OPTIONS) lines.push(`complete -c hpconf -n __fish_use_subcommand -l ${long(o).slice(2)} -r -d ${fq(o.help)}`);
  for (const c of COMMANDS) lines.push(`complete -c hpconf -n __fish_use_subcommand -a ${c.name} -d ${fq(c.summary)}`);
  for (const [path, c] of leaves()) {
    const words = path.split(' ');
    const cond = words.length === 1 ? `__fish_seen_subcommand_from ${path}` : `__fish_seen_subcommand_from ${words[0]}; and __fish_seen_subcommand_from ${words[1]}`;
    if (words.length === 2) lines.push(`complete -c hpconf -n '__fish_seen_subcommand_from ${words[0]}; and not __fish_seen_subcommand_from ${words[1]}' -a ${words[1]} -d ${fq(c.summary)}`);
    for (const o of c.options ?? []) {
      lines.push(`complete -c hpconf -n '${cond}' -l ${long(o).slice(2)}${takesValue(o) ? (o.choices ? ` -x -a ${fq(o.choices.join(' '))}` : ' -r -F') : ''} -d ${fq(o.help)}`);
    }
    if (KEY_COMMANDS.has(path)) lines.push(`complete -c hpconf -n '${cond}' -a '(__hpconf_cli catalog --names 2>/dev/null)'`);
  }
  lines.push("complete -c hpconf -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'");
  return lines.join('\n') + '\n';
}

export const SHELLS = { bash, zsh, fish } as const;

export async function completionCmd(ctx: Context, _o: Opts, [shell]: string[]): Promise<number> {
  const gen = SHELLS[shell as keyof typeof SHELLS];
  if (!gen) throw new HpconfError('HPC_USAGE', { details: `completion for bash, zsh or fish, not "${shell}"` });
  ctx.out(gen().replace(/\n$/, ''));
  return 0;
}
