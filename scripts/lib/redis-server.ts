import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { ManagedProcess } from './managed-process';
import { waitFor } from './readiness';

export interface RedisServer {
  url: string;
  /** Stops the Redis this process spawned; does nothing for one it found running. */
  stop: () => Promise<void>;
}

const LOCAL_URL = 'redis://127.0.0.1:6379';

/** Redis is missing and cannot be started: the message says how to get it. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/**
 * Redis for a development system: REDIS_URL when set, else whatever answers on 127.0.0.1:6379,
 * else a `redis-server` from the PATH, without persistence (`--save ""`): the queues of a
 * development system need not outlive it.
 */
export async function ensureRedis(env: NodeJS.ProcessEnv = process.env): Promise<RedisServer> {
  if (env.REDIS_URL) return { url: env.REDIS_URL, stop: async () => {} };
  if (await answersPing(LOCAL_URL)) return { url: LOCAL_URL, stop: async () => {} };
  if (!onPath('redis-server', env)) {
    throw new RedisUnavailableError(
      'Nothing answers on 127.0.0.1:6379 and redis-server is not on the PATH. Install it ' +
        '(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.',
    );
  }
  const server = new ManagedProcess({
    name: 'redis',
    command: 'redis-server',
    args: ['--port', '6379', '--bind', '127.0.0.1', '--save', '', '--loglevel', 'warning'],
    env,
  });
  try {
    await waitFor('redis-server', async () => (await answersPing(LOCAL_URL)) || 'no PONG', {
      timeoutMs: 10_000,
      process: server,
    });
  } catch (error) {
    await server.stop();
    throw new RedisUnavailableError((error as Error).message);
  }
  return { url: LOCAL_URL, stop: () => server.stop() };
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
