import type { Express } from 'express';
import { labelProcessMetrics, metricsRegistry } from '@mingshi/telemetry';
import { methodNotAllowed } from './http';
import { partsLabel, type ServiceName, type ServicePart } from './process-parts';

/**
 * Labels every series of this process with its service and the parts it runs, and adds Node's
 * process metrics. Called once at start: by runServiceProcess for a service's process, by the
 * gateway's main.ts for the gateway.
 */
export function labelServiceMetrics<S extends ServiceName>(
  service: S,
  parts: readonly ServicePart<S>[],
): void {
  labelProcessMetrics({ service, part: partsLabel(service, parts) });
}

/** The gateway's labels: it has no parts. */
export function labelGatewayMetrics(): void {
  labelProcessMetrics({ service: 'gateway', part: 'gateway' });
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
