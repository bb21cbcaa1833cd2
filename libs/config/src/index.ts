import { z } from 'zod';
import { DEV_DEFAULTS } from './dev-defaults';

export { z };

/** Thrown when the environment does not satisfy a service's configuration schema. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates configuration from the environment. Every problem is reported at once,
 * each naming its variable, so an operator fixes a bad deployment in one pass.
 */
export function loadConfig<T extends z.ZodRawShape>(
  shape: T,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<T>> {
  const result = z.object(shape).safeParse(env);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  if (env.NODE_ENV === 'production') {
    for (const [name, value] of Object.entries(DEV_DEFAULTS)) {
      if (name in shape && env[name] === value) problems.push(`${name}: is the public development default`);
    }
  }
  if (!result.success || problems.length) throw new ConfigError(problems);
  return result.data;
}

/** A TCP port, given as a string in the environment. */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** A URL that must be present and parse. */
export const url = (protocols: string[]) =>
  z
    .string({ required_error: 'is required' })
    .url('must be a URL')
    .refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

/**
 * A secret shared between processes; short ones are refused because they can be brute-forced.
 * The published development defaults are refused in production (checked by `loadConfig`).
 */
export const secret = () =>
  z.string({ required_error: 'is required' }).min(32, 'must be at least 32 characters');

export const nodeEnv = z.enum(['development', 'test', 'production']).default('development');

/**
 * The address a server listens on (HOST). Development and test systems answer on loopback only:
 * their JWT secret is public, so anyone on the network could mint tokens for them. Production
 * listens on every interface, as containers must for their orchestrator to reach them.
 */
export const listenHost = (env: NodeJS.ProcessEnv) =>
  z
    .string()
    .min(1, 'must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0')
    .default(env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1');

/** A setting that is `true` or `false`, `fallback` when unset. */
export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true');

/** The Redis the queues live on, read the same way by every process that uses one. */
export const redisEnv = {
  /**
   * `true`: REDIS_URL names one node of a Redis Cluster (a configuration endpoint will do), and
   * the processes speak the cluster protocol to it. Unset: one Redis, or a proxy in front of many.
   */
  REDIS_CLUSTER: flag(false),
};

/** Settings every subgraph service reads the same way. */
export const serviceEnv = {
  NODE_ENV: nodeEnv,
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DATABASE_URL: url(['postgres', 'postgresql']),
  /**
   * The app role on the read replicas' read-only endpoint. Set, analysts' queries and report
   * sections read there, a moment behind the primary (libs/subgraph-server read-routing.ts);
   * unset or empty, everything reads and writes through DATABASE_URL.
   */
  DATABASE_READ_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    url(['postgres', 'postgresql']).optional(),
  ),
  REDIS_URL: url(['redis', 'rediss']),
  ...redisEnv,
  GATEWAY_IDENTITY_SECRET: secret(),
  /** How long one request may keep a subgraph's database busy before it answers TIMEOUT. */
  REQUEST_BUDGET_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
};
export * from './dev-defaults';
