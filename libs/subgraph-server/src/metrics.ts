import type { Express } from 'express';
import { labelProcessMetrics, metricsRegistry } from '@mingshi/telemetry';
import { methodNotAllowed } from './http';
import { partsLabel, type ServiceName } from './process-parts';

/**
 * Labels every series of this process with its service and the parts it runs (`gateway` for the
 * gateway), and adds Node's process metrics. Each process's main.ts calls it once, at start.
 */
export function labelServiceMetrics(service: ServiceName | 'gateway'): void {
  labelProcessMetrics({ service, part: service === 'gateway' ? 'gateway' : partsLabel() });
}

/**
 * GET /metrics, unauthenticated: it is for the cluster's own scraper, not for callers. The gateway
 * routes only /graphql, so it is reachable only from inside the cluster (a NetworkPolicy limiting
 * it to the scraper is issue 14). Counters and histograms are read from memory; the queue and
 * outbox gauges ask Redis and PostgreSQL at scrape time, each within a short timeout, so a scrape
 * answers promptly with what it has even while one of them is down.
 */
export function mountMetrics(app: Express): void {
  app
    .route('/metrics')
    .get(async (_req, res) => {
      res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
    })
    .all(methodNotAllowed('GET'));
}
