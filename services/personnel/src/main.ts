import './tracing';
import { connectQueueRedis } from '@mingshi/events';
import { createLogger } from '@mingshi/logger';
import { SectionWorker, reportStallSettings } from '@mingshi/reports';
import { createObjectStore } from '@mingshi/storage';
import { runServiceProcess } from '@mingshi/subgraph-server';
import { personnelConfig } from './config';
import { personnelConsumer } from './consumers';
import { personnelDataSource } from './data-source';
import { buildPersonnelServer } from './server';
import { personnelSectionHandlers, showsPersonalData } from './report-sections';

async function main(): Promise<void> {
  const config = personnelConfig();
  const logger = createLogger('personnel', config.LOG_LEVEL);
  const dataSource = await personnelDataSource(config.DATABASE_URL).initialize();
  const redis = connectQueueRedis(config.REDIS_URL, logger, { cluster: config.REDIS_CLUSTER });
  const readiness = { redis: () => redis.ping() };
  const queues = { connection: redis, prefix: config.QUEUE_PREFIX, logger };
  await runServiceProcess({
    service: 'personnel',
    config,
    logger,
    dataSource,
    readiness,
    parts: {
      graph: async ({ readDataSource }) => ({
        server: await buildPersonnelServer({
          dataSource,
          readDataSource,
          identitySecret: config.GATEWAY_IDENTITY_SECRET,
          logger,
          settings: { requiredTrainingHours: config.TRAINING_REQUIRED_HOURS },
          exposeInternals: config.NODE_ENV === 'development',
          requestBudgetMs: config.REQUEST_BUDGET_MS,
          readiness,
        }),
      }),
      consumer: () => [personnelConsumer({ dataSource, ...queues })],
      sections: ({ readDataSource }) => [
        new SectionWorker({
          service: 'personnel',
          dataSource,
          readDataSource,
          store: createObjectStore(config),
          handlers: personnelSectionHandlers({ requiredTrainingHours: config.TRAINING_REQUIRED_HOURS }),
          stall: reportStallSettings(config.REPORT_WORKER_LOCK_MS),
          needsPrimary: showsPersonalData,
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
