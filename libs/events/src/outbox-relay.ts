import { Queue } from 'bullmq';
import type { QueueRedis } from './redis-connection';
import type { DataSource } from 'typeorm';
import type { Logger } from '@mingshi/logger';
import { continueTrace, type TraceCarrier } from '@mingshi/telemetry';
import { EVENT_ROUTES, type EventEnvelope, type EventType } from './events';
import { observeOutbox } from './outbox-metrics';
import { queueTelemetry } from './queue-telemetry';
import { EVENT_JOB_OPTIONS, type QueueName } from './queues';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  schema: string;
  connection: QueueRedis;
  prefix: string;
  logger: Logger;
  /** How often to look for new events; a write also wakes the relay through `poke()`. */
  intervalMs?: number;
  batchSize?: number;
}

interface OutboxRow {
  position: string;
  event_id: string;
  type: EventType;
  region_code: string;
  payload: EventEnvelope['payload'];
  occurred_at: Date;
  trace_context: TraceCarrier | null;
}

/**
 * Moves events from a service's outbox to the queues of the services that consume them. Several
 * replicas may run: `FOR UPDATE SKIP LOCKED` lets each take different rows, and should an event
 * be published twice anyway (a crash between adding and marking), its job id — the event id —
 * and the consumers' inboxes make the second copy harmless.
 */
export class OutboxRelay {
  private readonly queues = new Map<QueueName, Queue>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private unobserve: (() => void) | null = null;

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    this.unobserve = observeOutbox(this.options.schema, this.options.dataSource);
    const tick = () => {
      void this.relayOnce()
        .catch((error: unknown) =>
          this.options.logger.warn({ err: (error as Error).message }, 'outbox relay failed'),
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs ?? 500);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.unobserve?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  /** Publishes one batch of pending events; returns how many. Safe to call concurrently. */
  relayOnce(): Promise<number> {
    this.running ??= this.publishBatch().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async publishBatch(): Promise<number> {
    const { dataSource, schema, batchSize = 100 } = this.options;
    return dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT position, event_id, type, region_code, payload, occurred_at, trace_context FROM ${schema}.outbox
         WHERE published_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      for (const row of rows) {
        const envelope: EventEnvelope = {
          id: row.event_id,
          type: row.type,
          regionCode: row.region_code,
          occurredAt: new Date(row.occurred_at).toISOString(),
          payload: row.payload,
        };
        // Published in the trace of the change that recorded it: the job carries that trace on.
        await continueTrace(row.trace_context, async () => {
          for (const name of EVENT_ROUTES[row.type] ?? []) {
            await this.queue(name).add(row.type, envelope, { ...EVENT_JOB_OPTIONS, jobId: row.event_id });
          }
        });
      }
      await manager.query(
        `UPDATE ${schema}.outbox SET published_at = now() WHERE position = ANY($1::bigint[])`,
        [rows.map((row) => row.position)],
      );
      this.options.logger.debug({ count: rows.length }, 'outbox events published');
      return rows.length;
    });
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.options.connection,
        prefix: this.options.prefix,
        telemetry: queueTelemetry(),
      });
      this.queues.set(name, queue);
    }
    return queue;
  }
}
