import http from 'node:http';
import type { Logger } from '@mingshi/logger';
import { mountHealth, type ReadinessCheck } from './health';
import { createHttpApp, mountHttpFallbacks } from './http';
import { outlastClientConnections } from './lifecycle';
import { mountMetrics } from './metrics';

/** An HTTP server a process listens with, and how it stops. */
export interface HttpServing {
  httpServer: http.Server;
  /** Stops listening once in-flight requests are answered. */
  stop: () => Promise<void>;
}

/**
 * The HTTP surface of a process that runs no graph (a relay, a consumer, a worker): `/healthz`,
 * `/readyz` over its own dependencies and `/metrics`, so an orchestrator probes and scrapes it like
 * any other; /graphql, like every other path, is 404.
 */
export function createWorkerHttpServer(options: {
  logger: Logger;
  readiness: Record<string, ReadinessCheck>;
}): HttpServing {
  const app = createHttpApp();
  mountHealth(app, options.readiness);
  mountMetrics(app);
  mountHttpFallbacks(app, options.logger);
  const httpServer = outlastClientConnections(http.createServer(app));
  return {
    httpServer,
    stop: async () => {
      // Node closes idle kept-alive connections (a scraper's) here too, so this does not wait them out.
      if (httpServer.listening) await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}
