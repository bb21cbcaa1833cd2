import type { ApolloServerPlugin } from '@apollo/server';
import type { Express } from 'express';
import { Counter, Registry } from 'prom-client';
import { sqlStatementsTotal } from '@mingshi/db';
import { methodNotAllowed } from './http';

/**
 * This process's metrics, served at GET /metrics in Prometheus's text format. For now just what
 * the bench reads (statements per request); one registry per process, whatever number of
 * subgraph servers it runs (the tests run them all in one).
 */
export const metricsRegistry = new Registry();

/** GraphQL operations answered, whatever the outcome. */
export const graphqlRequestsTotal = new Counter({
  name: 'mingshi_graphql_requests_total',
  help: 'GraphQL operations this process has answered',
  registers: [metricsRegistry],
});

metricsRegistry.registerMetric(sqlStatementsTotal);

/**
 * Counts an operation once its answer is ready: after the request's transaction has ended, so a
 * reader that has the answer sees every statement of it counted.
 */
export function requestMetricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse() {
          graphqlRequestsTotal.inc();
        },
      };
    },
  };
}

/**
 * GET /metrics, unauthenticated: it is for the cluster's own scraper, not for callers. The gateway
 * routes only /graphql, so it is reachable only from inside the cluster (a NetworkPolicy limiting
 * it to the scraper is issue 14). Counters only, read from memory: cheap to scrape often.
 */
export function mountMetrics(app: Express): void {
  app
    .route('/metrics')
    .get(async (_req, res) => {
      res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
    })
    .all(methodNotAllowed('GET'));
}
