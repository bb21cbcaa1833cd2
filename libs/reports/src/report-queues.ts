import type { JobsOptions } from 'bullmq';
import { QueueName } from '@mingshi/events';
import type { SectionService } from './report-kinds';

/** Each owning service computes its sections from its own queue. */
export const SECTION_QUEUES: Record<SectionService, QueueName> = {
  personnel: QueueName.PERSONNEL_REPORT_SECTIONS,
  workshop: QueueName.WORKSHOP_REPORT_SECTIONS,
  finance: QueueName.FINANCE_REPORT_SECTIONS,
  evaluation: QueueName.EVALUATION_REPORT_SECTIONS,
};

/**
 * A section that fails is retried with backoff (a database restart, a lock timeout); one that
 * fails for good fails its report, so no report is ever assembled from fewer sections than it has.
 */
export const SECTION_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  failParentOnFailure: true,
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The assembly renders once its sections are in; a crashed renderer is retried once. */
export const ASSEMBLY_JOB_OPTIONS: JobsOptions = {
  attempts: 2,
  backoff: { type: 'fixed', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * How long a worker holds a job between lock renewals. A worker that dies stops renewing; after
 * the lock lapses the stalled-job check (every `stalledIntervalMs`) gives the job to another
 * worker, up to `maxStalledCount` times before it fails.
 */
export interface StallSettings {
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
}

export const DEFAULT_STALL_SETTINGS: StallSettings = {
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 2,
};
