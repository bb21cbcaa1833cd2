import './tracing';
import { NATIONWIDE } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import { OutboxRelay, connectQueueRedis } from '@mingshi/events';
import { createLogger } from '@mingshi/logger';
import { SectionWorker, reportStallSettings } from '@mingshi/reports';
import { createObjectStore } from '@mingshi/storage';
import { PeriodicTask, runServiceProcess } from '@mingshi/subgraph-server';
import { financeConfig } from './config';
import { financeConsumer } from './consumers';
import { FINANCE_SCHEMA, financeDataSource, fundEventPipelineDataSource } from './data-source';
import { buildFinanceServer } from './server';
import { financeSectionHandlers } from './report-sections';
import { purgeExpiredIdempotencyKeys } from './services/idempotency';
import { startFundEventPipeline, type FundEventPipeline } from './webhooks/pipeline';

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

async function main(): Promise<void> {
  const config = financeConfig();
  const logger = createLogger('finance', config.LOG_LEVEL);
  const dataSource = await financeDataSource(config.DATABASE_URL).initialize();
  const redis = connectQueueRedis(config.REDIS_URL, logger, { cluster: config.REDIS_CLUSTER });
  const readiness = { redis: () => redis.ping() };
  const queues = { connection: redis, prefix: config.QUEUE_PREFIX, logger };
  const webhookUrls = {
    requireHttps: config.WEBHOOK_REQUIRE_HTTPS,
    allowPrivateAddresses: config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
  };
  await runServiceProcess({
    service: 'finance',
    config,
    logger,
    dataSource,
    readiness,
    parts: {
      graph: async ({ readDataSource }) => ({
        server: await buildFinanceServer({
          dataSource,
          readDataSource,
          identitySecret: config.GATEWAY_IDENTITY_SECRET,
          logger,
          workshopUrl: config.WORKSHOP_URL,
          personnelUrl: config.PERSONNEL_URL,
          settings: { webhookUrls },
          exposeInternals: config.NODE_ENV === 'development',
          requestBudgetMs: config.REQUEST_BUDGET_MS,
          readiness,
        }),
        // The keys are the graph's own: its mutations write them (process-parts.ts).
        alongside: [
          new PeriodicTask(
            'idempotency key purge',
            PURGE_INTERVAL_MS,
            () => withScopedTransaction(dataSource, NATIONWIDE, purgeExpiredIdempotencyKeys),
            logger,
          ),
        ],
      }),
      consumer: () => [financeConsumer({ dataSource, ...queues })],
      // Finance's answers to assessment consequences go out through its outbox.
      relay: () => [new OutboxRelay({ dataSource, schema: FINANCE_SCHEMA, ...queues })],
      sections: ({ readDataSource }) => [
        new SectionWorker({
          service: 'finance',
          dataSource,
          readDataSource,
          store: createObjectStore(config),
          handlers: financeSectionHandlers(),
          stall: reportStallSettings(config.REPORT_WORKER_LOCK_MS),
          ...queues,
        }),
      ],
      webhooks: async () => {
        // A pool of its own: a surge of requests must not hold up numbering and delivering events.
        const pipelineDb = await fundEventPipelineDataSource(config.DATABASE_URL).initialize();
        let pipeline: FundEventPipeline | undefined;
        return [
          {
            start: async () => {
              pipeline = await startFundEventPipeline({
                dataSource: pipelineDb,
                redis,
                prefix: config.QUEUE_PREFIX,
                logger,
                databaseUrl: config.DATABASE_URL,
                urlPolicy: webhookUrls,
                timeoutMs: config.WEBHOOK_TIMEOUT_MS,
              });
            },
            stop: async () => {
              await pipeline?.stop();
              await pipelineDb.destroy();
            },
          },
        ];
      },
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
