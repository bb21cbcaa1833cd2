import path from 'node:path';
import { listenHost, loadConfig, nodeEnv, port, redisEnv, secret, z } from '@mingshi/config';
import type { TokenVerification } from '@mingshi/auth';
import { queuePrefixSetting } from '@mingshi/events';

const optional = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

/** `https://app.example.org, http://localhost:5173` → the list, each checked to be a bare origin. */
const origins = z
  .string()
  .optional()
  .transform((value) =>
    value
      ?.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .superRefine((list, ctx) => {
    for (const origin of list ?? []) {
      if (!isOrigin(origin)) {
        ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin like https://host[:port]` });
      }
    }
  });

/** Where the gateway listens unless PORT says otherwise; deploy/cdk8s builds its Deployment on it. */
export const GATEWAY_DEFAULT_PORT = 4000;

export function gatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(
    {
      NODE_ENV: nodeEnv,
      LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'),
      HOST: listenHost(env),
      PORT: port(GATEWAY_DEFAULT_PORT),
      GATEWAY_IDENTITY_SECRET: secret(),
      /** Development: callers' tokens are HS256 with this secret. */
      JWT_SECRET: optional,
      /** Production: the identity provider's JWKS endpoint … */
      JWT_JWKS_URL: optional,
      /** … or its PEM public key, with JWT_ALGORITHM (RS256 unless said otherwise). */
      JWT_PUBLIC_KEY: optional,
      JWT_ALGORITHM: z.string().default('RS256'),
      JWT_ISSUER: optional,
      JWT_AUDIENCE: optional,
      SUPERGRAPH_PATH: z.string().default(path.join(__dirname, '..', 'supergraph.graphql')),
      /** Query limits for callers who write their own queries (analysts). */
      MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(12),
      MAX_QUERY_ALIASES: z.coerce.number().int().positive().default(20),
      MAX_QUERY_TOKENS: z.coerce.number().int().positive().default(3000),
      MAX_QUERY_COST: z.coerce.number().int().positive().default(10000),
      /** The whole budget of one request: each subgraph fetch gets what is left of it. */
      GATEWAY_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
      /** Redis, whose notifications wake subscriptions when fund events arrive; without it they poll. */
      REDIS_URL: optional.pipe(z.string().url('must be a URL').optional()),
      ...redisEnv,
      /** The deployment's queue prefix: notification channels are named after it (libs/events). */
      QUEUE_PREFIX: queuePrefixSetting(),
      /** How often a subscription looks for news when no notification wakes it. */
      SUBSCRIPTION_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
      /** How often a watched subscription (Subscription.reportJob) runs its query again. */
      SUBSCRIPTION_WATCH_MS: z.coerce.number().int().min(100).max(10_000).default(1000),
      /** Browser origins allowed to call the gateway, comma-separated. */
      CORS_ORIGINS: origins,
    },
    env,
  );
  return {
    ...config,
    tokenVerification: tokenVerification(config),
    corsOrigins: corsOrigins(config),
  };
}

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

/** Any port on this machine: the dev servers of front ends (Vite, webpack) pick their own. */
const LOCAL_ORIGINS = [/^http:\/\/localhost(:\d+)?$/, /^http:\/\/127\.0\.0\.1(:\d+)?$/];

/**
 * The origins whose pages may call the gateway: those configured; without configuration, local
 * front ends in development and test, and none in production (same-origin pages need no CORS).
 */
function corsOrigins(config: { NODE_ENV: string; CORS_ORIGINS?: string[] }): (string | RegExp)[] {
  if (config.CORS_ORIGINS?.length) return config.CORS_ORIGINS;
  return config.NODE_ENV === 'production' ? [] : LOCAL_ORIGINS;
}

function tokenVerification(config: {
  NODE_ENV: string;
  JWT_SECRET?: string;
  JWT_JWKS_URL?: string;
  JWT_PUBLIC_KEY?: string;
  JWT_ALGORITHM: string;
}): TokenVerification {
  const given = [config.JWT_SECRET, config.JWT_JWKS_URL, config.JWT_PUBLIC_KEY].filter(Boolean).length;
  if (given !== 1) {
    throw new Error(
      'Invalid configuration:\n  set exactly one of JWT_SECRET, JWT_JWKS_URL or JWT_PUBLIC_KEY',
    );
  }
  if (config.JWT_JWKS_URL) return { kind: 'jwks', url: config.JWT_JWKS_URL };
  if (config.JWT_PUBLIC_KEY)
    return { kind: 'publicKey', pem: config.JWT_PUBLIC_KEY, algorithm: config.JWT_ALGORITHM };
  if (config.NODE_ENV === 'production') {
    throw new Error(
      'Invalid configuration:\n  JWT_SECRET is for development; production needs JWT_JWKS_URL or JWT_PUBLIC_KEY',
    );
  }
  if (config.JWT_SECRET!.length < 32) {
    throw new Error('Invalid configuration:\n  JWT_SECRET: must be at least 32 characters');
  }
  return { kind: 'secret', secret: config.JWT_SECRET! };
}

export type GatewayConfig = ReturnType<typeof gatewayConfig>;
