import type { Redis } from 'ioredis';
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
 * Answers the problems found.
 */
export async function checkQueueRedis(redis: Redis, logger: Logger): Promise<string[]> {
  let problems: string[];
  try {
    const [memory, persistence] = await Promise.all([redis.info('memory'), redis.info('persistence')]);
    problems = queueRedisProblems(`${memory}\n${persistence}`);
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
