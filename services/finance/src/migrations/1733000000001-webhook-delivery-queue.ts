import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery row is the outbox of its queue job: the fan-out and redeliveries insert rows in their
 * own transaction, and the dispatcher adds each to the queue after it committed and marks it
 * `enqueued_at` (webhooks/delivery-dispatcher.ts). A job therefore never runs before its row is
 * visible, and a crash between the commit and the queue leaves the row to be enqueued again.
 *
 * Also widens the delivery status to hold SUCCEEDED, nine letters, which varchar(8) refused.
 */
export class WebhookDeliveryQueue1733000000001 implements MigrationInterface {
  name = 'WebhookDeliveryQueue1733000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE finance.webhook_delivery ALTER COLUMN status TYPE varchar(9)`);
    await q.query(`ALTER TABLE finance.webhook_delivery ADD COLUMN enqueued_at timestamptz`);
    await q.query(
      `CREATE INDEX webhook_delivery_unqueued_idx ON finance.webhook_delivery (position, created_at)
       WHERE enqueued_at IS NULL`,
    );
    await q.query(`CREATE INDEX webhook_delivery_event_idx ON finance.webhook_delivery (event_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS finance.webhook_delivery_event_idx`);
    await q.query(`DROP INDEX IF EXISTS finance.webhook_delivery_unqueued_idx`);
    await q.query(`ALTER TABLE finance.webhook_delivery DROP COLUMN IF EXISTS enqueued_at`);
    await q.query(`ALTER TABLE finance.webhook_delivery ALTER COLUMN status TYPE varchar(8)`);
  }
}
