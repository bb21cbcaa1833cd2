import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

/** A Redis Cluster of a test's own, its primaries on 127.0.0.1. */
export interface TestRedisCluster {
  /** One node's URL, as REDIS_URL names it with REDIS_CLUSTER=true. */
  url: string;
  /** Every primary's URL. */
  nodes: string[];
  /** The URL of the primary that holds `key`'s slot. */
  ownerOf(key: string): Promise<string>;
  stop(): Promise<void>;
}

export interface RedisClusterOptions {
  primaries?: number;
  /** More `redis-server` options for the node of `index` (0 is the one `url` names). */
  args?: (index: number) => readonly string[];
}

/** A node talks to the others on its port + 10000, its cluster bus. */
const BUS_OFFSET = 10_000;

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `count` ports free now whose bus ports are free too, outside the range the kernel hands out. */
async function clusterPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = 20_000 + Math.floor(Math.random() * 9_000);
    if (ports.includes(port)) continue;
    if ((await bindable(port)) && (await bindable(port + BUS_OFFSET))) ports.push(port);
  }
  return ports;
}

async function answers(url: string, timeoutMs: number, check: (client: Redis) => Promise<boolean>) {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: null });
  client.on('error', () => undefined);
  try {
    const deadline = Date.now() + timeoutMs;
    while (!(await check(client))) {
      if (Date.now() > deadline) throw new Error(`redis at ${url} did not become ready in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    client.disconnect();
  }
}

/**
 * Starts `primaries` (3) redis-servers in cluster mode, each with its files in a temporary
 * directory, and makes them one cluster with `redis-cli --cluster create`, its slots spread over
 * them; resolves once every node reports the cluster ok. For the tests of what the services do
 * against a cluster spoken to directly (REDIS_CLUSTER), not only against one Redis.
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<TestRedisCluster> {
  const ports = await clusterPorts(options.primaries ?? 3);
  const dir = mkdtempSync(path.join(tmpdir(), 'mingshi-redis-cluster-'));
  const servers: ChildProcess[] = [];
  const nodes = ports.map((port) => `redis://127.0.0.1:${port}`);
  const stop = async () => {
    for (const server of servers) server.kill('SIGTERM');
    await Promise.all(servers.map((server) => (server.exitCode === null ? once(server, 'exit') : null)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const [index, port] of ports.entries()) {
      const nodeDir = path.join(dir, String(port));
      mkdirSync(nodeDir);
      servers.push(
        spawn(
          'redis-server',
          [
            ...['--port', String(port), '--bind', '127.0.0.1', '--dir', nodeDir, '--save', ''],
            ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'],
            ...['--cluster-node-timeout', '5000', ...(options.args?.(index) ?? [])],
          ],
          { stdio: 'ignore' },
        ),
      );
    }
    for (const url of nodes) await answers(url, 10_000, async (client) => (await client.ping()) === 'PONG');
    await promisify(execFile)('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      ...['--cluster-replicas', '0', '--cluster-yes'],
    ]);
    for (const url of nodes) {
      await answers(url, 20_000, async (client) =>
        String(await client.call('CLUSTER', 'INFO')).includes('cluster_state:ok'),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const ownerOf = async (key: string) => {
    const client = new Redis(nodes[0]!);
    try {
      const slot = Number(await client.call('CLUSTER', 'KEYSLOT', key));
      const ranges = (await client.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
      const [, , [host, port]] = ranges.find(([from, to]) => slot >= from && slot <= to)!;
      return `redis://${host}:${port}`;
    } finally {
      client.disconnect();
    }
  };
  return { url: nodes[0]!, nodes, ownerOf, stop };
}
