import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { failpoint } from './failpoint.js';
import { jsonRows, type Queryable } from './db.js';

/**
 * What an embedded store's readers need without booting PGlite (`get`, `export`, `exec`): every environment's
 * rows and the store's revision, in files beside the data, written by the process holding the directory's lock.
 *
 * The protocol (the lock makes its holder the only writer):
 *  1. after taking the lock and before PGlite opens, the holder writes the OPEN marker (fsynced);
 *  2. as it closes, after its last commit, it writes each environment's rows to new files, then replaces
 *     index.json (temp file, fsync, rename) naming them with the revision and a fingerprint of PGlite's own
 *     files as the close left them;
 *  3. it removes the marker, then releases the lock.
 * A reader uses the snapshot only when there is no marker and the fingerprint still matches PGlite's files (a
 * writer outside this protocol, an older hpconf, changes them). A crash anywhere before step 3 leaves the marker,
 * so the next reader reads the database, and rewrites the snapshot as it closes. So a value read from here is
 * the committed one, never a stale one: while anyone holds the store open, nobody reads from here.
 */
export const SNAPSHOT_DIR = 'hpconf-values';
const MARKER = 'OPEN';
const INDEX = 'index.json';
const FORMAT = 1;

export interface SnapshotIndex {
  format: number;
  revision: number;
  /** The newest migration applied: a migration may rewrite rows without a revision. */
  migration: number;
  environments: Record<string, string>;
  fingerprint: string;
}

/** Every row of one environment (base values, overrides, group definitions), by address. */
export interface EnvironmentSnapshot { revision: number; environments: string[]; rows: Map<string, string> }

const dirOf = (dataDir: string) => path.join(dataDir, SNAPSHOT_DIR);

/**
 * PGlite's own record of change: its control file (rewritten at every start and close) and each WAL segment
 * (written by every commit), by size and modification time. A few stat calls.
 */
export function fingerprint(dataDir: string): string {
  const wal = path.join(dataDir, 'pg_wal');
  const files = ['global/pg_control', ...readdirSync(wal).filter((n) => /^[0-9A-F]{24}$/.test(n)).sort().map((n) => `pg_wal/${n}`)];
  return files.map((f) => {
    const s = statSync(path.join(dataDir, f), { bigint: true });
    return `${f}:${s.size}:${s.mtimeNs}`;
  }).join(' ');
}

function writeSynced(file: string, text: string): void {
  const fd = openSync(file, 'w', 0o600);
  try { writeSync(fd, text); fsyncSync(fd); } finally { closeSync(fd); }
}
function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}
const unlinkQuietly = (f: string) => { try { unlinkSync(f); } catch { /* gone already */ } };

/** Step 1: from here on, until markClosed, no reader trusts the snapshot. */
export function markOpen(dataDir: string): void {
  const dir = dirOf(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeSynced(path.join(dir, MARKER), `${process.pid}\n`);
  syncDir(dir);
  failpoint('snapshot-marked');
}

/** What the snapshot holds, read from the store (the holder, after its last commit). */
export async function capture(q: Queryable): Promise<{ revision: number; migration: number; environments: Map<string, [string, string][]> }> {
  const head = await q.query<{ r: unknown; m: unknown }>('SELECT (SELECT coalesce(max(revision), 0) FROM hp_change) AS r, (SELECT coalesce(max(id), 0) FROM hpconf_migration) AS m');
  const names = (await q.query<{ name: string }>('SELECT name FROM hp_environment ORDER BY name')).rows.map((r) => r.name);
  const environments = new Map<string, [string, string][]>(names.map((n) => [n, []]));
  const rows = await jsonRows<[string, string, string]>(q, 'SELECT json_agg(json_build_array(environment, key, value) ORDER BY environment, key)::text AS j FROM hp_value');
  for (const [e, key, value] of rows) environments.get(e)?.push([key, value]);
  return { revision: Number(head.rows[0].r), migration: Number(head.rows[0].m), environments };
}

function readIndex(dir: string): SnapshotIndex | undefined {
  try {
    const ix = JSON.parse(readFileSync(path.join(dir, INDEX), 'utf8')) as SnapshotIndex;
    return ix.format === FORMAT ? ix : undefined;
  } catch { return undefined; }
}

/**
 * Step 2, after PGlite closed: the environments' files, then the index. `data` undefined (the store could not be
 * read) removes the index, so readers go to the database. Files of an unchanged store are kept, not rewritten.
 */
export function writeSnapshot(dataDir: string, data: Awaited<ReturnType<typeof capture>> | undefined): void {
  const dir = dirOf(dataDir);
  if (!data) { unlinkQuietly(path.join(dir, INDEX)); syncDir(dir); return; }
  const old = readIndex(dir);
  const names = [...data.environments.keys()];
  const same = old && old.revision === data.revision && old.migration === data.migration
    && Object.keys(old.environments).join('\0') === names.join('\0');
  const environments: Record<string, string> = {};
  const tag = randomBytes(6).toString('hex');
  names.forEach((name, i) => {
    if (same) { environments[name] = old.environments[name]; return; }
    const file = `env-${data.revision}-${tag}-${i}.json`;
    writeSynced(path.join(dir, file), JSON.stringify(data.environments.get(name)));
    environments[name] = file;
  });
  failpoint('snapshot-files');
  const index: SnapshotIndex = { format: FORMAT, revision: data.revision, migration: data.migration, environments, fingerprint: fingerprint(dataDir) };
  const tmp = path.join(dir, `.index.${process.pid}.${tag}.tmp`);
  writeSynced(tmp, JSON.stringify(index));
  renameSync(tmp, path.join(dir, INDEX));
  syncDir(dir);
  failpoint('snapshot-index');
  const keep = new Set([INDEX, MARKER, ...Object.values(environments)]);
  for (const n of readdirSync(dir)) if (!keep.has(n)) unlinkQuietly(path.join(dir, n));
}

/** Step 3: readers may use the snapshot again. */
export function markClosed(dataDir: string): void {
  const dir = dirOf(dataDir);
  unlinkQuietly(path.join(dir, MARKER));
  syncDir(dir);
}

/**
 * One environment's rows from the snapshot, or undefined when the database must be read: no store yet, a holder
 * has it open (or crashed holding it), no snapshot, or PGlite's files changed since it was written. Unknown
 * environment: `environments` lists the known ones and `rows` is undefined.
 */
export function readSnapshot(dataDir: string, environment: string): { revision: number; environments: string[]; rows?: Map<string, string> } | undefined {
  const dir = dirOf(dataDir);
  try {
    statSync(path.join(dir, MARKER));
    return undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
  }
  const ix = readIndex(dir);
  if (!ix) return undefined;
  try {
    if (fingerprint(dataDir) !== ix.fingerprint) return undefined;
    const environments = Object.keys(ix.environments);
    const file = ix.environments[environment];
    if (!file) return { revision: ix.revision, environments };
    const rows = new Map(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as [string, string][]);
    return { revision: ix.revision, environments, rows };
  } catch {
    return undefined; // a file replaced under us, or unreadable: the database decides
  }
}
