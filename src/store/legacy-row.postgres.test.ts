import { test } from 'node:test';
import { openPostgres } from './postgres.js';
import { freshPostgresUrl } from './testing.js';
import { legacyRowSuite } from './legacy-row.case.js';

const url = process.env.HPCONF_TEST_DATABASE_URL;
if (url) {
  legacyRowSuite('postgres', async () => {
    const fresh = await freshPostgresUrl(url, { empty: true });
    return { db: await openPostgres(fresh.url), drop: fresh.drop };
  });
} else test('legacy row (postgres): skipped, HPCONF_TEST_DATABASE_URL is not set', { skip: 'no PostgreSQL server (CI always provides one)' }, () => {});
