import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { HpconfError } from '../errors/registry.js';

interface Holder { pid: number; host: string; command: string; since: string }

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per PGlite directory: a second opener would work on its own in-memory copy and
 * the last to close would silently overwrite the other's writes (field-notes.md). A lock file
 * naming the holder makes the second opener fail loudly instead; a holder that died is stale.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'hpconf.lock');
  const me: Holder = { pid: process.pid, host: hostname(), command: process.argv.slice(1).join(' ').slice(0, 200), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        try { unlinkSync(file); } catch { /* already gone */ }
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: Holder | undefined;
      try { holder = JSON.parse(readFileSync(file, 'utf8')); } catch { /* half-written or unreadable: treat as stale */ }
      if (holder && holder.host === me.host && holder.pid !== me.pid && alive(holder.pid)) {
        throw new HpconfError('HPC_STORE_LOCKED', { dir, pid: holder.pid, command: holder.command });
      }
      if (holder && holder.host !== me.host) {
        throw new HpconfError('HPC_STORE_LOCKED', { dir, pid: holder.pid, command: `${holder.command} on ${holder.host}` });
      }
      if (holder && holder.pid === me.pid) {
        throw new HpconfError('HPC_STORE_LOCKED', { dir, pid: holder.pid, command: 'this process (opened twice)' });
      }
      try { unlinkSync(file); } catch { /* raced with another cleaner */ }
    }
  }
  throw new HpconfError('HPC_STORE_LOCKED', { dir, pid: 0, command: 'unknown (lock file keeps reappearing)' });
}
