import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { bootstrapDatabase } from '@mingshi/db';
import { DEFAULT_QUEUE_PREFIX, type QueueName } from '@mingshi/events';
import type { GraphQLResponse } from '@mingshi/testing';
import { freePorts } from '../../bench/ports';
import { composeSupergraph } from '../../gateway/src/compose';
import { subgraphUrlVariable } from '../../gateway/src/subgraphs';
import type { OutputSink } from '../../scripts/lib/managed-process';
import { SupervisedProcess } from '../../scripts/lib/supervised-process';
import { migrateAll } from '../../scripts/service-databases';
import { mintTestToken, type GraphCaller, type TokenRequest } from '../harness/system';
import { OwnServers } from './own-servers';
import { processLayout, servesGraph, type ProcessSpec } from './process-layout';
import { timedGraphQL, type TimedAnswer } from './timed-request';

/** How long a caller of the suite waits for any answer before calling it a hang. */
export const CLIENT_DEADLINE_MS = 12_000;
/** The gateway's budget per request (GATEWAY_TIMEOUT_MS): a slow plan answers 504 well before the client gives up. */
const GATEWAY_BUDGET_MS = 6_000;
const READYZ_TIMEOUT_MS = 1_000;
/** How long a report worker's hold on a job lasts in the suite, so a killed one's job moves on soon. */
export const REPORT_WORKER_LOCK_MS = 5_000;

export interface RunningProcess {
  spec: ProcessSpec;
  port: number;
  process: SupervisedProcess;
  /** Each time it ended without being stopped: when, and how. */
  exits: { at: number; description: string }[];
}

export interface FaultSystemOptions {
  /** Where the servers' files, the report store and the supergraph go; removed by the caller. */
  dir: string;
  /** Each service as its graph plus one process per worker part (process-layout.ts). */
  split: boolean;
  /** Where every process's output goes. */
  output: OutputSink;
  /** NODE_ENV=development: internal errors answer with their own messages, to find their cause. */
  development?: boolean;
}

/**
 * The whole system as real processes under a supervisor, over PostgreSQL and Redis of its own:
 * every subgraph (or each of its parts) and the gateway, each restarted at once with the same
 * command when it ends, as a kubelet would. The suite's callers reach it through the gateway only;
 * its own superuser pool reads back what was stored.
 */
export class FaultSystem implements GraphCaller {
  private constructor(
    readonly servers: OwnServers,
    readonly processes: RunningProcess[],
    readonly gatewayUrl: string,
    /** Superuser in the system's database: row-level security does not hide what was stored. */
    readonly db: Pool,
    /** The local report store every service shares. */
    readonly reportStoreDir: string,
    private readonly jwtSecret: string,
    /** The suite's own look at the queues; it reconnects after Redis restarts, as the services must. */
    private readonly queues: Redis,
  ) {}

  static async start(options: FaultSystemOptions): Promise<FaultSystem> {
    const servers = await OwnServers.start(options.dir, options.output);
    const secret = () => randomBytes(24).toString('hex');
    const secrets = { jwt: secret(), identity: secret(), downloads: secret() };
    const { ownerUrl, appUrl } = await bootstrapDatabase(servers.postgresAdminUrl, 'mingshi', {
      ownerPassword: secret(),
      appPassword: secret(),
    });
    await migrateAll(ownerUrl);

    const layout = processLayout(options.split);
    const ports = await freePorts(layout.map((spec) => spec.name));
    const subgraphUrls = Object.fromEntries(
      layout
        .filter(servesGraph)
        .map((spec) => [subgraphUrlVariable(spec.service!), `http://127.0.0.1:${ports[spec.name]}/graphql`]),
    );
    const supergraphPath = path.join(options.dir, 'supergraph.graphql');
    writeFileSync(supergraphPath, composeSupergraph(subgraphUrls));
    const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
    const common: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: options.development ? 'development' : 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      REDIS_URL: servers.redisUrl,
      GATEWAY_IDENTITY_SECRET: secrets.identity,
    };
    const reportStoreDir = path.join(options.dir, 'report-files');
    const serviceEnv: NodeJS.ProcessEnv = {
      ...common,
      ...subgraphUrls,
      DATABASE_URL: appUrl,
      REPORT_STORE: 'local',
      REPORT_STORE_DIR: reportStoreDir,
      REPORT_DOWNLOAD_SECRET: secrets.downloads,
      REPORT_DOWNLOAD_BASE_URL: gatewayUrl.replace(/\/graphql$/, ''),
      // A killed report worker's job is taken over within 5-10 s, not 30-60 (docs/reliability.md).
      REPORT_WORKER_LOCK_MS: String(REPORT_WORKER_LOCK_MS),
    };
    const gatewayEnv: NodeJS.ProcessEnv = {
      ...common,
      JWT_SECRET: secrets.jwt,
      SUPERGRAPH_PATH: supergraphPath,
      GATEWAY_TIMEOUT_MS: String(GATEWAY_BUDGET_MS),
    };

