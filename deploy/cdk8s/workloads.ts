import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import type { Construct } from 'constructs';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { namespaceOf, type ProvinceConfig, type QueueScaling } from './config';
import { isServed, workloadPod } from './pod';
import { SECRETS } from './secrets';
import { sizingOf, type AnySizing } from './sizing';
import { APP_LABELS, podLabels, type Workload } from './topology';

/**
 * The processes: a Deployment per workload, a Service for what clients call (the gateway, each
 * subgraph's graph part), and what keeps each sized — an HPA on CPU for those, a KEDA ScaledObject
 * on its queue for a worker, a fixed count for the relay — with a PodDisruptionBudget each.
 */
export function addWorkloads(scope: Construct, config: ProvinceConfig, workloads: Workload[]): void {
  for (const workload of workloads) {
    const sizing = sizingOf(config, workload);
    addDeployment(scope, config, workload, sizing);
    if (isServed(workload)) addService(scope, workload);
    addScaling(scope, config, workload, sizing);
    addDisruptionBudget(scope, workload);
  }
  addPodMonitor(scope, config);
  addIngress(
    scope,
    config,
    workloads.find((workload) => workload.name === 'gateway')!,
  );
}

/**
 * The public address: the cluster's ingress controller terminates TLS for `publicUrl` (its
 * certificate in SECRETS.gatewayTls) and passes everything to the gateway, GraphQL over HTTP and
 * WebSocket subscriptions alike. Nothing else in the namespace is reachable from outside.
 */
function addIngress(scope: Construct, config: ProvinceConfig, gateway: Workload): void {
  const host = new URL(config.publicUrl).hostname;
  new k8s.KubeIngress(scope, 'gateway-ingress', {
    metadata: {
      name: 'gateway',
      labels: podLabels(gateway),
      // Subscriptions stay open for hours; ingress-nginx's default of 60 s would cut them.
      annotations: {
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
        'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
      },
    },
    spec: {
      ingressClassName: config.cluster.ingressClassName,
      tls: [{ hosts: [host], secretName: SECRETS.gatewayTls.name }],
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: gateway.name, port: { name: 'http' } } },
              },
            ],
          },
        },
      ],
    },
  });
}

function selector(workload: Workload): k8s.LabelSelector {
  return { matchLabels: podLabels(workload) };
}

function addDeployment(
  scope: Construct,
  config: ProvinceConfig,
  workload: Workload,
  sizing: AnySizing,
): void {
  new k8s.KubeDeployment(scope, `${workload.name}-deployment`, {
    metadata: { name: workload.name, labels: podLabels(workload) },
    spec: {
      // Left to the autoscaler when there is one, so applying the manifests does not undo its work.
      ...(sizing.scaling.kind === 'fixed' ? { replicas: sizing.scaling.replicas } : {}),
      revisionHistoryLimit: 5,
      selector: selector(workload),
      // A new pod is ready before an old one goes: capacity never drops during a rollout.
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: {
          maxSurge: k8s.IntOrString.fromNumber(1),
          maxUnavailable: k8s.IntOrString.fromNumber(0),
        },
      },
      template: {
        metadata: { labels: podLabels(workload) },
        spec: workloadPod(config, workload, sizing),
      },
    },
  });
}

/** Named as the gateway image's supergraph calls the subgraph: `http://<service>:<port>/graphql`. */
function addService(scope: Construct, workload: Workload): void {
  new k8s.KubeService(scope, `${workload.name}-service`, {
    metadata: { name: workload.name, labels: podLabels(workload) },
    spec: {
      type: 'ClusterIP',
      selector: podLabels(workload),
      ports: [{ name: 'http', port: workload.port, targetPort: k8s.IntOrString.fromString('http') }],
    },
  });
}

function addScaling(scope: Construct, config: ProvinceConfig, workload: Workload, sizing: AnySizing): void {
  const { scaling } = sizing;
  if (scaling.kind === 'cpu') {
    new k8s.KubeHorizontalPodAutoscalerV2(scope, `${workload.name}-hpa`, {
      metadata: { name: workload.name },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: workload.name },
        minReplicas: scaling.minReplicas,
        maxReplicas: scaling.maxReplicas,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: scaling.targetCpuUtilization },
            },
          },
        ],
      },
    });
  } else if (scaling.kind === 'queue') {
    addQueueScaling(scope, config, workload, scaling);
  }
}

/**
 * KEDA on the queue's waiting jobs as the processes report them (mingshi_queue_jobs, read through
 * Prometheus) rather than KEDA's Redis scaler on BullMQ's wait list: BullMQ keeps jobs in several
 * keys (wait, prioritized, paused) whose names depend on its version and the queue prefix, and
 * KEDA would need Redis's password. `max`, because every process of a service may report the
 * same queue. At least one replica stays: a worker scaled to nothing would start only once the
 * queue is already behind, and the gauge it is scaled on is part of what it exports.
 */
function addQueueScaling(
  scope: Construct,
  config: ProvinceConfig,
  workload: Workload,
  scaling: QueueScaling,
): void {
  if (!workload.queue) throw new Error(`${workload.name} is scaled on its queue but drains none`);
  const query = `max(mingshi_queue_jobs{namespace="${namespaceOf(config)}",queue="${workload.queue}",state="waiting"})`;
  const scaledObject = new ScaledObject({
    metadata: { name: workload.name },
    spec: {
      scaleTargetRef: { name: workload.name },
      minReplicaCount: scaling.minReplicas,
      maxReplicaCount: scaling.maxReplicas,
      pollingInterval: 15,
      cooldownPeriod: 300,
      triggers: [
        {
          type: 'prometheus',
          metadata: {
            serverAddress: config.cluster.monitoring.prometheusUrl,
            query,
            threshold: String(scaling.waitingPerReplica),
          },
        },
      ],
    },
  });
  new ApiObject(scope, `${workload.name}-scaledobject`, scaledObject.toJSON());
}

/**
 * One pod of a kind at a time may be evicted by a drain. Not `minAvailable: 1`: a worker running a
 * single replica would then block every node drain, while its queue keeps the work until it is back.
 */
function addDisruptionBudget(scope: Construct, workload: Workload): void {
  new k8s.KubePodDisruptionBudget(scope, `${workload.name}-pdb`, {
    metadata: { name: workload.name },
    spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: selector(workload) },
  });
}

/** /metrics of every process, on its `http` port; workers have no Service, so pods, not Services. */
function addPodMonitor(scope: Construct, config: ProvinceConfig): void {
  const monitor = new PodMonitor({
    metadata: { name: 'mingshi', labels: config.cluster.monitoring.podMonitorLabels },
    spec: {
      selector: { matchLabels: APP_LABELS },
      podMetricsEndpoints: [{ port: 'http', path: '/metrics', interval: '30s' }],
    },
  });
  new ApiObject(scope, 'pod-monitor', monitor.toJSON());
}
