import { k8s } from 'cdk8s-plus-33';
import type { ProvinceConfig, Resources } from './config';
import { workloadEnv, workloadEnvFrom } from './environment';
import type { AnySizing } from './sizing';
import type { Workload } from './topology';

/** One image per service (and one for the gateway, one for migrate), all of one release's tag. */
export function imageOf(config: ProvinceConfig, name: string): string {
  return `${config.images.registry}/${name}:${config.images.tag}`;
}

export function resourcesOf(resources: Resources): k8s.ResourceRequirements {
  return {
    requests: {
      cpu: k8s.Quantity.fromString(resources.cpu),
      memory: k8s.Quantity.fromString(resources.memory),
    },
    limits: { memory: k8s.Quantity.fromString(resources.memoryLimit) },
  };
}

/** The image's user (node, uid 1000), no privileges, and a root filesystem it cannot write. */
export const POD_SECURITY: k8s.PodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  seccompProfile: { type: 'RuntimeDefault' },
};

export const CONTAINER_SECURITY: k8s.SecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

/** tsx's transform cache and npm's logs: the one place a process writes to. */
export const TMP_VOLUME: k8s.Volume = {
  name: 'tmp',
  emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') },
};
export const TMP_MOUNT: k8s.VolumeMount = { name: 'tmp', mountPath: '/tmp' };

const httpGet = (path: string): k8s.HttpGetAction => ({ path, port: k8s.IntOrString.fromString('http') });

/**
 * Probes every process answers on its port, whatever part it runs (libs/subgraph-server):
 * - startup: tsx compiles TypeScript when the process starts, which takes seconds; liveness waits.
 * - liveness `/healthz`: the process is up; failing it restarts the container.
 * - readiness `/readyz`: its dependencies answer (each check times out after 2 s, so 3 s here);
 *   failing it takes the pod out of its Service without restarting it.
 */
export const PROBES = {
  startupProbe: { httpGet: httpGet('/healthz'), periodSeconds: 2, failureThreshold: 30 },
  livenessProbe: { httpGet: httpGet('/healthz'), periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
  readinessProbe: { httpGet: httpGet('/readyz'), periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
} satisfies Partial<k8s.Container>;

/** Seconds a pod behind a Service keeps serving after it is told to stop, while endpoints drop it. */
const ENDPOINT_DRAIN_SECONDS = 5;

/** Whether clients reach the workload through a Service (and so must be drained from it first). */
export function isServed(workload: Workload): boolean {
  return workload.part === 'graph' || workload.part === 'gateway';
}

export function workloadPod(config: ProvinceConfig, workload: Workload, sizing: AnySizing): k8s.PodSpec {
  const image = imageOf(config, workload.service);
  const envFrom = workloadEnvFrom(workload);
  return {
    automountServiceAccountToken: false,
    terminationGracePeriodSeconds: sizing.terminationGraceSeconds,
    securityContext: POD_SECURITY,
    // Replicas on different nodes where the cluster can: one node lost is not the whole part lost.
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: {
          matchLabels: {
            'app.kubernetes.io/name': workload.service,
            'app.kubernetes.io/component': workload.part,
          },
        },
      },
    ],
    containers: [
      {
        name: workload.name,
        image,
        ports: [{ name: 'http', containerPort: workload.port }],
        env: workloadEnv(config, workload),
        ...(envFrom.length > 0 ? { envFrom } : {}),
        ...PROBES,
        ...(isServed(workload)
          ? { lifecycle: { preStop: { exec: { command: ['sleep', String(ENDPOINT_DRAIN_SECONDS)] } } } }
          : {}),
        resources: resourcesOf(sizing.resources),
        securityContext: CONTAINER_SECURITY,
        volumeMounts: [TMP_MOUNT],
      },
    ],
    volumes: [TMP_VOLUME],
  };
}
