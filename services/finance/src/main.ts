import './tracing';
import { OutboxRelay, createRedisConnection } from '@mingshi/events';
import { withScopedTransaction } from '@mingshi/db';
import { NATIONWIDE } from '@mingshi/auth';
import { createLogger } from '@mingshi/logger';
import { SectionWorker } from '@mingshi/reports';
import { createObjectStore } from '@mingshi/storage';
import { closeOnSignals, labelServiceMetrics, listen } from '@mingshi/subgraph-server';
import { financeConfig } from './config';
import { financeConsumer } from './consumers';
import { FINANCE_SCHEMA, financeDataSource, fundEventPipelineDataSource } from './data-source';
import { buildFinanceServer } from './server';
import { financeSectionHandlers } from './report-sections';
import { purgeExpiredIdempotencyKeys } from './services/idempotency';
import { startFundEventPipeline } from './webhooks/pipeline';

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

async function main(): Promise<void> {
  const config = financeConfig();
  labelServiceMetrics('finance');
  const logger = createLogger('finance', config.LOG_LEVEL);
  const dataSource = await financeDataSource(config.DATABASE_URL).initialize();
  const redis = createRedisConnection(config.REDIS_URL);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis unavailable'));
  const inbox = financeConsumer({ dataSource, connection: redis, prefix: config.QUEUE_PREFIX, logger });
  // Finance's answers to assessment consequences go out through its outbox.
  const relay = new OutboxRelay({
    dataSource,
    schema: FINANCE_SCHEMA,
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    logger,
  });
  const webhookUrls = {
    requireHttps: config.WEBHOOK_REQUIRE_HTTPS,
    allowPrivateAddresses: config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
  };
  const server = await buildFinanceServer({
    dataSource,
    identitySecret: config.GATEWAY_IDENTITY_SECRET,
    logger,
    workshopUrl: config.WORKSHOP_URL,
    personnelUrl: config.PERSONNEL_URL,
    settings: { webhookUrls },
    exposeInternals: config.NODE_ENV === 'development',
    requestBudgetMs: config.REQUEST_BUDGET_MS,
    readiness: { redis: () => redis.ping() },
  });
  const port = await listen(server.httpServer, config.PORT, config.HOST);
  const sections = new SectionWorker({
    service: 'finance',
    dataSource,
    store: createObjectStore(config),
    handlers: financeSectionHandlers(),
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    logger,
  });
  sections.start();
  inbox.start();
  relay.start();
  const pipelineDb = await fundEventPipelineDataSource(config.DATABASE_URL).initialize();
  const fundEvents = await startFundEventPipeline({
    dataSource: pipelineDb,
    redis,
    prefix: config.QUEUE_PREFIX,
    logger,
    databaseUrl: config.DATABASE_URL,
    urlPolicy: webhookUrls,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
  });
  const purge = setInterval(() => {
    withScopedTransaction(dataSource, NATIONWIDE, purgeExpiredIdempotencyKeys).catch((error: unknown) =>
      logger.warn({ err: (error as Error).message }, 'idempotency key purge failed'),
    );
  }, PURGE_INTERVAL_MS);
  logger.info({ host: config.HOST, port }, 'finance subgraph listening');
  closeOnSignals(logger, async () => {
    await sections.stop();
    clearInterval(purge);
    await server.stop();
    await inbox.stop();
    await relay.stop();
    await fundEvents.stop();
    await pipelineDb.destroy();
    await dataSource.destroy();
    await redis.quit();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
