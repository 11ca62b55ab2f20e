import { test } from 'node:test';
import { backends } from '../store/testing.js';
import { requestsApiSuite } from './requests-api.case.js';

const pg = backends().find((b) => b.name === 'postgres');
if (pg) requestsApiSuite('postgres', pg.open);
else test('change requests API (postgres): skipped, HPCONF_TEST_DATABASE_URL is not set', { skip: 'no PostgreSQL server (CI always provides one)' }, () => {});
