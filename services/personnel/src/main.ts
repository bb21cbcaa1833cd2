import './tracing';
import { createRedisConnection } from '@mingshi/events';
import { createLogger } from '@mingshi/logger';
import { SectionWorker } from '@mingshi/reports';
import { createObjectStore } from '@mingshi/storage';
import { closeOnSignals, labelServiceMetrics, listen } from '@mingshi/subgraph-server';
import { personnelConfig } from './config';
import { personnelConsumer } from './consumers';
import { personnelDataSource } from './data-source';
import { buildPersonnelServer } from './server';
import { personnelSectionHandlers } from './report-sections';

async function main(): Promise<void> {
  const config = personnelConfig();
  labelServiceMetrics('personnel');
  const logger = createLogger('personnel', config.LOG_LEVEL);
  const dataSource = await personnelDataSource(config.DATABASE_URL).initialize();
  const redis = createRedisConnection(config.REDIS_URL);
  // Without a listener ioredis prints outages as plain text; /readyz reports them too.
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis unavailable'));
  const server = await buildPersonnelServer({
    dataSource,
    identitySecret: config.GATEWAY_IDENTITY_SECRET,
    logger,
    settings: { requiredTrainingHours: config.TRAINING_REQUIRED_HOURS },
    exposeInternals: config.NODE_ENV === 'development',
    requestBudgetMs: config.REQUEST_BUDGET_MS,
    readiness: { redis: () => redis.ping() },
  });
  const consumer = personnelConsumer({ dataSource, connection: redis, prefix: config.QUEUE_PREFIX, logger });
  const port = await listen(server.httpServer, config.PORT, config.HOST);
  const sections = new SectionWorker({
    service: 'personnel',
    dataSource,
    store: createObjectStore(config),
    handlers: personnelSectionHandlers({ requiredTrainingHours: config.TRAINING_REQUIRED_HOURS }),
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    logger,
  });
  sections.start();
  consumer.start();
  logger.info({ host: config.HOST, port }, 'personnel subgraph listening');
  closeOnSignals(logger, async () => {
    await sections.stop();
    await server.stop();
    await consumer.stop();
    await dataSource.destroy();
    await redis.quit();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
