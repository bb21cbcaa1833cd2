import type { EntityManager } from 'typeorm';
import { FundAllocationEntity } from '../entities';
import { appendFundEvent } from './fund-event-log';

/**
 * Freezing and unfreezing, in one place for the offices' mutations and the revoked-studio consumer.
 * The allocation's row is locked first, so a freeze and an approval on the same allocation
 * serialise: an approval that locks after the freeze sees FROZEN and is refused.
 */
export function freezeAllocation(
  manager: EntityManager,
  allocation: FundAllocationEntity,
  reason: string,
  actor: string,
): Promise<FundAllocationEntity> {
  return changeFreeze(manager, allocation, { status: 'FROZEN', reason }, actor);
}

export function unfreezeAllocation(
  manager: EntityManager,
  allocation: FundAllocationEntity,
  actor: string,
): Promise<FundAllocationEntity> {
  return changeFreeze(manager, allocation, { status: 'ACTIVE', reason: null }, actor);
}

/** Moves an allocation to `to` with its event (FUNDS_FROZEN / FUNDS_UNFROZEN); nothing if it is there. */
async function changeFreeze(
  manager: EntityManager,
  allocation: FundAllocationEntity,
  to: { status: 'FROZEN'; reason: string } | { status: 'ACTIVE'; reason: null },
  actor: string,
): Promise<FundAllocationEntity> {
  const current = await lockAllocation(manager, allocation.id);
  if (current.status === to.status) return current;
  const saved = await manager.getRepository(FundAllocationEntity).save({
    ...current,
    status: to.status,
    frozenReason: to.reason,
  });
  await appendFundEvent(manager, {
    type: to.status === 'FROZEN' ? 'FUNDS_FROZEN' : 'FUNDS_UNFROZEN',
    workshopId: saved.workshopId,
    allocationId: saved.id,
    regionCode: saved.regionCode,
    hostRegionCode: saved.hostRegionCode,
    // What the freeze holds back, or its lifting releases: the part not yet spent.
    amount: saved.amount - saved.approved,
    actor,
  });
  return saved;
}

/** Freezes every active allocation of a studio (all its years): a revoked studio spends nothing more. */
export async function freezeStudioFunds(
  manager: EntityManager,
  workshopId: string,
  reason: string,
  actor: string,
): Promise<FundAllocationEntity[]> {
  const active = await manager
    .getRepository(FundAllocationEntity)
    .find({ where: { workshopId, status: 'ACTIVE' }, order: { year: 'ASC', sourceLevel: 'ASC' } });
  const frozen: FundAllocationEntity[] = [];
  for (const allocation of active) frozen.push(await freezeAllocation(manager, allocation, reason, actor));
  return frozen;
}

/** Locks an allocation's row for the rest of the transaction and reads it as it is now. */
export async function lockAllocation(manager: EntityManager, id: string): Promise<FundAllocationEntity> {
  return manager
    .getRepository(FundAllocationEntity)
    .findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
}
