import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxTable } from '@mingshi/events';

/**
 * Finance now produces events (its answers to assessment consequences), written to the outbox in
 * the transaction of the change and relayed to the queues from there.
 */
export class CreateFinanceOutbox1733000000003 implements MigrationInterface {
  name = 'CreateFinanceOutbox1733000000003';

  async up(q: QueryRunner): Promise<void> {
    await createOutboxTable(q, 'finance');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE finance.outbox`);
  }
}
