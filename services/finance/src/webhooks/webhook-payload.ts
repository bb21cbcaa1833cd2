import { Webhook } from 'standardwebhooks';
import { fenToYuan } from '@mingshi/graphql';

/** What a finance system receives for one event (the body of every delivery of it). */
export interface FundEventPayload {
  id: string;
  position: string;
  type: string;
  workshopId: string;
  regionCode: string;
  hostRegionCode: string;
  allocationId: string;
  expenseId: string | null;
  /** Yuan as a decimal string ("3000.00"), never a float; null for freezes. */
  amount: string | null;
  occurredAt: string;
  actor: string;
}

export interface FundEventRow {
  id: string;
  position: string;
  type: string;
  workshop_id: string;
  region_code: string;
  host_region_code: string;
  allocation_id: string;
  expense_id: string | null;
  amount_fen: string | null;
  occurred_at: Date;
  actor: string;
}

export function fundEventPayload(row: FundEventRow): FundEventPayload {
  return {
    id: row.id,
    position: row.position,
    type: row.type,
    workshopId: row.workshop_id,
    regionCode: row.region_code,
    hostRegionCode: row.host_region_code,
    allocationId: row.allocation_id,
    expenseId: row.expense_id,
    amount: row.amount_fen === null ? null : fenToYuan(row.amount_fen),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actor: row.actor,
  };
}

/**
 * The Standard Webhooks headers of one attempt. The id is the event's, the same on every retry and
 * redelivery, so the receiver deduplicates on it. During a rotation the body is signed with both
 * secrets (space-separated `v1,` values) and a receiver holding either one verifies it.
 */
export function signedHeaders(
  eventId: string,
  body: string,
  secrets: readonly string[],
  at = new Date(),
): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(eventId, at, body)).join(' '),
  };
}
