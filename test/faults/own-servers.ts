import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { QUEUE_REDIS_ARGS } from '@mingshi/events';
import { freePorts } from '../../bench/ports';
import { startEmbeddedPostgres, type RunningPostgres } from '../../scripts/lib/embedded-postgres';
import type { OutputSink } from '../../scripts/lib/managed-process';
import { startRedisServer, type RedisServer } from '../../scripts/lib/redis-server';

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
    private redis: RedisServer,
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

function startRedis(dir: string, port: number, output: OutputSink): Promise<RedisServer> {
  // As queues need it (QUEUE_REDIS_ARGS: no eviction, every write in the append-only file), without snapshots.
  return startRedisServer({
    port,
    dir: path.join(dir, 'redis'),
    args: ['--save', '', ...QUEUE_REDIS_ARGS],
    output,
  });
}
