/**
 * Every command's name, options, arguments and examples: data that help, "did you mean",
 * completion and the parser are built from. Implementations are loaded only when their command
 * runs, so `hpconf get` never loads the lint parsers, the Console or the training code.
 */
import type { Context } from './context.js';

export type Opts = Record<string, unknown>;
export type Run = (ctx: Context, o: Opts, args: string[]) => Promise<number>;

export interface OptionSpec {
  /** commander flags: '--model <m>', '--json', '--key <k...>' */
  flags: string;
  help: string;
  choices?: readonly string[];
  /** A whole number >= 0 (else a usage error naming the option). */
  int?: boolean;
  /** A number >= 0. */
  num?: boolean;
  default?: string | boolean | number;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** commander arguments: '<key>', '[paths...]', '<assignments...>' */
  args?: string[];
  options?: OptionSpec[];
  examples: string[];
  /** Everything after the arguments is passed through untouched (exec -- CMD ARGS). */
  passThrough?: boolean;
  run?: () => Promise<Run>;
  sub?: CommandSpec[];
}

const MODEL = '--model <model>';
/** A segment flattened to the base names: a worker for it reads its values under the names it knows. */
const SEGMENT = { flags: '--segment <segment>', help: 'a token (UNI) or group:NAME: its values (token, then its groups, then the base) under the base names' };
const JSON_OPT: OptionSpec = { flags: '--json', help: 'print JSON (nulls are null)' };
const REASON: OptionSpec = { flags: '--reason <text>', help: 'why, recorded in the change log' };
const ACTOR: OptionSpec = { flags: '--actor <name>', help: 'who, recorded as cli:NAME (default: HPCONF_ACTOR or $USER)' };
const BREAK_GLASS: OptionSpec = { flags: '--break-glass', help: 'the store owner only, on the store itself: write past the environment\'s review policy (needs --reason; marked in the log)' };
const IF_REV: OptionSpec = { flags: '--if-revision <n>', help: 'refuse (exit 5) if any key changed after this revision', int: true };

/** A worker's gate: only its model and timeframe (plus the cross-cutting keys) must be complete. */
const SCOPE_OPTS: OptionSpec[] = [
  { flags: '--model <model>', help: "the worker's model (xgb, lgb, cb or the library's name): only its keys and the cross-cutting ones gate" },
  { flags: '--timeframe <tf>', help: "the worker's timeframe (e.g. 5m), with or without --model" },
];

