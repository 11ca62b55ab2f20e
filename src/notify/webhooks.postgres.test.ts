import { test } from 'node:test';
import { backends } from '../store/testing.js';
import { webhooksSuite } from './webhooks.case.js';

const pg = backends().find((b) => b.name === 'postgres');
if (pg) webhooksSuite('postgres', pg.open);
else test('webhooks (postgres): skipped, HPCONF_TEST_DATABASE_URL is not set', { skip: 'no PostgreSQL server (CI always provides one)' }, () => {});
