import type { EntityManager } from 'typeorm';
import { activeTraceCarrier } from '@mingshi/telemetry';
import { FundEventEntity } from '../entities';
import type { FundEventType } from '../generated/resolvers-types';

/** The PostgreSQL channel a committed change to money notifies; the sequencer listens on it. */
export const FUND_EVENTS_CHANNEL = 'finance_fund_events';

export interface FundEventFacts {
  type: FundEventType;
  workshopId: string;
  allocationId: string;
  expenseId?: string | null;
  regionCode: string;
  hostRegionCode: string;
  amount?: bigint | null;
  actor: string;
}

/**
 * Appends a fund event in the transaction of the change it records, so the two commit or roll back
 * together. It has no position yet: the sequencer gives it one after commit, woken by the
 * notification, which PostgreSQL delivers only when (and if) this transaction commits. It keeps
 * the writing request's trace, which its webhook deliveries continue.
 */
export async function appendFundEvent(
  manager: EntityManager,
  facts: FundEventFacts,
): Promise<FundEventEntity> {
  const saved = await manager.getRepository(FundEventEntity).save({
    type: facts.type,
    workshopId: facts.workshopId,
    allocationId: facts.allocationId,
    expenseId: facts.expenseId ?? null,
    regionCode: facts.regionCode,
    hostRegionCode: facts.hostRegionCode,
    amount: facts.amount ?? null,
    actor: facts.actor,
    traceContext: activeTraceCarrier(),
  });
  await manager.query(`SELECT pg_notify($1, '')`, [FUND_EVENTS_CHANNEL]);
  return saved;
}
