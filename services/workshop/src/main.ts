import './tracing';
import { OutboxRelay, connectQueueRedis } from '@mingshi/events';
import { createLogger } from '@mingshi/logger';
import { SectionWorker, reportStallSettings } from '@mingshi/reports';
import { createObjectStore } from '@mingshi/storage';
import { runServiceProcess } from '@mingshi/subgraph-server';
import { workshopConfig } from './config';
import { workshopConsumer } from './consumers';
import type { WorkshopSettings } from './context';
import { WORKSHOP_SCHEMA, workshopDataSource } from './data-source';
import { buildWorkshopServer } from './server';
import { workshopSectionHandlers } from './report-sections';

async function main(): Promise<void> {
  const config = workshopConfig();
  const logger = createLogger('workshop', config.LOG_LEVEL);
  const dataSource = await workshopDataSource(config.DATABASE_URL).initialize();
  const redis = connectQueueRedis(config.REDIS_URL, logger, { cluster: config.REDIS_CLUSTER });
  const readiness = { redis: () => redis.ping() };
  const queues = { connection: redis, prefix: config.QUEUE_PREFIX, logger };
  const settings: WorkshopSettings = {
    maxMembers: config.MAX_MEMBERS,
    maxTrainees: config.MAX_TRAINEES,
    hostMinimumTitles: {
      COUNTY: config.HOST_MIN_TITLE_COUNTY,
      CITY: config.HOST_MIN_TITLE_CITY,
      PROVINCE: config.HOST_MIN_TITLE_PROVINCE,
    },
  };
  await runServiceProcess({
    service: 'workshop',
    config,
    logger,
    dataSource,
    readiness,
    parts: {
      graph: async ({ readDataSource }) => ({
        server: await buildWorkshopServer({
          dataSource,
          readDataSource,
          identitySecret: config.GATEWAY_IDENTITY_SECRET,
          logger,
          personnelUrl: config.PERSONNEL_URL,
          settings,
          exposeInternals: config.NODE_ENV === 'development',
          requestBudgetMs: config.REQUEST_BUDGET_MS,
          readiness,
        }),
      }),
      consumer: () => [
        workshopConsumer({
          dataSource,
          ...queues,
          personnelUrl: config.PERSONNEL_URL,
          identitySecret: config.GATEWAY_IDENTITY_SECRET,
          settings,
        }),
      ],
      relay: () => [new OutboxRelay({ dataSource, schema: WORKSHOP_SCHEMA, ...queues })],
      sections: ({ readDataSource }) => [
        new SectionWorker({
          service: 'workshop',
          dataSource,
          readDataSource,
          store: createObjectStore(config),
          handlers: workshopSectionHandlers(),
          stall: reportStallSettings(config.REPORT_WORKER_LOCK_MS),
          ...queues,
        }),
      ],
    },
    close: async () => {
      await dataSource.destroy();
      await redis.quit();
    },
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
