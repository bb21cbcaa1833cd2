import { Redis } from 'ioredis';
import type { Logger } from '@mingshi/logger';
import { checkQueueRedis } from './redis-requirements';

/**
 * A Redis connection for BullMQ. Workers block on Redis, so BullMQ requires
 * `maxRetriesPerRequest: null`; the queue prefix keeps deployments (and test runs) apart on one Redis.
 */
export function createRedisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * The Redis connection of a service's process: outages logged as warnings (without a listener
 * ioredis prints them as plain text; /readyz reports them too), and its settings checked once for
 * what queues need (checkQueueRedis), as soon as it answers.
 */
export function connectQueueRedis(url: string, logger: Logger): Redis {
  const redis = createRedisConnection(url);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis unavailable'));
  void checkQueueRedis(redis, logger);
  return redis;
}
