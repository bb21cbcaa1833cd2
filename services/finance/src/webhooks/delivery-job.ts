import type { JobsOptions } from 'bullmq';

/** A queued delivery: everything else is read from its row when it runs. */
export interface WebhookJob {
  deliveryId: string;
}

/** The backoff strategy's name: the worker computes each delay itself (see retry-schedule.ts). */
export const WEBHOOK_BACKOFF = 'webhook-schedule';

/**
 * The worker ends a delivery itself when its schedule is spent (UnrecoverableError), so BullMQ's
 * own limit is only a backstop. Finished jobs are kept a while so a job id (the delivery id)
 * added again is recognised as done.
 */
export const WEBHOOK_JOB_OPTIONS: JobsOptions = {
  attempts: 1_000,
  backoff: { type: WEBHOOK_BACKOFF },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