export const COMMANDS: CommandSpec[] = [
  {
    name: 'up', summary: 'the main job: migrate and seed the store (idempotent), print coverage, serve the Console',
    options: [{ flags: '--bundle <file>', help: 'value bundle to seed (default: the baseline)' }, { flags: '--once', help: 'stop after the coverage, do not serve' },
      { flags: '--host <host>', help: 'address to listen on', default: '127.0.0.1' }, { flags: '--port <port>', help: 'port to listen on', int: true, default: 8080 }],
    examples: ['hpconf up', 'hpconf up --once', 'DATABASE_URL=postgres://u:p@db/hpconf hpconf up --host 0.0.0.0'],
    run: async () => (await import('./commands/up.js')).up,
  },
  {
    name: 'serve', summary: 'the Console (web UI and HTTP API) on the store',
    options: [{ flags: '--host <host>', help: 'address to listen on', default: '127.0.0.1' }, { flags: '--port <port>', help: 'port to listen on', int: true, default: 8080 },
      { flags: '--secure-cookies', help: 'mark session cookies Secure (behind TLS)' }, { flags: '--trusted-proxy <cidrs>', help: 'proxies whose X-Forwarded-* headers are believed (or HPCONF_TRUSTED_PROXIES)' }],
    examples: ['hpconf serve --port 8080', 'hpconf --database-url postgres://hpconf_app:...@db/hpconf serve --host 0.0.0.0 --trusted-proxy 10.0.0.0/8'],
    run: async () => (await import('./commands/serve.js')).serveCmd,
  },
  {
    name: 'catalog', summary: 'list catalog keys (filterable) and their counts',
    options: [{ flags: MODEL, help: 'XGB, LGB, CB' }, { flags: '--timeframe <tf>', help: '1M, 5M, 15M, 30M, 1H' }, { flags: '--param <param>', help: 'a parameter, e.g. LEARNING_RATE' },
      { flags: '--kind <kind>', help: 'which keys', choices: ['default', 'range', 'global'] }, JSON_OPT, { flags: '--names', help: 'only the key names (for scripts and shell completion)' }],
    examples: ['hpconf catalog --model xgb --timeframe 5m', 'hpconf catalog --param learning_rate --kind range --json'],
    run: async () => (await import('./commands/catalog.js')).catalog,
  },
  {
    name: 'seed', summary: 'preview (--dry-run) or write (--apply) a value bundle, the baseline by default',
    options: [{ flags: '--dry-run', help: 'print every key and what would happen' }, { flags: '--apply', help: 'write missing keys as one change-set' },
      { flags: '--bundle <file>', help: 'value bundle (default: catalog/baseline.json)' }, { flags: '--overwrite <key...>', help: 'replace these differing keys too' }, ACTOR],
    examples: ['hpconf seed --dry-run', 'hpconf seed --apply', 'hpconf seed --apply --bundle legacy.json --overwrite CVN_HPO_XGB_5M_MAX_DEPTH'],
    run: async () => (await import('./commands/seed.js')).seed,
  },
  {
    name: 'audit', summary: 'coverage of required keys in the store (or --env); exit 7 below 100 %',
    options: [{ flags: '--env', help: 'check this process environment instead of the store' }, ...SCOPE_OPTS, JSON_OPT, { flags: '--quiet', help: 'only the summary line' }],
    examples: ['hpconf audit', 'hpconf audit --model xgb --timeframe 5m', 'hpconf audit --env --quiet', 'hpconf --console http://console:8080 audit --json'],
    run: async () => (await import('./commands/audit.js')).audit,
  },
  {
    name: 'coverage', summary: 'the fallback rate from logs: OK exit 0, WARN 12, CRIT 13', args: ['[files...]'],
    options: [{ flags: '--logs <file...>', help: 'log files (- for standard input)' }, { flags: '--window <duration>', help: 'only the last 7d, 24h, 30m...' },
      { flags: '--warn <pct>', help: 'WARN above this %', num: true, default: 1 }, { flags: '--crit <pct>', help: 'CRIT above this %', num: true, default: 5 },
      { flags: '--now <iso>', help: 'the end of the window (default: now)' }, JSON_OPT],
    examples: ['hpconf coverage --logs worker.log --window 7d', 'kubectl logs -l app=trainer | hpconf coverage --logs - --json'],
    run: async () => (await import('./commands/coverage.js')).coverageCmd,
  },
  {
    name: 'get', summary: 'print one stored value (a segment\'s effective value with --segment)', args: ['<key>'], options: [JSON_OPT, SEGMENT],
    examples: ['hpconf get CVN_HPO_XGB_5M_LEARNING_RATE', 'hpconf get CVN_HPO_XGB_5M_LEARNING_RATE --segment UNI --json'],
    run: async () => (await import('./commands/values.js')).get,
  },
  {
    name: 'set', summary: 'set KEY=VALUE ... as one all-or-nothing change-set', args: ['<assignments...>'], options: [REASON, IF_REV, ACTOR, BREAK_GLASS],
    examples: ['hpconf set CVN_HPO_XGB_5M_LEARNING_RATE=0.08 --reason "slower"', 'hpconf set CVN_HPO_CB_5M_DEPTH=7 CVN_HPO_CB_5M_DEPTH_RANGE_MAX=9 --if-revision 470'],
    run: async () => (await import('./commands/values.js')).set,
  },
  {
    name: 'unset', summary: 'remove keys (a required key needs --force: coverage drops)', args: ['<keys...>'],
    options: [REASON, IF_REV, ACTOR, { flags: '--force', help: 'unset required keys although coverage drops below 100 %' }, { flags: '--dry-run', help: 'show the change and the coverage after' }, BREAK_GLASS],
    examples: ['hpconf unset CVN_HPO_CB_5M_DEPTH --dry-run', 'hpconf unset CVN_HPO_CB_5M_DEPTH --force --reason "retired"'],
    run: async () => (await import('./commands/values.js')).unset,
  },
  {
    name: 'revert', summary: 'undo a change-set (or some of its keys) as a new change-set', args: ['<changeset>'],
    options: [{ flags: '--key <key...>', help: 'only these keys of the change-set' }, REASON, IF_REV, ACTOR,
      { flags: '--force', help: 'revert although required keys get unset' }, { flags: '--dry-run', help: 'show every change and the coverage after' }, BREAK_GLASS],
    examples: ['hpconf revert 12 --dry-run', 'hpconf revert 12 --key CVN_HPO_XGB_5M_LEARNING_RATE --reason "only this one"'],
    run: async () => (await import('./commands/values.js')).revert,
  },
  {
    name: 'history', summary: 'the change log, newest first, filterable', args: ['[key]'],
    options: [{ flags: '--actor <actor>', help: 'only this actor (user:NAME, token:NAME, cli:NAME)' }, { flags: '--since <iso>', help: 'from this time' }, { flags: '--until <iso>', help: 'until this time' },
      { flags: '--changeset <id>', help: 'one change-set', int: true }, { flags: '--limit <n>', help: 'at most this many rows', int: true, default: 50 }, JSON_OPT],
    examples: ['hpconf history CVN_HPO_XGB_5M_LEARNING_RATE', 'hpconf history --actor user:olivia --since 2026-11-01 --json'],
    run: async () => (await import('./commands/values.js')).history,
  },
  {
    name: 'diff', summary: 'store vs a file, another database, two revisions, or two run manifests; exit 1 when different', args: ['[manifests...]'],
    options: [{ flags: '--file <file>', help: 'a bundle, JSON or dotenv file' }, { flags: '--against <url>', help: 'another database' },
      { flags: '--from <rev>', help: 'a past revision', int: true }, { flags: '--to <rev>', help: 'another revision (default: now)', int: true },
      { flags: '--all', help: 'with two manifests: also the values each model trained with' }, JSON_OPT],
    examples: ['hpconf diff --file catalog/baseline.json', 'hpconf diff --from 469', 'hpconf diff runs/a/run.json runs/b/run.json --all'],
    run: async () => (await import('./commands/diff.js')).diff,
  },
  {
    name: 'export', summary: 'stored values as env, dotenv, json or a Kubernetes ConfigMap (and Secret)',
    options: [{ flags: '--format <format>', help: 'output format', choices: ['env', 'dotenv', 'json', 'k8s'], default: 'dotenv' },
      { flags: '--name <name>', help: 'k8s: the ConfigMap name (default: hpconf-values-<hash of the values>, so pods roll when values change)' }, { flags: '--namespace <ns>', help: 'k8s: the namespace' }, SEGMENT],
    examples: ['hpconf export --format env > hp.env', 'hpconf export --format k8s --namespace training | kubectl apply -f -'],
    run: async () => (await import('./commands/export.js')).exportCmd,
  },
  {
    name: 'exec', summary: 'run a command with every stored key in its environment (refused below 100 %)', args: ['<command...>'], passThrough: true,
    options: [{ flags: '--allow-incomplete', help: 'start even below 100 % coverage' }, ...SCOPE_OPTS, SEGMENT],
    examples: ['hpconf exec --model xgb --timeframe 5m -- python train.py --model xgb', 'hpconf --console http://console:8080 exec -- printenv CVN_HPO_XGB_5M_LEARNING_RATE'],
    run: async () => (await import('./commands/exec.js')).exec,
  },
  {
    name: 'bisect', summary: 'which keys that differ between two revisions (or two runs) explain a regression of a metric (exit 0 found, 1 inconclusive)',
    args: ['<command...>'], passThrough: true,
    options: [{ flags: '--good <rev>', help: 'a revision where the metric was good', int: true }, { flags: '--bad <rev>', help: 'a revision where it was bad', int: true },
      { flags: '--repeats <n>', help: 'runs of the command per state (noise is measured from them)', int: true, default: 1 },
      { flags: '--lower-is-better', help: 'the metric is a loss: higher is worse' }, SEGMENT, JSON_OPT],
    examples: ['hpconf bisect --good 615 --bad 640 --repeats 3 -- python probe.py', 'hpconf bisect --good 615 --bad 640 --segment UNI -- python probe.py --token UNI', 'hpconf bisect --good 615 --bad 640 --lower-is-better --json -- ./eval.sh',
      'hpconf bisect 20261203-090601-0f30 20261204-101500-ab12   # two recorded runs: their defaults retrained per probe'],
    run: async () => (await import('./commands/bisect.js')).bisect,
  },
  {
    name: 'ftf', summary: 'the fine-tune run: one worker per model type and token, report and gate', examples: ['hpconf ftf run --help'],
    sub: [{
      name: 'run', summary: 'train every model type on every token (one Optuna study each), report, apply the gates (exit 9 when the deciding one fails)',
      options: [{ flags: '--factor <factor>', help: 'what varies', choices: ['model_type'] }, { flags: '--crypto-group <group>', help: 'a token group of the groups file, e.g. defi_top5' },
        { flags: '--tokens <list>', help: 'comma-separated tokens, any with files in --data-dir (with a group: these instead of its members)' },
        { flags: '--groups <file>', help: 'your groups file (default: $HPCONF_GROUPS, else the package\'s catalog/groups.json)' }, { flags: '--quote <asset>', help: 'quote asset of the files (default: the groups file\'s)' },
        { flags: '--timeframe <tf>', help: 'e.g. 5m' }, { flags: '--data-dir <dir>', help: 'freqtrade OHLCV CSV files' },
        { flags: '--trials <n>', help: 'Optuna trials per study (default: the store)', int: true },
        { flags: '--cold', help: 'no warm start: every study begins with the stored defaults alone, importing no earlier study' },
        { flags: '--mlflow <uri>', help: 'log each study as an MLflow run to this tracking URI (e.g. sqlite:///mlflow.db; the workers need hpconf-training[mlflow])' }, { flags: '--parallel <n>', help: 'worker processes at once', int: true },
        { flags: '--workers-per-study <n>', help: 'processes sharing each study (trials split between them)', int: true, default: 1 },
        { flags: '--study-storage <where>', help: 'memory, store, journal:PATH or a postgresql:// URL (default: the store\'s server with DATABASE_URL, else a journal in the run folder)' },
        { flags: '--out <dir>', help: 'where run.json and the report go' }, { flags: '--allow-incomplete', help: 'run below 100 % coverage' },
        { flags: '--gate <gate>', help: 'which gate decides the exit status (both are reported)', choices: ['skill', 'f1'], default: 'skill' },
        { flags: '--gate-min-f1 <f1>', help: 'plan\'s gate: validation F1 on buy a token must reach', num: true, default: 0.4 }, { flags: '--gate-min-tokens <n>', help: 'tokens each model must pass (both gates)', int: true, default: 4 },
        { flags: '--gate-require-skill', help: 'plan\'s gate: count a token only if the model beat always-buy on test' },
        { flags: '--emit <kind>', help: 'write manifests instead of running', choices: ['k8s'] }, { flags: '--image <image>', help: 'k8s: the worker image' }, { flags: '--namespace <ns>', help: 'k8s: the namespace' }],
      examples: ['hpconf ftf run --factor model_type --crypto-group defi_top5 --timeframe 5m --data-dir data/ohlcv', 'hpconf ftf run --factor model_type --tokens SOL,ARB --quote USDT --timeframe 1h --data-dir data/ohlcv --workers-per-study 2',
        'hpconf ftf run --factor model_type --crypto-group defi_top5 --timeframe 5m --data-dir /data --emit k8s --workers-per-study 4 --out k8s/'],
      run: async () => (await import('./commands/ftf.js')).ftfRunCmd,
    }, {
      name: 'collect', summary: 'the report and both gates from what workers stored, wherever they ran (a folder of manifests, or the study storage)', args: ['[dir]'],
      options: [{ flags: '--plan <file>', help: 'the run\'s plan.json (from --emit k8s) or run.json (default: one in DIR)' },
        { flags: '--study-storage <where>', help: 'read the manifests from the study storage (store, journal:PATH or a postgresql:// URL)' }, { flags: '--run-id <id>', help: 'with --study-storage: the run' },
        { flags: '--out <dir>', help: 'where run.json and the report go (default: DIR)' },
        { flags: '--gate <gate>', help: 'which gate decides the exit status', choices: ['skill', 'f1'] },
        { flags: '--gate-min-f1 <f1>', help: 'plan\'s gate threshold (default: the plan\'s)', num: true }, { flags: '--gate-min-tokens <n>', help: 'tokens each model must pass (default: the plan\'s)', int: true }],
      examples: ['hpconf ftf collect /mnt/hpconf-runs/20261126-101500-ab12 --plan k8s/plan.json', 'hpconf ftf collect --study-storage store --run-id 20261126-101500-ab12 --out report/'],
      run: async () => (await import('./commands/ftf.js')).ftfCollectCmd,
    }, {
      name: 'finalize', summary: 'finish a run whose workers died or were stopped: each unfinished study finalized with the trials it has, then the report and both gates', args: ['<dir>'],
      options: [{ flags: '--study-storage <where>', help: 'the storage, when the plan shows it without its password (a postgresql:// URL)' },
        { flags: '--gate <gate>', help: 'which gate decides the exit status', choices: ['skill', 'f1'] },
        { flags: '--gate-min-f1 <f1>', help: 'plan\'s gate threshold (default: the plan\'s)', num: true }, { flags: '--gate-min-tokens <n>', help: 'tokens each model must pass (default: the plan\'s)', int: true }],
      examples: ['hpconf ftf finalize .hpconf/runs/20261126-101500-ab12', 'hpconf --database-url postgres://... ftf finalize runs/r1'],
      run: async () => (await import('./commands/ftf.js')).ftfFinalizeCmd,
    }, {
      name: 'promote', summary: "a run's best trials as one change request for the environment, each study's test margins over the defaults as evidence (exit 9: no gain beyond noise)",
      args: ['<run>'],
      options: [{ flags: '--studies <list>', help: 'only these studies: MODEL or MODEL:TOKEN, comma-separated (default: every study with a gain)' },
        { flags: '--to-base', help: "the base keys instead of each token's segment (one study per model)" },
        { flags: '--force', help: 'also studies without a gain beyond noise (needs --reason)' }, REASON, ACTOR, JSON_OPT],
      examples: ['hpconf --environment production ftf promote .hpconf/runs/20261203-090601-0f30', 'hpconf ftf promote 20261203-090601-0f30 --studies XGB:UNI --json'],
      run: async () => (await import('./commands/ftf.js')).ftfPromoteCmd,
    }, {
      name: 'suggest-ranges', summary: 'a change request widening the bounds a run\'s good trials crowd and narrowing the sides they never visit, with the counts as evidence (exit 1: nothing to change)',
      args: ['<run>'], options: [REASON, ACTOR, JSON_OPT],
      examples: ['hpconf ftf suggest-ranges .hpconf/runs/20261203-090601-0f30', 'hpconf --environment research ftf suggest-ranges 20261203-090601-0f30 --json'],
      run: async () => (await import('./commands/ftf.js')).ftfSuggestRangesCmd,
    }],
  },
  {
    name: 'lint', summary: 'the G5 gate: hyperparameter literals hard-coded in Python (and notebooks) and TypeScript', args: ['[paths...]'],
    options: [{ flags: '--mode <mode>', help: 'fail exits 1 on a finding', choices: ['warn', 'fail'], default: 'fail' },
      { flags: '--format <format>', help: 'report format', choices: ['text', 'github', 'sarif', 'json'], default: 'text' },
      { flags: '--config <file>', help: 'one config for every file (default: the nearest .hpconf-lint.json or pyproject.toml [tool.hpconf.lint] above each file)' },
      { flags: '--baseline <file>', help: 'known findings to accept (default: the config\'s)' }, { flags: '--write-baseline <file>', help: 'record the current findings' },
      { flags: '--prune-baseline', help: 'drop the baseline\'s stale entries (fixed or deleted code) and write it back' },
      { flags: '--no-default-excludes', help: 'also lint tests, virtual environments and installed packages' },
      { flags: '--explain <rule>', help: 'print a rule\'s documentation with a wrong and a right example' },
      { flags: '--add-noqa <reason>', help: 'write a reasoned suppression on the line of every current finding (adopt today, fail on new)' }],
    examples: ['hpconf lint', 'hpconf lint src/ --mode warn --format github', 'hpconf lint --explain HP001', 'hpconf lint --write-baseline .hpconf-baseline.json',
      'hpconf lint notebooks/ --add-noqa "legacy notebook, moving to the store in Q3"'],
    run: async () => (await import('./commands/lint.js')).lintCmd,
  },
  {
    name: 'baseline', summary: 'extract: legacy configuration code to a value bundle', examples: ['hpconf baseline extract --help'],
    sub: [{
      name: 'extract', summary: 'harvest per-timeframe defaults, search spaces and constants from legacy code (a path or REV:path)', args: ['<sources...>'],
      options: [{ flags: MODEL, help: 'the model the files configure' }, { flags: '--name <name>', help: 'bundle name' }, { flags: '--out <file>', help: 'write the bundle here' }],
      examples: ['hpconf baseline extract legacy/xgb_config.py --model xgb --out legacy.json', 'hpconf baseline extract v1.2:train/lgb.py --model lgb'],
      run: async () => (await import('./commands/baseline.js')).baselineExtract,
    }],
  },
  {
    name: 'environment', summary: 'named environments: list, create, diff, promote, review policy', examples: ['hpconf environment list', 'hpconf environment promote staging production --keys "CVN_HPO_XGB_*" --reason "validated on staging"'],
    sub: [
      { name: 'list', summary: 'every environment with its keys, last change and review policy', options: [JSON_OPT], examples: ['hpconf environment list --json'],
        run: async () => (await import('./commands/environment.js')).envList },
      { name: 'create', summary: 'a new environment holding a copy of another\'s values (default: default)', args: ['<name>'],
        options: [{ flags: '--from <env>', help: 'the environment to copy (default: default)' }, REASON, ACTOR],
        examples: ['hpconf environment create staging', 'hpconf environment create research --from staging'],
        run: async () => (await import('./commands/environment.js')).envCreate },
      { name: 'diff', summary: 'every value that differs between two environments; exit 1 when different', args: ['<a>', '<b>'], options: [JSON_OPT],
        examples: ['hpconf environment diff staging production'], run: async () => (await import('./commands/environment.js')).envDiff },
      { name: 'promote', summary: 'copy values from A into B: one change-set of B, or a change request where B needs review', args: ['<from>', '<to>'],
        options: [{ flags: '--keys <globs>', help: 'only keys matching these comma-separated globs (e.g. "CVN_HPO_XGB_*")' }, REASON, ACTOR,
          { flags: '--force', help: 'also unset required keys A lacks (coverage of B drops)' }, { flags: '--dry-run', help: 'show B\'s diff and coverage after; change nothing' }, JSON_OPT],
        examples: ['hpconf environment promote staging production --keys "CVN_HPO_XGB_5M_*" --reason "validated"'],
        run: async () => (await import('./commands/environment.js')).envPromote },
      { name: 'policy', summary: 'how many approvals a change of the environment needs, and from whom', args: ['<name>'],
        options: [{ flags: '--approvals <n>', help: '0 (direct writes) to 10', int: true }, { flags: '--approvers <users>', help: 'comma-separated user names (default: any writer but the author)' }, REASON, ACTOR],
        examples: ['hpconf environment policy production --approvals 1', 'hpconf environment policy production --approvals 2 --approvers olivia,ben'],
        run: async () => (await import('./commands/environment.js')).envPolicy },
      { name: 'mirror', summary: 'the environment the legacy ftf_config.base_env row mirrors (default: default)', args: ['<name>'], options: [ACTOR],
        examples: ['hpconf environment mirror production'], run: async () => (await import('./commands/environment.js')).envMirror },
    ],
  },
  {
    name: 'cr', summary: 'change requests: propose, review, approve, apply, schedule', examples: ['hpconf --environment production cr create --reason "slower" CVN_HPO_XGB_5M_LEARNING_RATE=0.05', 'hpconf cr list --state open'],
    sub: [
      { name: 'create', summary: 'propose KEY=VALUE ... (or a revert) for the environment (prints the id)', args: ['[assignments...]'],
        options: [REASON, { flags: '--revert <changeset>', help: 'propose undoing this change-set', int: true }, { flags: '--key <key...>', help: 'with --revert: only these keys' },
          { flags: '--draft', help: 'keep it a draft until `cr open`' }, { flags: '--force', help: 'the proposal unsets required keys (coverage drops), knowingly' }, ACTOR, JSON_OPT],
        examples: ['hpconf --environment production cr create --reason "slower" CVN_HPO_XGB_5M_LEARNING_RATE=0.05', 'hpconf cr create --json --reason r KEY=V'],
        run: async () => (await import('./commands/cr.js')).crCreate },
      { name: 'list', summary: 'the environment\'s change requests, newest first', options: [{ flags: '--state <state>', help: 'draft, open, approved, applied, rejected, scheduled, suspended or closed' }, { flags: '--all', help: 'of every environment' }, JSON_OPT],
        examples: ['hpconf cr list --state open', 'hpconf cr list --all --json'], run: async () => (await import('./commands/cr.js')).crList },
      { name: 'show', summary: 'one request: its keys (old -> new), approvals, history, and the checks a write of it would get now', args: ['<id>'], options: [JSON_OPT],
        examples: ['hpconf cr show 12', 'hpconf cr show 12 --json'], run: async () => (await import('./commands/cr.js')).crShow },
      { name: 'comment', summary: 'add a comment', args: ['<id>', '<text...>'], options: [ACTOR, JSON_OPT], examples: ['hpconf cr comment 12 "why 0.05?"'],
        run: async () => (await import('./commands/cr.js')).crComment },
      { name: 'approve', summary: 'approve (through a Console, as the user who made HPCONF_TOKEN; the local CLI never approves)', args: ['<id>'],
        options: [{ flags: '--comment <text>', help: 'a note with the approval' }, JSON_OPT], examples: ['hpconf --console https://hpconf cr approve 12'],
        run: async () => (await import('./commands/cr.js')).crApprove },
      { name: 'reject', summary: 'reject, with a reason', args: ['<id>'], options: [REASON, JSON_OPT], examples: ['hpconf --console https://hpconf cr reject 12 --reason "not before the release"'],
        run: async () => (await import('./commands/cr.js')).crReject },
      { name: 'apply', summary: 'apply an approved request as one change-set (refused if a key moved since, exit 5)', args: ['<id>'], options: [ACTOR, JSON_OPT],
        examples: ['hpconf cr apply 12'], run: async () => (await import('./commands/cr.js')).crApply },
      { name: 'schedule', summary: 'apply an approved request at a time (a running Console applies it within 60 s)', args: ['<id>'],
        options: [{ flags: '--at <time>', help: 'ISO 8601 with Z or an offset: 2026-12-24T06:00:00Z' }, ACTOR, JSON_OPT],
        examples: ['hpconf cr schedule 12 --at 2026-12-24T06:00:00Z'], run: async () => (await import('./commands/cr.js')).crSchedule },
      { name: 'close', summary: 'withdraw a request (its author, an admin, or the store owner)', args: ['<id>'], options: [REASON, ACTOR, JSON_OPT],
        examples: ['hpconf cr close 12 --reason "superseded by 14"'], run: async () => (await import('./commands/cr.js')).crClose },
      { name: 'edit', summary: 'change a request\'s keys (its author): a new version, every approval void', args: ['<id>', '[assignments...]'],
        options: [{ flags: '--drop <keys...>', help: 'remove these keys from the request' }, REASON, ACTOR, JSON_OPT],
        examples: ['hpconf cr edit 12 CVN_HPO_XGB_5M_LEARNING_RATE=0.06'], run: async () => (await import('./commands/cr.js')).crEdit },
      { name: 'open', summary: 'put a draft up for review', args: ['<id>'], options: [ACTOR, JSON_OPT], examples: ['hpconf cr open 12'],
        run: async () => (await import('./commands/cr.js')).crOpen },
    ],
  },
  {
    name: 'runs', summary: 'fine-tune runs recorded in the store: which revision trained which models, and how well',
    examples: ['hpconf runs list', 'hpconf runs show 20261203-090601-0f30'],
    sub: [
      { name: 'list', summary: "the environment's runs, newest first, with both gates",
        options: [{ flags: '--model <model>', help: 'only runs that trained this model' }, { flags: '--token <token>', help: 'only runs that trained this token' },
          { flags: '--limit <n>', help: 'at most this many (default 100)', int: true }, JSON_OPT],
        examples: ['hpconf runs list --model xgb --json'], run: async () => (await import('./commands/runs.js')).runsList },
      { name: 'show', summary: 'one run: its store state, both gates, per study the defaults and the best trial with intervals', args: ['<id>'], options: [JSON_OPT],
        examples: ['hpconf runs show 20261203-090601-0f30 --json'], run: async () => (await import('./commands/runs.js')).runsShow },
      { name: 'record', summary: "record a run written elsewhere (hpconf.optuna.record for a team's own study), checked as the API checks it", args: ['<file>'], options: [JSON_OPT],
        examples: ['hpconf exec -- python tune.py && hpconf runs record run-record.json'], run: async () => (await import('./commands/runs.js')).runsRecord },
    ],
  },
  {
    name: 'webhooks', summary: 'signed POSTs on change requests, direct writes and coverage drops', examples: ['hpconf webhooks add https://hooks.slack.com/services/T/B/X --secret "$HOOK_SECRET"'],
    sub: [
      { name: 'add', summary: 'a URL to POST each event to, signed X-Hpconf-Signature: sha256=HMAC(secret, body)', args: ['<url>'],
        options: [{ flags: '--secret <secret>', help: 'the HMAC-SHA256 key the receiver checks (16 characters or more)' }, { flags: '--events <kinds>', help: 'comma-separated: request.opened, request.approved, request.applied, values.changed, coverage.dropped... (default: every event)' },
          { flags: '--allow-private', help: 'allow a loopback or private address (the store owner only)' }, ACTOR],
        examples: ['hpconf webhooks add https://hooks.example.com/hpconf --secret "$S" --events request.opened,request.applied'],
        run: async () => (await import('./commands/webhooks.js')).webhooksAdd },
      { name: 'list', summary: 'webhooks with their delivery counts', options: [JSON_OPT], examples: ['hpconf webhooks list'], run: async () => (await import('./commands/webhooks.js')).webhooksList },
      { name: 'remove', summary: 'stop delivering to a webhook (its log stays)', args: ['<id>'], examples: ['hpconf webhooks remove 2'], run: async () => (await import('./commands/webhooks.js')).webhooksRemove },
      { name: 'deliveries', summary: 'the delivery log, newest first', options: [{ flags: '--webhook <id>', help: 'one webhook', int: true }, { flags: '--limit <n>', help: 'at most this many', int: true, default: 50 }, JSON_OPT],
        examples: ['hpconf webhooks deliveries --webhook 2'], run: async () => (await import('./commands/webhooks.js')).webhooksDeliveries },
    ],
  },
  {
    name: 'migrate', summary: 'apply database migrations (as the owner); grant the application role',
    options: [{ flags: '--app-role <role>', help: 'the role the Console connects as: append-only on the change log' }],
    examples: ['hpconf --database-url postgres://owner@db/hpconf migrate --app-role hpconf_app'],
    run: async () => (await import('./commands/up.js')).migrateCmd,
  },
  {
    name: 'completion', summary: 'a shell completion script', args: ['<shell>'],
    examples: ['hpconf completion bash > /etc/bash_completion.d/hpconf', 'hpconf completion zsh > "${fpath[1]}/_hpconf"', 'hpconf completion fish > ~/.config/fish/completions/hpconf.fish'],
    run: async () => (await import('./completion.js')).completionCmd,
  },
];

/** Options every command takes, before the command name. */
export const GLOBAL_OPTIONS: OptionSpec[] = [
  { flags: '--database-url <url>', help: 'a PostgreSQL server (or DATABASE_URL)' },
  { flags: '--data-dir <dir>', help: 'the embedded store directory (or HPCONF_DATA_DIR; default .hpconf/pgdata)' },
  { flags: '--console <url>', help: 'a running Console, reached with the API token in HPCONF_TOKEN (or HPCONF_CONSOLE_URL)' },
  { flags: '--environment <name>', help: 'the environment to read and write (or HPCONF_ENVIRONMENT; default: default)' },
];
