import { test } from 'node:test';
import { backends } from './testing.js';
import { segmentsSuite } from './segments.case.js';

const pg = backends().find((b) => b.name === 'postgres');
if (pg) segmentsSuite('postgres', pg.open);
else test('segments (postgres): skipped, HPCONF_TEST_DATABASE_URL is not set', { skip: 'no PostgreSQL server (CI always provides one)' }, () => {});
