import type { JobsOptions } from 'bullmq';
import { z } from '@mingshi/config';

/**
 * The key prefix of every queue (QUEUE_PREFIX), wrapped in braces: a Redis Cluster hashes only
 * the part of a key between the first `{` and the next `}`, so every key of every queue of one
 * deployment lands in one hash slot. BullMQ needs that: a queue's Lua scripts touch several of
 * its keys at once, and a flow (a report's assembly over its sections) touches several queues.
 * The cost is that a cluster does not spread one deployment's queues over its nodes.
 */
export const DEFAULT_QUEUE_PREFIX = '{mingshi}';

/**
 * A prefix that already holds a hash tag (non-empty, between the first `{` and the next `}`, as
 * Redis reads it) is kept; any other is wrapped in braces, so `mingshi-bench` becomes
 * `{mingshi-bench}`. Every process applies the same rule, so they all meet on the same keys.
 */
export function hashTaggedPrefix(prefix: string): string {
  const open = prefix.indexOf('{');
  const close = open === -1 ? -1 : prefix.indexOf('}', open + 1);
  return close > open + 1 ? prefix : `{${prefix}}`;
}

/** QUEUE_PREFIX as every process reads it: the deployment's prefix, hash-tagged. */
export const queuePrefixSetting = () =>
  z.string().min(1, 'must not be empty').default(DEFAULT_QUEUE_PREFIX).transform(hashTaggedPrefix);

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
