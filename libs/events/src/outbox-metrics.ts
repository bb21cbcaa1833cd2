import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { metricsRegistry, readWithin } from '@mingshi/telemetry';

/** The outboxes this process relays (normally one: its service's). */
const relayed = new Map<string, DataSource>();

let reading: Promise<void> | null = null;

const refresh = () => {
  reading ??= readOutboxes().finally(() => {
    reading = null;
  });
  return reading;
};

const PENDING = 'mingshi_outbox_pending';
const LAG = 'mingshi_outbox_lag_seconds';

// Registered only while a relay runs here (observeOutbox): an unlabelled gauge always has a value,
// and a process that relays nothing must not report an outbox that is empty.
export const outboxPending = new Gauge({
  name: PENDING,
  help: 'Outbox rows not yet relayed to the queues, read when scraped (relay part)',
  registers: [],
  collect: refresh,
});

export const outboxLagSeconds = new Gauge({
  name: LAG,
  help: 'Age of the oldest outbox row not yet relayed, read when scraped; 0 when none is (relay part)',
  registers: [],
  collect: refresh,
});

/** Reports `schema`'s outbox on /metrics while its relay runs in this process; the answer stops it. */
export function observeOutbox(schema: string, dataSource: DataSource): () => void {
  if (relayed.size === 0) {
    metricsRegistry.registerMetric(outboxPending);
    metricsRegistry.registerMetric(outboxLagSeconds);
  }
  relayed.set(schema, dataSource);
  return () => {
    if (relayed.get(schema) !== dataSource) return;
    relayed.delete(schema);
    if (relayed.size > 0) return;
    metricsRegistry.removeSingleMetric(PENDING);
    metricsRegistry.removeSingleMetric(LAG);
  };
}

async function readOutboxes(): Promise<void> {
  const readings = await Promise.all(
    [...relayed].map(([schema, dataSource]) => readWithin(readOutbox(schema, dataSource))),
  );
  const answered = readings.filter((reading) => reading !== null);
  if (answered.length === 0) {
    // No figure rather than a 0 that would claim an empty outbox.
    outboxPending.remove();
    outboxLagSeconds.remove();
    return;
  }
  outboxPending.set(answered.reduce((sum, reading) => sum + reading.pending, 0));
  outboxLagSeconds.set(Math.max(...answered.map((reading) => reading.lagSeconds)));
}

/**
 * Both figures from the partial index of unpublished rows (outbox_unpublished_idx), which holds
 * only what the relay has yet to move: cheap however long the outbox has grown.
 */
async function readOutbox(schema: string, dataSource: DataSource) {
  const [row] = (await dataSource.query(
    `SELECT (SELECT count(*) FROM ${schema}.outbox WHERE published_at IS NULL)::int AS pending,
            coalesce((SELECT extract(epoch FROM now() - occurred_at) FROM ${schema}.outbox
                      WHERE published_at IS NULL ORDER BY position LIMIT 1), 0)::float8 AS lag`,
  )) as { pending: number; lag: number }[];
  return { pending: Number(row?.pending ?? 0), lagSeconds: Math.max(0, Number(row?.lag ?? 0)) };
}
