import type { DataSource, EntityManager } from 'typeorm';
import { NATIONWIDE, regionRange } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';

/** Events handed to one endpoint per transaction. */
export const FAN_OUT_BATCH_SIZE = 200;

/**
 * Hands every active endpoint the sequenced events after its cursor that it asked for (types,
 * region), in position order: one delivery row per event and the cursor moved past them in one
 * transaction per batch, so an event is never both unrecorded and passed over. The rows then go to
 * the queue through the dispatcher. Paused and disabled endpoints keep their cursor and catch up
 * when resumed. Returns whether a batch was full (more may be waiting).
 */
export async function fanOutFundEvents(
  dataSource: DataSource,
  batchSize = FAN_OUT_BATCH_SIZE,
): Promise<boolean> {
  const endpoints = (await withScopedTransaction(dataSource, NATIONWIDE, (manager) =>
    manager.query(
      `SELECT e.id FROM finance.webhook_endpoint e
       WHERE e.status = 'ACTIVE'
         AND e.delivered_through < (SELECT coalesce(max(position), 0) FROM finance.fund_event)`,
    ),
  )) as { id: string }[];
  let full = false;
  for (const { id } of endpoints) {
    const handed = await withScopedTransaction(dataSource, NATIONWIDE, (manager) =>
      fanOutBatch(manager, id, batchSize),
    );
    if (handed === batchSize) full = true;
  }
  return full;
}

interface LockedEndpoint {
  region_code: string;
  event_types: string[];
  delivered_through: string;
}

/** One batch for one endpoint; returns how many deliveries it recorded. */
async function fanOutBatch(manager: EntityManager, endpointId: string, batchSize: number): Promise<number> {
  // The row lock serialises this with other replicas' fan-outs and with pause, replay and resume.
  const [endpoint] = (await manager.query(
    `SELECT region_code, event_types, delivered_through FROM finance.webhook_endpoint
     WHERE id = $1 AND status = 'ACTIVE' FOR UPDATE SKIP LOCKED`,
    [endpointId],
  )) as LockedEndpoint[];
  if (!endpoint) return 0;
  // Every position up to the highest one visible is visible (see event-sequencer.ts), so the
  // cursor may move to it even past events this endpoint does not want.
  const [top] = (await manager.query(
    `SELECT coalesce(max(position), 0)::text AS position FROM finance.fund_event`,
  )) as { position: string }[];
  const { lo, hi } = regionRange(endpoint.region_code);
  const inserted = (await manager.query(
    `INSERT INTO finance.webhook_delivery (endpoint_id, region_code, event_id, position)
     SELECT $1, $2, ev.id, ev.position FROM finance.fund_event ev
     WHERE ev.position > $3 AND ev.position <= $4
       AND (cardinality($5::varchar[]) = 0 OR ev.type = ANY ($5::varchar[]))
       AND (ev.region_code BETWEEN $6 AND $7 OR ev.host_region_code BETWEEN $6 AND $7)
     ORDER BY ev.position LIMIT $8
     RETURNING position::text`,
    [
      endpointId,
      endpoint.region_code,
      endpoint.delivered_through,
      top!.position,
      endpoint.event_types,
      lo,
      hi,
      batchSize,
    ],
  )) as { position: string }[];
  const through =
    inserted.length === batchSize
      ? inserted.reduce((max, row) => (BigInt(row.position) > BigInt(max) ? row.position : max), '0')
      : top!.position;
  await manager.query(
    `UPDATE finance.webhook_endpoint SET delivered_through = $2, updated_at = now() WHERE id = $1`,
    [endpointId, through],
  );
  return inserted.length;
}
