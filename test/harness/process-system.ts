import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createTestDatabase,
  postGraphQL,
  redisUrl,
  uniqueName,
  type GraphQLResponse,
  type TestDatabase,
} from '@mingshi/testing';
import { freePorts } from '../../bench/ports';
import { startSystemProcesses, type SystemProcesses } from '../../scripts/lib/system-processes';
import { SUBGRAPHS } from '../../gateway/src/subgraphs';
import { TEST_SECRETS, mintTestToken, type TokenRequest } from './system';

/** One line a process wrote, parsed when it is a JSON log line. */
export interface ProcessLine {
  process: string;
  text: string;
  json: Record<string, unknown> | null;
}

/**
 * The whole system as real processes — each service's main.ts and the gateway's, run by tsx as
 * `npm start` and the image run them — on a private copy of the test database, a private queue
 * prefix and report store: for what only a real process shows, such as its own /metrics with its
 * service's labels, or tracing started from its environment before anything is required.
 */
export class ProcessSystem {
  private constructor(
    private readonly database: TestDatabase,
    private readonly processes: SystemProcesses,
    private readonly scratch: string,
    /** Everything the processes wrote, in order. */
    readonly lines: ProcessLine[],
  ) {}

  /**
   * Starts every process with `env` over the test settings (LOG_LEVEL, OTEL_* …); resolves once
   * each answers /readyz.
   */
  static async start(env: NodeJS.ProcessEnv = {}): Promise<ProcessSystem> {
    const database = await createTestDatabase({ template: process.env.MINGSHI_TEST_TEMPLATE });
    const scratch = mkdtempSync(path.join(tmpdir(), 'mingshi-processes-'));
    const lines: ProcessLine[] = [];
    try {
      const processes = await startSystemProcesses({
        appDatabaseUrl: database.appUrl,
        redisUrl: env.REDIS_URL ?? redisUrl(),
        env: {
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          JWT_SECRET: TEST_SECRETS.jwt,
          GATEWAY_IDENTITY_SECRET: TEST_SECRETS.identity,
          QUEUE_PREFIX: uniqueName('proc'),
          REPORT_STORE: 'local',
          REPORT_STORE_DIR: path.join(scratch, 'report-files'),
          // Webhook receivers of tests listen on loopback over plain HTTP.
          WEBHOOK_REQUIRE_HTTPS: 'false',
          WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
          ...env,
        },
        subgraphEnv: { reports: { REPORT_DOWNLOAD_SECRET: TEST_SECRETS.reportDownloads } },
        ports: await freePorts(['gateway', ...SUBGRAPHS.map((subgraph) => subgraph.name)]),
        supergraphPath: path.join(scratch, 'supergraph.graphql'),
        readyTimeoutMs: 90_000,
        output: (name, text) => lines.push({ process: name, text, json: parseJson(text) }),
      });
      return new ProcessSystem(database, processes, scratch, lines);
    } catch (error) {
      await database.drop();
      rmSync(scratch, { recursive: true, force: true });
      throw error;
    }
  }

  get gatewayUrl(): string {
    return this.processes.gatewayUrl.replace('localhost', '127.0.0.1');
  }

  /** Where a process (`gateway` or a subgraph's name) serves its metrics. */
  metricsUrl(name: string): string {
    const url = name === 'gateway' ? this.gatewayUrl : this.processes.subgraphUrls[name]!;
    return url.replace(/\/graphql$/, '/metrics');
  }

  /** A process's metrics as it serves them. */
  async metrics(name: string): Promise<string> {
    const response = await fetch(this.metricsUrl(name));
    if (!response.ok) throw new Error(`${name}'s /metrics answered ${response.status}`);
    return response.text();
  }

  token(request: TokenRequest): Promise<string> {
    return mintTestToken(request);
  }

  /** One operation through the gateway as the given caller, with any further headers. */
  async gql<TData = Record<string, any>>(
    as: TokenRequest | string | null,
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<TData>> {
    const token = as === null ? null : typeof as === 'string' ? as : await this.token(as);
    return postGraphQL<TData>(this.gatewayUrl, query, variables, {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    });
  }

  async stop(): Promise<void> {
    await this.processes.stop();
    await this.database.drop();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  if (!text.startsWith('{')) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}
