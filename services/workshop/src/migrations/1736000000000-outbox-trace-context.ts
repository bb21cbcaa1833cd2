import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addOutboxTraceContext } from '@mingshi/events';

/**
 * An outbox row records the W3C trace context of the change that wrote it (null when nothing
 * traced it), so the relay publishes the event in that change's trace.
 */
export class OutboxTraceContext1736000000000 implements MigrationInterface {
  name = 'OutboxTraceContext1736000000000';

  async up(q: QueryRunner): Promise<void> {
    await addOutboxTraceContext(q, 'workshop');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workshop.outbox DROP COLUMN trace_context`);
  }
}
