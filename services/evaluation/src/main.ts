import './tracing';
import { OutboxRelay, connectQueueRedis } from '@mingshi/events';
import { createLogger } from '@mingshi/logger';
import { SectionWorker, reportStallSettings } from '@mingshi/reports';
import { createObjectStore } from '@mingshi/storage';
import { PeriodicTask, runServiceProcess } from '@mingshi/subgraph-server';
import { evaluationConfig } from './config';
import { evaluationConsumer } from './consumers';
import { EVALUATION_SCHEMA, evaluationDataSource } from './data-source';
import { buildEvaluationServer } from './server';
import { evaluationSectionHandlers } from './report-sections';
import { concludeClosedAssessments } from './services/consequence-issuer';

async function main(): Promise<void> {
  const config = evaluationConfig();
  const logger = createLogger('evaluation', config.LOG_LEVEL);
  const dataSource = await evaluationDataSource(config.DATABASE_URL).initialize();
  const redis = connectQueueRedis(config.REDIS_URL, logger, { cluster: config.REDIS_CLUSTER });
  const readiness = { redis: () => redis.ping() };
  const queues = { connection: redis, prefix: config.QUEUE_PREFIX, logger };
  await runServiceProcess({
    service: 'evaluation',
    config,
    logger,
    dataSource,
    readiness,
    parts: {
      graph: async ({ readDataSource }) => ({
        server: await buildEvaluationServer({
          dataSource,
          readDataSource,
          identitySecret: config.GATEWAY_IDENTITY_SECRET,
          logger,
          workshopUrl: config.WORKSHOP_URL,
          financeUrl: config.FINANCE_URL,
          personnelUrl: config.PERSONNEL_URL,
          exposeInternals: config.NODE_ENV === 'development',
          requestBudgetMs: config.REQUEST_BUDGET_MS,
          readiness,
        }),
      }),
      consumer: () => [evaluationConsumer({ dataSource, ...queues })],
      relay: () => [
        new OutboxRelay({ dataSource, schema: EVALUATION_SCHEMA, ...queues }),
        // Appeal windows close by the clock; what that decides goes out as outbox events, which is
        // why this goes with the relay (process-parts.ts).
        new PeriodicTask(
          'concluding assessments',
          config.CONSEQUENCE_INTERVAL_MS,
          () => concludeClosedAssessments(dataSource, logger),
          logger,
        ),
      ],
      sections: ({ readDataSource }) => [
        new SectionWorker({
          service: 'evaluation',
          dataSource,
          readDataSource,
          store: createObjectStore(config),
          handlers: evaluationSectionHandlers(),
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
