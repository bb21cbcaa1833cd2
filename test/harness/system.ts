import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { mintDevToken, type Principal, Role } from '@mingshi/auth';
import { QueryCounter } from '@mingshi/db';
import { createLogger } from '@mingshi/logger';
import { listen } from '@mingshi/subgraph-server';
import {
  createTestDatabase,
  postGraphQL,
  redisUrl,
  type TestDatabase,
  type GraphQLResponse,
} from '@mingshi/testing';
import { composeSupergraph } from '../../gateway/src/compose';
import { buildGateway } from '../../gateway/src/server';
import { SUBGRAPHS, subgraphUrlVariable } from '../../gateway/src/subgraphs';
import { personnelDataSource } from '../../services/personnel/src/data-source';
import { buildPersonnelServer } from '../../services/personnel/src/server';

export const TEST_SECRETS = {
  jwt: 'test-jwt-secret-that-is-long-enough-0123456789',
  identity: 'test-gateway-identity-secret-long-enough-0123',
};

export interface TokenRequest {
  role: Role | Role[];
  region: string;
  teacherId?: string;
  schoolId?: string;
  userId?: string;
}

/**
 * The whole system in one process on real servers: a private copy of the migrated database, the
 * subgraphs on free ports, and the real gateway in front of them with real tokens.
 */
export class TestSystem {
  private constructor(
    readonly database: TestDatabase,
    readonly personnelUrl: string,
    readonly gatewayUrl: string,
    /** Counts the SQL statements personnel sends (for the no-N+1 tests). */
    readonly personnelQueries: QueryCounter,
    /** The app-role DataSource personnel serves with (for row-level security tests). */
    readonly personnelDb: DataSource,
    private readonly stops: (() => Promise<void>)[],
  ) {}

  static async start(): Promise<TestSystem> {
    const template = process.env.MINGSHI_TEST_TEMPLATE;
    if (!template) throw new Error('MINGSHI_TEST_TEMPLATE is unset: run tests through jest (globalSetup)');
    const database = await createTestDatabase({ template });
    const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
    const stops: (() => Promise<void>)[] = [];

    const personnelQueries = new QueryCounter();
    const personnelDb = await personnelDataSource(database.appUrl, personnelQueries).initialize();
    const redis = new Redis(redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    const personnel = await buildPersonnelServer({
      dataSource: personnelDb,
      identitySecret: TEST_SECRETS.identity,
      logger,
      settings: { requiredTrainingHours: 72 },
      exposeInternals: false,
      readiness: { redis: () => redis.ping() },
    });
    const personnelPort = await listen(personnel.httpServer, 0, '127.0.0.1');
    const personnelUrl = `http://127.0.0.1:${personnelPort}/graphql`;
    stops.push(async () => {
      await personnel.stop();
      await personnelDb.destroy();
      redis.disconnect();
    });

    const urls: Record<string, string> = { personnel: personnelUrl };
    const env = Object.fromEntries(SUBGRAPHS.map((s) => [subgraphUrlVariable(s.name), urls[s.name]]));
    const gateway = await buildGateway({
      supergraphSdl: composeSupergraph(env),
      logger,
      config: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        GATEWAY_IDENTITY_SECRET: TEST_SECRETS.identity,
        tokenVerification: { kind: 'secret', secret: TEST_SECRETS.jwt },
        JWT_ALGORITHM: 'HS256',
        MAX_QUERY_DEPTH: 12,
        MAX_QUERY_ALIASES: 20,
        MAX_QUERY_TOKENS: 3000,
        MAX_QUERY_COST: 10000,
      },
    });
    const gatewayPort = await listen(gateway.httpServer, 0, '127.0.0.1');
    stops.unshift(gateway.stop);

    return new TestSystem(
      database,
      personnelUrl,
      `http://127.0.0.1:${gatewayPort}/graphql`,
      personnelQueries,
      personnelDb,
      stops,
    );
  }

  async stop(): Promise<void> {
    for (const stop of this.stops) await stop();
    await this.database.drop();
  }

  async token(request: TokenRequest): Promise<string> {
    const roles = Array.isArray(request.role) ? request.role : [request.role];
    const principal: Principal = {
      userId: request.userId ?? `${roles[0]!.toLowerCase()}-${request.region}`,
      roles,
      regionCode: request.region,
      ...(request.teacherId ? { teacherId: request.teacherId } : {}),
      ...(request.schoolId ? { schoolId: request.schoolId } : {}),
    };
    return mintDevToken(principal, TEST_SECRETS.jwt);
  }

  /** One operation through the gateway as the given caller (a token string or a token request). */
  async gql<TData = Record<string, any>>(
    as: TokenRequest | string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<TData>> {
    const token = as === null ? null : typeof as === 'string' ? as : await this.token(as);
    return postGraphQL<TData>(
      this.gatewayUrl,
      query,
      variables,
      token ? { authorization: `Bearer ${token}` } : {},
    );
  }
}
