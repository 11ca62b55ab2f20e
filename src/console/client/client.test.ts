/**
 * The API contract: Redocly lints the OpenAPI document clean, the generated client types are
 * current, and a client typed by them (openapi-fetch) reads, writes and meets a 409 on a live Console.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import createClient from 'openapi-fetch';
import { clientTypes, GENERATED } from '../../../scripts/gen-client.js';
import { ROOT } from '../../paths.js';
import { backends } from '../../store/testing.js';
import { openapi } from '../app.js';
import { startConsole } from '../serve.js';
import { consoleFixture } from '../testing.js';
import type { paths } from './api.gen.js';

test('Redocly lints the OpenAPI document with 0 errors and 0 warnings; every operation has an id and a response schema', () => {
  const doc = openapi() as { paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
  const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
  assert.ok(ops.length >= 40);
  assert.equal(new Set(ops.map((o) => o.operationId)).size, ops.length, 'unique operationIds');
  for (const o of ops) {
    const ok = Object.entries(o.responses).find(([s]) => s.startsWith('2'))![1];
    assert.ok(Object.values(ok.content ?? {}).every((c) => c.schema), o.operationId);
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'hpconf-openapi-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(doc));
  const redocly = path.join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
  const out = execFileSync(process.execPath, [redocly, 'lint', file, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
  const report = JSON.parse(out.slice(out.indexOf('{')));
  assert.deepEqual([report.totals.errors, report.totals.warnings], [0, 0], JSON.stringify(report.problems?.slice(0, 5)));
});

test('the generated client types are current (scripts/gen-client.ts)', async () => {
  assert.equal(readFileSync(GENERATED, 'utf8'), await clientTypes(), 'run: node --import tsx scripts/gen-client.ts');
});

test('a typed client against a live Console: read a key, write a change-set, get a 409', async () => {
  const store = await backends()[0].open();
  const fx = await consoleFixture(store);
  const token = await fx.token('typed-client', 'write');
  const c = await startConsole(store, { port: 0, log: () => {} });
  try {
    const api = createClient<paths>({ baseUrl: c.url, headers: { authorization: `Bearer ${token}` } });
    const key = 'CVN_HPO_XGB_5M_LEARNING_RATE';
    const got = await api.GET('/api/v1/keys/{key}', { params: { path: { key } } });
    assert.ok(got.data);
    // Typed: these lines compile only because the document types the answer (a `never` would not).
    const value: string | null = got.data.value;
    const revision: number | null = got.data.revision;
    assert.deepEqual([value, got.data.state], ['0.07', 'set']);
    const written = await api.POST('/api/v1/changesets', { body: { changes: [{ key, value: '0.08' }], baseRevision: revision!, reason: 'typed client' } });
    assert.ok(written.data, JSON.stringify(written.error));
    const cs: number | null = written.data.changesetId;
    assert.ok(cs && written.data.revision > revision!);
    const stale = await api.POST('/api/v1/changesets', { body: { changes: [{ key, value: '0.09' }], baseRevision: revision!, reason: 'stale' } });
    assert.equal(stale.response.status, 409);
    const code: string | undefined = stale.error?.error.code;
    assert.equal(code, 'HPC_STORE_CONFLICT');
    assert.equal((await store.values()).get(key), '0.08');
  } finally {
    await c.close();
    await store.close();
  }
});
