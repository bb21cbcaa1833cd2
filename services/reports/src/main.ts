import './tracing';
import { createRedisConnection } from '@mingshi/events';
import { createLogger } from '@mingshi/logger';
import { createObjectStore } from '@mingshi/storage';
import { closeOnSignals, labelServiceMetrics, listen } from '@mingshi/subgraph-server';
import { AssemblyWorker } from './assembly/assembly-worker';
import { reportsConfig } from './config';
import { reportsDataSource } from './data-source';
import { buildReportsServer } from './server';
import { DownloadLinks } from './services/download-links';
import { ReportFlow, producerConnection } from './services/report-flow';
import { ReportTracker } from './services/report-tracker';

async function main(): Promise<void> {
  const config = reportsConfig();
  labelServiceMetrics('reports');
  const logger = createLogger('reports', config.LOG_LEVEL);
  const dataSource = await reportsDataSource(config.DATABASE_URL).initialize();
  const redis = createRedisConnection(config.REDIS_URL);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis unavailable'));
  const producer = await producerConnection(config.REDIS_URL);
  const store = createObjectStore(config);
  const flow = new ReportFlow(producer, config.QUEUE_PREFIX, config.REPORT_SECTIONS_IN_PARALLEL);
  const tracker = new ReportTracker(dataSource, flow, store, logger, config.REPORT_RETENTION_DAYS);
  const assembly = new AssemblyWorker({
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    tracker,
    logger,
    concurrency: config.REPORT_RENDER_CONCURRENCY,
  });
  const server = await buildReportsServer({
    dataSource,
    identitySecret: config.GATEWAY_IDENTITY_SECRET,
    logger,
    flow,
    store,
    links: new DownloadLinks(config.REPORT_DOWNLOAD_SECRET, () => config.REPORT_DOWNLOAD_BASE_URL),
    exposeInternals: config.NODE_ENV === 'development',
    requestBudgetMs: config.REQUEST_BUDGET_MS,
    readiness: { redis: () => redis.ping() },
  });
  const port = await listen(server.httpServer, config.PORT, config.HOST);
  assembly.start();
  const sweep = setInterval(() => {
    tracker
      .sweep()
      .catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'report sweep failed'));
  }, config.REPORT_TRACK_INTERVAL_MS);
  logger.info({ host: config.HOST, port }, 'reports subgraph listening');
  closeOnSignals(logger, async () => {
    clearInterval(sweep);
    await server.stop();
    await assembly.stop();
    await flow.close();
    await dataSource.destroy();
    await producer.quit();
    await redis.quit();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
