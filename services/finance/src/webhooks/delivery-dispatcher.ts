import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { NATIONWIDE } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import { WEBHOOK_JOB_OPTIONS, type WebhookJob } from './delivery-job';

/** Deliveries handed to the queue per transaction. */
export const DISPATCH_BATCH_SIZE = 500;

/**
 * The channel a change to an endpoint's deliveries (resume, replay, redeliver) notifies at commit,
 * so the fan-out and dispatcher act on it at once instead of at their next tick.
 */
export const WEBHOOK_DELIVERIES_CHANNEL = 'finance_webhook_deliveries';

/**
 * Adds recorded deliveries to the queue, in log order, and marks them enqueued: the delivery rows
 * are the jobs' outbox. The job id is the delivery id, so a row added twice (a crash between the
 * queue and the mark) is one job. `FOR UPDATE SKIP LOCKED` lets replicas share the work. Returns
 * whether the batch was full.
 */
export async function dispatchDeliveries(
  dataSource: DataSource,
  queue: Queue<WebhookJob>,
  batchSize = DISPATCH_BATCH_SIZE,
): Promise<boolean> {
  return withScopedTransaction(dataSource, NATIONWIDE, async (manager) => {
    const rows = (await manager.query(
      `SELECT id FROM finance.webhook_delivery WHERE enqueued_at IS NULL
       ORDER BY position, created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batchSize],
    )) as { id: string }[];
    if (rows.length === 0) return false;
    await queue.addBulk(
      rows.map((row) => ({
        name: 'deliver',
        data: { deliveryId: row.id },
        opts: { ...WEBHOOK_JOB_OPTIONS, jobId: row.id },
      })),
    );
    await manager.query(
      `UPDATE finance.webhook_delivery SET enqueued_at = now() WHERE id = ANY ($1::uuid[])`,
      [rows.map((row) => row.id)],
    );
    return rows.length === batchSize;
  });
}
