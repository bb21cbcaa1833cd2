import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePorts } from '../../bench/ports';
import { startEmbeddedPostgres, type RunningPostgres } from '../../scripts/lib/embedded-postgres';
import type { OutputSink } from '../../scripts/lib/managed-process';
import { startRedisServer, type RedisServer } from '../../scripts/lib/redis-server';

/**
 * Redis as the queues need it, and as production is told to run it (deploy/README.md): nothing
 * evicted when memory runs short, every write in the append-only file, no snapshots.
 */
const QUEUE_REDIS_ARGS = ['--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', ''];

/**
 * The fault suite's own PostgreSQL (embedded-postgres) and redis-server, on free ports with their
 * files under `dir`: restarting them must never touch the shared servers other tests use. A restart
 * stops the server, leaves it down for a while, and starts it again on the same port and files.
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

  /** A fast shutdown (SIGINT: sessions are ended, nothing committed is lost), then a start. */
  async restartPostgres(downMs: number): Promise<void> {
    await this.postgres.stop();
    await sleep(downMs);
    this.postgres = await startPostgres(this.dir, this.ports.postgres);
  }

  /** A shutdown (SIGTERM: Redis writes its append-only file out), then a start from that file. */
  async restartRedis(downMs: number): Promise<void> {
    await this.redis.stop();
    await sleep(downMs);
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
  return startRedisServer({ port, dir: path.join(dir, 'redis'), args: QUEUE_REDIS_ARGS, output });
}
