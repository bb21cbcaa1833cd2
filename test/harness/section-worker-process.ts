/**
 * One owning service's report-section worker as a process of its own, for tests that kill it
 * (kill -9) in the middle of a section. Configured from the environment: SECTION_SERVICE,
 * DATABASE_URL (the app role), REDIS_URL, QUEUE_PREFIX and the report store's variables.
 */
import { createRedisConnection } from '@mingshi/events';
import { createLogger } from '@mingshi/logger';
import { SectionWorker, type SectionService } from '@mingshi/reports';
import { LocalDirectoryStore } from '@mingshi/storage';
import { personnelDataSource } from '../../services/personnel/src/data-source';
import { personnelSectionHandlers } from '../../services/personnel/src/report-sections';
import { TEST_STALL_SETTINGS } from './report-fixtures';

async function main(): Promise<void> {
  const service = process.env.SECTION_SERVICE as SectionService;
  if (service !== 'personnel') throw new Error(`no section worker process for ${service}`);
  const dataSource = await personnelDataSource(process.env.DATABASE_URL!).initialize();
  const worker = new SectionWorker({
    service,
    dataSource,
    store: new LocalDirectoryStore(process.env.REPORT_STORE_DIR!),
    handlers: personnelSectionHandlers({ requiredTrainingHours: 72 }),
    connection: createRedisConnection(process.env.REDIS_URL!),
    prefix: process.env.QUEUE_PREFIX!,
    logger: createLogger('section-worker', 'silent'),
    stall: TEST_STALL_SETTINGS,
  });
  worker.start();
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
