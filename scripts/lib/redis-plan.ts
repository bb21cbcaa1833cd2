/** What `npm start` knows about this machine when it looks for Redis. */
export interface RedisFacts {
  /** REDIS_URL, if set. */
  redisUrl: string | undefined;
  /** Whether a Redis answers PING on 127.0.0.1:6379. */
  localAnswers: boolean;
  serverOnPath: boolean;
  isRoot: boolean;
  aptGetOnPath: boolean;
  platform: NodeJS.Platform;
}

/** Debian's package: the server, which its post-install script also starts where it can. */
export const REDIS_PACKAGE = 'redis-server';

export type RedisPlan =
  | { kind: 'use-url'; url: string }
  | { kind: 'use-local' }
  | { kind: 'spawn' }
  /** Install Debian's package, then look again. */
  | { kind: 'install' }
  | { kind: 'unavailable'; message: string };

/**
 * How to get a Redis, in order of preference: the one configured, one already running, one from
 * the PATH, Debian's package installed here (only as root with apt-get: a fresh Debian machine or
 * container), or a message naming the one command that would provide it.
 */
export function planRedis(facts: RedisFacts): RedisPlan {
  if (facts.redisUrl) return { kind: 'use-url', url: facts.redisUrl };
  if (facts.localAnswers) return { kind: 'use-local' };
  if (facts.serverOnPath) return { kind: 'spawn' };
  if (facts.isRoot && facts.aptGetOnPath) return { kind: 'install' };
  return {
    kind: 'unavailable',
    message:
      'Nothing answers on 127.0.0.1:6379 and redis-server is not on the PATH. ' +
      `${installAdvice(facts)}, or set REDIS_URL to a Redis elsewhere.`,
  };
}

function installAdvice(facts: RedisFacts): string {
  if (facts.aptGetOnPath) return `Run \`sudo apt-get install -y ${REDIS_PACKAGE}\``;
  if (facts.platform === 'darwin') return 'Run `brew install redis`';
  return 'Install Redis (its redis-server) with the package manager of this system';
}
