import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { InClusterPostgres, InClusterRedis, ProvinceConfig } from './config';
import type { CnpgClusterSpec, CnpgScheduledBackupSpec, RedisFailoverSpec } from './crds';
import { SECRETS } from './secrets';
import { connectionBudget, redisMaxMemory } from './sizing';
import type { Workload } from './topology';

/** The CloudNativePG cluster; the operator serves `<name>-rw` (the primary) and `<name>-ro` (replicas). */
export const POSTGRES_CLUSTER = 'mingshi-db';
/** The RedisFailover; the operator serves the current master as `rfrm-<name>`, sentinels as `rfs-<name>`. */
export const REDIS_FAILOVER = 'mingshi-redis';
export const DATABASE = 'mingshi';
export const OWNER_ROLE = 'mingshi_owner';
export const APP_ROLE = 'mingshi_app';

/** Pods of the in-cluster state, as their operators label them (NetworkPolicies select them so). */
export const POSTGRES_POD_LABELS = { 'cnpg.io/cluster': POSTGRES_CLUSTER };
export const REDIS_POD_LABELS = {
  'app.kubernetes.io/part-of': 'redis-failover',
  'app.kubernetes.io/name': REDIS_FAILOVER,
};

/** Argo CD keeps these when they leave git or the Application is deleted: they hold the data. */
const KEEP = { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' };

/**
 * Where the in-cluster state answers. The services take one URL each and speak neither Sentinel
 * nor CloudNativePG's discovery, so each URL names a Service that always reaches the right server.
 */
export const STATE_ENDPOINTS = {
  postgresPrimary: `${POSTGRES_CLUSTER}-rw:5432`,
  postgresReplicas: `${POSTGRES_CLUSTER}-ro:5432`,
  redisMaster: `rfrm-${REDIS_FAILOVER}:6379`,
};

export function addState(scope: Construct, config: ProvinceConfig, workloads: Workload[]): void {
  if (config.postgres.mode === 'cloudnative-pg') addPostgres(scope, config.postgres, config, workloads);
  if (config.redis.mode === 'redis-failover') addRedis(scope, config.redis);
}

function addPostgres(
  scope: Construct,
  postgres: InClusterPostgres,
  config: ProvinceConfig,
  workloads: Workload[],
): void {
  const spec: CnpgClusterSpec = {
    instances: postgres.instances,
    imageName: postgres.imageName,
    // The operator switches the primary over to an updated replica by itself during upgrades.
    primaryUpdateStrategy: 'unsupervised',
    enableSuperuserAccess: false,
    storage: { size: postgres.storage.size, storageClass: postgres.storage.storageClass },
    walStorage: { size: postgres.walStorage.size, storageClass: postgres.walStorage.storageClass },
    resources: {
      requests: { cpu: postgres.resources.cpu, memory: postgres.resources.memory },
      limits: { memory: postgres.resources.memoryLimit },
    },
    // One instance per node: losing a node loses at most one copy.
    affinity: {
      enablePodAntiAffinity: true,
      topologyKey: 'kubernetes.io/hostname',
      podAntiAffinityType: 'required',
    },
    postgresql: {
      parameters: { ...postgres.parameters, max_connections: String(connectionBudget(config, workloads)) },
    },
    // deploy/postgres/init-roles.sql's outcome: the owner owns the database (and, through the
    // migrations, every schema); the app role owns nothing, so row-level security binds it.
    // CONNECT comes with PUBLIC's default privilege on a new database.
    bootstrap: {
      initdb: { database: DATABASE, owner: OWNER_ROLE, secret: { name: SECRETS.databaseOwner.name } },
    },
    backup: {
      retentionPolicy: postgres.backups.retention,
      barmanObjectStore: {
        destinationPath: postgres.backups.destinationPath ?? `s3://mingshi-${config.slug}-db-backups/`,
        ...(postgres.backups.endpointUrl ? { endpointURL: postgres.backups.endpointUrl } : {}),
        s3Credentials: {
          accessKeyId: { name: SECRETS.databaseBackups.name, key: 'ACCESS_KEY_ID' },
          secretAccessKey: { name: SECRETS.databaseBackups.name, key: 'ACCESS_SECRET_KEY' },
        },
        wal: { compression: 'gzip', maxParallel: 2 },
        data: { compression: 'gzip' },
      },
    },
    managed: {
      roles: [
        {
          name: APP_ROLE,
          ensure: 'present',
          comment: 'What every service connects as; table rights come from the migrations',
          login: true,
          superuser: false,
          createdb: false,
          createrole: false,
          replication: false,
          bypassrls: false,
          inherit: true,
          passwordSecret: { name: SECRETS.databaseApp.name },
        },
      ],
    },
  };
  new ApiObject(scope, POSTGRES_CLUSTER, {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: POSTGRES_CLUSTER, annotations: KEEP },
    spec,
  });
  // The WAL is archived continuously (above); a base backup each night bounds how much of it a
  // recovery replays. Its Backup objects are its own (`self`); the data stays in the object store
  // for the retention window, whatever happens to them.
  const backup: CnpgScheduledBackupSpec = {
    cluster: { name: POSTGRES_CLUSTER },
    schedule: postgres.backups.schedule,
    backupOwnerReference: 'self',
    immediate: true,
  };
  new ApiObject(scope, `${POSTGRES_CLUSTER}-nightly`, {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'ScheduledBackup',
    metadata: { name: `${POSTGRES_CLUSTER}-nightly` },
    spec: backup,
  });
}

function addRedis(scope: Construct, redis: InClusterRedis): void {
  const spec: RedisFailoverSpec = {
    redis: {
      replicas: redis.replicas,
      image: redis.image,
      resources: {
        requests: { cpu: redis.resources.cpu, memory: redis.resources.memory },
        limits: { memory: redis.resources.memoryLimit },
      },
      // BullMQ: an evicted key is a lost job, so a full Redis must refuse writes instead; the
      // append-only file keeps queued jobs across a restart of every server at once.
      customConfig: [
        'maxmemory-policy noeviction',
        `maxmemory ${redisMaxMemory(redis.resources)}`,
        'appendonly yes',
        'appendfsync everysec',
      ],
      storage: {
        keepAfterDeletion: true,
        persistentVolumeClaim: {
          metadata: { name: `${REDIS_FAILOVER}-data` },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: redis.storage.storageClass,
            resources: { requests: { storage: redis.storage.size } },
          },
        },
      },
    },
    sentinel: {
      replicas: redis.sentinels,
      image: redis.image,
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      // A master gone for 5 s is replaced; BullMQ reconnects to rfrm-, which follows the new master.
      customConfig: ['down-after-milliseconds 5000', 'failover-timeout 60000'],
    },
    auth: { secretPath: SECRETS.redisAuth.name },
  };
  new ApiObject(scope, REDIS_FAILOVER, {
    apiVersion: 'databases.spotahome.com/v1',
    kind: 'RedisFailover',
    metadata: { name: REDIS_FAILOVER, annotations: KEEP },
    spec,
  });
}
