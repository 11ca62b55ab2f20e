import { HpconfError, isHpconfError } from '../errors/registry.js';
import { makeContext, type Context } from './context.js';
import { audit } from './commands/audit.js';
import { baselineCmd } from './commands/baseline.js';
import { catalog } from './commands/catalog.js';
import { coverageCmd } from './commands/coverage.js';
import { diff } from './commands/diff.js';
import { exec } from './commands/exec.js';
import { exportCmd } from './commands/export.js';
import { ftf } from './commands/ftf.js';
import { lintCmd } from './commands/lint.js';
import { seed } from './commands/seed.js';
import { serveCmd } from './commands/serve.js';
import { migrateCmd, up } from './commands/up.js';
import { get, history, revert, set, unset } from './commands/values.js';

type Command = (ctx: Context, argv: string[]) => Promise<number>;

export const COMMANDS: Record<string, { run: Command; help: string }> = {
  up: { run: up, help: 'seed the store with the baseline (idempotent), print coverage, serve the Console (--once: no Console)' },
  serve: { run: serveCmd, help: 'the Console (web UI and HTTP API) on the store' },
  catalog: { run: catalog, help: 'list catalog keys (filterable) and their counts' },
  seed: { run: seed, help: '--dry-run | --apply a value bundle (the baseline by default)' },
  audit: { run: audit, help: 'coverage of required keys in the store (or --env); non-zero below 100 %' },
  coverage: { run: coverageCmd, help: 'the fallback rate from logs (--logs FILE | -): OK 0, WARN 12, CRIT 13' },
  get: { run: get, help: 'print one stored value' },
  set: { run: set, help: 'set KEY=VALUE ... as one change-set' },
  unset: { run: unset, help: 'remove keys' },
  revert: { run: revert, help: 'undo a change-set as a new change-set' },
  history: { run: history, help: 'the change log, filterable' },
  diff: { run: diff, help: 'store vs a file, another database, two revisions, or two run manifests' },
  export: { run: exportCmd, help: 'values as env | dotenv | json | k8s' },
  exec: { run: exec, help: 'run a command with every stored key in its environment' },
  ftf: { run: ftf, help: 'run: the fine-tune run (one worker per model type and token), report and gate' },
  lint: { run: lintCmd, help: 'the G5 gate: hyperparameter literals hard-coded in Python and TypeScript' },
  baseline: { run: baselineCmd, help: 'extract: legacy config code (a path or REV:path) to a value bundle' },
  migrate: { run: migrateCmd, help: 'apply database migrations' },
};

const GLOBAL_USAGE = `usage: hpconf [--database-url URL | --data-dir DIR | --console URL] <command> [options]

The store is embedded PostgreSQL (PGlite) in --data-dir (default .hpconf/pgdata, or
HPCONF_DATA_DIR) unless --database-url or DATABASE_URL names a PostgreSQL server, or
--console (HPCONF_CONSOLE_URL) names a running Console, reached with the API token in HPCONF_TOKEN.

commands:
${Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(9)} ${c.help}`).join('\n')}`;

/** Split global options (before the command) from the command and its own arguments. */
function splitGlobal(argv: string[]): { databaseUrl?: string; dataDir?: string; consoleUrl?: string; rest: string[] } {
  const out: { databaseUrl?: string; dataDir?: string; consoleUrl?: string; rest: string[] } = { rest: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag !== '--database-url' && flag !== '--data-dir' && flag !== '--console') break;
    const v = inline ?? argv[++i];
    if (v === undefined) throw new HpconfError('HPC_USAGE', { details: `${flag} needs a value` });
    if (flag === '--database-url') out.databaseUrl = v; else if (flag === '--console') out.consoleUrl = v; else out.dataDir = v;
  }
  out.rest = argv.slice(i);
  return out;
}

/** The one place that turns errors into messages and exit codes. */
export async function main(argv: string[], ctxIn: Partial<Context> = {}): Promise<number> {
  const err = ctxIn.err ?? ((l: string) => process.stderr.write(l + '\n'));
  try {
    const g = splitGlobal(argv);
    const [name, ...rest] = g.rest;
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      (ctxIn.out ?? ((l: string) => process.stdout.write(l + '\n')))(GLOBAL_USAGE);
      return name ? 0 : 2;
    }
    const cmd = COMMANDS[name];
    if (!cmd) throw new HpconfError('HPC_USAGE', { details: `unknown command "${name}"\n${GLOBAL_USAGE}` });
    const ctx = makeContext({ ...ctxIn, databaseUrl: g.databaseUrl ?? ctxIn.databaseUrl, dataDir: g.dataDir ?? ctxIn.dataDir, consoleUrl: g.consoleUrl });
    return await cmd.run(ctx, rest);
  } catch (e) {
    if (isHpconfError(e)) {
      err(`error[${e.code}]: ${e.message}`);
      return e.exitCode;
    }
    err(`internal error: ${(e as Error).stack ?? e}`);
    return 70;
  }
}
