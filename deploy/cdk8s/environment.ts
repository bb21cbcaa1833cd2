import { k8s } from 'cdk8s-plus-33';
import {
  PARTS_VARIABLE,
  readsReplicas,
  type ServiceName,
} from '../../libs/subgraph-server/src/process-parts';
import { subgraphUrlVariable } from '../../gateway/src/subgraphs';
import type { ProvinceConfig } from './config';
import { SECRETS } from './secrets';
import { APP_ROLE, DATABASE, OWNER_ROLE, STATE_ENDPOINTS } from './state';
import { subgraphServiceUrl, type Workload } from './topology';

/**
 * What each process reads from its environment (libs/config serviceEnv, each service's config.ts,
 * gateway/src/config.ts, deploy/README.md). Secret values come from Secrets by reference only.
 */
const value = (name: string, text: string): k8s.EnvVar => ({ name, value: text });
const fromSecret = (name: string, secret: { name: string }, key: string, optional = false): k8s.EnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret.name, key, ...(optional ? { optional } : {}) } },
});

/** Every long-running process: production mode, listening on every interface of its pod. */
function processEnv(config: ProvinceConfig, workload: Workload): k8s.EnvVar[] {
  return [
    value('NODE_ENV', 'production'),
    value('LOG_LEVEL', config.logLevel),
    value('HOST', '0.0.0.0'),
    value('PORT', String(workload.port)),
    ...tracingEnv(config),
  ];
}

/** Where traces go; the process names itself (its service and part) in them. */
function tracingEnv(config: ProvinceConfig): k8s.EnvVar[] {
  return config.tracing ? [value('OTEL_EXPORTER_OTLP_ENDPOINT', config.tracing.otlpEndpoint)] : [];
}

interface PostgresUrl {
  variable: string;
  /** The Service of the in-cluster cluster it connects to. */
  endpoint: string;
  /** Where a managed database's URL is kept instead. */
  secret: { name: string };
  /** A managed database may have no replica: then the Secret leaves the key out. */
  optional?: boolean;
}

interface Role {
  name: string;
  secret: { name: string };
  passwordVariable: string;
}

/**
 * PostgreSQL URLs for one role. In the cluster, the role's password (URL-safe, see deploy/README.md)
 * is read from its Secret into a variable of its own and each URL is assembled by Kubernetes's
 * `$(VAR)` expansion, so CloudNativePG and the processes share one Secret per role. A managed
 * database's URLs come whole from a Secret.
 */
function postgresUrls(config: ProvinceConfig, role: Role, urls: PostgresUrl[]): k8s.EnvVar[] {
  if (config.postgres.mode === 'managed') {
    return urls.map((url) => fromSecret(url.variable, url.secret, url.variable, url.optional));
  }
  return [
    fromSecret(role.passwordVariable, role.secret, 'password'),
    ...urls.map((url) =>
      value(
        url.variable,
        `postgresql://${role.name}:$(${role.passwordVariable})@${url.endpoint}/${DATABASE}`,
      ),
    ),
  ];
}

const APP: Role = { name: APP_ROLE, secret: SECRETS.databaseApp, passwordVariable: 'DB_APP_PASSWORD' };
const OWNER: Role = {
  name: OWNER_ROLE,
  secret: SECRETS.databaseOwner,
  passwordVariable: 'DB_OWNER_PASSWORD',
};

function databaseEnv(config: ProvinceConfig, workload: Workload & { service: ServiceName }): k8s.EnvVar[] {
  const primary = {
    variable: 'DATABASE_URL',
    endpoint: STATE_ENDPOINTS.postgresPrimary,
    secret: SECRETS.database,
  };
  // Report sections and analysts' queries read from the replicas, off the primary: given to exactly
  // the parts that read it (REPLICA_READERS), so no other process opens a pool there.
  const replicas = {
    variable: 'DATABASE_READ_URL',
    endpoint: STATE_ENDPOINTS.postgresReplicas,
    secret: SECRETS.database,
    optional: true,
  };
  const urls = readsReplicas(workload.service, workload.part) ? [primary, replicas] : [primary];
  return postgresUrls(config, APP, urls);
}

