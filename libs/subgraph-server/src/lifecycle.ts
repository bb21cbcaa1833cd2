import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@mingshi/logger';
import { stopTracing } from '@mingshi/telemetry';

/**
 * Starts listening on `host` (HOST, see libs/config listenHost) and resolves with the bound port
 * (port 0 picks a free one, as tests do).
 */
/**
 * How long an idle keep-alive connection stays open. Node closes idle connections after 5 s, less
 * than the gateway's HTTP client (and load balancers: 60 s is common) keeps them for reuse, so a
 * request sent on a connection the server is closing that very moment fails with "socket hang up"
 * — seen as an INTERNAL_SERVER_ERROR after a quiet spell. The server must outlast its clients.
 */
const IDLE_CONNECTION_MS = 65_000;

/** Makes `server` keep idle connections longer than any client of it reuses them. */
export function outlastClientConnections(server: Server): Server {
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  // Must exceed keepAliveTimeout, or a request arriving on a kept connection may be cut off.
  server.headersTimeout = IDLE_CONNECTION_MS + 1_000;
  return server;
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Stops cleanly on SIGTERM/SIGINT: stop accepting, let in-flight requests finish, then close
 * pools and queues in the order given, and last send the spans still buffered (when tracing).
 */
export function closeOnSignals(logger: Logger, close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    close()
      .then(() => stopTracing())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
