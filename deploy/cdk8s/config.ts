import type { ServiceName, ServicePart } from '../../libs/subgraph-server/src/process-parts';

/**
 * The one description a province's manifests are synthesized from. Everything that differs between
 * provinces is here; everything that follows from the code (which processes exist, their ports,
 * who calls whom, which queue a worker drains) is derived in topology.ts, never written down twice.
 */
export interface ProvinceConfig {
  /** GB/T 2260 code of the province (510000 is Sichuan). */
  code: string;
  /** Lower-case name for object names: the namespace is `mingshi-<slug>`. */
  slug: string;
  /** Where the images are pulled from: `<registry>/<service>:<tag>`, one tag for the whole release. */
  images: { registry: string; tag: string };
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** The gateway's public address (TLS ends in front of it): report download links start with it. */
  publicUrl: string;
  /** Browser origins allowed to call the gateway (CORS_ORIGINS); none when only servers call it. */
  corsOrigins: string[];
  /** The identity provider whose JWTs the gateway verifies, and where its JWKS endpoint answers. */
  identityProvider: { jwksUrl: string; issuer: string; audience: string; egress: ExternalPeer[] };
  /** The S3-compatible bucket report sections and files go to (S3_* come from a Secret). */
  objectStore: { egress: ExternalPeer[] };
  /** The finance systems fund-event webhooks are delivered to. Empty: finance-webhooks reaches nothing. */
  webhooks: { egress: ExternalPeer[] };
  /** An OpenTelemetry collector traces are exported to; none by default. */
  tracing?: { otlpEndpoint: string; egress: ExternalPeer[] };
  /** How each kind of process is sized and scaled; `overrides` changes one Deployment. */
  sizing: {
    gateway: Sizing<CpuScaling>;
    parts: { [P in ServicePart]: Sizing<PartScaling[P]> };
    overrides: { [W in WorkloadName]?: Partial<Sizing<CpuScaling | QueueScaling | FixedScaling>> };
    migrate: Resources;
  };
  /** Each service's own settings, as the environment variables its config.ts reads. */
  settings: { [S in ServiceName]: Record<string, string> };
  postgres: InClusterPostgres | ManagedService;
  redis: InClusterRedis | ManagedRedis;
  /** Where the cluster's shared pieces are: DNS, the scraper, the ingress controller, the operators. */
  cluster: ClusterConfig;
}

/** A range outside the cluster's pods that a process may open connections to, and on which ports. */
export interface ExternalPeer {
  cidr: string;
  except?: string[];
  ports: number[];
}

/** Requests (what the scheduler reserves) and the memory limit. No CPU limit: throttling a Node
 * process stalls its event loop for whole scheduling periods, which shows up as latency spikes. */
export interface Resources {
  cpu: string;
  memory: string;
  memoryLimit: string;
}

export interface Sizing<S> {
  scaling: S;
  resources: Resources;
  /** Time to drain after SIGTERM: in-flight requests, or the jobs a worker holds. */
  terminationGraceSeconds: number;
}

/** Scaled by an HPA on CPU: what answers requests. */
export interface CpuScaling {
  kind: 'cpu';
  minReplicas: number;
  maxReplicas: number;
  targetCpuUtilization: number;
}

/** Scaled by KEDA on the jobs waiting in the worker's queue. */
export interface QueueScaling {
  kind: 'queue';
  minReplicas: number;
  maxReplicas: number;
  /** Waiting jobs one replica is expected to keep up with. */
  waitingPerReplica: number;
}

/** A fixed number of replicas. */
export interface FixedScaling {
  kind: 'fixed';
  replicas: number;
}

/** How each part scales: the graph on CPU, the queue workers on their queue, the relay fixed. */
export interface PartScaling {
  graph: CpuScaling;
  consumer: QueueScaling;
  relay: FixedScaling;
  sections: QueueScaling;
  webhooks: QueueScaling;
  assembly: QueueScaling;
}

type WorkerName = { [S in ServiceName]: `${S}-${Exclude<ServicePart<S>, 'graph'>}` }[ServiceName];

/** Every Deployment: the gateway, each subgraph (its graph part, named as the subgraph) and each worker. */
export type WorkloadName = 'gateway' | ServiceName | WorkerName;

