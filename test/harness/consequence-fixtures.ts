import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import {
  EVENT_JOB_OPTIONS,
  createRedisConnection,
  type DomainEvent,
  type EventEnvelope,
  type QueueName,
} from '@mingshi/events';
import { redisUrl } from '@mingshi/testing';
import type { TestSystem } from './system';

/** An event as evaluation's outbox would carry it: a fresh id, now. */
export function envelopeOf<E extends DomainEvent>(payload: E, regionCode: string): EventEnvelope<E> {
  return {
    id: randomUUID(),
    type: payload.type,
    regionCode,
    occurredAt: new Date().toISOString(),
    payload,
  };
}

/**
 * A service's inbox queue, filled by hand the way OutboxRelay fills it: the producing service
 * (evaluation) need not exist for its events to arrive.
 */
export class InboxQueue {
  private readonly connection = createRedisConnection(redisUrl());
  private readonly queue: Queue<EventEnvelope>;

  constructor(system: TestSystem, name: QueueName) {
    this.queue = new Queue<EventEnvelope>(name, { connection: this.connection, prefix: system.queuePrefix });
  }

  /**
   * Adds the envelope as the relay does, its job id the event id. A job id of its own (BullMQ
   * refuses ':' in one) delivers the
   * same envelope again past BullMQ's dedup, as a relay that published twice after the first job
   * was removed would: then only the consumer's inbox stands between the event and a second effect.
   */
  async deliver(envelope: EventEnvelope, jobId = envelope.id): Promise<void> {
    await this.queue.add(envelope.type, envelope, { ...EVENT_JOB_OPTIONS, jobId });
  }

  /** Where the job stands: `completed` once handled, `delayed` while waiting to be retried. */
  async stateOf(jobId: string): Promise<string> {
    const job = await this.queue.getJob(jobId);
    if (!job) throw new Error(`no job ${jobId} on ${this.queue.name}`);
    return job.getState();
  }

  /** The envelope a job carries, as the consuming service would receive it. */
  async jobEnvelope(jobId: string): Promise<EventEnvelope | undefined> {
    return (await this.queue.getJob(jobId))?.data;
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}

export interface RecordedEvent {
  eventId: string;
  regionCode: string;
  payload: Record<string, unknown>;
  published: boolean;
}

/**
 * Events of `type` in a service's outbox, oldest first, read as the database owner: the answers
 * go to evaluation, which has no public surface here to read them through.
 */
export async function outboxEvents(
  system: TestSystem,
  schema: 'workshop' | 'finance',
  type: string,
): Promise<RecordedEvent[]> {
  const owner = new Client({ connectionString: system.database.ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query(
      `SELECT event_id, region_code, payload, published_at FROM ${schema}.outbox WHERE type = $1 ORDER BY position`,
      [type],
    );
    return rows.map((row) => ({
      eventId: row.event_id,
      regionCode: row.region_code,
      payload: row.payload,
      published: row.published_at !== null,
    }));
  } finally {
    await owner.end();
  }
}

/** The answers to one consequence in a service's outbox (exactly one, when all is well). */
export async function settlementsOf(
  system: TestSystem,
  schema: 'workshop' | 'finance',
  consequenceId: string,
): Promise<RecordedEvent[]> {
  return (await outboxEvents(system, schema, `${schema}.consequence-settled`)).filter(
    (event) => event.payload.consequenceId === consequenceId,
  );
}
