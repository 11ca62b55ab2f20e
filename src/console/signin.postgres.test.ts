import { test } from 'node:test';
import { backends } from '../store/testing.js';
import { signinSuite } from './signin.case.js';

const pg = backends().find((b) => b.name === 'postgres');
if (pg) signinSuite('postgres', pg.open);
else test('single sign-on (postgres): skipped, HPCONF_TEST_DATABASE_URL is not set', { skip: 'no PostgreSQL server (CI always provides one)' }, () => {});