    const processes = layout.map((spec): RunningProcess => {
      const exits: RunningProcess['exits'] = [];
      const env = spec.role === 'gateway' ? gatewayEnv : serviceEnv;
      return {
        spec,
        port: ports[spec.name]!,
        exits,
        process: new SupervisedProcess({
          name: spec.name,
          // `--import tsx`, as startSystemProcesses runs them: the signal reaches the service itself.
          command: process.execPath,
          args: ['--import', 'tsx', spec.entry],
          cwd: path.join(__dirname, '..', '..'),
          env: { ...env, ...spec.env, PORT: String(ports[spec.name]) },
          output: options.output,
          onExit: (_status, description) => exits.push({ at: Date.now(), description }),
        }),
      };
    });
    const db = new Pool({ connectionString: roleInDatabase(servers.postgresAdminUrl, 'mingshi'), max: 4 });
    // The suite's own pool sees PostgreSQL restart too; an idle client's error must not end the run.
    db.on('error', () => {});
    const queues = new Redis(servers.redisUrl, { maxRetriesPerRequest: 1 });
    queues.on('error', () => {});
    const system = new FaultSystem(servers, processes, gatewayUrl, db, reportStoreDir, secrets.jwt, queues);
    const waited = await system.waitUntilReady(180_000);
    if (waited.notReady.length > 0) {
      await system.stop();
      throw new Error(`not ready after start: ${waited.notReady.join(', ')}`);
    }
    return system;
  }

  /** The processes whose /readyz does not answer 200 right now. */
  async notReady(): Promise<string[]> {
    const answers = await Promise.all(
      this.processes.map(async (running) => {
        try {
          const response = await fetch(`http://127.0.0.1:${running.port}/readyz`, {
            signal: AbortSignal.timeout(READYZ_TIMEOUT_MS),
          });
          await response.arrayBuffer();
          return response.status === 200 ? null : running.spec.name;
        } catch {
          return running.spec.name;
        }
      }),
    );
    return answers.filter((name): name is string => name !== null);
  }

  /** Polls every /readyz until all answer 200; answers when that was, or who still was not. */
  async waitUntilReady(timeoutMs: number): Promise<{ readyAt: number | null; notReady: string[] }> {
    const deadline = Date.now() + timeoutMs;
    let notReady = await this.notReady();
    while (notReady.length > 0 && Date.now() < deadline) {
      await sleep(250);
      notReady = await this.notReady();
    }
    return { readyAt: notReady.length === 0 ? Date.now() : null, notReady };
  }

  /** How many jobs of these queues a worker has in hand right now. */
  async activeJobs(queues: readonly QueueName[]): Promise<number> {
    // The services run on the default prefix, which BullMQ keys go under as `<prefix>:<queue>:active`.
    const counts = await Promise.all(
      queues.map((queue) => this.queues.llen(`${DEFAULT_QUEUE_PREFIX}:${queue}:active`)),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /** The processes a fault targets. */
  select(predicate: (spec: ProcessSpec) => boolean): RunningProcess[] {
    return this.processes.filter((running) => predicate(running.spec));
  }

  token(request: TokenRequest): Promise<string> {
    return mintTestToken(request, this.jwtSecret);
  }

  /** One operation through the gateway with the client's deadline, its outcome classified. */
  async call<TData = Record<string, any>>(
    operation: string,
    as: TokenRequest | string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<TimedAnswer<TData>> {
    const token = typeof as === 'string' ? as : await this.token(as);
    return timedGraphQL<TData>(
      this.gatewayUrl,
      operation,
      { query, variables, headers: { authorization: `Bearer ${token}` } },
      CLIENT_DEADLINE_MS,
    );
  }

  /** As the fixtures call it: the answer, or an error when there was none. */
  async gql<TData = Record<string, any>>(
    as: TokenRequest | string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<TData>> {
    if (as === null) throw new Error('the fault suite calls as someone');
    const { outcome, response } = await this.call<TData>('fixture', as, query, variables);
    if (!response) throw new Error(`no answer (${outcome.verdict}: ${outcome.codes.join(', ')})`);
    return response;
  }

  async stop(): Promise<void> {
    const gateway = this.processes.filter((running) => running.spec.role === 'gateway');
    const others = this.processes.filter((running) => running.spec.role !== 'gateway');
    await Promise.all(gateway.map((running) => running.process.stop()));
    await Promise.all(others.map((running) => running.process.stop()));
    await this.db.end();
    this.queues.disconnect();
    await this.servers.stop();
  }
}

function roleInDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
