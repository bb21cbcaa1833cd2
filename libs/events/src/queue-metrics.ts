import { Queue } from 'bullmq';
import type { QueueRedis } from './redis-connection';
import { Gauge } from 'prom-client';
import { metricsRegistry, readWithin } from '@mingshi/telemetry';

/** The job states the gauges report. */
const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** The queues this process works on (it runs their workers), each read through a Queue of its own. */
const observed = new Map<string, Queue>();

/** Read at scrape time by both gauges; one reading serves a scrape (prom-client collects them together). */
let reading: Promise<void> | null = null;

const refresh = () => {
  reading ??= readQueues().finally(() => {
    reading = null;
  });
  return reading;
};

export const queueJobs = new Gauge({
  name: 'mingshi_queue_jobs',
  help: 'BullMQ jobs per queue and state, read when scraped, for the queues this process works on',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  collect: refresh,
});

export const queueOldestWaitingSeconds = new Gauge({
  name: 'mingshi_queue_oldest_waiting_seconds',
  help: 'Age of the oldest waiting job (since it was added) per queue; 0 when none waits',
  labelNames: ['queue'] as const,
  registers: [metricsRegistry],
  collect: refresh,
});

/**
 * Reports `queue` on this process's /metrics while its worker runs here: workers call it when they
 * start and the answer when they stop. Several replicas report the same queue; the dashboard takes
 * the maximum.
 */
export function observeQueue(name: string, connection: QueueRedis, prefix: string): () => Promise<void> {
  const key = `${prefix}:${name}`;
  const queue = new Queue(name, { connection, prefix });
  observed.set(key, queue);
  return async () => {
    if (observed.get(key) === queue) observed.delete(key);
    await queue.close();
  };
}

interface QueueReading {
  name: string;
  counts: Record<string, number>;
  oldestWaitingSeconds: number;
}

/**
 * Each queue's counts, each within the scrape's timeout: a worker's connection queues commands
 * while Redis is away rather than failing them, so without one a scrape would wait out the outage.
 * A queue that does not answer in time is left out of this scrape rather than reported with
 * numbers from before.
 */
async function readQueues(): Promise<void> {
  const readings = await Promise.all([...observed.values()].map((queue) => readWithin(readQueue(queue))));
  queueJobs.reset();
  queueOldestWaitingSeconds.reset();
  for (const reading of readings) {
    if (!reading) continue;
    for (const state of STATES) queueJobs.set({ queue: reading.name, state }, reading.counts[state] ?? 0);
    queueOldestWaitingSeconds.set({ queue: reading.name }, reading.oldestWaitingSeconds);
  }
}

async function readQueue(queue: Queue): Promise<QueueReading> {
  const [counts, [oldest]] = await Promise.all([
    queue.getJobCounts(...STATES),
    // Ascending: the wait list's far end, the job a worker takes next.
    queue.getJobs(['wait'], 0, 0, true),
  ]);
  const oldestWaitingSeconds = oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0;
  return { name: queue.name, counts, oldestWaitingSeconds };
}
