import './tracing';
import { OutboxRelay, createRedisConnection } from '@mingshi/events';
import { createLogger } from '@mingshi/logger';
import { SectionWorker } from '@mingshi/reports';
import { createObjectStore } from '@mingshi/storage';
import { closeOnSignals, labelServiceMetrics, listen } from '@mingshi/subgraph-server';
import { workshopConfig } from './config';
import { workshopConsumer } from './consumers';
import type { WorkshopSettings } from './context';
import { WORKSHOP_SCHEMA, workshopDataSource } from './data-source';
import { buildWorkshopServer } from './server';
import { workshopSectionHandlers } from './report-sections';

async function main(): Promise<void> {
  const config = workshopConfig();
  labelServiceMetrics('workshop');
  const logger = createLogger('workshop', config.LOG_LEVEL);
  const dataSource = await workshopDataSource(config.DATABASE_URL).initialize();
  const redis = createRedisConnection(config.REDIS_URL);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis unavailable'));
  const relay = new OutboxRelay({
    dataSource,
    schema: WORKSHOP_SCHEMA,
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    logger,
  });
  const settings: WorkshopSettings = {
    maxMembers: config.MAX_MEMBERS,
    maxTrainees: config.MAX_TRAINEES,
    hostMinimumTitles: {
      COUNTY: config.HOST_MIN_TITLE_COUNTY,
      CITY: config.HOST_MIN_TITLE_CITY,
      PROVINCE: config.HOST_MIN_TITLE_PROVINCE,
    },
  };
  const inbox = workshopConsumer({
    dataSource,
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    logger,
    personnelUrl: config.PERSONNEL_URL,
    identitySecret: config.GATEWAY_IDENTITY_SECRET,
    settings,
  });
  const server = await buildWorkshopServer({
    dataSource,
    identitySecret: config.GATEWAY_IDENTITY_SECRET,
    logger,
    personnelUrl: config.PERSONNEL_URL,
    settings,
    exposeInternals: config.NODE_ENV === 'development',
    requestBudgetMs: config.REQUEST_BUDGET_MS,
    readiness: { redis: () => redis.ping() },
  });
  const port = await listen(server.httpServer, config.PORT, config.HOST);
  const sections = new SectionWorker({
    service: 'workshop',
    dataSource,
    store: createObjectStore(config),
    handlers: workshopSectionHandlers(),
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    logger,
  });
  sections.start();
  relay.start();
  inbox.start();
  logger.info({ host: config.HOST, port }, 'workshop subgraph listening');
  closeOnSignals(logger, async () => {
    await sections.stop();
    await server.stop();
    await inbox.stop();
    await relay.stop();
    await dataSource.destroy();
    await redis.quit();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
