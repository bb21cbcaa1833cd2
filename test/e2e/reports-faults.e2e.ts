import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { once } from 'node:events';
import { Client } from 'pg';
import { NATIONWIDE, Role } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import { createLogger } from '@mingshi/logger';
import { ReportKind, SectionWorker } from '@mingshi/reports';
import { QueueName, createRedisConnection, hashTaggedPrefix } from '@mingshi/events';
import { redisUrl } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import { THIS_YEAR } from '../harness/finance-fixtures';
import { TEST_STALL_SETTINGS, finished, requested } from '../harness/report-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';

/**
 * Reports when things go wrong: a section that keeps failing fails its report with the reason,
 * never a partial file; a section worker killed in the middle of a section is replaced and the
 * report still comes out.
 */
const WEST = '510403';
const westOffice: TokenRequest = { role: Role.COUNTY_OFFICE, region: WEST };
const ROOT = path.join(__dirname, '..', '..');

describe('report faults', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start();
    const school = await createSchool(system, WEST);
    await createTeacher(system, school, WEST, { name: '王老师' });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('fails the report with a readable reason when a section keeps failing, after retries', async () => {
    await system.sectionWorkers.finance.stop();
    const redis = createRedisConnection(redisUrl());
    const broken = new SectionWorker({
      service: 'finance',
      dataSource: system.finance.db,
      store: system.reportStore,
      handlers: {
        [ReportKind.FUND_USAGE]: async () => {
          throw new Error('the finance ledger is being rebuilt');
        },
      },
      connection: redis,
      prefix: system.queuePrefix,
      logger: createLogger('test', 'silent'),
      stall: TEST_STALL_SETTINGS,
    });
    broken.start();
    try {
      const job = await requested(system, westOffice, {
        kind: 'FUND_USAGE',
        regionCode: WEST,
        year: THIS_YEAR,
        format: 'XLSX',
      });
      const done = await finished(system, westOffice, job.id);
      expect(done.status).toBe('FAILED');
      expect(done.error).toMatch(
        /finance section failed: the finance ledger is being rebuilt \(after 3 attempts\)/,
      );
      expect(done.fileName).toBeNull();
      expect(done.sections.find((s) => s.service === 'FINANCE')?.status).toBe('FAILED');
      const link = await system.gql(westOffice, `query ($id: ID!) { reportJob(id: $id) { downloadUrl } }`, {
        id: job.id,
      });
      expect(link.data).toEqual({ reportJob: { downloadUrl: null } });
    } finally {
      await broken.stop();
      await redis.quit();
      system.sectionWorkers.finance.start();
    }
  }, 60_000);

  it('finishes the report when the worker computing a section is killed mid-section', async () => {
    await system.sectionWorkers.personnel.stop();
    // The section blocks on this lock, so the worker is surely inside it when it is killed.
    const owner = new Client({ connectionString: system.database.ownerUrl });
    await owner.connect();
    await owner.query('BEGIN');
    await owner.query('LOCK TABLE personnel.teacher IN ACCESS EXCLUSIVE MODE');
    let worker: ChildProcess | null = null;
    try {
      // node itself with tsx's hooks, not the tsx CLI: a kill must reach the worker, not a wrapper.
      worker = spawn(process.execPath, ['--import', 'tsx', 'test/harness/section-worker-process.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          SECTION_SERVICE: 'personnel',
          DATABASE_URL: system.database.appUrl,
          REDIS_URL: redisUrl(),
          QUEUE_PREFIX: system.queuePrefix,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await once(worker.stdout!, 'data');
      const job = await requested(system, westOffice, {
        kind: 'TRAINING_HOURS',
        regionCode: WEST,
        year: THIS_YEAR,
        format: 'CSV',
      });
      await waitFor(async () => (await sectionStatus(job.id)) === 'RUNNING');
      worker.kill('SIGKILL');
      await once(worker, 'exit');
      system.sectionWorkers.personnel.start();
      await owner.query('COMMIT');
      const done = await finished(system, westOffice, job.id);
      expect(done).toMatchObject({ status: 'SUCCEEDED', error: null });
      expect(done.sections[0]).toMatchObject({ service: 'PERSONNEL', status: 'SUCCEEDED' });
    } finally {
      worker?.kill('SIGKILL');
      await owner.end();
      system.sectionWorkers.personnel.start();
    }
  }, 60_000);

  it('records every other report when one cannot be recorded, and keeps trying that one', async () => {
    const ask = { regionCode: WEST, year: THIS_YEAR - 1, format: 'CSV' } as const;
    const unrecordable = await requested(system, westOffice, { ...ask, kind: 'STUDIO_ROSTER' });
    const other = await requested(system, westOffice, { ...ask, kind: 'TRAINING_HOURS' });
    for (const job of [unrecordable, other]) {
      expect(await finished(system, westOffice, job.id)).toMatchObject({ status: 'SUCCEEDED' });
    }
    // The older one's render loses its result, so recording it as SUCCEEDED is refused; then both
    // rows go back to before their renders were recorded, as after a tracker that died then.
    const asSystem = (sql: string, params: unknown[]) =>
      withScopedTransaction(system.reports.db, NATIONWIDE, (manager) => manager.query(sql, params));
    const redis = createRedisConnection(redisUrl());
    try {
      const assemblyKey = `${hashTaggedPrefix(system.queuePrefix)}:${QueueName.REPORT_ASSEMBLY}:${unrecordable.id}`;
      await redis.hset(assemblyKey, 'returnvalue', 'null');
      await asSystem(
        `UPDATE reports.report_job SET status = 'RUNNING', progress = 95, finished_at = NULL, file_key = NULL
         WHERE id = ANY($1::uuid[])`,
        [[unrecordable.id, other.id]],
      );

      await system.reportTracker.sweep();
      const status = async (id: string) =>
        (
          await system.gql<{ reportJob: { status: string } }>(
            westOffice,
            `query ($id: ID!) { reportJob(id: $id) { status } }`,
            { id },
          )
        ).data?.reportJob.status;
      expect(await status(other.id)).toBe('SUCCEEDED');
      expect(await status(unrecordable.id)).toBe('RUNNING');
    } finally {
      // Out of the way of the other tests: the tracker would try it on every sweep.
      await asSystem(
        `UPDATE reports.report_job SET status = 'FAILED', finished_at = now() WHERE id = $1 AND status = 'RUNNING'`,
        [unrecordable.id],
      );
      await redis.quit();
    }
  }, 90_000);

  async function sectionStatus(id: string): Promise<string | undefined> {
    const response = await system.gql<{ reportJob: { sections: { status: string }[] } }>(
      westOffice,
      `query ($id: ID!) { reportJob(id: $id) { sections { status } } }`,
      { id },
    );
    return response.data?.reportJob.sections[0]?.status;
  }
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
