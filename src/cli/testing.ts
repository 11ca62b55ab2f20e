import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../paths.js';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin', 'hpconf.js');

/**
 * The built CLI as separate processes on a fresh data directory (removed by `cleanup`), with none of the
 * caller's hyperparameters, store or environment in the way: each call answers its exit code and output.
 */
export function dataDirCli(prefix: string) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CVN_') && k !== 'DATABASE_URL' && k !== 'HPCONF_ENVIRONMENT'));
  const hp = (...args: string[]) => hpWith({}, ...args);
  /** The same, with more environment variables. */
  async function hpWith(extra: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
    try {
      const r = await run(process.execPath, [BIN, '--data-dir', dir, ...args], { env: { ...env, ...extra }, maxBuffer: 1 << 24 });
      return { code: 0, out: r.stdout, err: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout, err: x.stderr };
    }
  }
  return { dir, hp, hpWith, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
