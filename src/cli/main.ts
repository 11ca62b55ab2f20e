import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { HpconfError, isHpconfError } from '../errors/registry.js';
import { VERSION } from '../version.js';
import { terminalSafe } from '../safe-text.js';
import { classifyDbError } from '../store/db-errors.js';
import { makeContext, type Context } from './context.js';
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './registry.js';

const DESCRIPTION = `Hyperparameters in PostgreSQL: catalog, store, resolvers, Console.

The store is embedded PostgreSQL (PGlite) in --data-dir (default .hpconf/pgdata, or
HPCONF_DATA_DIR) unless --database-url or DATABASE_URL names a PostgreSQL server, or
--console (HPCONF_CONSOLE_URL) names a running Console, reached with the API token in HPCONF_TOKEN.
Exit codes: 0 ok, 1 differences/findings, 2 usage, 3 invalid value, 4 bad file, 5 conflict,
6 store unreachable or locked, 7 coverage below 100 %, 8 worker failed, 9 gate failed, 10 not allowed.`;

function numberParser(o: OptionSpec) {
  return (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0 || (o.int && !Number.isInteger(n)) || n > Number.MAX_SAFE_INTEGER) {
      throw new InvalidArgumentError(`takes a ${o.int ? 'whole ' : ''}number >= 0`);
    }
    return n;
  };
}

function option(o: OptionSpec): Option {
  const opt = new Option(o.flags, o.help);
  if (o.choices) opt.choices(o.choices);
  if (o.int || o.num) opt.argParser(numberParser(o));
  if (o.default !== undefined) opt.default(o.default);
  return opt;
}

/**
 * The command tree, built from the registry. Actions load their implementation on demand and
 * leave the exit code in `result`; errors are mapped in one place, main() below.
 */
function program(ctxIn: Partial<Context>, result: { code: number }): Command {
  const out = ctxIn.out ?? ((l: string) => process.stdout.write(terminalSafe(l) + '\n'));
  const err = ctxIn.err ?? ((l: string) => process.stderr.write(terminalSafe(l) + '\n'));
  const root = new Command('hpconf').description(DESCRIPTION).version(VERSION, '-V, --version', 'print the version')
    .enablePositionalOptions().showSuggestionAfterError(true).exitOverride()
    .configureOutput({ writeOut: (s) => out(s.replace(/\n$/, '')), writeErr: (s) => err(s.replace(/\n$/, '')), outputError: () => {} })
    .helpOption('-h, --help', 'show help (also after any command)').helpCommand('help [command]', 'show help for a command');
  for (const g of GLOBAL_OPTIONS) root.addOption(option(g));
  const add = (parent: Command, spec: CommandSpec) => {
    const cmd = parent.command(spec.name).description(spec.summary).exitOverride().showSuggestionAfterError(true)
      .configureOutput({ writeOut: (s) => out(s.replace(/\n$/, '')), writeErr: (s) => err(s.replace(/\n$/, '')), outputError: () => {} });
    for (const a of spec.args ?? []) cmd.argument(a);
    for (const o of spec.options ?? []) cmd.addOption(option(o));
    if (spec.passThrough) cmd.passThroughOptions();
    cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}`);
    if (spec.sub) {
      for (const s of spec.sub) add(cmd, s);
      cmd.action(() => { cmd.help({ error: true }); });
    } else {
      cmd.action(async (...a: unknown[]) => {
        const self = a[a.length - 1] as Command;
        const args = self.processedArgs.flatMap((x) => (x === undefined ? [] : Array.isArray(x) ? x : [x])) as string[];
        const g = root.opts() as { databaseUrl?: string; dataDir?: string; console?: string; environment?: string };
        const ctx = makeContext({ ...ctxIn, databaseUrl: g.databaseUrl ?? ctxIn.databaseUrl, dataDir: g.dataDir ?? ctxIn.dataDir, consoleUrl: g.console, environment: g.environment ?? ctxIn.environment });
        const run = await spec.run!();
        result.code = await run(ctx, self.opts(), args);
      });
    }
  };
  for (const spec of COMMANDS) add(root, spec);
  return root;
}

/** The one place that turns errors into messages and exit codes. */
export async function main(argv: string[], ctxIn: Partial<Context> = {}): Promise<number> {
  const err = ctxIn.err ?? ((l: string) => process.stderr.write(terminalSafe(l) + '\n'));
  const result = { code: 0 };
  const root = program(ctxIn, result);
  try {
    if (!argv.length) { root.outputHelp({ error: true }); return 2; }
    await root.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (e0) {
    // A database failure in its product form (store gone, disk full), whichever backend raised it.
    const e = classifyDbError(e0, 'store') ?? e0;
    if (e instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code)) return e.exitCode === 0 || e.code !== 'commander.help' ? 0 : 2;
      err(`error[HPC_USAGE]: ${e.message.replace(/^error: /, '')}${e.code === 'commander.unknownCommand' || e.code === 'commander.unknownOption' ? '' : '\n(see --help)'}`);
      return new HpconfError('HPC_USAGE', { details: '' }).exitCode;
    }
    if (isHpconfError(e)) {
      err(`error[${e.code}]: ${e.message}`);
      return e.exitCode;
    }
    err(`internal error: ${(e as Error).stack ?? e}`);
    return 70;
  }
}
