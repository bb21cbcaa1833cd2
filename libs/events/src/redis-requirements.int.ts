import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { startRedisCluster } from '@mingshi/testing';
import { connectQueueRedis, createRedisConnection } from './redis-connection';
import { QUEUE_REDIS_ARGS, checkQueueRedis } from './redis-requirements';

/** A logger whose lines land in `lines`, parsed. */
function capturingLogger(lines: { level: number; msg: string; fix?: string; problems?: string[] }[]) {
  return pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
}

/** A redis-server of this test's own, on a socket in a temporary directory (no port to collide on). */
async function startRedis(args: readonly string[]): Promise<{ socket: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mingshi-redis-'));
  const socket = path.join(dir, 'redis.sock');
  const server: ChildProcess = spawn(
    'redis-server',
    ['--port', '0', '--unixsocket', socket, '--dir', dir, '--save', '', ...args],
    { stdio: 'ignore' },
  );
  const client = new Redis(socket, {
    lazyConnect: true,
    retryStrategy: () => 50,
    maxRetriesPerRequest: null,
  });
  client.on('error', () => undefined);
  await client.ping();
  client.disconnect();
  return {
    socket,
    stop: async () => {
      server.kill('SIGTERM');
      if (server.exitCode === null) await once(server, 'exit');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('the start-up check of Redis for queues', () => {
  it('logs one error naming the fix when Redis evicts keys and keeps no AOF', async () => {
    const redis = await startRedis(['--appendonly', 'no', '--maxmemory-policy', 'allkeys-lru']);
    const lines: { level: number; msg: string; fix?: string; problems?: string[] }[] = [];
    const connection = connectQueueRedis(redis.socket, capturingLogger(lines));
    try {
      for (let i = 0; i < 50 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      await connection.ping();
      expect(lines).toHaveLength(1);
      const [line] = lines;
      expect(line!.level).toBe(pino.levels.values.error);
      expect(line!.msg).toMatch(/maxmemory-policy is allkeys-lru.*AOF is off/);
      expect(line!.problems).toHaveLength(2);
      expect(line!.fix).toMatch(/--appendonly yes --maxmemory-policy noeviction/);
    } finally {
      await connection.quit();
      await redis.stop();
    }
  });

  it('says nothing of a Redis started as npm start and CI start theirs', async () => {
    const redis = await startRedis(QUEUE_REDIS_ARGS);
    const lines: { level: number; msg: string }[] = [];
    const connection = new Redis(redis.socket);
    try {
      expect(await checkQueueRedis(connection, capturingLogger(lines))).toEqual([]);
      expect(lines).toEqual([]);
    } finally {
      await connection.quit();
      await redis.stop();
    }
  });
});

describe('the start-up check of a Redis Cluster for queues', () => {
  it('checks every primary and names the one set up otherwise', async () => {
    const cluster = await startRedisCluster({
      args: (index) =>
        index === 2 ? ['--appendonly', 'yes', '--maxmemory-policy', 'allkeys-lru'] : QUEUE_REDIS_ARGS,
    });
    const lines: { level: number; msg: string; problems?: string[] }[] = [];
    const connection = createRedisConnection(cluster.url, { cluster: true });
    try {
      const problems = await checkQueueRedis(connection, capturingLogger(lines));
      const wrong = new URL(cluster.nodes[2]!).host;
      expect(problems).toEqual([
        expect.stringMatching(new RegExp(`^${wrong}: maxmemory-policy is allkeys-lru`)),
      ]);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.level).toBe(pino.levels.values.error);
    } finally {
      await connection.quit();
      await cluster.stop();
    }
  }, 60_000);
});
