import { k8s } from 'cdk8s-plus-33';
import type { Construct } from 'constructs';
import type { ProvinceConfig } from './config';
import { migrateEnv } from './environment';
import { CONTAINER_SECURITY, imageOf, POD_SECURITY, resourcesOf, TMP_MOUNT, TMP_VOLUME } from './pod';
import { APP_LABELS } from './topology';

export const MIGRATE_JOB = 'mingshi-migrate';

/**
 * Every service's pending migrations, as the owner role, once per release and before the new
 * images roll out; the migrate image is the release's image with SERVICE=migrate. Under Argo CD it
 * is a Sync hook in its own wave, recreated each sync, after the database and before the
 * workloads (app.ts orders the waves); with kubectl, deploy/README.md gives the order.
 */
export function addMigrateJob(scope: Construct, config: ProvinceConfig): void {
  const labels = {
    ...APP_LABELS,
    'app.kubernetes.io/name': 'migrate',
    'app.kubernetes.io/component': 'migrate',
  };
  new k8s.KubeJob(scope, 'migrate-job', {
    metadata: {
      name: MIGRATE_JOB,
      labels,
      annotations: {
        'argocd.argoproj.io/hook': 'Sync',
        'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      },
    },
    spec: {
      // Retries run one after another, never side by side: two migration runs must not overlap.
      parallelism: 1,
      completions: 1,
      backoffLimit: 2,
      activeDeadlineSeconds: 1800,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: POD_SECURITY,
          containers: [
            {
              name: 'migrate',
              image: imageOf(config, 'migrate'),
              env: migrateEnv(config),
              resources: resourcesOf(config.sizing.migrate),
              securityContext: CONTAINER_SECURITY,
              volumeMounts: [TMP_MOUNT],
            },
          ],
          volumes: [TMP_VOLUME],
        },
      },
    },
  });
}
