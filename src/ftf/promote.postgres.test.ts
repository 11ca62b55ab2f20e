import { test } from 'node:test';
import { backends } from '../store/testing.js';
import { promoteSuite } from './promote.case.js';

const pg = backends().find((b) => b.name === 'postgres');
if (pg) promoteSuite('postgres', pg.open);
else test('ftf promote (postgres): skipped, HPCONF_TEST_DATABASE_URL is not set', { skip: 'no PostgreSQL server (CI always provides one)' }, () => {});
