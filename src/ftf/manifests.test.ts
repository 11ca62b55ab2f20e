/**
 * Every Kubernetes manifest hpconf ships or writes, checked by kubernetes-validate (PyPI; schemas
 * offline) in strict mode, which refuses unknown fields: the shipped Console base, the deploy gate,
 * the fine-tune Jobs, and the ConfigMap and Secret of `hpconf export --format k8s`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catalogFromFile, readJson } from '../catalog/load.js';
import { loadBundle } from '../catalog/bundle.js';
import type { CatalogFile } from '../catalog/types.js';
import { exportValues } from '../export/formats.js';
import { BASELINE_PATH, CATALOG_PATH, ROOT } from '../paths.js';
import { k8sManifests } from './k8s.js';

const VALIDATE = path.join(ROOT, '.venv', 'bin', 'kubernetes-validate');
const have = existsSync(VALIDATE);
if (!have && process.env.CI) throw new Error('CI must validate the manifests: .venv/bin/kubernetes-validate is missing (scripts/python-env.sh installs it)');

function validate(files: string[]) {
  const r = spawnSync(VALIDATE, ['--strict', '--no-warn', ...files], { encoding: 'utf8' });
  return { ok: r.status === 0, out: r.stdout + r.stderr };
}

test('kubernetes-validate --strict: the shipped manifests, the fine-tune Jobs and the exported ConfigMap and Secret', { skip: !have && 'kubernetes-validate is not installed' }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-k8s-'));
  const shipped = [path.join(ROOT, 'ops', 'k8s', 'deploy-gate.yaml'),
    ...readdirSync(path.join(ROOT, 'ops', 'k8s', 'console')).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').map((f) => path.join(ROOT, 'ops', 'k8s', 'console', f))];
  // A catalog with a secret key, so the export writes a Secret beside the ConfigMap.
  const file = structuredClone(readJson(CATALOG_PATH)) as CatalogFile;
  file.globals.CVN_LABEL_THRESHOLD.secret = true;
  const catalog = catalogFromFile(file, 'secret.json');
  const values = new Map(loadBundle(catalog, BASELINE_PATH).map((e) => [e.key, e.text]));
  const jobs = path.join(dir, 'jobs.yaml');
  writeFileSync(jobs, k8sManifests(catalog, values, [{ model: 'XGB', token: 'UNI', args: ['--model', 'XGB', '--timeframe', '5m', '--token', 'UNI'] }],
    { runId: 'r1', namespace: 'training', dataClaim: 'ohlcv-data', outClaim: 'hpconf-runs', revision: 474 }));
  // Three pods sharing one study on a named PostgreSQL: an Indexed Job, the storage URL in its own Secret.
  const indexed = path.join(dir, 'indexed.yaml');
  writeFileSync(indexed, k8sManifests(catalog, values, [{ model: 'LGB', token: 'CRV', args: ['--model', 'LGB', '--timeframe', '5m', '--token', 'CRV', '--workers', '3'] }],
    { runId: 'r2', namespace: 'training', dataClaim: 'ohlcv-data', outClaim: 'hpconf-runs', revision: 474, workersPerStudy: 3, studyStorage: 'postgresql://optuna:pw@db/optuna' }));
  const text = readFileSync(indexed, 'utf8');
  assert.match(text, /completionMode: "?Indexed"?\n\s+completions: 3\n\s+parallelism: 3/);
  assert.match(text, /name: HPCONF_STUDY_STORAGE\n\s+valueFrom:\n\s+secretKeyRef:\n\s+name: "?hpconf-optuna-r2"?/);
  const exported = path.join(dir, 'export.yaml');
  writeFileSync(exported, exportValues(catalog, values, 'k8s', { name: 'hpconf-values', namespace: 'training', revision: 474 }));
  assert.match(readFileSync(exported, 'utf8'), /kind: Secret/);
  const r = validate([...shipped, jobs, indexed, exported]);
  assert.ok(r.ok, r.out);
  // The deploy gate holds 2 documents and service.yaml 2 (the Service and its headless twin for Prometheus); jobs.yaml a
  // ConfigMap, a Secret and a Job; indexed.yaml those and the storage Secret; export.yaml a ConfigMap and a Secret.
  assert.equal((r.out.match(/passed for resource/g) ?? []).length, shipped.length + 1 + 1 + 3 + 4 + 2, r.out);
});

test('kubernetes-validate --strict can fail: a planted unknown field is refused', { skip: !have && 'kubernetes-validate is not installed' }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hpconf-k8s-'));
  const bad = path.join(dir, 'bad.yaml');
  writeFileSync(bad, readFileSync(path.join(ROOT, 'ops', 'k8s', 'console', 'deployment.yaml'), 'utf8').replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: true\n            readOnlyRootFileSystem: true'));
  const r = validate([bad]);
  assert.equal(r.ok, false);
  assert.match(r.out, /readOnlyRootFileSystem/);
});
