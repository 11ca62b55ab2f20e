import { exportValues } from '../cli/formats.js';
import type { Catalog } from '../catalog/types.js';

export interface JobSpec { model: string; token: string; args: string[] }
export interface K8sOptions { runId: string; image: string; namespace?: string; dataClaim: string; outClaim: string; revision: number }

const q = (s: string) => JSON.stringify(s);

/**
 * For more than one machine: a ConfigMap of the stored values (as `hpconf export --format k8s`)
 * and one Job per worker that takes its environment from it, instead of local processes.
 */
export function k8sManifests(c: Catalog, values: Map<string, string>, jobs: JobSpec[], o: K8sOptions): string {
  const cm = `hpconf-values-r${o.revision}`;
  const docs = [exportValues(c, values, 'k8s', { name: cm, namespace: o.namespace, revision: o.revision }).trimEnd()];
  for (const j of jobs) {
    const name = `hpconf-ftf-${o.runId}-${j.model}-${j.token}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63);
    docs.push([
      'apiVersion: batch/v1', 'kind: Job', 'metadata:', `  name: ${name}`, ...(o.namespace ? [`  namespace: ${o.namespace}`] : []),
      '  labels:', '    app.kubernetes.io/managed-by: hpconf', `    hpconf.dev/run: ${q(o.runId)}`,
      'spec:', '  backoffLimit: 0', '  template:', '    spec:', '      restartPolicy: Never', '      containers:',
      '        - name: worker', `          image: ${q(o.image)}`,
      `          command: ${JSON.stringify(['python', '-m', 'hpconf_training.worker', ...j.args])}`,
      '          envFrom:', `            - configMapRef: { name: ${cm} }`,
      '          env:', `            - { name: HPCONF_REVISION, value: ${q(String(o.revision))} }`, '            - { name: HPCONF_WORKER_THREADS, value: "1" }',
      '          resources: { requests: { cpu: "1", memory: 2Gi } }',
      '          volumeMounts: [{ name: data, mountPath: /data, readOnly: true }, { name: out, mountPath: /out }]',
      `      volumes: [{ name: data, persistentVolumeClaim: { claimName: ${q(o.dataClaim)} } }, { name: out, persistentVolumeClaim: { claimName: ${q(o.outClaim)} } }]`,
    ].join('\n'));
  }
  return docs.join('\n---\n') + '\n';
}
