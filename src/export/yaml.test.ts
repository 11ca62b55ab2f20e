import { test } from 'node:test';
import assert from 'node:assert/strict';
import YAML from 'yaml';
import { toYaml } from './yaml.js';

test('toYaml writes block YAML that a real parser reads back to the same value', () => {
  const doc = {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'hpconf', 'hpconf.dev/run': '2026-11-26' } },
    spec: {
      ttlSecondsAfterFinished: 86400, suspend: false, empty: {}, none: [], tricky: ['yes', 'no', '1.0', '', 'a: b', '#x', 'null', '- y'],
      template: { spec: { containers: [{ name: 'w', args: ['--x', '1'], env: [{ name: 'A', value: '2' }], resources: { limits: { cpu: '1' } } }] } },
    },
  };
  const text = toYaml(doc);
  assert.deepEqual(YAML.parse(text), doc);
  assert.match(text, /^apiVersion: batch\/v1\nkind: Job\n/);
  assert.match(text, /- "yes"\n\s+- "no"\n\s+- "1\.0"\n\s+- ""\n\s+- "a: b"\n\s+- "#x"\n\s+- "null"\n\s+- "- y"/);
});
