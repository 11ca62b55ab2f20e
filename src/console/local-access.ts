import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { alive, holderOfThisProcess, type Holder } from '../store/lock.js';

/**
 * A Console holding an embedded store's directory leaves its address and a secret there (mode
 * 0600, like the database files), so CLI processes of the same user read and write through it
 * instead of waiting for the lock and booting a second PGlite. Whoever can read the file can read
 * the database files anyway: the secret grants no more than that (an operator's API rights).
 */
export const LOCAL_ACCESS_FILE = 'hpconf-console.json';
export const LOCAL_PREFIX = 'hpl_';

export interface LocalAccess { url: string; secret: string; pid: number; host: string; start?: string; since: string }

export function publishLocalAccess(dir: string, url: string): { secret: string; remove(): void } {
  const me: Holder = holderOfThisProcess();
  const secret = LOCAL_PREFIX + randomBytes(32).toString('base64url');
  const file = path.join(dir, LOCAL_ACCESS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  const doc: LocalAccess = { url, secret, pid: me.pid, host: me.host, start: me.start, since: me.since };
  writeFileSync(tmp, JSON.stringify(doc) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
  return {
    secret,
    remove: () => {
      // Only our own file: a later Console on the same directory may have replaced it.
      if (readLocalAccessFile(dir)?.secret === secret) try { unlinkSync(file); } catch { /* gone */ }
    },
  };
}

function readLocalAccessFile(dir: string): LocalAccess | undefined {
  try {
    const doc = JSON.parse(readFileSync(path.join(dir, LOCAL_ACCESS_FILE), 'utf8')) as LocalAccess;
    return typeof doc.url === 'string' && typeof doc.secret === 'string' && doc.secret.startsWith(LOCAL_PREFIX) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** The running Console that holds `dir`, if any (a file left by a dead one is ignored). */
export function findLocalConsole(dir: string): LocalAccess | undefined {
  const doc = readLocalAccessFile(dir);
  return doc && alive(doc) ? doc : undefined;
}

export function isLocalSecret(presented: string, secret: string | undefined): boolean {
  if (!secret || !presented.startsWith(LOCAL_PREFIX)) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
