import { k8s } from 'cdk8s-plus-33';
import type { Construct } from 'constructs';
import type { ExternalPeer, ProvinceConfig } from './config';
import { POSTGRES_POD_LABELS, REDIS_POD_LABELS } from './state';
import {
  APP_LABELS,
  callersOf,
  graphPodLabels,
  isService,
  podLabels,
  servicePort,
  type Workload,
} from './topology';

/**
 * Who may talk to whom. Every application pod starts from deny-all, in and out; then:
 * - everyone reaches DNS, PostgreSQL and Redis;
 * - a subgraph's graph port admits the gateway and the subgraphs whose config reads its URL, and
 *   no one else (the scraper aside: /metrics shares the port, and NetworkPolicies see ports, not paths);
 * - every process admits the metrics scraper's namespace on its port;
 * - the gateway admits the ingress controller and reaches the identity provider;
 * - processes that touch the report store reach it; finance-webhooks reaches only the configured
 *   webhook ranges, none by default.
 * The operators' own pods (PostgreSQL, Redis) are not denied egress: their instance managers talk
 * to the Kubernetes API, whose address differs per cluster. Their ingress admits the application,
 * their peers, their operator and the scraper.
 */
export function addNetworkPolicies(scope: Construct, config: ProvinceConfig, workloads: Workload[]): void {
  const policy = (name: string, spec: k8s.NetworkPolicySpec) =>
    new k8s.KubeNetworkPolicy(scope, `${name}-network-policy`, { metadata: { name }, spec });
  const appPods = { matchLabels: APP_LABELS };

  policy('default-deny', { podSelector: appPods, policyTypes: ['Ingress', 'Egress'] });
  policy('dns-and-state', { podSelector: appPods, policyTypes: ['Egress'], egress: commonEgress(config) });
  for (const workload of workloads) {
    const ingress = ingressOf(config, workload);
    const egress = egressOf(config, workload);
    policy(workload.name, {
      podSelector: { matchLabels: podLabels(workload) },
      policyTypes: [...(ingress.length ? ['Ingress'] : []), ...(egress.length ? ['Egress'] : [])],
      ...(ingress.length ? { ingress } : {}),
      ...(egress.length ? { egress } : {}),
    });
  }
  addStateIngress(config, policy);
}

const tcp = (...ports: number[]): k8s.NetworkPolicyPort[] =>
  ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }));

const namespaces = (labels: Record<string, string>): k8s.NetworkPolicyPeer => ({
  namespaceSelector: { matchLabels: labels },
});

const pods = (labels: Record<string, string>): k8s.NetworkPolicyPeer => ({
  podSelector: { matchLabels: labels },
});

/** Egress to ranges outside the cluster, one rule per range and its ports. */
function external(peers: ExternalPeer[]): k8s.NetworkPolicyEgressRule[] {
  return peers.map((peer) => ({
    to: [{ ipBlock: { cidr: peer.cidr, ...(peer.except ? { except: peer.except } : {}) } }],
    ports: tcp(...peer.ports),
  }));
}

function commonEgress(config: ProvinceConfig): k8s.NetworkPolicyEgressRule[] {
  const { dns } = config.cluster;
  return [
    {
      to: [{ ...namespaces(dns.namespaceLabels), ...pods(dns.podLabels) }],
      ports: [
        { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
        { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
      ],
    },
    ...(config.postgres.mode === 'managed'
      ? external(config.postgres.egress)
      : [{ to: [pods(POSTGRES_POD_LABELS)], ports: tcp(5432) }]),
    ...(config.redis.mode === 'managed'
      ? external(config.redis.egress)
      : [{ to: [pods(REDIS_POD_LABELS)], ports: tcp(6379) }]),
  ];
}

function ingressOf(config: ProvinceConfig, workload: Workload): k8s.NetworkPolicyIngressRule[] {
  const port = tcp(workload.port);
  const rules: k8s.NetworkPolicyIngressRule[] = [
    { from: [namespaces(config.cluster.monitoring.namespaceLabels)], ports: port },
  ];
  if (workload.part === 'gateway') {
    rules.push({ from: [namespaces(config.cluster.ingressNamespaceLabels)], ports: port });
  }
  if (workload.part === 'graph' && isService(workload.service)) {
    const callers = ['gateway', ...callersOf(workload.service)];
    rules.push({
      from: [
        {
          podSelector: {
            matchLabels: APP_LABELS,
            matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: callers }],
          },
        },
      ],
      ports: port,
    });
  }
  return rules;
}

/** The parts that read or write report sections and files in the bucket. */
function usesReportStore(workload: Workload): boolean {
  return workload.part === 'sections' || workload.service === 'reports';
}

function egressOf(config: ProvinceConfig, workload: Workload): k8s.NetworkPolicyEgressRule[] {
  return [
    ...workload.calls.map((callee) => ({
      to: [pods(graphPodLabels(callee))],
      ports: tcp(servicePort(callee)),
    })),
    ...(workload.part === 'gateway' ? external(config.identityProvider.egress) : []),
    ...(usesReportStore(workload) ? external(config.objectStore.egress) : []),
    ...(workload.part === 'webhooks' ? external(config.webhooks.egress) : []),
    ...(config.tracing ? external(config.tracing.egress) : []),
  ];
}

function addStateIngress(
  config: ProvinceConfig,
  policy: (name: string, spec: k8s.NetworkPolicySpec) => void,
): void {
  const app = pods(APP_LABELS);
  const scraper = namespaces(config.cluster.monitoring.namespaceLabels);
  const operators = config.cluster.operatorNamespaceLabels;
  if (config.postgres.mode === 'cloudnative-pg') {
    policy('postgres', {
      podSelector: { matchLabels: POSTGRES_POD_LABELS },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [app], ports: tcp(5432) },
        // Streaming replication and the instance managers between themselves.
        { from: [pods(POSTGRES_POD_LABELS)] },
        // The operator: PostgreSQL, and each instance manager's status endpoint.
        { from: [namespaces(operators.cloudnativePg)], ports: tcp(5432, 8000) },
        { from: [scraper], ports: tcp(9187) },
      ],
    });
  }
  if (config.redis.mode === 'redis-failover') {
    policy('redis', {
      podSelector: { matchLabels: REDIS_POD_LABELS },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [app], ports: tcp(6379) },
        // Replication and the sentinels watching and reconfiguring the servers.
        { from: [pods(REDIS_POD_LABELS)] },
        { from: [namespaces(operators.redis)], ports: tcp(6379, 26379) },
      ],
    });
  }
}
