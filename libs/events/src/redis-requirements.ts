import type { Cluster, Redis } from 'ioredis';
import type { QueueRedis } from './redis-connection';
import type { Logger } from '@mingshi/logger';

/**
 * What a Redis holding queues must be set to, as redis-server arguments (`npm start` and the
 * tests start theirs with them; docker-compose.yml's Redis has the same):
 * - `maxmemory-policy noeviction`: under any other policy a full Redis deletes keys to make room,
 *   and an evicted job key is a job lost without a trace. With noeviction writes fail instead,
 *   loudly, and nothing already queued goes.
 * - `appendonly yes` (AOF): without it a restart loses every job since the last snapshot.
 */
export const QUEUE_REDIS_ARGS = ['--appendonly', 'yes', '--maxmemory-policy', 'noeviction'] as const;

const FIX =
  'start redis-server with --appendonly yes --maxmemory-policy noeviction, or set appendonly yes and ' +
  "maxmemory-policy noeviction in the managed service's parameters (deploy/README.md, Redis)";

/**
 * What is wrong, for queues, with the Redis whose `INFO memory` and `INFO persistence` text is
 * `info`; empty when nothing is. INFO rather than CONFIG GET: managed services often disable CONFIG.
 */
export function queueRedisProblems(info: string): string[] {
  const fields = new Map(
    info
      .split(/\r?\n/)
      .filter((line) => line.includes(':') && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const problems: string[] = [];
  const policy = fields.get('maxmemory_policy');
  if (policy !== 'noeviction') {
    problems.push(
      policy === undefined
        ? 'maxmemory-policy is not reported (INFO memory has no maxmemory_policy)'
        : `maxmemory-policy is ${policy}, not noeviction: a full Redis evicts keys, and an evicted job is lost`,
    );
  }
  const aof = fields.get('aof_enabled');
  if (aof !== '1') {
    problems.push(
      aof === undefined
        ? 'AOF is not reported (INFO persistence has no aof_enabled)'
        : 'AOF is off (appendonly no): a restart loses the jobs queued since the last snapshot',
    );
  }
  return problems;
}

/**
 * Checks, once, that `redis` is set up to hold queues, and says so with logger.error when it is
 * not, naming the fix. It warns rather than refuses: a development Redis may be set up otherwise
 * on purpose, and a service that will not start is worse than one that says what is at risk.
 * In a cluster every primary is checked, each problem naming its node. Answers the problems found.
 */
export async function checkQueueRedis(redis: QueueRedis, logger: Logger): Promise<string[]> {
  const problems: string[] = [];
  try {
    for (const node of await primaries(redis)) {
      const [memory, persistence] = await Promise.all([node.info('memory'), node.info('persistence')]);
      const found = queueRedisProblems(`${memory}\n${persistence}`);
      problems.push(...(isCluster(redis) ? found.map((problem) => `${nodeName(node)}: ${problem}`) : found));
    }
  } catch (error) {
    logger.warn(
      { err: (error as Error).message },
      'could not read the settings of Redis (INFO): check by hand that maxmemory-policy is noeviction and AOF is on',
    );
    return [];
  }
  if (problems.length > 0) {
    logger.error(
      { problems, fix: FIX },
      `Redis is not set up for queues, jobs can be lost: ${problems.join('; ')}`,
    );
  }
  return problems;
}

function isCluster(redis: QueueRedis): redis is Cluster {
  return redis.isCluster;
}

/**
 * The Redis servers that hold queues: the one, or every primary of a cluster — each may come to
 * hold the deployment's slot after a failover or a resharding. A cluster's primaries are known once
 * it has answered.
 */
async function primaries(redis: QueueRedis): Promise<Redis[]> {
  if (!isCluster(redis)) return [redis];
  await redis.ping();
  return redis.nodes('master');
}

function nodeName(node: Redis): string {
  return `${node.options.host}:${node.options.port}`;
}
