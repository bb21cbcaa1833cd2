import { Redis } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers block on Redis, so BullMQ requires
 * `maxRetriesPerRequest: null`; the queue prefix keeps deployments (and test runs) apart on one Redis.
 */
export function createRedisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** The key prefix for every queue; tests pass a unique one so runs never share jobs. */
export const DEFAULT_QUEUE_PREFIX = 'mingshi';
