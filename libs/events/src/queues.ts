import type { JobsOptions } from 'bullmq';

/**
 * Every BullMQ queue of the system, in one place. Each consuming service has one inbox queue for
 * the domain events routed to it (see events.ts); the relay fills them from the producers' outboxes.
 */
export enum QueueName {
  PERSONNEL_INBOX = 'personnel-inbox',
  FINANCE_INBOX = 'finance-inbox',
  WORKSHOP_INBOX = 'workshop-inbox',
  EVALUATION_INBOX = 'evaluation-inbox',
  /** Fund events on their way to finance systems' webhook endpoints, one job per delivery. */
  FINANCE_WEBHOOKS = 'finance-webhooks',
  /** Report sections each owning service computes (libs/reports), one queue per service. */
  PERSONNEL_REPORT_SECTIONS = 'personnel-report-sections',
  WORKSHOP_REPORT_SECTIONS = 'workshop-report-sections',
  FINANCE_REPORT_SECTIONS = 'finance-report-sections',
  EVALUATION_REPORT_SECTIONS = 'evaluation-report-sections',
  /** The last step of a report's flow: the reports service renders the file from its sections. */
  REPORT_ASSEMBLY = 'report-assembly',
}

/**
 * Delivery options for domain events: retried with backoff for about a day, so a consumer that is
 * down for maintenance catches up when it returns; the job id is the event id, so a relay that
 * publishes an event twice adds it once while the first copy is still kept.
 */
export const EVENT_JOB_OPTIONS: JobsOptions = {
  attempts: 25,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