function redisEnv(config: ProvinceConfig): k8s.EnvVar[] {
  if (config.redis.mode === 'managed') {
    const url = fromSecret('REDIS_URL', SECRETS.redis, 'REDIS_URL');
    return config.redis.cluster ? [url, value('REDIS_CLUSTER', 'true')] : [url];
  }
  return [
    fromSecret('REDIS_PASSWORD', SECRETS.redisAuth, 'password'),
    value('REDIS_URL', `redis://:$(REDIS_PASSWORD)@${STATE_ENDPOINTS.redisMaster}`),
  ];
}

const identityEnv = () =>
  fromSecret('GATEWAY_IDENTITY_SECRET', SECRETS.gatewayIdentity, 'GATEWAY_IDENTITY_SECRET');

/** A part of a service: everything its service's config.ts reads, whichever part it runs. */
function serviceEnv(config: ProvinceConfig, workload: Workload & { service: ServiceName }): k8s.EnvVar[] {
  const settings = Object.entries(config.settings[workload.service]).map(([name, text]) => value(name, text));
  const reports =
    workload.service === 'reports'
      ? [
          fromSecret('REPORT_DOWNLOAD_SECRET', SECRETS.reportDownload, 'REPORT_DOWNLOAD_SECRET'),
          value('REPORT_DOWNLOAD_BASE_URL', config.publicUrl),
        ]
      : [];
  return [
    ...processEnv(config, workload),
    value(PARTS_VARIABLE, workload.part),
    ...databaseEnv(config, workload),
    ...redisEnv(config),
    identityEnv(),
    // Pods share no disk: report sections and files go to the bucket (S3_* from its Secret).
    value('REPORT_STORE', 's3'),
    ...workload.calls.map((callee) => value(subgraphUrlVariable(callee), subgraphServiceUrl(callee))),
    ...settings,
    ...reports,
  ];
}

function gatewayEnv(config: ProvinceConfig, workload: Workload): k8s.EnvVar[] {
  const { identityProvider } = config;
  return [
    ...processEnv(config, workload),
    identityEnv(),
    // The subgraphs' URLs are baked into the image's supergraph; only the callers' tokens are checked here.
    value('JWT_JWKS_URL', identityProvider.jwksUrl),
    value('JWT_ISSUER', identityProvider.issuer),
    value('JWT_AUDIENCE', identityProvider.audience),
    // Wakes fund-event subscriptions when events are sequenced.
    ...redisEnv(config),
    ...(config.corsOrigins.length > 0 ? [value('CORS_ORIGINS', config.corsOrigins.join(','))] : []),
  ];
}

export function workloadEnv(config: ProvinceConfig, workload: Workload): k8s.EnvVar[] {
  return workload.service === 'gateway'
    ? gatewayEnv(config, workload)
    : serviceEnv(config, workload as Workload & { service: ServiceName });
}

/** The Secrets a workload reads whole: the report store's S3_* for every service's processes. */
export function workloadEnvFrom(workload: Workload): k8s.EnvFromSource[] {
  return workload.service === 'gateway' ? [] : [{ secretRef: { name: SECRETS.reportStore.name } }];
}

/** The migration Job: the owner role, and nothing else. */
export function migrateEnv(config: ProvinceConfig): k8s.EnvVar[] {
  return [
    value('NODE_ENV', 'production'),
    value('LOG_LEVEL', config.logLevel),
    ...postgresUrls(config, OWNER, [
      {
        variable: 'MIGRATION_DATABASE_URL',
        endpoint: STATE_ENDPOINTS.postgresPrimary,
        secret: SECRETS.migrate,
      },
    ]),
  ];
}
