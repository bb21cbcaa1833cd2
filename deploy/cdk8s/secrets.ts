/**
 * The Secrets the manifests read. None is synthesized: secret values never enter git, and a Secret
 * object in a GitOps tree would be applied over the real one (or pruned with it). Each is created
 * out of band — `kubectl create secret`, an external-secrets operator, Vault — before the first
 * rollout; deploy/README.md lists the commands and the test checks every name used here is there.
 */
export interface SecretRef {
  name: string;
  keys: readonly string[];
}

export const SECRETS = {
  /** The gateway's identity-header key; the gateway and every subgraph, nothing else. */
  gatewayIdentity: { name: 'mingshi-gateway-identity', keys: ['GATEWAY_IDENTITY_SECRET'] },
  /** Signs report download links; the reports service only. */
  reportDownload: { name: 'mingshi-report-download', keys: ['REPORT_DOWNLOAD_SECRET'] },
  /** S3_BUCKET, S3_ENDPOINT, S3_REGION and, unless the node's identity gives access, the static keys. */
  reportStore: {
    name: 'mingshi-report-store',
    keys: ['S3_BUCKET', 'S3_ENDPOINT', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'],
  },
  /** In-cluster PostgreSQL: the owner role (migrations), a kubernetes.io/basic-auth Secret CloudNativePG reads too. */
  databaseOwner: { name: 'mingshi-db-owner', keys: ['username', 'password'] },
  /** In-cluster PostgreSQL: the app role every service connects as, basic-auth, read by CloudNativePG too. */
  databaseApp: { name: 'mingshi-db-app', keys: ['username', 'password'] },
  /** In-cluster PostgreSQL: the object store's keys for base backups and the WAL archive. */
  databaseBackups: { name: 'mingshi-db-backups', keys: ['ACCESS_KEY_ID', 'ACCESS_SECRET_KEY'] },
  /** The certificate and key of the public address (`publicUrl`), a kubernetes.io/tls Secret (cert-manager's, or created by hand). */
  gatewayTls: { name: 'mingshi-gateway-tls', keys: ['tls.crt', 'tls.key'] },
  /** In-cluster Redis: its password, under the key the redis-operator reads. */
  redisAuth: { name: 'mingshi-redis-auth', keys: ['password'] },
  /** Managed PostgreSQL: the app role's URLs (primary, and a read replica for report sections). */
  database: { name: 'mingshi-database', keys: ['DATABASE_URL', 'DATABASE_READ_URL'] },
  /** Managed PostgreSQL: the owner role's URL, for the migration Job only. */
  migrate: { name: 'mingshi-migrate', keys: ['MIGRATION_DATABASE_URL'] },
  /** Managed Redis: its URL (one endpoint that always reaches the master). */
  redis: { name: 'mingshi-redis', keys: ['REDIS_URL'] },
} as const satisfies Record<string, SecretRef>;
