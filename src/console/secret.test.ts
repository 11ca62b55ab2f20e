import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogFromFile, readJson } from '../catalog/load.js';
import type { CatalogFile } from '../catalog/types.js';
import { CATALOG_PATH } from '../paths.js';
import { createResolver } from '../resolver/resolver.js';
import { migrate } from '../store/migrations.js';
import { openPglite } from '../store/pglite.js';
import { createStore } from '../store/store.js';
import { consoleFixture, PASSWORDS } from './testing.js';

/** No catalog entry is secret today; the mechanism is tested with one marked secret. */
function secretCatalog() {
  const f = structuredClone(readJson(CATALOG_PATH)) as CatalogFile;
  f.globals.CVN_LABEL_THRESHOLD.secret = true;
  return catalogFromFile(f, 'secret-test.json');
}

test('a value the catalog marks secret never appears in API answers, the change log or log lines', async () => {
  const catalog = secretCatalog();
  const db = await openPglite();
  await migrate(db);
  const fx = await consoleFixture(createStore(db, catalog));
  const token = (await fx.token('t', 'write'));
  const c = fx.client(token);
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string) => { lines.push(String(s)); return true; }) as typeof process.stderr.write;
  try {
    const r = await c.call('PUT', '/keys/CVN_LABEL_THRESHOLD', { value: '0.0071', reason: 'rotate' });
    assert.equal(r.status, 200, r.text);
    assert.doesNotMatch(r.text, /0\.0071|0\.004\b/, 'the write answer does not echo the secret');
    assert.match(r.text, /\[redacted\]/);
  } finally {
    process.stderr.write = write;
  }
  const logged = lines.join('');
  assert.match(logged, /event=config_changed actor=token:t key=CVN_LABEL_THRESHOLD old=\[redacted\] new=\[redacted\]/);
  const all = [
    (await c.call('GET', '/keys?q=label_threshold')).text, (await c.call('GET', '/keys/CVN_LABEL_THRESHOLD')).text,
    (await c.call('GET', '/changes?key=CVN_LABEL_THRESHOLD')).text, logged,
  ].join('\n');
  assert.doesNotMatch(all, /0\.0071|"0\.004"|=0\.004 /); // (the doc line itself mentions 0.004)
  assert.match(all, /\[redacted\]/);
  // The value itself is stored and served to workers through the export.
  assert.equal((await fx.store.values()).get('CVN_LABEL_THRESHOLD'), '0.0071');
  const bad = await c.call('PUT', '/keys/CVN_LABEL_THRESHOLD', { value: 'leaked-text' });
  assert.doesNotMatch(bad.text, /leaked-text/);
  // Viewers and read tokens: redacted in the values, every export format, validation and preset previews.
  const viewers = [fx.client(await fx.token('r', 'read')), fx.client()];
  await viewers[1].login('vera', PASSWORDS.vera);
  await fx.store.db.query("INSERT INTO hp_preset (name, bundle, created_by) VALUES ('thr', $1, 'test')", [JSON.stringify({ version: 1, name: 'thr', globals: { CVN_LABEL_THRESHOLD: { value: 0.0093, reason: 'x' } }, models: {} })]);
  for (const v of viewers) {
    const seen = [
      (await v.call('GET', '/values')).text,
      ...(await Promise.all(['json', 'env', 'dotenv', 'k8s'].map(async (f) => (await v.call('GET', `/export?format=${f}`)).text))),
      (await v.call('POST', '/validate', { changes: [{ key: 'CVN_LABEL_THRESHOLD', value: '0.0052' }] })).text,
      (await v.call('POST', '/presets/thr/preview', { globals: true })).text,
      (await v.call('GET', '/presets/thr')).text,
    ].join('\n');
    assert.doesNotMatch(seen, /0\.0071|0\.0052|0\.0093/);
    assert.match(seen, /\[redacted\]/);
  }
  // A write token (what `hpconf exec --console` uses to start workers) gets the value.
  assert.equal(JSON.parse((await c.call('GET', '/export?format=json')).text).CVN_LABEL_THRESHOLD, 0.0071);
  await fx.store.close();

  const logs: string[] = [];
  createResolver({ catalog, env: {}, log: (l) => logs.push(l) }).resolveKey('CVN_LABEL_THRESHOLD', 0.0042);
  assert.deepEqual(logs, ['level=WARN event=hpo_fallback_applied key=CVN_LABEL_THRESHOLD fallback=[redacted] reason=env_key_missing']);
});
