import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as coreModels from 'kubernetes-models';
import * as cnpgModels from '@kubernetes-models/cloudnative-pg';
import * as kedaModels from '@kubernetes-models/keda';
import * as prometheusModels from '@kubernetes-models/prometheus-operator';
import { parse } from 'yaml';
import { render, synthesize } from '../../deploy/cdk8s/app';
import { namespaceOf, type ProvinceConfig } from '../../deploy/cdk8s/config';
import { GUANGDONG } from '../../deploy/cdk8s/provinces/guangdong';
import { SICHUAN } from '../../deploy/cdk8s/provinces/sichuan';
import { SECRETS } from '../../deploy/cdk8s/secrets';
import { connectionBudget } from '../../deploy/cdk8s/sizing';
import { MANIFESTS_DIR } from '../../deploy/generate';
import { SUBGRAPHS } from '../../gateway/src/subgraphs';
import { QueueName } from '../../libs/events/src/queues';
import { PARTS_VARIABLE, SERVICE_PARTS } from '../../libs/subgraph-server/src/process-parts';
import { allWorkloads } from '../../deploy/cdk8s/topology';
import { admits, canReach, type Endpoint, type NetworkPolicy } from './network-reach';

/**
 * The province manifests (deploy/cdk8s → deploy/k8s/province): every object valid against the
 * Kubernetes schemas, offline; the committed files what a fresh synth writes; every service and
 * part of the code deployed with its probes; and the NetworkPolicies admitting exactly who should.
 */
const ROOT = path.join(__dirname, '..', '..');

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: any;
}

interface Container {
  name: string;
  image: string;
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { secretRef?: { name: string } }[];
  startupProbe?: any;
  livenessProbe?: any;
  readinessProbe?: any;
  resources?: any;
  securityContext?: any;
}

function synthesized(config: ProvinceConfig): K8sObject[] {
  return synthesize(config).flatMap((file) => file.objects as K8sObject[]);
}

/** Every model class kubernetes-models and its CRD packages export, by apiVersion/kind. */
function modelRegistry(): Map<string, new (data: unknown) => { validate(): void }> {
  const registry = new Map<string, new (data: unknown) => { validate(): void }>();
  const walk = (value: unknown, depth: number) => {
    if (value === null || depth > 4) return;
    if (typeof value === 'function') {
      const model = value as unknown as { apiVersion?: unknown; kind?: unknown };
      if (typeof model.apiVersion === 'string' && typeof model.kind === 'string') {
        registry.set(
          `${model.apiVersion}/${model.kind}`,
          value as new (data: unknown) => { validate(): void },
        );
      }
      return;
    }
    if (typeof value === 'object') for (const child of Object.values(value)) walk(child, depth + 1);
  };
  [coreModels, kedaModels, prometheusModels, cnpgModels].forEach((models) => walk(models, 0));
  return registry;
}

/** Kinds no npm package has a schema for: the spotahome redis-operator's CRD. */
const WITHOUT_SCHEMA = ['databases.spotahome.com/v1/RedisFailover'];

/**
 * What the manifests rely on in the two operators' resources beyond their schemas (CloudNativePG's
 * Cluster is validated against its CRD's too, @kubernetes-models/cloudnative-pg; for the
 * RedisFailover these checks are all there is).
 */
const STATE_REQUIREMENTS: Record<string, (object: K8sObject) => void> = {
  'postgresql.cnpg.io/v1/Cluster': (cluster) => {
    expect(cluster.spec).toMatchObject({
      instances: expect.any(Number),
      storage: { size: expect.stringMatching(/^\d+(Mi|Gi|Ti)$/) },
      bootstrap: {
        initdb: { database: 'mingshi', owner: 'mingshi_owner', secret: { name: expect.any(String) } },
      },
      enableSuperuserAccess: false,
    });
    expect(cluster.spec.instances).toBeGreaterThanOrEqual(3);
    expect(cluster.spec.managed.roles).toEqual([
      expect.objectContaining({
        name: 'mingshi_app',
        ensure: 'present',
        login: true,
        superuser: false,
        bypassrls: false,
        passwordSecret: { name: SECRETS.databaseApp.name },
      }),
    ]);
    for (const value of Object.values(cluster.spec.postgresql.parameters))
      expect(typeof value).toBe('string');
  },
  'databases.spotahome.com/v1/RedisFailover': (failover) => {
    expect(failover.spec.redis.replicas).toBeGreaterThanOrEqual(2);
    expect(failover.spec.sentinel.replicas % 2).toBe(1);
    expect(failover.spec.sentinel.replicas).toBeGreaterThanOrEqual(3);
    expect(failover.spec.redis.customConfig).toEqual(
      expect.arrayContaining(['maxmemory-policy noeviction', 'appendonly yes']),
    );
    expect(failover.spec.redis.storage.persistentVolumeClaim.spec.resources.requests.storage).toMatch(
      /^\d+Gi$/,
    );
    expect(failover.spec.auth).toEqual({ secretPath: SECRETS.redisAuth.name });
  },
};

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