/** PostgreSQL run by CloudNativePG in the province's namespace: a primary and streaming replicas. */
export interface InClusterPostgres {
  mode: 'cloudnative-pg';
  /** Primary plus replicas; the replicas serve `<cluster>-ro`, which report sections read from. */
  instances: number;
  imageName: string;
  storage: { size: string; storageClass?: string };
  walStorage: { size: string; storageClass?: string };
  resources: Resources;
  /** postgresql.conf settings besides max_connections, which is derived from the replica counts. */
  parameters: Record<string, string>;
  /**
   * Base backups and the WAL archive, to object storage (barman-cloud, run by the operator):
   * recovery to any moment of the `retention` window. Credentials: SECRETS.databaseBackups.
   */
  backups: {
    /** `s3://bucket/path`; `mingshi-<slug>-db-backups` when unset. */
    destinationPath?: string;
    /** An S3-compatible service's endpoint (OSS, COS, MinIO …); AWS S3 when unset. */
    endpointUrl?: string;
    /** How long backups and WAL are kept, in barman's terms: `30d`. */
    retention: string;
    /** When the base backup runs: a six-field cron expression (seconds first), UTC. */
    schedule: string;
  };
}

/** Redis with replication and Sentinel failover, run by the spotahome redis-operator. */
export interface InClusterRedis {
  mode: 'redis-failover';
  /** Redis servers: one master, the rest replicas. */
  replicas: number;
  /** Sentinels voting on failover: an odd number, at least 3. */
  sentinels: number;
  image: string;
  storage: { size: string; storageClass?: string };
  resources: Resources;
}

/** A service run outside the cluster (RDS, ApsaraDB, …): its URLs come from a Secret. */
export interface ManagedService {
  mode: 'managed';
  egress: ExternalPeer[];
}

/**
 * Redis as a managed service. With `cluster`, its URL names a node (or the configuration endpoint)
 * of a Redis Cluster, and the processes speak the cluster protocol (REDIS_CLUSTER); without, it is
 * one primary endpoint, or a proxy in front of a cluster.
 */
export interface ManagedRedis extends ManagedService {
  cluster?: boolean;
}

export interface ClusterConfig {
  /** The cluster DNS pods every process resolves names with. */
  dns: { namespaceLabels: Record<string, string>; podLabels: Record<string, string> };
  /** The namespace of the Prometheus that scrapes /metrics, and the labels it selects PodMonitors by. */
  monitoring: {
    namespaceLabels: Record<string, string>;
    podMonitorLabels: Record<string, string>;
    /** Where KEDA asks Prometheus for queue depths. */
    prometheusUrl: string;
  };
  /** The namespace of the ingress controller that passes public traffic to the gateway. */
  ingressNamespaceLabels: Record<string, string>;
  /** The ingress class of that controller, which terminates TLS for `publicUrl` (SECRETS.gatewayTls). */
  ingressClassName: string;
  /** Where the CloudNativePG and redis operators run (they reach their instances' pods). */
  operatorNamespaceLabels: { cloudnativePg: Record<string, string>; redis: Record<string, string> };
}

const resources = (cpu: string, memory: string, memoryLimit: string): Resources => ({
  cpu,
  memory,
  memoryLimit,
});

const queueWorker = (maxReplicas: number, waitingPerReplica: number, size: Resources, grace = 60) => ({
  scaling: { kind: 'queue' as const, minReplicas: 1, maxReplicas, waitingPerReplica },
  resources: size,
  terminationGraceSeconds: grace,
});

/** Starting sizes for one province; replace them with what its load runs measure. */
const DEFAULT_SIZING: ProvinceConfig['sizing'] = {
  gateway: {
    scaling: { kind: 'cpu', minReplicas: 2, maxReplicas: 8, targetCpuUtilization: 70 },
    resources: resources('500m', '512Mi', '1Gi'),
    terminationGraceSeconds: 40,
  },
  parts: {
    graph: {
      scaling: { kind: 'cpu', minReplicas: 2, maxReplicas: 6, targetCpuUtilization: 70 },
      resources: resources('250m', '384Mi', '768Mi'),
      terminationGraceSeconds: 40,
    },
    consumer: queueWorker(4, 200, resources('100m', '256Mi', '512Mi')),
    // Two relays: SKIP LOCKED lets both take rows, and one killed leaves the other publishing.
    relay: {
      scaling: { kind: 'fixed', replicas: 2 },
      resources: resources('50m', '192Mi', '384Mi'),
      terminationGraceSeconds: 30,
    },
    sections: queueWorker(4, 20, resources('250m', '512Mi', '1Gi')),
    webhooks: queueWorker(4, 100, resources('100m', '256Mi', '512Mi')),
    // A report renders in a child process for up to minutes: let it finish rather than retry it.
    assembly: queueWorker(4, 2, resources('500m', '768Mi', '2Gi'), 300),
  },
  overrides: {},
  migrate: resources('250m', '384Mi', '1Gi'),
};

