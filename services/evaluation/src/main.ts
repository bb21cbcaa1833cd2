import './tracing';
import { OutboxRelay, createRedisConnection } from '@mingshi/events';
import { createLogger } from '@mingshi/logger';
import { SectionWorker } from '@mingshi/reports';
import { createObjectStore } from '@mingshi/storage';
import { closeOnSignals, labelServiceMetrics, listen } from '@mingshi/subgraph-server';
import { evaluationConfig } from './config';
import { evaluationConsumer } from './consumers';
import { EVALUATION_SCHEMA, evaluationDataSource } from './data-source';
import { buildEvaluationServer } from './server';
import { evaluationSectionHandlers } from './report-sections';
import { concludeClosedAssessments } from './services/consequence-issuer';

async function main(): Promise<void> {
  const config = evaluationConfig();
  labelServiceMetrics('evaluation');
  const logger = createLogger('evaluation', config.LOG_LEVEL);
  const dataSource = await evaluationDataSource(config.DATABASE_URL).initialize();
  const redis = createRedisConnection(config.REDIS_URL);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis unavailable'));
  const relay = new OutboxRelay({
    dataSource,
    schema: EVALUATION_SCHEMA,
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    logger,
  });
  const inbox = evaluationConsumer({ dataSource, connection: redis, prefix: config.QUEUE_PREFIX, logger });
  const server = await buildEvaluationServer({
    dataSource,
    identitySecret: config.GATEWAY_IDENTITY_SECRET,
    logger,
    workshopUrl: config.WORKSHOP_URL,
    financeUrl: config.FINANCE_URL,
    personnelUrl: config.PERSONNEL_URL,
    exposeInternals: config.NODE_ENV === 'development',
    requestBudgetMs: config.REQUEST_BUDGET_MS,
    readiness: { redis: () => redis.ping() },
  });
  const port = await listen(server.httpServer, config.PORT, config.HOST);
  const sections = new SectionWorker({
    service: 'evaluation',
    dataSource,
    store: createObjectStore(config),
    handlers: evaluationSectionHandlers(),
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    logger,
  });
  sections.start();
  relay.start();
  inbox.start();
  // Appeal windows close by the clock; the outbox relay then carries the consequences.
  const conclude = setInterval(() => {
    concludeClosedAssessments(dataSource, logger).catch((error: unknown) =>
      logger.warn({ err: (error as Error).message }, 'concluding assessments failed'),
    );
  }, config.CONSEQUENCE_INTERVAL_MS);
  logger.info({ host: config.HOST, port }, 'evaluation subgraph listening');
  closeOnSignals(logger, async () => {
    await sections.stop();
    clearInterval(conclude);
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
