import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type express from 'express';
import type { DocumentNode } from 'graphql';
import type { DataSource } from 'typeorm';
import { createErrorFormatter } from '@mingshi/graphql';
import type { Logger } from '@mingshi/logger';
import { createBaseContext, type SubgraphContext } from './context';
import { guardForeignReferences, type ForeignEntity } from './foreign-references';
import { databaseChecks, mountHealth, type ReadinessCheck } from './health';
import { createHttpApp, mountGraphQL, mountHttpFallbacks } from './http';
import { graphqlMetricsPlugin } from './graphql-metrics';
import { mountMetrics } from './metrics';
import { normalizeArguments } from './normalize-arguments';
import { requestLogPlugin, transactionPlugin } from './plugins';
import { replicaRoutingPlugin } from './read-routing';
import { outlastClientConnections } from './lifecycle';

export interface SubgraphServerOptions<TContext extends SubgraphContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  dataSource: DataSource;
  /** The read replicas' pool (DATABASE_READ_URL), if any: analysts' queries read there (read-routing.ts). */
  readDataSource?: DataSource;
  identitySecret: string;
  logger: Logger;
  /** Development shows internal error messages; elsewhere they are hidden. */
  exposeInternals: boolean;
  /** Adds the service's own parts (loaders, config) to the base context. */
  extendContext: (base: SubgraphContext) => TContext;
  /** Routes beside /graphql that authenticate by other means (the reports service's signed downloads). */
  mountRoutes?: (app: express.Express) => void;
  readiness?: Record<string, ReadinessCheck>;
  /** How long one request may keep the database busy (REQUEST_BUDGET_MS); past it, TIMEOUT. */
  requestBudgetMs?: number;
  /** Entities other subgraphs own that this one returns by key: each reference is checked with its owner. */
  foreignEntities?: Record<string, ForeignEntity>;
}

export interface SubgraphServer {
  app: express.Express;
  httpServer: http.Server;
  /** Drains in-flight requests, then stops listening. Pools are the caller's to close. */
  stop: () => Promise<void>;
}

/**
 * Builds one subgraph behind Express: GraphQL at /graphql guarded by the gateway identity,
 * /healthz, /readyz and /metrics, and graceful draining. Every service builds itself through this, so
 * authentication, transactions, logging and error shaping are the same everywhere.
 */
export async function createSubgraphServer<TContext extends SubgraphContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer> {
  const app = createHttpApp();
  const httpServer = outlastClientConnections(http.createServer(app));
  const schema = buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers }]);
  normalizeArguments(schema);
  guardForeignReferences(schema, options.foreignEntities ?? {});
  const apollo = new ApolloServer<TContext>({
    schema,
    // Our own handler (closeOnSignals) drains and closes pools; Apollo's would re-raise the signal.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter({ exposeInternals: options.exposeInternals }),
    includeStacktraceInErrorResponses: options.exposeInternals,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Traces are for Apollo Studio, which this deployment does not report to.
      ApolloServerPluginInlineTraceDisabled(),
      replicaRoutingPlugin(),
      transactionPlugin(),
      requestLogPlugin(),
      graphqlMetricsPlugin(),
    ],
  });
  await apollo.start();

  mountHealth(app, {
    ...databaseChecks(options.dataSource, options.readDataSource),
    ...options.readiness,
  });
  mountMetrics(app);
  mountGraphQL(
    app,
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        options.extendContext(
          await createBaseContext(req.headers, {
            dataSource: options.dataSource,
            readDataSource: options.readDataSource,
            identitySecret: options.identitySecret,
            logger: options.logger,
            requestBudgetMs: options.requestBudgetMs,
          }),
        ),
    }),
  );
  options.mountRoutes?.(app);
  mountHttpFallbacks(app, options.logger);

  return {
    app,
    httpServer,
    stop: async () => {
      await apollo.stop();
      if (httpServer.listening) await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}
