import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { metricsRegistry } from '@mingshi/telemetry';
import { redisUrl, sampleValue, uniqueName } from '@mingshi/testing';
import { observeQueue } from './queue-metrics';
import { QueueName } from './queues';
import { createRedisConnection } from './redis-connection';

/** The queue gauges are read from Redis when scraped, on a real Redis. */
describe('queue gauges', () => {
  const connection = createRedisConnection(redisUrl());
  afterAll(() => connection.quit());

  it('report jobs per state and the age of the oldest waiting job of an observed queue', async () => {
    const prefix = uniqueName('test-queue-metrics');
    const queue = new Queue(QueueName.PERSONNEL_INBOX, { connection, prefix });
    const unobserve = observeQueue(QueueName.PERSONNEL_INBOX, connection, prefix);
    try {
      await queue.add('first', {}, { timestamp: Date.now() - 30_000 });
      await queue.add('second', {});
      await queue.add('later', {}, { delay: 60_000 });
      const text = await metricsRegistry.metrics();
      const series = (state: string) => `mingshi_queue_jobs{queue="personnel-inbox",state="${state}"}`;
      expect(sampleValue(text, series('waiting'))).toBe(2);
      expect(sampleValue(text, series('delayed'))).toBe(1);
      expect(sampleValue(text, series('active'))).toBe(0);
      expect(text).toContain(series('failed'));
      const oldest = sampleValue(text, 'mingshi_queue_oldest_waiting_seconds{queue="personnel-inbox"}');
      expect(oldest).toBeGreaterThanOrEqual(29);
      expect(oldest).toBeLessThan(60);
    } finally {
      await unobserve();
      await queue.obliterate({ force: true });
      await queue.close();
    }
    // Once its worker stops, the queue is no longer this process's to report.
    expect(await metricsRegistry.metrics()).not.toContain('queue="personnel-inbox"');
  });

  it('answer a scrape promptly, without the queue, while Redis does not answer', async () => {
    // Nothing listens there: the connection retries for ever and queues the commands meanwhile.
    const unreachable = new Redis('redis://127.0.0.1:9', { maxRetriesPerRequest: null, lazyConnect: true });
    unreachable.on('error', () => undefined);
    const unobserve = observeQueue(QueueName.FINANCE_INBOX, unreachable, uniqueName('test-dead-redis'));
    try {
      const started = Date.now();
      const text = await metricsRegistry.metrics();
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(text).not.toContain('queue="finance-inbox"');
      expect(text).toContain('# TYPE mingshi_queue_jobs gauge');
    } finally {
      void unobserve();
      unreachable.disconnect();
    }
  });
});
