import './tracing';
import { readFileSync } from 'node:fs';
import { connectQueueRedis } from '@mingshi/events';
import { createLogger } from '@mingshi/logger';
import { closeOnSignals, labelGatewayMetrics, listen } from '@mingshi/subgraph-server';
import { gatewayConfig } from './config';
import { buildGateway } from './server';

async function main(): Promise<void> {
  const config = gatewayConfig();
  labelGatewayMetrics();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  let supergraphSdl: string;
  try {
    supergraphSdl = readFileSync(config.SUPERGRAPH_PATH, 'utf8');
  } catch {
    throw new Error(`No supergraph at ${config.SUPERGRAPH_PATH}: run \`npm run compose\` first`);
  }
  // The deployment's Redis, where finance publishes: its settings are checked here too.
  const notifications = config.REDIS_URL
    ? connectQueueRedis(config.REDIS_URL, logger, { cluster: config.REDIS_CLUSTER })
    : null;
  const gateway = await buildGateway({ config, supergraphSdl, logger, notifications });
  const port = await listen(gateway.httpServer, config.PORT, config.HOST);
  logger.info({ host: config.HOST, port }, `gateway listening: http://localhost:${port}/graphql`);
  closeOnSignals(logger, gateway.stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
