import { randomUUID } from 'node:crypto';
import type { EntityManager, QueryRunner } from 'typeorm';
import { appRole } from '@mingshi/db';
import type { DomainEvent, EventEnvelope } from './events';

/**
 * Transactional outbox: a service records an event in its own schema in the same transaction as
 * the change that caused it, so the change and the event commit or roll back together. The relay
 * (outbox-relay.ts) then puts it on the queues.
 */
export async function createOutboxTable(runner: QueryRunner, schema: string): Promise<void> {
  await runner.query(`
    CREATE TABLE ${schema}.outbox (
      position bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      type varchar(100) NOT NULL,
      region_code varchar(6) NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  await runner.query(
    `CREATE INDEX outbox_unpublished_idx ON ${schema}.outbox (position) WHERE published_at IS NULL`,
  );
  await runner.query(`GRANT SELECT, INSERT, UPDATE ON ${schema}.outbox TO ${appRole()}`);
  await runner.query(`GRANT USAGE ON SEQUENCE ${schema}.outbox_position_seq TO ${appRole()}`);
}

export async function recordEvent<E extends DomainEvent>(
  manager: EntityManager,
  schema: string,
  regionCode: string,
  payload: E,
): Promise<EventEnvelope<E>> {
  const envelope: EventEnvelope<E> = {
    id: randomUUID(),
    type: payload.type,
    regionCode,
    occurredAt: new Date().toISOString(),
    payload,
  };
  await manager.query(
    `INSERT INTO ${schema}.outbox (event_id, type, region_code, payload, occurred_at) VALUES ($1, $2, $3, $4, $5)`,
    [envelope.id, envelope.type, envelope.regionCode, JSON.stringify(envelope.payload), envelope.occurredAt],
  );
  return envelope;
}
