import { Queue, Worker, type Job } from 'bullmq';
import type { QueueRedis } from './redis-connection';
import type { DataSource, EntityManager } from 'typeorm';
import { NATIONWIDE } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import type { Logger } from '@mingshi/logger';
import type { DomainEvent, EventEnvelope, EventType } from './events';
import { observeQueue } from './queue-metrics';
import { queueTelemetry } from './queue-telemetry';
import type { QueueName } from './queues';

/** Handles one event inside the consumer's transaction; throwing makes BullMQ retry it later. */
export type EventHandler<E extends DomainEvent = DomainEvent> = (
  manager: EntityManager,
  envelope: EventEnvelope<E>,
) => Promise<void>;

export type EventHandlers = { [T in EventType]?: EventHandler<Extract<DomainEvent, { type: T }>> };

export interface IdempotentConsumerOptions {
  queue: QueueName;
  dataSource: DataSource;
  /** The consuming service's schema, which holds its inbox table. */
  schema: string;
  connection: QueueRedis;
  prefix: string;
  logger: Logger;
  handlers: EventHandlers;
  concurrency?: number;
}

/**
 * Consumes a service's inbox queue, handling each event at most once: the event id goes into the
 * inbox table in the same transaction as the handler's writes, so a redelivered event finds its id
 * there and is skipped, and a handler that fails leaves no trace and is retried.
 */
export class IdempotentConsumer {
  private readonly worker: Worker;
  private counts: Queue | null = null;
  private unobserve: (() => Promise<void>) | null = null;

  constructor(private readonly options: IdempotentConsumerOptions) {
    this.worker = new Worker(options.queue, (job: Job<EventEnvelope>) => this.handle(job.data), {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 4,
      autorun: false,
      telemetry: queueTelemetry(),
    });
    this.worker.on('failed', (job, error) =>
      options.logger.warn(
        { eventId: job?.id, attempts: job?.attemptsMade, err: error.message },
        'event handling failed',
      ),
    );
  }

  start(): void {
    this.unobserve ??= observeQueue(this.options.queue, this.options.connection, this.options.prefix);
    void this.worker.run();
  }

  /** Finishes the jobs in hand, then stops taking new ones (SIGTERM). */
  async stop(): Promise<void> {
    await this.worker.close();
    await this.counts?.close();
    await this.unobserve?.();
    this.unobserve = null;
  }

  /** Whether nothing is waiting, delayed or in hand on the queue (tests wait for this). */
  async idle(): Promise<boolean> {
    this.counts ??= new Queue(this.options.queue, {
      connection: this.options.connection,
      prefix: this.options.prefix,
    });
    const counts = await this.counts.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((count) => count === 0);
  }

  /** Handles one envelope; exposed so tests can deliver the same event twice by hand. */
  async handle(envelope: EventEnvelope): Promise<'handled' | 'duplicate' | 'ignored'> {
    const handler = this.options.handlers[envelope.type] as EventHandler | undefined;
    if (!handler) return 'ignored';
    const { dataSource, schema, logger } = this.options;
    // Consumers act for the system, across every region.
    return withScopedTransaction(dataSource, NATIONWIDE, async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO ${schema}.inbox (event_id, type) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        [envelope.id, envelope.type],
      );
      if (inserted.length === 0) {
        logger.info({ eventId: envelope.id, type: envelope.type }, 'duplicate event skipped');
        return 'duplicate';
      }
      await handler(manager, envelope);
      logger.info({ eventId: envelope.id, type: envelope.type }, 'event handled');
      return 'handled';
    });
  }
}
