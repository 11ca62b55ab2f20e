import { test } from 'node:test';
import { backends } from '../store/testing.js';
import { requestsSuite } from './requests.case.js';

const pg = backends().find((b) => b.name === 'postgres');
if (pg) requestsSuite('postgres', pg.open, pg.openPair);
else test('change requests (postgres): skipped, HPCONF_TEST_DATABASE_URL is not set', { skip: 'no PostgreSQL server (CI always provides one)' }, () => {});
