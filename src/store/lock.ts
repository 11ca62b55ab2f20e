import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { HpconfError } from '../errors/registry.js';

/**
 * One process per PGlite directory: a second opener would work on its own in-memory copy and
 * the last to close would silently overwrite the other's writes (field-notes.md).
 *
 * The lock is a series of generation files `hpconf.lock.<n>`; the highest one rules. Each is
 * written in full to a private temp file and then hard-linked into place, so no reader ever sees
 * a half-written holder, and `link` fails if the name exists, so each generation has exactly one
 * creator. A new generation is created only when the current one is released or its holder is
 * dead, so two takers of a stale lock race for the same name and one wins. After linking, the
 * winner checks that no higher generation appeared (a taker working from an old listing backs
 * off), then deletes the older generations. Release rewrites the holder's file as released.
 */

export interface Holder { pid: number; host: string; start?: string; command: string; since: string; nonce: string; released?: boolean }
export interface LockOptions {
  /** How long a second opener waits for the holder to finish (ms); 0 refuses at once. */
  timeoutMs?: number;
}

const PREFIX = 'hpconf.lock.';
const GEN = /^hpconf\.lock\.([0-9]+)$/;
const LEGACY = 'hpconf.lock';
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

/** The lock timeout from HPCONF_LOCK_TIMEOUT (seconds), else the default. */
export function lockTimeoutFromEnv(env: Record<string, string | undefined> = process.env): number {
  const v = env.HPCONF_LOCK_TIMEOUT;
  if (v === undefined || v === '') return DEFAULT_LOCK_TIMEOUT_MS;
  if (!/^[0-9]+(\.[0-9]+)?$/.test(v.trim())) throw new HpconfError('HPC_USAGE', { details: `HPCONF_LOCK_TIMEOUT takes seconds, got "${v}"` });
  return Math.round(Number(v) * 1000);
}

/** Linux: the process state and start time from /proc, so a zombie or a reused pid is not taken for the holder. */
function procStat(pid: number): { state: string; start: string } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { state: f[0], start: f[19] };
  } catch {
    return undefined;
  }
}

const ME_START = procStat(process.pid)?.start;

/** Whether the process a holder names still runs (same host: pid, zombie and pid reuse checked). */
export function alive(h: Pick<Holder, 'pid' | 'host' | 'start'>): boolean {
  if (h.host !== hostname()) return true; // another machine's process cannot be checked: assume it lives
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const st = procStat(h.pid);
  if (!st) return true;
  if (st.state === 'Z' || st.state === 'X') return false; // killed, not yet reaped by its parent
  return !(h.start && st.start !== h.start); // the pid now belongs to another process
}

function readHolder(file: string): Holder | 'gone' | 'unreadable' {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
  try { return JSON.parse(text) as Holder; } catch { return 'unreadable'; }
}

function writeFileSynced(file: string, text: string): void {
  const fd = openSync(file, 'wx', 0o600);
  try { writeSync(fd, text); fsyncSync(fd); } finally { closeSync(fd); }
}

function generations(dir: string): number[] {
  return readdirSync(dir).map((n) => GEN.exec(n)).filter((m): m is RegExpExecArray => !!m).map((m) => Number(m[1]));
}

const unlinkQuietly = (f: string) => { try { unlinkSync(f); } catch { /* gone already */ } };

type Attempt = { ok: true; gen: number } | { ok: false; holder: Holder | undefined };

/** One try: take the next generation if the current one is free. */
function attempt(dir: string, me: Holder): Attempt {
  for (let spin = 0; spin < 50; spin++) {
    const legacy = readHolder(path.join(dir, LEGACY));
    if (typeof legacy === 'object' && !legacy.released && alive(legacy)) return { ok: false, holder: legacy };
    const gens = generations(dir);
    const top = gens.length ? Math.max(...gens) : 0;
    if (top > 0) {
      const file = path.join(dir, PREFIX + top);
      const h = readHolder(file);
      if (h === 'gone') continue; // cleaned up under us: list again
      if (h === 'unreadable') {
        // Only a foreign tool writes such a file; give it a few seconds before calling it stale.
        let age = 0;
        try { age = Date.now() - statSync(file).mtimeMs; } catch { continue; }
        if (age < 5000) return { ok: false, holder: undefined };
      } else if (!h.released && (h.pid === me.pid && h.host === me.host ? true : alive(h))) {
        return { ok: false, holder: h };
      }
    }
    const next = top + 1;
    const tmp = path.join(dir, `.hpconf.lock.tmp.${me.pid}.${randomBytes(4).toString('hex')}`);
    writeFileSynced(tmp, JSON.stringify(me));
    try {
      linkSync(tmp, path.join(dir, PREFIX + next));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue; // another taker won this generation
      throw e;
    } finally {
      unlinkQuietly(tmp);
    }
    // A taker that listed the directory before a newer generation existed may have linked an old number: it backs off.
    if (Math.max(...generations(dir)) > next) { unlinkQuietly(path.join(dir, PREFIX + next)); continue; }
    for (const g of generations(dir)) if (g < next) unlinkQuietly(path.join(dir, PREFIX + g));
    return { ok: true, gen: next };
  }
  return { ok: false, holder: undefined };
}

function holderError(dir: string, h: Holder | undefined, me: Holder): HpconfError {
  if (!h) return new HpconfError('HPC_STORE_LOCKED', { dir, pid: 0, command: 'unknown (the lock keeps changing hands)' });
  const self = h.pid === me.pid && h.host === me.host;
  return new HpconfError('HPC_STORE_LOCKED', { dir, pid: h.pid, command: self ? 'this process (opened twice)' : h.host === me.host ? h.command : `${h.command} on ${h.host}` });
}

/** Take the lock now or fail with the holder named. */
export function tryLockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const me = holderOfThisProcess();
  const a = attempt(dir, me);
  if (!a.ok) throw holderError(dir, a.holder, me);
  return releaser(dir, a.gen, me);
}

/**
 * Take the lock, waiting up to `timeoutMs` for the holder to finish (a busy timeout, as SQLite
 * users expect), so scripts that run several commands at once serialise instead of failing.
 */
export async function lockDataDir(dir: string, o: LockOptions = {}): Promise<() => void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const me = holderOfThisProcess();
  const deadline = Date.now() + (o.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  let wait = 20;
  for (;;) {
    const a = attempt(dir, me);
    if (a.ok) return releaser(dir, a.gen, me);
    const self = a.holder && a.holder.pid === me.pid && a.holder.host === me.host;
    if (self || Date.now() >= deadline) throw holderError(dir, a.holder, me);
    await new Promise((r) => setTimeout(r, Math.min(wait + Math.random() * wait, Math.max(1, deadline - Date.now()))));
    wait = Math.min(wait * 1.5, 250);
  }
}

export function holderOfThisProcess(): Holder {
  return {
    pid: process.pid, host: hostname(), start: ME_START, command: process.argv.slice(1).join(' ').slice(0, 200),
    since: new Date().toISOString(), nonce: randomBytes(8).toString('hex'),
  };
}

function releaser(dir: string, gen: number, me: Holder): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    // Atomic replace: a reader sees either our holder or our release, never an empty file.
    const tmp = path.join(dir, `.hpconf.lock.tmp.${me.pid}.${randomBytes(4).toString('hex')}`);
    try {
      writeFileSynced(tmp, JSON.stringify({ ...me, released: true }));
      renameSync(tmp, path.join(dir, PREFIX + gen));
    } catch {
      unlinkQuietly(tmp); // the directory is gone: nothing left to release
    }
  };
  process.on('exit', release);
  return release;
}
