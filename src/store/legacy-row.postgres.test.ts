import { test } from 'node:test';
import assert from 'node:assert/strict';
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

test('legacy row (postgres): legacy writers and hpconf writers at the same instant lose nothing', { skip: !url && 'HPCONF_TEST_DATABASE_URL is not set' }, async () => {
  const { default: pg } = await import('pg');
  const { createStore, legacyIsView } = await import('./store.js');
  const { loadCatalog } = await import('../catalog/load.js');
  const fresh = await freshPostgresUrl(url!);
  const db = await openPostgres(fresh.url);
  const clients = Array.from({ length: 8 }, () => new pg.Client({ connectionString: fresh.url }));
  try {
    assert.equal(await legacyIsView(db), true);
    const s = createStore(db, loadCatalog());
    await Promise.all(clients.map((c) => c.connect()));
    const keys = ['CVN_HPO_XGB_5M_LEARNING_RATE', 'CVN_HPO_XGB_1H_LEARNING_RATE', 'CVN_HPO_XGB_15M_LEARNING_RATE', 'CVN_HPO_XGB_30M_LEARNING_RATE'];
    // Eight tools each add a key of their own, four hpconf writes land, all started together.
    await Promise.all([
      ...clients.map((c, i) => c.query(`UPDATE ftf_config SET base_env = base_env || jsonb_build_object('TOOL_${i}', 'on') WHERE id = 1`)),
      ...keys.map((k) => s.apply([{ key: k, value: '0.07' }], { actor: 'alice', actorKind: 'user' })),
    ]);
    const row = (await s.legacy()).baseEnv;
    for (let i = 0; i < 8; i++) assert.equal(row[`TOOL_${i}`], 'on', `TOOL_${i} kept`);
    for (const k of keys) assert.equal(row[k], '0.07');
    // And eight removals at once leave none behind.
    await Promise.all(clients.map((c, i) => c.query(`UPDATE ftf_config SET base_env = base_env - 'TOOL_${i}' WHERE id = 1`)));
    assert.deepEqual((await s.legacy()).baseEnv, Object.fromEntries(await s.values()));
    await s.close();
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await fresh.drop();
  }
});
