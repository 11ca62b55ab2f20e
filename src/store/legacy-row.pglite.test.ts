import { openPglite } from './pglite.js';
import { legacyRowSuite } from './legacy-row.case.js';

// Without the build's data directory: the adopted-table case needs a database with nothing in it.
legacyRowSuite('pglite', async () => ({ db: await openPglite(undefined, {}, { snapshot: false }), drop: async () => {} }));
