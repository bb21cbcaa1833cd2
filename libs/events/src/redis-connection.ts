import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '@mingshi/logger';
import { checkQueueRedis } from './redis-requirements';

/**
 * A connection to where the queues live: one Redis (a managed service's primary endpoint, or a
 * proxy in front of a cluster), or a Redis Cluster spoken to directly. BullMQ takes either.
 */
export type QueueRedis = Redis | Cluster;

export interface RedisTopology {
  /**
   * `REDIS_URL` names one node of a Redis Cluster (or its configuration endpoint), and the client
   * finds the others and follows the slots as they move. Every key of a deployment hashes to one
   * slot (the `{…}` of its queue prefix), so its queues live on one shard of the cluster.
   */
  cluster?: boolean;
}

/** What the client of `url` needs beyond host and port: credentials, and TLS for `rediss://`. */
function nodeOptions(url: string): { host: string; port: number; redisOptions: RedisOptions } {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    redisOptions: {
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
}

/**
 * A client of `url` with `options`, for a single Redis or, with `topology.cluster`, a cluster: the
 * same options then apply to the connection to every node. A cluster's nodes answer with their
 * own addresses, which the client connects to as they are (behind NAT, a proxy is the way).
 */
export function redisClient(url: string, options: RedisOptions, topology: RedisTopology = {}): QueueRedis {
  if (!topology.cluster) return new Redis(url, options);
  const { host, port, redisOptions } = nodeOptions(url);
  const { enableOfflineQueue, lazyConnect, enableReadyCheck, ...perNode } = options;
  return new Cluster([{ host, port }], {
    redisOptions: { ...perNode, ...redisOptions },
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    ...(enableReadyCheck === undefined ? {} : { enableReadyCheck }),
  });
}

/**
 * A Redis connection for BullMQ. Workers block on Redis, so BullMQ requires
 * `maxRetriesPerRequest: null`; the queue prefix keeps deployments (and test runs) apart on one Redis.
 */
export function createRedisConnection(url: string): Redis;
export function createRedisConnection(url: string, topology: RedisTopology): QueueRedis;
export function createRedisConnection(url: string, topology: RedisTopology = {}): QueueRedis {
  return redisClient(url, { maxRetriesPerRequest: null, enableReadyCheck: true }, topology);
}

/**
 * The Redis connection of a service's process: outages logged as warnings (without a listener
 * ioredis prints them as plain text; /readyz reports them too), and its settings checked once for
 * what queues need (checkRedis), as soon as it answers.
 */
export function connectQueueRedis(url: string, logger: Logger, topology: RedisTopology = {}): QueueRedis {
  const redis = createRedisConnection(url, topology);
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis unavailable'));
  void checkQueueRedis(redis, logger);
  return redis;
}
