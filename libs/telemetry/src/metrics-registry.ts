import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * This process's metrics, served at GET /metrics (libs/subgraph-server's mountMetrics) in
 * Prometheus's text format. Every library registers its own series here, beside the code they
 * measure; one registry per process, whatever number of servers it runs (the tests run them all in
 * one). Not prom-client's global registry, so nothing a dependency registers there leaks out.
 */
export const metricsRegistry = new Registry();

/** What every series of a process is labelled with: its service and the parts of it it runs. */
export interface ProcessLabels {
  service: string;
  part: string;
}

/**
 * Labels every series of this process and adds Node's own process metrics (CPU, memory, event-loop
 * lag, GC) under the `mingshi_` prefix. Called once, by the process's main.ts: the in-process test
 * systems run every service together and leave their series unlabelled.
 */
export function labelProcessMetrics(labels: ProcessLabels): void {
  metricsRegistry.setDefaultLabels({ ...labels });
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'mingshi_' });
}

/** How long a scrape waits for a reading from Redis or PostgreSQL before answering without it. */
export const SCRAPE_READ_TIMEOUT_MS = 1_000;

/**
 * A reading taken at scrape time (queue depths, outbox lag), or null when it failed or did not come
 * within `ms`: a scrape answers promptly with what it has while a dependency is down. The reading
 * itself is left to finish or fail on its own.
 */
export async function readWithin<T>(reading: Promise<T>, ms = SCRAPE_READ_TIMEOUT_MS): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([reading.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
