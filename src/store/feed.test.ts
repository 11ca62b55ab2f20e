/** The revision feed: own commits at once; another process's commits and auth changes by NOTIFY. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog } from '../catalog/load.js';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';
import { AUTH_CHANNEL, revisionFeed } from './feed.js';
import { migrate } from './migrations.js';
import { openPostgres } from './postgres.js';
import { createStore } from './store.js';
import { backends, freshPostgresUrl } from './testing.js';

test('own commits reach subscribers before apply() returns (PGlite and PostgreSQL)', async () => {
  for (const b of backends()) {
    const s = await b.open();
    await s.feed.ready();
    const seen: number[] = [];
    s.feed.subscribe((r) => seen.push(r));
    const w = await s.apply([{ key: 'CVN_HPO_CB_5M_DEPTH', value: '6' }], { actor: 'x', actorKind: 'system' });
    assert.deepEqual(seen, [w.revision], b.name);
    assert.equal(s.feed.current(), w.revision);
    await s.close();
  }
});

const url = process.env.HPCONF_TEST_DATABASE_URL;
test('another process\'s commit and an auth change arrive by NOTIFY within milliseconds (PostgreSQL)', { skip: !url && 'HPCONF_TEST_DATABASE_URL is not set' }, async () => {
  const fresh = await freshPostgresUrl(url!);
  const a = createStore(await openPostgres(fresh.url), loadCatalog());
  const b = createStore(await openPostgres(fresh.url), loadCatalog());
  try {
    await a.feed.ready();
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const got = new Promise<number>((resolve) => { const off = a.feed.subscribe((r) => { off(); resolve(r); }); });
      const t0 = performance.now();
      const w = await b.apply([{ key: 'CVN_HPO_CB_5M_DEPTH', value: String(4 + (i % 3)) }], { actor: 'other', actorKind: 'cli' });
      assert.equal(await got, w.revision);
      latencies.push(performance.now() - t0);
    }
    assert.ok(Math.max(...latencies) < 1000, `slowest ${Math.max(...latencies).toFixed(1)} ms`);
    const auth = new Promise<void>((resolve) => { const off = a.feed.onAuthChange(() => { off(); resolve(); }); });
    await b.db.query('SELECT pg_notify($1, $2)', [AUTH_CHANNEL, '']);
    await auth;
  } finally {
    await a.close();
    await b.close();
    await fresh.drop();
  }
});

const HAVE_PG = (() => { try { return readdirSync('/usr/lib/postgresql').length > 0; } catch { return false; } })();
test('after a PostgreSQL restart the feed LISTENs again: another process\'s write arrives in well under the safety poll', { skip: !HAVE_PG && 'no PostgreSQL installed' }, async () => {
  // A server of this test's own: restarting the suite's shared server would break other files.
  const start = execFileSync('bash', [path.join(ROOT, 'scripts', 'pg-throwaway.sh'), 'start'], { encoding: 'utf8' });
  const own = /HPCONF_TEST_DATABASE_URL=(\S+)/.exec(start)![1];
  const dir = /HPCONF_PG_DIR=(\S+)/.exec(start)![1];
  try {
    const fresh = await freshPostgresUrl(own);
    // The safety poll is pushed out of the way: only LISTEN/NOTIFY (and its resync) can deliver.
    const db = await openPostgres(fresh.url);
    await migrate(db);
    const a = createStore(db, loadCatalog());
    const feed = revisionFeed(db, { safetyPollMs: 600_000 });
    await feed.ready();
    try {
      execFileSync('bash', [path.join(ROOT, 'scripts', 'pg-throwaway.sh'), 'restart', dir, '2']);
      const b = createStore(await openPostgres(fresh.url), loadCatalog());
      try {
        for (let i = 0; i < 5; i++) {
          const got = new Promise<number>((resolve) => { const off = feed.subscribe((r) => { off(); resolve(r); }); });
          const t0 = performance.now();
          const w = await b.apply([{ key: 'CVN_HPO_CB_5M_DEPTH', value: String(4 + i) }], { actor: 'other', actorKind: 'cli' });
          const timeout = new Promise<number>((r) => setTimeout(() => r(-1), 4000).unref());
          assert.equal(await Promise.race([got, timeout]), w.revision, `write ${i} after the restart never arrived`);
          assert.ok(performance.now() - t0 < 3000, `write ${i}: ${(performance.now() - t0).toFixed(0)} ms`);
        }
      } finally {
        await b.close();
      }
    } finally {
      await feed.close();
      await a.close();
    }
  } finally {
    execFileSync('bash', [path.join(ROOT, 'scripts', 'pg-throwaway.sh'), 'stop', dir]);
  }
});
