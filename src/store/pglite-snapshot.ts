import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from '../paths.js';

/**
 * A new embedded store starts from a data directory initialised and migrated at build time
 * (dist/pglite-snapshot.tar.gz) instead of running PGlite's initdb in every new process: initdb is
 * most of a first `seed`'s time and memory (bench/pglite.bench.ts). The snapshot is used only by
 * the PGlite version that wrote it; otherwise, or with HPCONF_PGLITE_SNAPSHOT=off, initdb runs.
 */
const DIST = path.join(ROOT, 'dist');
const files = (dir: string) => ({ data: path.join(dir, 'pglite-snapshot.tar.gz'), meta: path.join(dir, 'pglite-snapshot.json') });

interface Meta { pglite: string; migrations: number[] }

export function pgliteVersion(): string {
  // The package does not export its package.json: find it from its entry point.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  let dir = path.dirname(entry);
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The snapshot as PGlite's `loadDataDir` takes it, when there is one this PGlite can use. */
export function loadSnapshot(o: { env?: Record<string, string | undefined>; dir?: string } = {}): Blob | undefined {
  const f = files(o.dir ?? DIST);
  if ((o.env ?? process.env).HPCONF_PGLITE_SNAPSHOT === 'off' || !existsSync(f.meta) || !existsSync(f.data)) return undefined;
  try {
    const meta = JSON.parse(readFileSync(f.meta, 'utf8')) as Meta;
    if (meta.pglite !== pgliteVersion()) return undefined;
    return new Blob([readFileSync(f.data)]);
  } catch {
    return undefined;
  }
}

export function writeSnapshot(data: Uint8Array, migrations: number[], dir = DIST): void {
  const f = files(dir);
  writeFileSync(f.data, data);
  writeFileSync(f.meta, JSON.stringify({ pglite: pgliteVersion(), migrations } satisfies Meta) + '\n');
}
