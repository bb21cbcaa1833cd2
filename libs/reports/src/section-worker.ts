import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { QueueRedis } from '@mingshi/events';
import type { DataSource } from 'typeorm';
import { observeQueue, queueTelemetry } from '@mingshi/events';
import type { Logger } from '@mingshi/logger';
import type { ObjectStore } from '@mingshi/storage';
import type { ReportKind, SectionService } from './report-kinds';
import { DEFAULT_STALL_SETTINGS, SECTION_QUEUES, type StallSettings } from './report-queues';
import type { AnySectionHandler } from './section-context';
import type { SectionJobData, SectionOutput } from './section-job';
import { SectionRefusedError, runSection } from './run-section';

export interface SectionWorkerOptions {
  service: SectionService;
  /** The primary. */
  dataSource: DataSource;
  /**
   * The read replicas' pool (DATABASE_READ_URL), if the service has one: sections are aggregates
   * and lists, so they read there, READ ONLY, and leave the primary to the writes.
   */
  readDataSource?: DataSource;
  /**
   * Whether a job's section must run on the primary after all, because it writes in its own
   * transaction (personnel records the personal data an unmasked report shows, in the snapshot it
   * read them from). A section that writes without saying so fails on the replicas, read-only.
   */
  needsPrimary?: (job: SectionJobData) => boolean;
  store: ObjectStore;
  /** The service's section of each kind it contributes to (REPORT_SECTIONS). */
  handlers: Partial<Record<ReportKind, AnySectionHandler>>;
  connection: QueueRedis;
  prefix: string;
  logger: Logger;
  /** Sections at once; each holds one database connection while it runs. */
  concurrency?: number;
  stall?: Partial<StallSettings>;
  statementTimeoutMs?: number;
}

/** The worker an owning service runs to compute its report sections, from its own queue. */
export class SectionWorker {
  private readonly worker: Worker<SectionJobData, SectionOutput>;
  private unobserve: (() => Promise<void>) | null = null;

  constructor(private readonly options: SectionWorkerOptions) {
    const stall = { ...DEFAULT_STALL_SETTINGS, ...options.stall };
    this.worker = new Worker(SECTION_QUEUES[options.service], (job) => this.compute(job), {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 1,
      autorun: false,
      lockDuration: stall.lockDurationMs,
      stalledInterval: stall.stalledIntervalMs,
      maxStalledCount: stall.maxStalledCount,
      telemetry: queueTelemetry(),
    });
    this.worker.on('failed', (job, error) =>
      options.logger.warn(
        {
          reportId: job?.data.reportId,
          section: options.service,
          attempts: job?.attemptsMade,
          err: error.message,
        },
        'report section failed',
      ),
    );
    this.worker.on('error', (error) =>
      options.logger.warn({ err: error.message }, 'report section worker error'),
    );
  }

  start(): void {
    const { service, connection, prefix } = this.options;
    this.unobserve ??= observeQueue(SECTION_QUEUES[service], connection, prefix);
    void this.worker.run();
  }

  /** Finishes the section in hand, then stops taking new ones (SIGTERM). */
  async stop(): Promise<void> {
    await this.worker.close();
    await this.unobserve?.();
    this.unobserve = null;
  }

  private async compute(job: Job<SectionJobData, SectionOutput>): Promise<SectionOutput> {
    const { service, logger } = this.options;
    const handler = this.options.handlers[job.data.request.kind];
    if (!handler)
      throw new UnrecoverableError(`The ${service} service computes no section of ${job.data.request.kind}`);
    const inputs = flatten(Object.values(await job.getChildrenValues<SectionOutput>()));
    const started = Date.now();
    const { readDataSource, needsPrimary } = this.options;
    const onReplicas = readDataSource !== undefined && !needsPrimary?.(job.data);
    try {
      const output = await runSection({
        dataSource: onReplicas ? readDataSource : this.options.dataSource,
        readOnly: onReplicas,
        store: this.options.store,
        job: job.data,
        handler,
        inputs,
        onProgress: (percent) => job.updateProgress(percent),
        statementTimeoutMs: this.options.statementTimeoutMs,
      });
      await job.updateProgress(100);
      logger.info(
        {
          reportId: job.data.reportId,
          section: service,
          rows: output.rows,
          ms: Date.now() - started,
          replicas: onReplicas,
        },
        'report section computed',
      );
      return inputs.length > 0 ? { ...output, forwarded: inputs } : output;
    } catch (error) {
      if (error instanceof SectionRefusedError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}

/** A section's inputs and everything they passed on, once each. */
export function flatten(outputs: SectionOutput[]): SectionOutput[] {
  const all = new Map<string, SectionOutput>();
  const visit = (output: SectionOutput): void => {
    all.set(output.service, { ...output, forwarded: undefined });
    output.forwarded?.forEach(visit);
  };
  outputs.forEach(visit);
  return [...all.values()].map(({ forwarded: _, ...output }) => output);
}
