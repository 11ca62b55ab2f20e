import { test } from 'node:test';
import { backends } from '../store/testing.js';
import { runsSuite } from './runs.case.js';

const pg = backends().find((b) => b.name === 'postgres');
if (pg) runsSuite('postgres', pg.open, pg.openPair);
else test('runs (postgres): skipped, HPCONF_TEST_DATABASE_URL is not set', { skip: 'no PostgreSQL server (CI always provides one)' }, () => {});
