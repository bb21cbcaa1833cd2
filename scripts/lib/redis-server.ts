import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { QUEUE_REDIS_ARGS } from '@mingshi/events';
import { aptGetInstall } from './apt-get';
import { ManagedProcess, type OutputSink } from './managed-process';
import { waitFor } from './readiness';
import { REDIS_PACKAGE, planRedis, type RedisFacts } from './redis-plan';

export interface RedisServer {
  url: string;
  /** Stops the Redis this process spawned; does nothing for one it found running. */
  stop: () => Promise<void>;
}

/** A redis-server of the caller's own, which can also be made to crash. */
export interface OwnRedisServer extends RedisServer {
  /** kill -9: no shutdown, nothing written out beyond what it had written when it died. */
  crash: () => Promise<void>;
}

const LOCAL_URL = 'redis://127.0.0.1:6379';

/** Redis is missing and cannot be started: the message says how to get it. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/**
 * Redis for a development system (see planRedis): REDIS_URL when set, else whatever answers on
 * 127.0.0.1:6379, else a `redis-server` from the PATH — on a fresh Debian machine, as root, first
 * installed with apt-get. One it starts is set up as queues need (QUEUE_REDIS_ARGS: no eviction,
 * AOF in `dataDir`, no snapshots), so the services find nothing to warn about and the queues
 * outlive a restart, as they would in production.
 */
export async function ensureRedis(
  env: NodeJS.ProcessEnv,
  options: { dataDir: string },
): Promise<RedisServer> {
  let plan = planRedis(await redisFacts(env));
  if (plan.kind === 'install') {
    console.log(
      `Redis: none running and redis-server is not installed; installing Debian's ${REDIS_PACKAGE} ` +
        `(apt-get update && apt-get install -y ${REDIS_PACKAGE})`,
    );
    await aptGetInstall([REDIS_PACKAGE], env).catch((error: unknown) => {
      throw new RedisUnavailableError(`Could not install ${REDIS_PACKAGE}: ${(error as Error).message}`);
    });
    // Its post-install script starts the server where the system lets it; else it is on the PATH.
    plan = planRedis(await redisFacts(env));
    if (plan.kind === 'install') {
      throw new RedisUnavailableError(`${REDIS_PACKAGE} was installed, yet redis-server is not on the PATH`);
    }
  }
  switch (plan.kind) {
    case 'use-url':
      return { url: plan.url, stop: async () => {} };
    case 'use-local':
      return { url: LOCAL_URL, stop: async () => {} };
    case 'unavailable':
      throw new RedisUnavailableError(plan.message);
    case 'spawn':
      return spawnRedis(env, options.dataDir);
  }
}

async function redisFacts(env: NodeJS.ProcessEnv): Promise<RedisFacts> {
  return {
    redisUrl: env.REDIS_URL,
    localAnswers: !env.REDIS_URL && (await answersPing(LOCAL_URL)),
    serverOnPath: onPath('redis-server', env),
    isRoot: process.getuid?.() === 0,
    aptGetOnPath: onPath('apt-get', env),
    platform: process.platform,
  };
}

async function spawnRedis(env: NodeJS.ProcessEnv, dataDir: string): Promise<RedisServer> {
  mkdirSync(dataDir, { recursive: true });
  return startRedisServer({ port: 6379, dir: dataDir, args: ['--save', '', ...QUEUE_REDIS_ARGS], env });
}

async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // Without a listener, a refused connection is also reported as an unhandled 'error' event.
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export interface OwnRedisOptions {
  port: number;
  /** Its working directory: the append-only file and any snapshot go there. */
  dir: string;
  /** More `redis-server` options, e.g. `--appendonly yes`. */
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  output?: OutputSink;
}

/**
 * A redis-server of the caller's own on 127.0.0.1:`port`, with its files in `dir`, resolved once it
 * answers PING. Stopping it and starting another with the same port and directory is a restart:
 * with `--appendonly yes` the queues come back as they were.
 */
export async function startRedisServer(options: OwnRedisOptions): Promise<OwnRedisServer> {
  const url = `redis://127.0.0.1:${options.port}`;
  const server = new ManagedProcess({
    name: 'redis',
    command: 'redis-server',
    args: [
      ...['--port', String(options.port), '--bind', '127.0.0.1', '--dir', options.dir],
      ...['--loglevel', 'warning', ...(options.args ?? [])],
    ],
    env: options.env ?? process.env,
    output: options.output,
  });
  try {
    await waitFor('redis-server', async () => (await answersPing(url)) || 'no PONG', {
      timeoutMs: 10_000,
      process: server,
    });
  } catch (error) {
    await server.stop();
    throw new RedisUnavailableError((error as Error).message);
  }
  return { url, stop: () => server.stop(), crash: async () => void (await server.kill('SIGKILL')) };
}
