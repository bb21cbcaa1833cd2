import path from 'node:path';
import { Worker } from 'bullmq';
import type { QueueRedis } from '@mingshi/events';
import { QueueName, observeQueue, queueTelemetry } from '@mingshi/events';
import type { Logger } from '@mingshi/logger';
import { DEFAULT_STALL_SETTINGS, type StallSettings } from '@mingshi/reports';
import type { ReportTracker } from '../services/report-tracker';

/** The sandboxed processor's file (a JS shim that loads the TypeScript processor). */
export const ASSEMBLE_SANDBOX = path.join(__dirname, 'assemble-sandbox.js');

/**
 * Renders reports whose sections are all in. Each render runs in a child process (BullMQ's
 * sandboxed processor); when one ends, the tracker records it at once rather than at its next sweep.
 */
export class AssemblyWorker {
  private readonly worker: Worker;
  private unobserve: (() => Promise<void>) | null = null;

  constructor(
    private readonly options: {
      connection: QueueRedis;
      prefix: string;
      tracker: ReportTracker;
      logger: Logger;
      concurrency: number;
      stall?: Partial<StallSettings>;
    },
  ) {
    const stall = { ...DEFAULT_STALL_SETTINGS, ...options.stall };
    this.worker = new Worker(QueueName.REPORT_ASSEMBLY, ASSEMBLE_SANDBOX, {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      autorun: false,
      lockDuration: stall.lockDurationMs,
      stalledInterval: stall.stalledIntervalMs,
      maxStalledCount: stall.maxStalledCount,
      // The child opens the store from its environment: the one this service reads its own from
      // (under jest, a copy that child_process would not pass on by itself).
      workerForkOptions: { env: process.env },
      // The render's span, in the parent, is the child of the report request's trace.
      telemetry: queueTelemetry(),
    });
    const settle = (reportId: string | undefined) => {
      if (reportId) {
        options.tracker
          .reconcile(reportId)
          .catch((error: unknown) =>
            options.logger.warn({ reportId, err: (error as Error).message }, 'recording a report failed'),
          );
      }
    };
    this.worker.on('completed', (job) => settle(job.id));
    this.worker.on('failed', (job, error) => {
      options.logger.warn(
        { reportId: job?.id, attempts: job?.attemptsMade, err: error.message },
        'report assembly failed',
      );
      settle(job?.id);
    });
    this.worker.on('error', (error) =>
      options.logger.warn({ err: error.message }, 'report assembly worker error'),
    );
  }

  start(): void {
    this.unobserve ??= observeQueue(QueueName.REPORT_ASSEMBLY, this.options.connection, this.options.prefix);
    void this.worker.run();
  }

  async stop(): Promise<void> {
    await this.worker.close();
    await this.unobserve?.();
    this.unobserve = null;
  }
}
