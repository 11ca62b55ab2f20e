/** The CLI behaves like the ones people know: help everywhere, a version, suggestions, JSON, completion. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../catalog/load.js';
import { migrate } from '../store/migrations.js';
import { openPglite } from '../store/pglite.js';
import { createStore, type Store } from '../store/store.js';
import { VERSION } from '../version.js';
import { SHELLS } from './completion.js';
import { main } from './main.js';
import { COMMANDS } from './registry.js';
import { errorCodes, errorDef } from '../errors/registry.js';

async function run(argv: string[], store?: Store) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: { USER: 'tester' }, ...(store ? { openStore: async () => ({ ...store, close: async () => {} }) } : {}) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('--help and -h on every command and subcommand: exit 0, usage, options and an example', async () => {
  const paths = COMMANDS.flatMap((c) => [[c.name], ...(c.sub ?? []).map((s) => [c.name, s.name])]);
  for (const p of paths) {
    for (const flag of ['--help', '-h']) {
      const r = await run([...p, flag]);
      assert.equal(r.code, 0, `${p.join(' ')} ${flag}: ${r.err}`);
      assert.match(r.out, new RegExp(`^Usage: hpconf ${p.join(' ')}`), p.join(' '));
      assert.match(r.out, /\nExamples:\n {2}hpconf /, p.join(' '));
    }
  }
  const top = await run(['--help']);
  assert.equal(top.code, 0);
  for (const c of COMMANDS) assert.match(top.out, new RegExp(`\\n  ${c.name}\\b`));
  assert.match((await run(['help', 'revert'])).out, /--dry-run/);
  const none = await run([]);
  assert.equal(none.code, 2);
});

test('--version; "did you mean" for commands and options; bad option values are usage errors', async () => {
  const v = await run(['--version']);
  assert.deepEqual([v.code, v.out], [0, VERSION]);
  const cmd = await run(['histry']);
  assert.equal(cmd.code, 2);
  assert.match(cmd.err, /^error\[HPC_USAGE\]: unknown command 'histry'\n\(Did you mean history\?\)$/);
  const opt = await run(['history', '--actr', 'x']);
  assert.equal(opt.code, 2);
  assert.match(opt.err, /unknown option '--actr'\n\(Did you mean --actor\?\)/);
  assert.match((await run(['export', '--format', 'yml'])).err, /Allowed choices are env, dotenv, json, k8s/);
  const lim = await run(['history', '--limit', 'ten']);
  assert.deepEqual([lim.code, /--limit <n>' argument 'ten' is invalid\. takes a whole number >= 0/.test(lim.err)], [2, true]);
});

test('filters naming an unknown model, timeframe or parameter are errors with a suggestion, never an empty list', async () => {
  const m = await run(['catalog', '--model', 'xgbb']);
  assert.equal(m.code, 2);
  assert.match(m.err, /HPC_MODEL_UNKNOWN\]: unknown model "xgbb"; known: XGB, LGB, CB \(did you mean XGB\?\)/);
  const t = await run(['catalog', '--timeframe', '15min']);
  assert.match(t.err, /HPC_TIMEFRAME_UNKNOWN\]: unknown timeframe "15min"; known: 1M, 5M, 15M, 30M, 1H/);
  const p = await run(['catalog', '--param', 'learning_rat']);
  assert.match(p.err, /HPC_PARAM_UNKNOWN\]: unknown parameter "learning_rat" for any model; did you mean LEARNING_RATE\?/);
  assert.equal((await run(['catalog', '--model', 'xgb', '--names'])).out.split('\n').length, 5 * 46);
});

test('--json on the reading commands prints real nulls', async () => {
  const db = await openPglite();
  await migrate(db);
  const store = createStore(db, loadCatalog());
  await store.apply([{ key: 'CVN_HPO_CB_5M_DEPTH', value: '6' }], { actor: 'test', actorKind: 'system' });
  await store.apply([{ key: 'CVN_HPO_CB_5M_DEPTH', value: null }], { actor: 'test', actorKind: 'system', force: true });
  const h = JSON.parse((await run(['history', 'CVN_HPO_CB_5M_DEPTH', '--json'], store)).out);
  assert.deepEqual([h[0].oldValue, h[0].newValue, h[1].oldValue], ['6', null, null]);
  const g = await run(['get', 'CVN_HPO_CB_5M_DEPTH', '--json'], store);
  assert.equal(g.code, 3);
  assert.deepEqual(JSON.parse(g.out), { key: 'CVN_HPO_CB_5M_DEPTH', value: null, revision: 2, layer: null });
  await store.close();
});

test('completion: bash completes commands, options, choices and catalog keys; zsh and fish scripts parse', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-completion-'));
  const script = path.join(dir, 'hpconf.bash');
  // Where the CLI that wrote the script is gone, `hpconf` on PATH answers: here a stand-in, as the real one does.
  writeFileSync(script, SHELLS.bash({ node: process.execPath, bin: path.join(dir, 'gone', 'hpconf.js') }));
  writeFileSync(path.join(dir, 'hpconf'), `#!/bin/sh\n[ "$1 $2" = "catalog --names" ] && printf 'CVN_HPO_XGB_5M_GAMMA\\nCVN_HPO_XGB_5M_GAMMA_RANGE_MIN\\nCVN_HPO_CB_5M_DEPTH\\n'\n`, { mode: 0o755 });
  const complete = (line: string) => {
    const words = line.split(' ');
    const sh = `source ${script}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _hpconf; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['-c', sh], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } }).toString().trim().split('\n').filter(Boolean);
  };
  assert.deepEqual(complete('hpconf hi'), ['history']);
  assert.ok(complete('hpconf rev').includes('revert'));
  assert.deepEqual(complete('hpconf revert 12 --dr'), ['--dry-run']);
  assert.deepEqual(complete('hpconf export --format j'), ['json']);
  assert.deepEqual(complete('hpconf ftf r'), ['run']);
  assert.deepEqual(complete('hpconf ftf run --emit '), ['k8s']);
  assert.deepEqual(complete('hpconf get CVN_HPO_XGB_5M_GAMMA'), ['CVN_HPO_XGB_5M_GAMMA', 'CVN_HPO_XGB_5M_GAMMA_RANGE_MIN']);
  assert.deepEqual(complete('hpconf --data-dir /tmp get CVN_HPO_CB'), ['CVN_HPO_CB_5M_DEPTH']);
  assert.deepEqual(complete('hpconf set CVN_HPO_CB'), ['CVN_HPO_CB_5M_DEPTH=']);
  // With no hpconf on PATH (npx, an alias): the keys come from the CLI that wrote the script.
  const bare = path.join(dir, 'bare.bash');
  writeFileSync(bare, SHELLS.bash());
  const noPath = execFileSync('bash', ['-c', `source ${bare}; COMP_WORDS=(hpconf get CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_M); COMP_CWORD=2; _hpconf; printf '%s\\n' "\${COMPREPLY[@]}"`],
    { env: { ...process.env, PATH: '/usr/bin:/bin' } }).toString().trim().split('\n');
  assert.deepEqual(noPath.sort(), ['CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MAX', 'CVN_HPO_XGB_5M_LEARNING_RATE_RANGE_MIN']);
  for (const [shell, args] of [['zsh', ['-n']], ['fish', ['--no-execute']]] as const) {
    const file = path.join(dir, `hpconf.${shell}`);
    writeFileSync(file, SHELLS[shell]());
    const r = spawnSync(shell, [...args, file], { encoding: 'utf8' });
    if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
      if (process.env.CI) assert.fail(`CI must check the ${shell} script: ${shell} is not installed`);
      t.diagnostic(`${shell} not installed: its script was not checked`);
      continue;
    }
    assert.equal(r.status, 0, `${shell}: ${r.stderr}`);
  }
  const cli = await run(['completion', 'bash']);
  assert.match(cli.out, /complete -F _hpconf hpconf/);
  assert.equal((await run(['completion', 'tcsh'])).code, 2);
});

test('every command an error message suggests is a real command, and its usage parses', async () => {
  const suggested = errorCodes().flatMap((code) => [...errorDef(code).message.matchAll(/\bhpconf ([a-z][a-z-]*)/g)].map((m) => [code, m[1]]));
  assert.ok(suggested.length >= 2);
  for (const [code, name] of suggested) {
    assert.ok(COMMANDS.some((c) => c.name === name), `${code} suggests "hpconf ${name}", which is no command`);
    assert.equal((await run([name, '--help'])).code, 0, name);
  }
});

test('output into a closed pipe ends the process quietly (no EPIPE trace)', () => {
  const bin = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'bin', 'hpconf.js');
  for (const args of [['lint', '--help'], ['catalog']]) {
    const r = spawnSync('bash', ['-c', `set -o pipefail; node "${bin}" ${args.join(' ')} | head -n 1 >/dev/null`], { encoding: 'utf8' });
    assert.equal(r.stderr, '', args.join(' '));
    assert.ok(r.status === 0 || r.status === 141, `${args.join(' ')}: exit ${r.status}`);
  }
});
