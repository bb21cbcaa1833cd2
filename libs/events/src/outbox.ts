import { randomUUID } from 'node:crypto';
import type { EntityManager, QueryRunner } from 'typeorm';
import { appRole } from '@mingshi/db';
import { activeTraceCarrier } from '@mingshi/telemetry';
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

/**
 * Migration helper: the column in which an outbox row keeps the trace of the change that wrote it
 * (W3C `traceparent`/`tracestate`), so the relay publishes the event in that trace and the
 * consumer's handling of it continues it. Null when nothing traced the change.
 */
export async function addOutboxTraceContext(runner: QueryRunner, schema: string): Promise<void> {
  await runner.query(`ALTER TABLE ${schema}.outbox ADD COLUMN trace_context jsonb`);
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
  const trace = activeTraceCarrier();
  await manager.query(
    `INSERT INTO ${schema}.outbox (event_id, type, region_code, payload, occurred_at, trace_context)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      envelope.id,
      envelope.type,
      envelope.regionCode,
      JSON.stringify(envelope.payload),
      envelope.occurredAt,
      trace && JSON.stringify(trace),
    ],
  );
  return envelope;
}
