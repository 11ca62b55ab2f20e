import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../cli/main.js';
import { backends } from '../store/testing.js';
import { startConsole } from './serve.js';
import { consoleFixture } from './testing.js';

test('the CLI talks to a Console over HTTP with an API token (the PGlite store stays with the Console process)', async () => {
  const store = await backends()[0].open();
  const fx = await consoleFixture(store);
  const c = await startConsole(store, { port: 0, log: () => {} });
  const write = (await fx.token('ci-write', 'write'));
  const read = (await fx.token('ci-read', 'read'));
  const cli = async (token: string, ...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['--console', c.url, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l), env: { HPCONF_TOKEN: token, HPCONF_CACHE: 'off' } });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  try {
    assert.equal((await cli(read, 'get', 'CVN_HPO_XGB_5M_LEARNING_RATE')).out, '0.07');
    const a = await cli(read, 'audit', '--quiet');
    assert.equal(a.code, 0, a.err);
    assert.match(a.out, /coverage 100\.00 % .* in Console http:\/\/127\.0\.0\.1:\d+ at revision 615/);
    const denied = await cli(read, 'set', 'CVN_HPO_XGB_5M_MAX_DEPTH=7');
    assert.equal(denied.code, 10);
    assert.match(denied.err, /error\[HPC_FORBIDDEN\]: token:ci-read \(viewer\) may not PUT|error\[HPC_FORBIDDEN\]: token:ci-read \(viewer\) may not POST/);
    const s = await cli(write, 'set', 'CVN_HPO_XGB_5M_MAX_DEPTH=7', '--reason', 'from CI');
    assert.equal(s.code, 0, s.err);
    assert.equal((await store.values()).get('CVN_HPO_XGB_5M_MAX_DEPTH'), '7');
    const h = (await store.history({ key: 'CVN_HPO_XGB_5M_MAX_DEPTH', limit: 1 }))[0];
    assert.equal(h.actor, 'token:ci-write');
    assert.match(h.reason, /^from CI; via CLI as cli:/);
    const bad = await cli(write, 'set', 'CVN_HPO_CB_5M_DEPTH=17');
    assert.equal(bad.code, 3);
    assert.match(bad.err, /HPC_VALIDATION_FAILED.*\n - CVN_HPO_CB_5M_DEPTH: 17 is outside the allowed domain \[1, 16\]/);
    const stale = await cli(write, 'set', 'CVN_HPO_XGB_5M_MAX_DEPTH=8', '--if-revision', '615');
    assert.equal(stale.code, 5);
    assert.match((await cli(read, 'history', 'CVN_HPO_XGB_5M_MAX_DEPTH')).out, /token:ci-write CVN_HPO_XGB_5M_MAX_DEPTH: 6 -> 7/);
    assert.match((await cli(read, 'export', '--format', 'dotenv')).out, /^CVN_HPO_XGB_5M_MAX_DEPTH=7$/m);
    assert.equal((await cli('hpc_wrong', 'get', 'CVN_HPO_XGB_5M_LEARNING_RATE')).code, 10);
  } finally {
    await c.close();
    await store.close();
  }
});

test('the CLI keeps the last /values answer per Console and token and revalidates it by ETag: an unchanged store sends a 304', async () => {
  const store = await backends()[0].open();
  const fx = await consoleFixture(store);
  const c = await startConsole(store, { port: 0, log: () => {} });
  const cache = mkdtempSync(path.join(tmpdir(), 'hpconf-cache-'));
  const token = await fx.token('cached', 'read');
  const get = async (key: string, env: Record<string, string> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['--console', c.url, 'get', key], { out: (l) => out.push(l), err: (l) => err.push(l), env: { HPCONF_TOKEN: token, XDG_CACHE_HOME: cache, ...env } });
    assert.equal(code, 0, err.join('\n'));
    return out.join('\n');
  };
  try {
    assert.equal(await get('CVN_HPO_XGB_5M_LEARNING_RATE'), '0.07');
    const files = readdirSync(path.join(cache, 'hpconf'));
    assert.equal(files.length, 1);
    const file = path.join(cache, 'hpconf', files[0]);
    assert.equal(statSync(file).mode & 0o777, 0o600, 'the cache holds what the token may read: owner only');
    // Mark the cached copy: a 304 answer is served from it, so the mark shows.
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.values.CVN_HPO_XGB_5M_LEARNING_RATE = 'from-cache';
    writeFileSync(file, JSON.stringify(doc));
    assert.equal(await get('CVN_HPO_XGB_5M_LEARNING_RATE'), 'from-cache');
    assert.equal(await get('CVN_HPO_XGB_5M_LEARNING_RATE', { HPCONF_CACHE: 'off' }), '0.07');
    // The store moves: the ETag no longer matches, the new body replaces the cached one.
    await store.apply([{ key: 'CVN_HPO_XGB_5M_LEARNING_RATE', value: '0.06' }], { actor: 'test', actorKind: 'cli' });
    assert.equal(await get('CVN_HPO_XGB_5M_LEARNING_RATE'), '0.06');
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).values.CVN_HPO_XGB_5M_LEARNING_RATE, '0.06');
  } finally {
    await c.close();
    await store.close();
  }
});
