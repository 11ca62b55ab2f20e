import { contentHash, exportValues } from '../export/formats.js';
import { toYaml, type Node } from '../export/yaml.js';
import type { Catalog } from '../catalog/types.js';
import { VERSION } from '../version.js';

/** One Job per study (model type and token); with workersPerStudy > 1, an Indexed Job of that many pods. */
/** `env`: what this Job's pods get on top of the ConfigMap (its token's overrides, HPCONF_SEGMENT). */
export interface JobSpec { model: string; token: string; args: string[]; env?: Record<string, string> }
export interface K8sOptions {
  runId: string;
  /** The worker image; by default the hpconf-training image of this very version, never :latest. */
  image?: string;
  namespace?: string;
  dataClaim: string;
  outClaim: string;
  revision: number;
  /** The store environment the ConfigMap's values come from. */
  environment?: string;
  /** Seconds a worker may run before Kubernetes stops it (activeDeadlineSeconds). */
  deadlineSeconds?: number;
  /** Seconds a finished Job is kept for its logs (ttlSecondsAfterFinished). */
  ttlSeconds?: number;
  /** Pods per Job sharing one Optuna study (an Indexed Job: each pod's JOB_COMPLETION_INDEX is its worker index). */
  workersPerStudy?: number;
  /** Where the study lives: `store` (DATABASE_URL from the Secret hpconf-database, as the Console has it), journal:PATH, or a URL (into a Secret). */
  studyStorage?: string;
  /** What the whole run expects, recorded in every study (so `collect` from the storage alone names what is missing). */
  runPlan?: { models: string[]; tokens: string[] };
}

export const DEFAULT_IMAGE = `hpconf-training:${VERSION}`;

/** What every worker container runs as: no root, no privilege escalation, no capabilities, a read-only root. */
const CONTAINER_SECURITY = {
  runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
};
export const POD_SECURITY = { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } };

/**
 * For more than one machine: a ConfigMap (and, for keys the catalog marks secret, a Secret) of
 * the stored values, as `hpconf export --format k8s` writes them, and one Job per worker that takes
 * its environment from both, instead of local processes.
 */
/** What the Jobs need that hpconf does not create (cluster-specific: sizes, storage classes, credentials). */
export function k8sPrerequisites(o: Pick<K8sOptions, 'dataClaim' | 'outClaim' | 'studyStorage' | 'namespace'>): string[] {
  const ns = o.namespace ? ` in namespace ${o.namespace}` : '';
  return [
    `PersistentVolumeClaim ${o.dataClaim}${ns}: the candle files (mounted read-only at /data; --data-dir names the folder under it)`,
    `PersistentVolumeClaim ${o.outClaim}${ns}: ReadWriteMany, where every pod writes its manifest (and the journal, for journal: storage), mounted at /out`,
    ...(o.studyStorage === 'store' ? [`Secret hpconf-database${ns}, key url: the store's PostgreSQL URL (the Console's Secret; the studies go to its schema optuna)`] : []),
  ];
}

export function k8sManifests(c: Catalog, values: Map<string, string>, jobs: JobSpec[], o: K8sOptions): string {
  // The revision and a hash of what the pods get (values, --trials included): two runs never share a name unless identical.
  const rows = [...values].sort(([a], [b]) => (a < b ? -1 : 1));
  const cm = `hpconf-values-r${o.revision}-${contentHash(rows)}`;
  const docs = [exportValues(c, values, 'k8s', { name: cm, namespace: o.namespace, revision: o.revision }).trimEnd()];
  const n = o.workersPerStudy ?? 1;
  const storage = o.studyStorage ?? `journal:/out/${o.runId}/optuna.journal`;
  const storageSecret = `hpconf-optuna-${o.runId}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63);
  const storageEnv: Node[] = storage === 'store'
    ? [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'hpconf-database', key: 'url' } } }, { name: 'HPCONF_STUDY_STORAGE', value: 'store' }]
    : storage.startsWith('journal:') || storage === 'memory'
      ? [{ name: 'HPCONF_STUDY_STORAGE', value: storage }]
      : [{ name: 'HPCONF_STUDY_STORAGE', valueFrom: { secretKeyRef: { name: storageSecret, key: 'url' } } }];
  if (!(storage === 'store' || storage.startsWith('journal:') || storage === 'memory')) {
    docs.push(toYaml({ apiVersion: 'v1', kind: 'Secret', metadata: { name: storageSecret, ...(o.namespace ? { namespace: o.namespace } : {}) }, type: 'Opaque', stringData: { url: storage } }).trimEnd());
  }
  for (const j of jobs) {
    const name = `hpconf-ftf-${o.runId}-${j.model}-${j.token}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63).replace(/-+$/, '');
    const labels = { 'app.kubernetes.io/name': 'hpconf-training', 'app.kubernetes.io/managed-by': 'hpconf', 'app.kubernetes.io/version': VERSION, 'hpconf.dev/run': o.runId };
    docs.push(toYaml({
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name, ...(o.namespace ? { namespace: o.namespace } : {}), labels },
      spec: {
        ...(n > 1 ? { completionMode: 'Indexed', completions: n, parallelism: n } : {}),
        // A lost pod (node drain, OOM) is started again; the new worker fails the dead one's running trial and goes on.
        backoffLimit: 2 * n,
        activeDeadlineSeconds: o.deadlineSeconds ?? 6 * 3600,
        ttlSecondsAfterFinished: o.ttlSeconds ?? 86400,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            securityContext: POD_SECURITY,
            containers: [{
              name: 'worker', image: o.image ?? DEFAULT_IMAGE, imagePullPolicy: 'IfNotPresent',
              command: ['python', '-m', 'hpconf_training.worker', ...j.args],
              envFrom: [{ configMapRef: { name: cm } }, { secretRef: { name: cm, optional: true } }],
              env: [{ name: 'HPCONF_REVISION', value: String(o.revision) }, { name: 'HPCONF_ENVIRONMENT', value: o.environment ?? 'default' }, { name: 'HPCONF_WORKER_THREADS', value: '1' }, ...storageEnv,
                ...(o.runPlan ? [{ name: 'HPCONF_RUN_MODELS', value: o.runPlan.models.join(',') }, { name: 'HPCONF_RUN_TOKENS', value: o.runPlan.tokens.join(',') }] : []),
                // Container env wins over envFrom: a token's overrides replace the ConfigMap's base values for this Job only.
                ...Object.entries(j.env ?? {}).map(([name, value]) => ({ name, value }))],
              resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } },
              securityContext: CONTAINER_SECURITY,
              volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }, { name: 'out', mountPath: '/out' }, { name: 'tmp', mountPath: '/tmp' }],
            }],
            volumes: [
              { name: 'data', persistentVolumeClaim: { claimName: o.dataClaim, readOnly: true } },
              { name: 'out', persistentVolumeClaim: { claimName: o.outClaim } },
              { name: 'tmp', emptyDir: {} },
            ],
          },
        },
      },
    }).trimEnd());
  }
  const needs = k8sPrerequisites(o).map((l) => `#   - ${l}`).join('\n');
  return `# hpconf ftf run ${o.runId}: kubectl apply -f this file once these exist:\n${needs}\n` + docs.join('\n---\n') + '\n';
}
