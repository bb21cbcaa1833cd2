import { Queue } from 'bullmq';
import { createDataSource } from '@mingshi/db';
import { createLogger } from '@mingshi/logger';
import { createTestDatabase, redisUrl, uniqueName, type TestDatabase } from '@mingshi/testing';
import type { DataSource } from 'typeorm';
import type { CertificateIssued, EventEnvelope } from './events';
import { IdempotentConsumer } from './idempotent-consumer';
import { createInboxTable } from './inbox';
import { addOutboxTraceContext, createOutboxTable, recordEvent } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { QueueName, hashTaggedPrefix } from './queues';
import { createRedisConnection } from './redis-connection';

const logger = createLogger('events-test', 'silent');

const certificate = (n: number): CertificateIssued => ({
  type: 'workshop.certificate-issued',
  certificateId: `00000000-0000-4000-8000-00000000000${n}`,
  certificateNumber: `CERT-${n}`,
  teacherId: `teacher-${n}`,
  workshopId: 'w',
  hours: 40,
  year: 2024,
});

/** Outbox → relay → BullMQ → idempotent consumer, on real PostgreSQL and Redis. */
describe('event delivery', () => {
  let database: TestDatabase;
  let db: DataSource;
  let prefix: string;
  const connection = createRedisConnection(redisUrl());
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDataSource({ url: database.ownerUrl, schema: 'producer', entities: [] }).initialize();
    await db.query(`CREATE SCHEMA producer; CREATE SCHEMA consumer`);
    const runner = db.createQueryRunner();
    await createOutboxTable(runner, 'producer');
    await addOutboxTraceContext(runner, 'producer');
    await createInboxTable(runner, 'consumer');
    await runner.release();
    await db.query(`CREATE TABLE consumer.credit (certificate_id text, hours int)`);
  });

  beforeEach(() => {
    prefix = uniqueName('test-events');
  });

  afterEach(async () => {
    while (stops.length) await stops.pop()!();
    await db.query(`TRUNCATE producer.outbox, consumer.inbox, consumer.credit`);
  });

  afterAll(async () => {
    await db?.destroy();
    connection.disconnect();
    await database?.drop();
  });

  const relay = () => {
    const r = new OutboxRelay({ dataSource: db, schema: 'producer', connection, prefix, logger });
    stops.push(() => r.stop());
    return r;
  };

  /** A consumer crediting into consumer.credit; `afterWrite` runs after the insert (to fail it). */
  const consumer = (afterWrite: () => void = () => undefined) => {
    const c = new IdempotentConsumer({
      queue: QueueName.PERSONNEL_INBOX,
      dataSource: db,
      schema: 'consumer',
      connection,
      prefix,
      logger,
      handlers: {
        'workshop.certificate-issued': async (manager, envelope) => {
          await manager.query(`INSERT INTO consumer.credit VALUES ($1, $2)`, [
            envelope.payload.certificateId,
            envelope.payload.hours,
          ]);
          afterWrite();
        },
      },
    });
    stops.push(() => c.stop());
    return c;
  };

  const credits = async () =>
    db.query(`SELECT certificate_id, hours FROM consumer.credit ORDER BY certificate_id`);

  async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let i = 0; i < 100; i++) {
      const value = await probe();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return probe();
  }

  it('records nothing when the transaction that caused the event rolls back', async () => {
    await expect(
      db.transaction(async (manager) => {
        await recordEvent(manager, 'producer', '510403', certificate(1));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await relay().relayOnce()).toBe(0);
  });

  it('delivers a recorded event to the consumer once', async () => {
    await db.transaction((manager) => recordEvent(manager, 'producer', '510403', certificate(1)));
    consumer().start();
    expect(await relay().relayOnce()).toBe(1);
    expect(await eventually(credits, (rows) => rows.length > 0)).toEqual([
      { certificate_id: certificate(1).certificateId, hours: 40 },
    ]);
    expect(await relay().relayOnce()).toBe(0);
  });

  it('handles an event delivered twice only once', async () => {
    const envelope = await db.transaction((manager) =>
      recordEvent(manager, 'producer', '510403', certificate(2)),
    );
    const c = consumer();
    expect(await c.handle(envelope)).toBe('handled');
    expect(await c.handle(envelope)).toBe('duplicate');
    // Republished through the queue as well (a relay that crashed before marking it published):
    await db.query(`UPDATE producer.outbox SET published_at = NULL`);
    c.start();
    await relay().relayOnce();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await credits()).toEqual([{ certificate_id: certificate(2).certificateId, hours: 40 }]);
  });

  it('keeps events on the queue while the consumer is down and delivers them when it returns', async () => {
    await db.transaction(async (manager) => {
      await recordEvent(manager, 'producer', '510403', certificate(3));
      await recordEvent(manager, 'producer', '510403', certificate(4));
    });
    expect(await relay().relayOnce()).toBe(2);
    const queue = new Queue<EventEnvelope>(QueueName.PERSONNEL_INBOX, { connection, prefix });
    stops.push(() => queue.close());
    expect(await queue.getWaitingCount()).toBe(2);
    expect(await credits()).toEqual([]);

    consumer().start();
    expect(await eventually(credits, (rows) => rows.length === 2)).toHaveLength(2);
  });

  it('retries an event whose handler failed, without a half-written trace', async () => {
    let failures = 1;
    const flaky = consumer(() => {
      if (failures-- > 0) throw new Error('personnel database hiccup');
    });
    const envelope = await db.transaction((manager) =>
      recordEvent(manager, 'producer', '510403', certificate(5)),
    );
    await expect(flaky.handle(envelope)).rejects.toThrow('hiccup');
    expect(await credits()).toEqual([]);
    expect(await flaky.handle(envelope)).toBe('handled');
    expect(await credits()).toHaveLength(1);
  });

  it('delivers through a hash-tagged prefix, every key it writes inside the tag', async () => {
    const name = uniqueName('mingshi');
    prefix = hashTaggedPrefix(name);
    expect(prefix).toBe(`{${name}}`);
    await db.transaction((manager) => recordEvent(manager, 'producer', '510403', certificate(6)));
    consumer().start();
    expect(await relay().relayOnce()).toBe(1);
    expect(await eventually(credits, (rows) => rows.length > 0)).toHaveLength(1);
    const keys = await keysMatching(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    // A Redis Cluster hashes only what is between the first { and the next }: one slot for all.
    expect(keys.filter((key) => !key.startsWith(`${prefix}:`))).toEqual([]);
    expect(await keysMatching(`${name}*`)).toEqual([]);
  });

  async function keysMatching(pattern: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const batch of connection.scanStream({ match: pattern, count: 1000 })) keys.push(...batch);
    return keys;
  }
});