describe.each([
  ['sichuan (state in the cluster)', SICHUAN],
  ['guangdong (managed state)', GUANGDONG],
] as const)('province manifests: %s', (_label, config) => {
  const objects = synthesized(config);
  const namespace = namespaceOf(config);
  const find = (kind: string, name: string) =>
    objects.find((object) => object.kind === kind && object.metadata.name === name);
  const deployments = objects.filter((object) => object.kind === 'Deployment');
  const containerOf = (name: string): Container => find('Deployment', name)?.spec.template.spec.containers[0];
  const envOf = (container: Container) =>
    Object.fromEntries((container.env ?? []).map((entry) => [entry.name, entry.value ?? entry.valueFrom]));

  it('validates every object against the Kubernetes schemas (and the KEDA, prometheus-operator and CloudNativePG CRDs)', () => {
    const registry = modelRegistry();
    const problems: string[] = [];
    for (const object of objects) {
      const key = `${object.apiVersion}/${object.kind}`;
      const name = `${key} ${object.metadata.name}`;
      const stateCheck = STATE_REQUIREMENTS[key];
      const Model = registry.get(key);
      if (stateCheck) stateCheck(object);
      if (!Model) {
        if (!WITHOUT_SCHEMA.includes(key)) problems.push(`${name}: no schema for this apiVersion/kind`);
      } else {
        try {
          new Model(object).validate();
        } catch (error) {
          problems.push(`${name}: ${(error as Error).message}`);
        }
      }
      if (/v\d+(alpha|beta)\d+$/.test(object.apiVersion) && object.apiVersion !== 'keda.sh/v1alpha1') {
        problems.push(`${name}: a pre-release API version`);
      }
      if (!DNS_LABEL.test(object.metadata.name) || object.metadata.name.length > 63) {
        problems.push(`${name}: not a DNS label`);
      }
      if (object.kind !== 'Namespace' && object.metadata.namespace !== namespace) {
        problems.push(`${name}: outside ${namespace}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('runs every part of every service with a schema as its own Deployment, probed on /healthz and /readyz', () => {
    const services = readdirSync(path.join(ROOT, 'services')).filter((name) =>
      existsSync(path.join(ROOT, 'services', name, 'schema.graphql')),
    );
    expect(Object.keys(SERVICE_PARTS).sort()).toEqual([...services].sort());
    const expected = [
      'gateway',
      ...Object.entries(SERVICE_PARTS).flatMap(([service, parts]) =>
        parts.map((part) => (part === 'graph' ? service : `${service}-${part}`)),
      ),
    ];
    expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual(expected.sort());

    for (const [service, parts] of Object.entries(SERVICE_PARTS)) {
      const port = SUBGRAPHS.find((subgraph) => subgraph.name === service)?.port;
      for (const part of parts) {
        const name = part === 'graph' ? service : `${service}-${part}`;
        const container = containerOf(name);
        expect(container.image).toBe(`${config.images.registry}/${service}:${config.images.tag}`);
        expect(container.ports).toEqual([{ name: 'http', containerPort: port }]);
        expect(envOf(container)).toMatchObject({
          [PARTS_VARIABLE]: part,
          PORT: String(port),
          HOST: '0.0.0.0',
        });
        expect(find('Deployment', name)?.metadata.labels).toMatchObject({
          'app.kubernetes.io/name': service,
          'app.kubernetes.io/component': part,
        });
      }
    }
    for (const deployment of deployments) {
      const container = containerOf(deployment.metadata.name);
      expect(container.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(container.resources).toMatchObject({
        requests: { cpu: expect.any(String), memory: expect.any(String) },
      });
      expect(container.resources.limits.memory).toEqual(expect.any(String));
    }
  });

  it('runs every pod as uid 1000 without privileges on a read-only root, /tmp its one writable place', () => {
    const pods = objects
      .filter((object) => object.kind === 'Deployment' || object.kind === 'Job')
      .map((object) => object.spec.template.spec);
    expect(pods).toHaveLength(deployments.length + 1);
    for (const pod of pods) {
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000 });
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }]);
      for (const container of pod.containers) {
        expect(container.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
      }
    }
  });

  it('scales what answers requests on CPU, each worker on its own queue, and keeps one disruption at a time', () => {
    for (const deployment of deployments) {
      const name = deployment.metadata.name;
      const part = deployment.metadata.labels?.['app.kubernetes.io/component'];
      const hpa = find('HorizontalPodAutoscaler', name);
      const scaled = find('ScaledObject', name);
      if (part === 'graph' || part === 'gateway') {
        expect(hpa?.spec.metrics).toEqual([
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: expect.any(Number) },
            },
          },
        ]);
        expect(hpa?.spec.minReplicas).toBeGreaterThanOrEqual(2);
        expect(find('Service', name)?.spec.ports).toEqual([
          expect.objectContaining({ port: containerOf(name).ports![0]!.containerPort }),
        ]);
      } else if (part === 'relay') {
        // Several relays are safe: FOR UPDATE SKIP LOCKED, and the event id as the job id.
        expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
        expect(hpa ?? scaled).toBeUndefined();
      } else {
        expect(hpa).toBeUndefined();
        const [trigger] = scaled?.spec.triggers ?? [];
        expect(trigger.type).toBe('prometheus');
        const queue = /queue="([^"]+)"/.exec(trigger.metadata.query)?.[1];
        expect(Object.values(QueueName)).toContain(queue);
        expect(trigger.metadata.query).toContain(`namespace="${namespace}"`);
        expect(trigger.metadata.query).toContain('mingshi_queue_jobs');
        expect(scaled?.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
      }
      if (hpa || scaled) expect(deployment.spec.replicas).toBeUndefined();
      expect(find('PodDisruptionBudget', name)?.spec).toEqual({
        maxUnavailable: 1,
        selector: deployment.spec.selector,
      });
    }
    const drained = objects
      .filter((object) => object.kind === 'ScaledObject')
      .map((object) => /queue="([^"]+)"/.exec(object.spec.triggers[0].metadata.query)?.[1]);
    expect(new Set(drained).size).toBe(drained.length);
    expect(drained).toEqual(
      expect.arrayContaining(['finance-webhooks', 'report-assembly', 'personnel-inbox']),
    );
  });

  it('runs the migrations as the owner, in a Job ordered between the database and the workloads', () => {
    const job = find('Job', 'mingshi-migrate')!;
    const container = job.spec.template.spec.containers[0] as Container;
    expect(container.image).toBe(`${config.images.registry}/migrate:${config.images.tag}`);
    expect(Object.keys(envOf(container))).toContain('MIGRATION_DATABASE_URL');
    expect(JSON.stringify(container.env)).not.toContain(SECRETS.databaseApp.name);
    expect(job.spec).toMatchObject({ parallelism: 1, completions: 1 });
    expect(job.metadata.annotations).toMatchObject({
      'argocd.argoproj.io/hook': 'Sync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
    });
    const wave = (object: K8sObject) => Number(object.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
    const jobWave = wave(job);
    for (const object of objects) {
      if (
        ['Cluster', 'ScheduledBackup', 'RedisFailover', 'NetworkPolicy', 'Namespace'].includes(object.kind)
      ) {
        expect(wave(object)).toBeLessThan(jobWave);
      } else if (object !== job) expect(wave(object)).toBeGreaterThan(jobWave);
    }
  });

  it('takes every secret from a Secret deploy/README.md tells how to create, and puts none in the manifests', () => {
    const readme = readFileSync(path.join(ROOT, 'deploy/README.md'), 'utf8');
    const text = JSON.stringify(objects);
    const referenced = new Set(
      [
        ...text.matchAll(
          /"(?:secretKeyRef|secretRef)":\{"name":"([^"]+)"|"secretKeyRef":\{"key":"[^"]+","name":"([^"]+)"/g,
        ),
      ].map((match) => match[1] ?? match[2]),
    );
    for (const object of objects.filter((o) => o.kind === 'Cluster' || o.kind === 'RedisFailover')) {
      referenced.add(object.spec.bootstrap?.initdb.secret.name ?? object.spec.auth?.secretPath);
      for (const role of object.spec.managed?.roles ?? []) referenced.add(role.passwordSecret.name);
      const credentials = object.spec.backup?.barmanObjectStore?.s3Credentials ?? {};
      for (const key of Object.values(credentials) as { name: string }[]) referenced.add(key.name);
    }
    for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
      for (const tls of ingress.spec.tls) referenced.add(tls.secretName);
    }
    expect(referenced.size).toBeGreaterThan(3);
    expect([...referenced].filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
    expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
    for (const container of deployments.map((d) => containerOf(d.metadata.name))) {
      for (const variable of [
        'GATEWAY_IDENTITY_SECRET',
        'REPORT_DOWNLOAD_SECRET',
        'DB_APP_PASSWORD',
        'REDIS_PASSWORD',
      ]) {
        const entry = container.env?.find((e) => e.name === variable);
        if (entry) expect(entry.valueFrom?.secretKeyRef).toBeDefined();
      }
    }
  });

  it('points the processes that read from the replicas, and only them, at the read replicas', () => {
    const readers = deployments
      .filter((deployment) => envOf(containerOf(deployment.metadata.name)).DATABASE_READ_URL !== undefined)
      .map((deployment) => deployment.metadata.name)
      .sort();
    // Report sections, and the graphs analysts query across; reports' graph reads its own jobs.
    expect(readers).toEqual(
      [
        'personnel',
        'personnel-sections',
        'workshop',
        'workshop-sections',
        'finance',
        'finance-sections',
        'evaluation',
        'evaluation-sections',
      ].sort(),
    );
    for (const name of readers) {
      const url = envOf(containerOf(name)).DATABASE_READ_URL;
      if (config.postgres.mode === 'cloudnative-pg') expect(url).toContain('@mingshi-db-ro:5432/');
    }
  });

  describe('network policies', () => {
    const policies = objects.filter(
      (object) => object.kind === 'NetworkPolicy',
    ) as unknown as NetworkPolicy[];
    const ownNamespace = { 'kubernetes.io/metadata.name': namespace };
    const podOf = (name: string): Endpoint => ({
      pod: find('Deployment', name)!.spec.template.metadata.labels,
      namespace: ownNamespace,
    });
    const workloads = allWorkloads();
    const scraper: Endpoint = {
      pod: { 'app.kubernetes.io/name': 'prometheus' },
      namespace: { 'kubernetes.io/metadata.name': 'monitoring' },
    };
    const dns: Endpoint = {
      pod: { 'k8s-app': 'kube-dns' },
      namespace: { 'kubernetes.io/metadata.name': 'kube-system' },
    };

    it('starts every application pod from deny-all, in and out', () => {
      expect(policies.find((policy) => policy.metadata.name === 'default-deny')?.spec).toEqual({
        podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'mingshi' } },
        policyTypes: ['Ingress', 'Egress'],
      });
    });

    it('lets only the gateway and the subgraphs whose config reads its URL reach a graph port', () => {
      const callers: Record<string, string[]> = {
        personnel: ['gateway', 'workshop', 'finance', 'evaluation'],
        workshop: ['gateway', 'finance', 'evaluation'],
        finance: ['gateway', 'evaluation'],
        evaluation: ['gateway'],
        reports: ['gateway'],
      };
      for (const [service, allowed] of Object.entries(callers)) {
        const port = SUBGRAPHS.find((subgraph) => subgraph.name === service)!.port;
        for (const source of workloads) {
          // Both ends say so: the source's egress and, on its own, the graph pods' ingress.
          const reaches = canReach(policies, podOf(source.name), podOf(service), port);
          const admitted = admits(policies, podOf(service), podOf(source.name), port);
          const expected = allowed.includes(source.service);
          expect({ from: source.name, to: service, reaches, admitted }).toEqual({
            from: source.name,
            to: service,
            reaches: expected,
            admitted: expected,
          });
        }
        const stranger: Endpoint = {
          pod: { 'app.kubernetes.io/name': 'gateway' },
          namespace: { 'kubernetes.io/metadata.name': 'other' },
        };
        expect(canReach(policies, stranger, podOf(service), port)).toBe(false);
      }
    });

    it('admits nothing to a worker but the scraper, which reaches every process on its port', () => {
      for (const workload of workloads) {
        expect(canReach(policies, scraper, podOf(workload.name), workload.port)).toBe(true);
        expect(canReach(policies, scraper, podOf(workload.name), workload.port + 1000)).toBe(false);
        if (workload.part !== 'graph' && workload.part !== 'gateway') {
          for (const source of workloads)
            expect(admits(policies, podOf(workload.name), podOf(source.name), workload.port)).toBe(false);
        }
      }
      const ingressController: Endpoint = {
        pod: {},
        namespace: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
      };
      expect(canReach(policies, ingressController, podOf('gateway'), 4000)).toBe(true);
      expect(canReach(policies, ingressController, podOf('personnel'), 4001)).toBe(false);
    });

    it('lets every process reach DNS, PostgreSQL and Redis, and the migration Job too', () => {
      const migrate: Endpoint = {
        pod: find('Job', 'mingshi-migrate')!.spec.template.metadata.labels,
        namespace: ownNamespace,
      };
      const postgres: Endpoint =
        config.postgres.mode === 'managed'
          ? { ip: config.postgres.egress[0]!.cidr.split('/')[0]! }
          : {
              pod: { 'cnpg.io/cluster': 'mingshi-db', 'cnpg.io/instanceRole': 'primary' },
              namespace: ownNamespace,
            };
      const redis: Endpoint =
        config.redis.mode === 'managed'
          ? { ip: config.redis.egress[0]!.cidr.split('/')[0]! }
          : {
              pod: {
                'app.kubernetes.io/part-of': 'redis-failover',
                'app.kubernetes.io/name': 'mingshi-redis',
                'app.kubernetes.io/component': 'redis',
              },
              namespace: ownNamespace,
            };
      for (const source of [...workloads.map((w) => podOf(w.name)), migrate]) {
        expect(canReach(policies, source, dns, 53, 'UDP')).toBe(true);
        expect(canReach(policies, source, postgres, 5432)).toBe(true);
        expect(canReach(policies, source, redis, 6379)).toBe(true);
        expect(canReach(policies, source, { ip: '192.0.2.200' }, 443)).toBe(false);
      }
      const stranger: Endpoint = { pod: { app: 'something-else' }, namespace: ownNamespace };
      if (config.postgres.mode === 'cloudnative-pg')
        expect(canReach(policies, stranger, postgres, 5432)).toBe(false);
      if (config.redis.mode === 'redis-failover')
        expect(canReach(policies, stranger, redis, 6379)).toBe(false);
    });

    it('lets only finance-webhooks out to the webhook ranges the configuration names, and nowhere else', () => {
      const targets = config.webhooks.egress;
      if (targets.length === 0) {
        // Sichuan names none: the webhook worker reaches no address outside the cluster at all.
        for (const ip of ['1.1.1.1', '192.0.2.10', '203.0.113.5']) {
          expect(canReach(policies, podOf('finance-webhooks'), { ip }, 443)).toBe(false);
        }
        return;
      }
      const inside = { ip: '203.0.113.5' };
      const excepted = { ip: '203.0.113.200' };
      expect(canReach(policies, podOf('finance-webhooks'), inside, 443)).toBe(true);
      expect(canReach(policies, podOf('finance-webhooks'), inside, 8443)).toBe(true);
      expect(canReach(policies, podOf('finance-webhooks'), inside, 80)).toBe(false);
      expect(canReach(policies, podOf('finance-webhooks'), excepted, 443)).toBe(false);
      for (const other of workloads.filter((w) => w.name !== 'finance-webhooks')) {
        expect(canReach(policies, podOf(other.name), inside, 443)).toBe(false);
      }
    });

    it('lets the gateway reach the identity provider, and the report-store users the bucket', () => {
      const idp = { ip: config.identityProvider.egress[0]!.cidr.split('/')[0]! };
      const bucket = { ip: config.objectStore.egress[0]!.cidr.split('/')[0]! };
      expect(canReach(policies, podOf('gateway'), idp, 443)).toBe(true);
      expect(canReach(policies, podOf('personnel'), idp, 443)).toBe(false);
      for (const name of ['personnel-sections', 'reports', 'reports-assembly']) {
        expect(canReach(policies, podOf(name), bucket, 443)).toBe(true);
      }
      expect(canReach(policies, podOf('gateway'), bucket, 443)).toBe(false);
    });
  });

  it('serves the public address through the ingress controller over TLS, to the gateway alone', () => {
    const ingresses = objects.filter((object) => object.kind === 'Ingress');
    expect(ingresses).toHaveLength(1);
    const [ingress] = ingresses;
    const host = new URL(config.publicUrl).hostname;
    expect(ingress.spec.tls).toEqual([{ hosts: [host], secretName: SECRETS.gatewayTls.name }]);
    type Rule = { host: string; http: { paths: { backend: { service: object } }[] } };
    const backends = (ingress.spec.rules as Rule[]).flatMap((rule) =>
      rule.http.paths.map((entry) => ({ host: rule.host, ...entry.backend.service })),
    );
    expect(backends).toEqual([{ host, name: 'gateway', port: { name: 'http' } }]);
    const service = find('Service', 'gateway');
    expect(service?.spec.ports.map((port: { name: string }) => port.name)).toContain('http');
  });

  it('backs the in-cluster PostgreSQL up: the WAL archived, a base backup each night, both kept a while', () => {
    const cluster = find('Cluster', 'mingshi-db');
    const nightly = objects.filter((object) => object.kind === 'ScheduledBackup');
    if (config.postgres.mode !== 'cloudnative-pg') {
      expect(nightly).toEqual([]);
      return;
    }
    expect(cluster?.spec.backup).toMatchObject({
      retentionPolicy: expect.stringMatching(/^\d+[dwm]$/),
      barmanObjectStore: { destinationPath: expect.stringMatching(/^s3:\/\/[a-z0-9.-]+\//) },
    });
    expect(nightly).toHaveLength(1);
    expect(nightly[0].spec).toMatchObject({ cluster: { name: 'mingshi-db' }, backupOwnerReference: 'self' });
    // CloudNativePG's cron has six fields, seconds first.
    expect(nightly[0].spec.schedule.split(' ')).toHaveLength(6);
  });

  it('keeps PostgreSQL and Redis in the cluster, or out of it, by the configuration', () => {
    const postgresCluster = find('Cluster', 'mingshi-db');
    const failover = find('RedisFailover', 'mingshi-redis');
    const env = envOf(containerOf('personnel'));
    if (config.postgres.mode === 'cloudnative-pg') {
      const parameters = postgresCluster?.spec.postgresql.parameters;
      expect(Number(parameters.max_connections)).toBe(connectionBudget(config, allWorkloads()));
      // Long sections on the replicas are not cancelled by the primary's vacuum.
      expect(parameters.hot_standby_feedback).toBe('on');
      expect(env.DATABASE_URL).toBe('postgresql://mingshi_app:$(DB_APP_PASSWORD)@mingshi-db-rw:5432/mingshi');
    } else {
      expect(postgresCluster).toBeUndefined();
      expect(env.DATABASE_URL).toEqual({
        secretKeyRef: { name: SECRETS.database.name, key: 'DATABASE_URL' },
      });
    }
    if (config.redis.mode === 'redis-failover') {
      // The services take one URL: the operator's master Service, which follows failovers.
      expect(env.REDIS_URL).toBe('redis://:$(REDIS_PASSWORD)@rfrm-mingshi-redis:6379');
      expect(failover).toBeDefined();
    } else {
      expect(failover).toBeUndefined();
      expect(env.REDIS_URL).toEqual({ secretKeyRef: { name: SECRETS.redis.name, key: 'REDIS_URL' } });
    }
    // A managed Redis Cluster is spoken to as one by every process that uses Redis, the gateway too.
    const cluster = config.redis.mode === 'managed' && config.redis.cluster === true;
    for (const deployment of deployments) {
      const processEnv = envOf(deployment.spec.template.spec.containers[0]);
      if (processEnv.REDIS_URL)
        expect([deployment.metadata.name, processEnv.REDIS_CLUSTER]).toEqual([
          deployment.metadata.name,
          cluster ? 'true' : undefined,
        ]);
    }
  });
});

describe('deploy/k8s/province', () => {
  it('is what `npm run manifests` writes now: generated files are never edited by hand', () => {
    const expected = render(SICHUAN, synthesize(SICHUAN));
    const committed = readdirSync(MANIFESTS_DIR).filter((file) => file.endsWith('.yaml'));
    expect(committed.sort()).toEqual([...expected.keys()].sort());
    for (const [file, text] of expected) {
      expect({ file, text: readFileSync(path.join(MANIFESTS_DIR, file), 'utf8') }).toEqual({ file, text });
    }
  });

  it('deploys every service in docker-compose.yml too, each of its parts in one of its containers', () => {
    const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    for (const [service, parts] of Object.entries(SERVICE_PARTS)) {
      expect(Object.keys(compose.services)).toContain(service);
      const run = Object.entries(compose.services)
        .filter(([name]) => name === service || name.startsWith(`${service}-`))
        .flatMap(([, container]) => container.environment?.[PARTS_VARIABLE]?.split(',') ?? parts);
      expect({ service, parts: [...new Set(run)].sort() }).toEqual({ service, parts: [...parts].sort() });
    }
  });
});
