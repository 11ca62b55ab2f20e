// Build step: an initialised, migrated PGlite data directory, so new embedded stores skip initdb.
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS, migrate } from '../src/store/migrations.js';
import { writeSnapshot } from '../src/store/pglite-snapshot.js';
import { pgliteDb } from '../src/store/pglite.js';

const pg = new PGlite();
await pg.waitReady;
await migrate(pgliteDb(pg, 'snapshot'));
await pg.query('CHECKPOINT');
const blob = await pg.dumpDataDir('gzip');
writeSnapshot(new Uint8Array(await blob.arrayBuffer()), MIGRATIONS.map((m) => m.id));
await pg.close();
