import http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import type express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { QueueRedis } from '@mingshi/events';
import { Notification, notificationChannel } from '@mingshi/events';
import { createTokenVerifier } from '@mingshi/auth';
import { GRAPH_SCALARS, createErrorFormatter } from '@mingshi/graphql';
import { REQUEST_ID_HEADER, type Logger } from '@mingshi/logger';
import {
  createHttpApp,
  graphqlMetricsPlugin,
  mountGraphQL,
  mountHealth,
  mountHttpFallbacks,
  mountMetrics,
  outlastClientConnections,
} from '@mingshi/subgraph-server';
import type { GatewayConfig } from './config';
import { boundedVariableErrorsPlugin } from './variable-errors';
import { createGatewayContext, type GatewayContext } from './context';
import { corsPolicy } from './cors';
import { errorStatusPlugin } from './error-status';
import { mountExplorer } from './explorer';
import { mountReportDownloads } from './report-downloads';
import { queryLimits } from './limits';
import { literalScalarsRule } from './literal-scalars';
import { SignedIdentityDataSource } from './signed-identity-data-source';
import { subgraphFetcher } from './subgraph-fetcher';
import { VerifiedCallers } from './verified-callers';
import { startSubscriptionServer } from './subscriptions/subscription-server';
import { WakeUps } from './subscriptions/wake-ups';

export interface GatewayDeps {
  config: Omit<GatewayConfig, 'PORT' | 'SUPERGRAPH_PATH'>;
  supergraphSdl: string;
  logger: Logger;
  /**
   * A Redis connection of the gateway's own for pub/sub, which wakes subscriptions when fund
   * events are sequenced; without one they poll. Closed when the gateway stops.
   */
  notifications?: QueueRedis | null;
}

export interface GatewayServer {
  app: express.Express;
  httpServer: http.Server;
  stop: () => Promise<void>;
}

/**
 * The gateway: authenticates callers, applies query limits, plans queries over the supergraph
 * composed ahead of time, and calls subgraphs with a signed identity within the request's time
 * budget. Browsers on the configured origins may call it (CORS); answers are compressed.
 */
export async function buildGateway({
  config,
  supergraphSdl,
  logger,
  notifications = null,
}: GatewayDeps): Promise<GatewayServer> {
  const production = config.NODE_ENV === 'production';
  const callers = new VerifiedCallers(
    await createTokenVerifier(config.tokenVerification, {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    }),
    config.GATEWAY_IDENTITY_SECRET,
  );
  const subgraphs = subgraphFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SignedIdentityDataSource({ url, fetcher: subgraphs.fetcherFor(name), subgraph: name }),
  });
  let apiSchema: GraphQLSchema | null = null;
  gateway.onSchemaLoadOrUpdate((loaded) => {
    apiSchema = loaded.apiSchema;
  });
  const app = createHttpApp();
  const httpServer = outlastClientConnections(http.createServer(app));
  const limits = queryLimits(
    {
      maxDepth: config.MAX_QUERY_DEPTH,
      maxAliases: config.MAX_QUERY_ALIASES,
      maxCost: config.MAX_QUERY_COST,
    },
    production,
    supergraphSdl,
  );
  const validationRules = [...limits.validationRules, literalScalarsRule(GRAPH_SCALARS)];
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Safe to allow: the context refuses anonymous callers before introspection can run.
    introspection: true,
    validationRules,
    // Counted by the parser itself, so an oversized query is a 400 GRAPHQL_PARSE_FAILED like any
    // other syntax error, refused before a document is built.
    parseOptions: { maxTokens: config.MAX_QUERY_TOKENS },
    allowBatchedHttpRequests: false,
    // Stack traces belong in logs: in responses they reached every caller whose token was missing
    // (the explorer's first load), and a subgraph's failure shows the gateway's stack, not its own.
    includeStacktraceInErrorResponses: false,
    // Our own handler (closeOnSignals) drains and closes pools; Apollo's would re-raise the signal.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter({ exposeInternals: config.NODE_ENV === 'development' }),
    plugins: [
      ...limits.plugins,
      boundedVariableErrorsPlugin(),
      errorStatusPlugin(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      graphqlMetricsPlugin(),
    ],
  });
  await apollo.start();
  const contextFor = (headers: http.IncomingHttpHeaders) =>
    createGatewayContext(headers, { callers, timeoutMs: config.GATEWAY_TIMEOUT_MS });
  const wakeUps = await WakeUps.listen(
    notifications,
    notificationChannel(config.QUEUE_PREFIX, Notification.FUND_EVENTS),
    config.SUBSCRIPTION_POLL_MS,
    logger,
  );
  const subscriptions = startSubscriptionServer({
    httpServer,
    apollo,
    apiSchema: () => apiSchema,
    validationRules,
    maxTokens: config.MAX_QUERY_TOKENS,
    context: contextFor,
    wakeUps,
    watchIntervalMs: config.SUBSCRIPTION_WATCH_MS,
    logger,
  });

  app.use(corsPolicy(config.corsOrigins), compression());
  mountHealth(app, await subgraphReadiness(supergraphSdl));
  mountMetrics(app);
  mountExplorer(app);
  const reportsUrl = subgraphUrls(supergraphSdl).find(([name]) => name === 'reports')?.[1];
  if (reportsUrl) mountReportDownloads(app, reportsUrl, logger);
  mountGraphQL(
    app,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const context = await contextFor(req.headers);
        res.setHeader(REQUEST_ID_HEADER, context.requestId);
        logger.debug({ requestId: context.requestId, user: context.principal.userId }, 'graphql request');
        return context;
      },
    }),
  );
  mountHttpFallbacks(app, logger);

  return {
    app,
    httpServer,
    stop: async () => {
      // Sockets first: an open subscription would keep the HTTP server from closing.
      await subscriptions.stop();
      await wakeUps.close();
      await apollo.stop();
      await subgraphs.close();
      if (httpServer.listening) await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

/** The gateway is ready when every subgraph in the supergraph says it is (they check PostgreSQL and Redis). */
async function subgraphReadiness(supergraphSdl: string) {
  return Object.fromEntries(
    subgraphUrls(supergraphSdl).map(([name, url]) => [
      name,
      async () => {
        const response = await fetch(url.replace(/\/graphql$/, '/readyz'));
        if (!response.ok) throw new Error(`readyz answered ${response.status}`);
      },
    ]),
  );
}

/** Each subgraph's name and GraphQL URL, as the supergraph records them. */
function subgraphUrls(supergraphSdl: string): (readonly [string, string])[] {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map(
    ([, name, url]) => [name!, url!] as const,
  );
}
