import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@mingshi/logger';

/**
 * Starts listening on `host` (HOST, see libs/config listenHost) and resolves with the bound port
 * (port 0 picks a free one, as tests do).
 */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Stops cleanly on SIGTERM/SIGINT: stop accepting, let in-flight requests finish, then close
 * pools and queues in the order given.
 */
export function closeOnSignals(logger: Logger, close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
