import { z } from '@mingshi/config';
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

/**
 * REPORT_WORKER_LOCK_MS, read by every service that runs a report worker (section or assembly):
 * how long a worker's hold on a job lasts between renewals, and so how soon a job whose worker died
 * is given to another — between one and two of it (default 30 s, BullMQ's). Shorter takes over
 * sooner; it must stay well above the longest the worker's event loop is ever blocked.
 */
export const reportWorkerEnv = {
  REPORT_WORKER_LOCK_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(600_000)
    .default(DEFAULT_STALL_SETTINGS.lockDurationMs),
};

/** The stall settings of one lock duration: the stalled-job check runs as often as a lock lasts. */
export function reportStallSettings(lockDurationMs: number): StallSettings {
  return { ...DEFAULT_STALL_SETTINGS, lockDurationMs, stalledIntervalMs: lockDurationMs };
}
