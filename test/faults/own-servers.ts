import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { QUEUE_REDIS_ARGS } from '@mingshi/events';
import { freePorts } from '../../bench/ports';
import { childrenOf } from '../../bench/process-cpu';
import { startEmbeddedPostgres, type RunningPostgres } from '../../scripts/lib/embedded-postgres';
import type { OutputSink } from '../../scripts/lib/managed-process';
import { startRedisServer, type OwnRedisServer } from '../../scripts/lib/redis-server';

/**
 * The fault suite's own PostgreSQL (embedded-postgres) and redis-server, on free ports with their
 * files under `dir`: restarting them must never touch the shared servers other tests use. Each is
 * stopped and started again on the same port and files, as a restart or a failover does.
 */
export class OwnServers {
  private constructor(
    private readonly dir: string,
    private readonly ports: { postgres: number; redis: number },
    private readonly output: OutputSink,
    private postgres: RunningPostgres,
    private redis: OwnRedisServer,
  ) {}

  static async start(dir: string, output: OutputSink): Promise<OwnServers> {
    const ports = (await freePorts(['postgres', 'redis'])) as { postgres: number; redis: number };
    // Run as root, PostgreSQL runs as the postgres user, which must be able to enter `dir` (a
    // mkdtemp directory is 0700).
    chmodSync(dir, 0o711);
    mkdirSync(path.join(dir, 'redis'), { recursive: true });
    const [postgres, redis] = await Promise.all([
      startPostgres(dir, ports.postgres),
      startRedis(dir, ports.redis, output),
    ]);
    return new OwnServers(dir, ports, output, postgres, redis);
  }

  /** The superuser of the cluster, for bootstrapping and for counting what was really stored. */
  get postgresAdminUrl(): string {
    return this.postgres.adminUrl;
  }

  get redisUrl(): string {
    return this.redis.url;
  }

  /** A fast shutdown (SIGINT): sessions are ended, nothing committed is lost. */
  stopPostgres(): Promise<void> {
    return this.postgres.stop();
  }

  /** Starts PostgreSQL again on its port and data directory. */
  async startPostgres(): Promise<void> {
    this.postgres = await startPostgres(this.dir, this.ports.postgres);
  }

  /** A shutdown (SIGTERM): Redis writes its append-only file out. */
  stopRedis(): Promise<void> {
    return this.redis.stop();
  }

  /**
   * kill -9 of redis-server, as an OOM kill or a crash: what it had acknowledged is in its
   * append-only file already (written before each reply; only a machine's crash loses the last
   * second, which `appendfsync everysec` has not flushed to disk yet).
   */
  crashRedis(): Promise<void> {
    return this.redis.crash();
  }

  /**
   * kill -9 of the postmaster and every backend, as the machine or the container dying: the next
   * start replays the write-ahead log, and what was committed is there.
   */
  async crashPostgres(): Promise<void> {
    const pidFile = path.join(this.dir, 'postgres', 'postmaster.pid');
    const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    const doomed = [postmaster, ...childrenOf(postmaster)];
    for (const pid of doomed) signal(pid, 'SIGKILL');
    while (doomed.some(alive)) await sleep(20);
  }

  /** Starts Redis again on its port, from its append-only file. */
  async startRedis(): Promise<void> {
    this.redis = await startRedis(this.dir, this.ports.redis, this.output);
  }

  async stop(): Promise<void> {
    await Promise.all([this.redis.stop(), this.postgres.stop()]);
  }
}

function startPostgres(dir: string, port: number): Promise<RunningPostgres> {
  return startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port });
}

function startRedis(dir: string, port: number, output: OutputSink): Promise<OwnRedisServer> {
  // As queues need it (QUEUE_REDIS_ARGS: no eviction, every write in the append-only file), without snapshots.
  return startRedisServer({
    port,
    dir: path.join(dir, 'redis'),
    args: ['--save', '', ...QUEUE_REDIS_ARGS],
    output,
  });
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
