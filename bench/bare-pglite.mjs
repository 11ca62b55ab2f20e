// The floor under `up --once`: a process that creates a PGlite store in a new directory from the package's
// snapshot (dist/pglite-snapshot.tar.gz, as openPglite does) and closes it. Usage: node bench/bare-pglite.mjs DIR
import { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dist = path.join(import.meta.dirname, '..', 'dist');
const pg = new PGlite(process.argv[2], { loadDataDir: new Blob([readFileSync(path.join(dist, 'pglite-snapshot.tar.gz'))]), postgresqlconf: ['shared_buffers=32MB'] });
await pg.waitReady;
await pg.close();
