import './tracing';
import { connectQueueRedis } from '@mingshi/events';
import { createLogger } from '@mingshi/logger';
import { reportStallSettings } from '@mingshi/reports';
import { createObjectStore } from '@mingshi/storage';
import { PeriodicTask, runServiceProcess } from '@mingshi/subgraph-server';
import { AssemblyWorker } from './assembly/assembly-worker';
import { reportsConfig } from './config';
import { reportsDataSource } from './data-source';
import { buildReportsServer } from './server';
import { DownloadLinks } from './services/download-links';
import { ReportFlow, producerConnection } from './services/report-flow';
import { ReportTracker } from './services/report-tracker';

async function main(): Promise<void> {
  const config = reportsConfig();
  const logger = createLogger('reports', config.LOG_LEVEL);
  const dataSource = await reportsDataSource(config.DATABASE_URL).initialize();
  const redis = connectQueueRedis(config.REDIS_URL, logger, { cluster: config.REDIS_CLUSTER });
  const readiness = { redis: () => redis.ping() };
  // The graph adds flows; the assembly reads them back. Both parts need them.
  const producer = await producerConnection(config.REDIS_URL, { cluster: config.REDIS_CLUSTER });
  const store = createObjectStore(config);
  const flow = new ReportFlow(producer, config.QUEUE_PREFIX, config.REPORT_SECTIONS_IN_PARALLEL);
  const tracker = new ReportTracker(dataSource, flow, store, logger, config.REPORT_RETENTION_DAYS);
  await runServiceProcess({
    service: 'reports',
    config,
    logger,
    dataSource,
    readiness,
    parts: {
      graph: async () => ({
        server: await buildReportsServer({
          dataSource,
          identitySecret: config.GATEWAY_IDENTITY_SECRET,
          logger,
          flow,
          store,
          links: new DownloadLinks(config.REPORT_DOWNLOAD_SECRET, () => config.REPORT_DOWNLOAD_BASE_URL),
          exposeInternals: config.NODE_ENV === 'development',
          requestBudgetMs: config.REQUEST_BUDGET_MS,
          readiness,
        }),
      }),
      assembly: () => [
        new AssemblyWorker({
          connection: redis,
          prefix: config.QUEUE_PREFIX,
          tracker,
          logger,
          concurrency: config.REPORT_RENDER_CONCURRENCY,
          stall: reportStallSettings(config.REPORT_WORKER_LOCK_MS),
        }),
        // Reading flows back and applying retention is the assembly's side of a report (process-parts.ts).
        new PeriodicTask('report sweep', config.REPORT_TRACK_INTERVAL_MS, () => tracker.sweep(), logger),
      ],
    },
    close: async () => {
      await flow.close();
      await dataSource.destroy();
      await producer.quit();
      await redis.quit();
    },
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
