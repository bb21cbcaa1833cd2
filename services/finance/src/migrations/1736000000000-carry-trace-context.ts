import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addOutboxTraceContext } from '@mingshi/events';

/**
 * Work that goes on after the request that caused it keeps that request's trace: an outbox row
 * (relayed to the queues later) and a fund event (delivered by webhook later) each record the
 * W3C trace context of the change that wrote them, null when nothing traced it.
 */
export class CarryTraceContext1736000000000 implements MigrationInterface {
  name = 'CarryTraceContext1736000000000';

  async up(q: QueryRunner): Promise<void> {
    await addOutboxTraceContext(q, 'finance');
    await q.query(`ALTER TABLE finance.fund_event ADD COLUMN trace_context jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE finance.fund_event DROP COLUMN trace_context`);
    await q.query(`ALTER TABLE finance.outbox DROP COLUMN trace_context`);
  }
}