/** What every province must say itself: who it is, where its images, public address and services are. */
type OwnValues = 'code' | 'slug' | 'images' | 'publicUrl' | 'identityProvider' | 'objectStore';
type Defaulted = Omit<ProvinceConfig, OwnValues | 'tracing'>;

/** A province's own values, and any default it replaces (a whole section at a time; sizing per key). */
export type ProvinceOverrides = Pick<ProvinceConfig, OwnValues | 'tracing'> &
  Partial<Omit<Defaulted, 'sizing'>> & { sizing?: Partial<ProvinceConfig['sizing']> };

const DEFAULTS: Defaulted = {
  logLevel: 'info',
  corsOrigins: [],
  webhooks: { egress: [] },
  settings: {
    personnel: { TRAINING_REQUIRED_HOURS: '72' },
    workshop: { MAX_MEMBERS: '12', MAX_TRAINEES: '30' },
    // Webhooks leave the cluster only to https URLs on public addresses (SSRF), whatever egress allows.
    finance: { WEBHOOK_REQUIRE_HTTPS: 'true', WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' },
    evaluation: { CONSEQUENCE_INTERVAL_MS: '60000' },
    reports: { REPORT_RETENTION_DAYS: '30', REPORT_RENDER_CONCURRENCY: '1' },
  },
  postgres: {
    mode: 'cloudnative-pg',
    instances: 3,
    imageName: 'ghcr.io/cloudnative-pg/postgresql:15',
    storage: { size: '200Gi' },
    walStorage: { size: '50Gi' },
    resources: resources('2', '8Gi', '8Gi'),
    parameters: {
      shared_buffers: '2GB',
      effective_cache_size: '6GB',
      work_mem: '16MB',
      // The request budget (REQUEST_BUDGET_MS) rolls a request back first; this catches the rest.
      idle_in_transaction_session_timeout: '60s',
      // Report sections read one snapshot on a replica for minutes; without feedback the primary's
      // vacuum removes rows they still see, and the replica cancels them after 30 s.
      hot_standby_feedback: 'on',
    },
    // Every night at 02:00 in China (18:00 UTC), the quietest hour.
    backups: { retention: '30d', schedule: '0 0 18 * * *' },
  },
  redis: {
    mode: 'redis-failover',
    replicas: 3,
    sentinels: 3,
    image: 'redis:7.2',
    storage: { size: '20Gi' },
    resources: resources('250m', '2Gi', '2Gi'),
  },
  cluster: {
    dns: {
      namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
      podLabels: { 'k8s-app': 'kube-dns' },
    },
    monitoring: {
      namespaceLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
      podMonitorLabels: { release: 'kube-prometheus-stack' },
      prometheusUrl: 'http://kube-prometheus-stack-prometheus.monitoring:9090',
    },
    ingressNamespaceLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
    ingressClassName: 'nginx',
    operatorNamespaceLabels: {
      cloudnativePg: { 'kubernetes.io/metadata.name': 'cnpg-system' },
      redis: { 'kubernetes.io/metadata.name': 'redis-operator' },
    },
  },
  sizing: DEFAULT_SIZING,
};

/** A province's full description: its own values over the defaults, section by section. */
export function provinceConfig(overrides: ProvinceOverrides): ProvinceConfig {
  const { sizing, ...rest } = overrides;
  return { ...DEFAULTS, ...rest, sizing: { ...DEFAULTS.sizing, ...sizing } };
}

/** The namespace everything of one province lives in. */
export function namespaceOf(config: ProvinceConfig): string {
  return `mingshi-${config.slug}`;
}
