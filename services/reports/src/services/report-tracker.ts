import type { DataSource, EntityManager } from 'typeorm';
import { NATIONWIDE } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import type { Logger } from '@mingshi/logger';
import { REPORT_SECTIONS } from '@mingshi/reports';
import { deletePrefix, type ObjectStore } from '@mingshi/storage';
import { ReportJobEntity } from '../entities';
import { reportFolder, type AssemblyResult } from '../assembly/assembly-job';
import { jobProgress } from '../rules/job-progress';
import type { ReportFlow } from './report-flow';
import { recordReportDuration } from './report-metrics';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Keeps report jobs in step with their flows. The queues are where the work happens; the table
 * is what callers read. Every open job is read back from the queues on each sweep (and at once
 * when its assembly ends), so a missed event or a restart of this service loses nothing: the
 * next sweep finds the flow where it is. Sweeps also apply retention.
 */
export class ReportTracker {
  constructor(
    private readonly dataSource: DataSource,
    private readonly flow: ReportFlow,
    private readonly store: ObjectStore,
    private readonly logger: Logger,
    private readonly retentionDays: number,
  ) {}

  /** Brings every open job up to date, then removes expired files. */
  async sweep(now = new Date()): Promise<void> {
    const open = await this.system((manager) =>
      manager.getRepository(ReportJobEntity).find({
        where: [{ status: 'QUEUED' }, { status: 'RUNNING' }],
        order: { requestedAt: 'ASC' },
        take: 500,
      }),
    );
    // One job that cannot be recorded must not hold back the jobs after it: it is tried again next sweep.
    const failures: { reportId: string; err: string }[] = [];
    for (const job of open) {
      await this.reconcile(job.id, now).catch((error: unknown) =>
        failures.push({ reportId: job.id, err: (error as Error).message }),
      );
    }
    if (failures.length) {
      this.logger.warn({ failed: failures.length, first: failures[0] }, 'reports not recorded this sweep');
    }
    await this.applyRetention(now);
  }

  /** Reads one job's flow and records what it shows; a cancelled job's late output is discarded. */
  async reconcile(reportId: string, now = new Date()): Promise<void> {
    const job = await this.system((manager) =>
      manager.getRepository(ReportJobEntity).findOneBy({ id: reportId }),
    );
    if (!job) return;
    if (job.status === 'CANCELLED') {
      await deletePrefix(this.store, reportFolder(job.id));
      return;
    }
    if (job.status !== 'QUEUED' && job.status !== 'RUNNING') return;
    const services = REPORT_SECTIONS[job.kind].map((spec) => spec.service);
    const state = await this.flow.state(job.id, services);
    const progress = jobProgress(services, state);
    const finished = progress.status === 'SUCCEEDED' || progress.status === 'FAILED';
    const result = progress.status === 'SUCCEEDED' ? (state.assembly?.result as AssemblyResult) : null;
    const moved = await this.system(async (manager) => {
      // Only an open job moves: a cancel that landed meanwhile wins.
      return manager
        .createQueryBuilder()
        .update(ReportJobEntity)
        .set({
          status: progress.status,
          progress: progress.progress,
          sections: progress.sections,
          error: progress.error,
          ...(progress.status !== 'QUEUED' && !job.startedAt ? { startedAt: now } : {}),
          ...(finished
            ? { finishedAt: now, expiresAt: new Date(now.getTime() + this.retentionDays * DAY_MS) }
            : {}),
          ...(result
            ? {
                fileKey: result.fileKey,
                fileSha256: result.sha256,
                sizeBytes: result.sizeBytes,
                sectionDigests: result.sectionDigests,
                reusedFromId: result.reusedFromId,
              }
            : {}),
        })
        .where('id = :id AND status IN (:...open)', { id: job.id, open: ['QUEUED', 'RUNNING'] })
        .execute();
    });
    // Counted by the replica whose update finished it, so each report once.
    if (finished && moved.affected) {
      recordReportDuration(
        job.kind,
        progress.status === 'SUCCEEDED' ? 'succeeded' : 'failed',
        job.requestedAt,
        now,
      );
    }
    if (finished) {
      await deletePrefix(this.store, `${reportFolder(job.id)}sections/`);
      this.logger.info(
        { reportId: job.id, status: progress.status, error: progress.error },
        'report finished',
      );
    }
  }

  /** Removes the folders of jobs past retention and records that their files are gone. */
  async applyRetention(now = new Date()): Promise<number> {
    const expired = await this.system((manager) =>
      manager
        .getRepository(ReportJobEntity)
        .createQueryBuilder('j')
        .where('j.expires_at < :now AND j.file_removed_at IS NULL', { now })
        .orderBy('j.expires_at', 'ASC')
        .take(200)
        .getMany(),
    );
    for (const job of expired) {
      await deletePrefix(this.store, reportFolder(job.id));
      await this.system((manager) =>
        manager.getRepository(ReportJobEntity).update({ id: job.id }, { fileRemovedAt: now }),
      );
    }
    return expired.length;
  }

  /** The tracker acts for the system, across every region. */
  private system<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withScopedTransaction(this.dataSource, NATIONWIDE, work);
  }
}
