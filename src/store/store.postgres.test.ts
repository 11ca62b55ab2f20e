import { test } from 'node:test';
import { backends } from './testing.js';
import { storeSuite } from './store.case.js';

const pg = backends().find((b) => b.name === 'postgres');
if (pg) storeSuite('postgres', pg.open);
else test('store (postgres): skipped, HPCONF_TEST_DATABASE_URL is not set', { skip: 'no PostgreSQL server (CI always provides one)' }, () => {});
