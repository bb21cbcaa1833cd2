import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { NATIONWIDE } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import { continuedTraceOption } from '@mingshi/events';
import type { TraceCarrier } from '@mingshi/telemetry';
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
 * queue and the mark) is one job. `FOR UPDATE SKIP LOCKED` lets replicas share the work. Each job
 * continues the trace of the change to money its event records (the approving mutation's, say),
 * so one trace runs from that request to the webhook POST. Returns whether the batch was full.
 */
export async function dispatchDeliveries(
  dataSource: DataSource,
  queue: Queue<WebhookJob>,
  batchSize = DISPATCH_BATCH_SIZE,
): Promise<boolean> {
  return withScopedTransaction(dataSource, NATIONWIDE, async (manager) => {
    const rows = (await manager.query(
      `SELECT d.id, ev.trace_context FROM finance.webhook_delivery d
       JOIN finance.fund_event ev ON ev.id = d.event_id
       WHERE d.enqueued_at IS NULL
       ORDER BY d.position, d.created_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED`,
      [batchSize],
    )) as { id: string; trace_context: TraceCarrier | null }[];
    if (rows.length === 0) return false;
    await queue.addBulk(
      rows.map((row) => ({
        name: 'deliver',
        data: { deliveryId: row.id },
        opts: { ...WEBHOOK_JOB_OPTIONS, jobId: row.id, telemetry: continuedTraceOption(row.trace_context) },
      })),
    );
    await manager.query(
      `UPDATE finance.webhook_delivery SET enqueued_at = now() WHERE id = ANY ($1::uuid[])`,
      [rows.map((row) => row.id)],
    );
    return rows.length === batchSize;
  });
}
