import type { EntityManager } from 'typeorm';
import { settleConsequence, type EventHandler, type StudioFundsDecided } from '@mingshi/events';
import { ConflictError, InputCheck, NotFoundError, clipText, fenToYuan, isUuid } from '@mingshi/graphql';
import { FINANCE_SCHEMA } from '../data-source';
import { FundAllocationEntity } from '../entities';
import type { FundSourceLevel } from '../generated/resolvers-types';
import { freezeStudioFunds } from '../services/allocation-freeze';
import { MAX_REASON, changeAllocationAmount } from '../services/allocation.service';

const SOURCE_LEVELS: Record<FundSourceLevel, string> = { PROVINCE: '省级', CITY: '市级', COUNTY: '县级' };

/** A reward in fen, as the event carries it: a positive whole number no larger than Money holds. */
const REWARD_FEN = /^[1-9]\d{0,14}$/;

/**
 * An assessment's final result decides a studio's money (动态管理): FREEZE stops what is left of
 * every allocation, REWARD adds to one year's allocation as an adjustment — each through the same
 * code as the offices' freezes and adjustments, authored by whoever finalised the result, and
 * answered with `finance.consequence-settled` in the same transaction. Runs once per event (the
 * inbox), acting for the system.
 */
export const carryOutFundsDecision: EventHandler<StudioFundsDecided> = async (manager, envelope) => {
  const decision = envelope.payload;
  await settleConsequence(
    manager,
    {
      schema: FINANCE_SCHEMA,
      regionCode: envelope.regionCode,
      type: 'finance.consequence-settled',
      consequenceId: decision.consequenceId,
    },
    (savepoint) =>
      decision.decision === 'FREEZE' ? freezeFunds(savepoint, decision) : reward(savepoint, decision),
  );
};

/** Every allocation still active is frozen; those frozen already stay as they are. */
async function freezeFunds(manager: EntityManager, decision: StudioFundsDecided): Promise<string> {
  assertStudioId(decision.workshopId);
  const frozen = await freezeStudioFunds(
    manager,
    decision.workshopId,
    clipText(`考核结果冻结经费：${decision.reason}`, MAX_REASON),
    decision.decidedBy,
  );
  return frozenDetail(frozen.length);
}

/**
 * What a freeze answers: 已冻结 2 笔经费 (2 allocations frozen). Exported for the data generator,
 * whose seeded freezes read as this consumer settled them.
 */
export function frozenDetail(count: number): string {
  return `已冻结 ${count} 笔经费 (${count} allocation${count === 1 ? '' : 's'} frozen)`;
}

/**
 * The reward is added to the studio's allocation for the year from the paying office's level; a
 * studio without one, or whose one is frozen, takes no reward (an office allocates first, or
 * lifts the freeze).
 */
async function reward(manager: EntityManager, decision: StudioFundsDecided): Promise<string> {
  const check = new InputCheck('payload');
  if (!REWARD_FEN.test(decision.amountFen ?? '')) {
    check.refuse('amountFen', 'must be a positive whole number of fen, written as a decimal string');
  }
  if (!Object.keys(SOURCE_LEVELS).includes(decision.sourceLevel ?? '')) {
    check.refuse('sourceLevel', 'must be PROVINCE, CITY or COUNTY');
  }
  const year = check.year(decision.year ?? NaN, 'year');
  check.done();
  assertStudioId(decision.workshopId);
  const level = decision.sourceLevel!;
  const amount = BigInt(decision.amountFen!);
  const where = `${year} 年${SOURCE_LEVELS[level]}`;

  const allocation = await manager.getRepository(FundAllocationEntity).findOne({
    where: { workshopId: decision.workshopId, year, sourceLevel: level },
    lock: { mode: 'pessimistic_write' },
  });
  if (!allocation) {
    throw new ConflictError(
      `工作室没有${where}经费，奖励无处追加 (the studio has no ${level} allocation for ${year} to add the reward to)`,
    );
  }
  if (allocation.status === 'FROZEN') {
    throw new ConflictError(
      `工作室${where}经费已冻结，不追加奖励 (the ${level} allocation for ${year} is frozen: ${allocation.frozenReason})`,
    );
  }
  const adjusted = await changeAllocationAmount(manager, allocation.id, {
    amount: allocation.amount + amount,
    reason: clipText(`考核奖励 ${fenToYuan(amount)} 元：${decision.reason}`, MAX_REASON),
    actor: decision.decidedBy,
  });
  return `已追加奖励 ${fenToYuan(amount)} 元，${where}经费共 ${fenToYuan(adjusted.amount)} 元 (reward of ${fenToYuan(amount)} added to the ${level} allocation for ${year}, now ${fenToYuan(adjusted.amount)})`;
}

/** A mistyped id would fail the query and so be retried for ever; it names no studio. */
function assertStudioId(workshopId: string): void {
  if (!isUuid(workshopId)) throw new NotFoundError('Workshop', workshopId);
}
