import type { EntityManager } from 'typeorm';
import { filterScope, officeLevel, regionLevel } from '@mingshi/auth';
import { fetchConnection, isCheckViolation, isUniqueViolation } from '@mingshi/db';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  InputCheck,
  NotFoundError,
  emptyConnection,
  fenToYuan,
  isUuid,
  readPage,
  type Connection,
  type PageArgs,
} from '@mingshi/graphql';
import type { FinanceContext } from '../context';
import { FundAdjustmentEntity, FundAllocationEntity, FundDisbursementEntity } from '../entities';
import type {
  AdjustAllocationInput,
  AllocateFundsInput,
  DisburseFundsInput,
  FreezeFundsInput,
  FundAllocationFilter,
} from '../generated/resolvers-types';
import { fundYearProblem, lectureFeeCap, positiveAmountProblem } from '../rules/money';
import { canAllocate, canFreeze, isAllocatingOffice } from '../rules/permissions';
import type { Studio, StudioState } from '@mingshi/subgraph-server';
import { freezeAllocation, lockAllocation, unfreezeAllocation } from './allocation-freeze';
import { appendFundEvent } from './fund-event-log';
import { idempotently, readIdempotencyKey } from './idempotency';
import { listableMoney, whereReadable } from './money-reach';
import { policyOf } from './policy.service';

/** Studio statuses that take no new money and no new spending (取消资格, 撤销). */
export const CLOSED_STUDIO_STATUSES: readonly string[] = ['REVOKED', 'DISSOLVED'];

const MAX_DOCUMENT_NUMBER = 100;
const MAX_VOUCHER = 100;
/** Reasons are kept in columns of this length (frozen_reason, fund_adjustment.reason). */
export const MAX_REASON = 500;

/** An allocation the caller may read, or NOT_FOUND (invisible and absent look the same). */
export async function getAllocation(
  ctx: FinanceContext,
  id: string,
  field?: string,
): Promise<FundAllocationEntity> {
  const allocation = await ctx.loaders.allocation.load(id);
  if (!allocation) throw new NotFoundError('FundAllocation', id, field);
  return allocation;
}

/** A studio as the workshop subgraph shows it to the caller, or NOT_FOUND naming the field. */
export async function getStudio(ctx: FinanceContext, id: string, field?: string): Promise<Studio> {
  const studio = isUuid(id) ? await ctx.loaders.studio.load(id) : null;
  if (!studio) throw new NotFoundError('Workshop', id, field);
  return studio;
}

/**
 * Allocations the caller may read, newest year first. A region filter matches the studios founded
 * in its subtree and those whose host school lies there, as row-level security does.
 */
export async function listAllocations(
  ctx: FinanceContext,
  filter: FundAllocationFilter | null | undefined,
  pageArgs: PageArgs,
): Promise<Connection<FundAllocationEntity>> {
  const page = readPage(pageArgs);
  const after = page.after;
  const [year, workshopId, id] = after ?? [];
  if (
    after &&
    !(
      Number.isInteger(year) &&
      (year as number) >= 0 &&
      (year as number) <= 9999 &&
      isUuid(String(workshopId)) &&
      isUuid(String(id))
    )
  ) {
    throw new BadUserInputError('after is not a cursor for this list', 'after');
  }
  const check = new InputCheck('filter');
  if (filter?.year != null) check.year(filter.year, 'year');
  if (filter?.workshopId != null && !isUuid(filter.workshopId))
    check.refuse('workshopId', 'must be a studio id');
  check.done();
  const range = filterScope(ctx.principal, filter?.regionCode, 'filter.regionCode');
  const reach = await listableMoney(ctx);
  if (reach.kind === 'STUDIOS' && reach.workshopIds.length === 0) return emptyConnection();

  const query = whereReadable(
    (await ctx.tx.manager()).getRepository(FundAllocationEntity).createQueryBuilder('a'),
    'a',
    range,
    reach,
    'own',
  );
  if (filter?.workshopId) query.andWhere('a.workshopId = :workshopId', { workshopId: filter.workshopId });
  if (filter?.year != null) query.andWhere('a.year = :year', { year: filter.year });
  if (filter?.sourceLevel) query.andWhere('a.sourceLevel = :level', { level: filter.sourceLevel });
  if (filter?.status) query.andWhere('a.status = :status', { status: filter.status });
  return fetchConnection(query, page, {
    columns: ['a.year', 'a.workshopId', 'a.id'],
    valuesOf: (a) => [a.year, a.workshopId, a.id],
    descending: true,
  });
}

/**
 * An office over the studio allocates the studio's funds for a year, at the office's own level and
 * from its own jurisdiction, paid to the host school. The allocation copies the office's policy
 * as it is today, so later changes of the policy leave it alone.
 */
export async function allocateFunds(
  ctx: FinanceContext,
  input: AllocateFundsInput,
): Promise<FundAllocationEntity> {
  const check = new InputCheck('input');
  const year = check.year(input.year, 'year');
  if (!check.failed('year')) check.expect('year', fundYearProblem(year));
  check.expect('amount', positiveAmountProblem(input.amount));
  const documentNumber = check.text(input.documentNumber, 'documentNumber', MAX_DOCUMENT_NUMBER);
  const key = readIdempotencyKey(check, input.idempotencyKey);
  check.done();

  const { principal } = ctx;
  const level = officeLevel(principal);
  if (!level) throw new ForbiddenError('Only an education office (province, city or county) allocates funds');
  if (regionLevel(principal.regionCode) !== level) {
    throw new ForbiddenError(
      `A ${level} office allocates from its own jurisdiction; your sign-in names region ${principal.regionCode}`,
    );
  }
  const studio = await getStudio(ctx, input.workshopId, 'input.workshopId');
  if (!canAllocate(principal, studio)) {
    throw new ForbiddenError(
      `Only an office over the studio (the ${studio.level} office or above) allocates its funds`,
    );
  }
  assertStudioOpen(studio, 'takes no new funds');
  const hostSchoolId = studio.hostSchoolId;
  const [hostRegionCode] = hostSchoolId ? await ctx.studios.schoolRegions(ctx, [hostSchoolId]) : [null];
  if (!hostSchoolId || !hostRegionCode) {
    throw new ConflictError(
      "The studio's host school is not known in your scope; funds are paid to its account",
    );
  }

  try {
    return await idempotently(ctx, {
      operation: 'allocateFunds',
      key,
      input,
      work: async (manager) => {
        const policy = await policyOf(manager, principal.regionCode);
        const repo = manager.getRepository(FundAllocationEntity);
        const saved = await repo.save(
          repo.create({
            workshopId: studio.id,
            workshopType: studio.type,
            year,
            sourceLevel: level,
            sourceRegionCode: principal.regionCode,
            regionCode: studio.regionCode,
            hostRegionCode,
            hostSchoolId,
            documentNumber,
            amount: input.amount,
            allowedCategories: policy.allowedCategories,
            lectureFeeCapPercent: policy.lectureFeeCapPercent,
            allocatedBy: principal.userId,
          }),
        );
        const allocation = await reloadAllocation(manager, saved.id);
        await appendFundEvent(manager, {
          ...eventFacts(allocation, principal.userId),
          type: 'ALLOCATED',
          amount: allocation.amount,
        });
        return { id: allocation.id, result: primed(ctx, allocation) };
      },
      replay: (id) => reread(ctx, id),
    });
  } catch (error) {
    if (isUniqueViolation(error, 'fund_allocation_one_per_source')) {
      throw new ConflictError(
        `The studio already has a ${level} allocation for ${year}; adjust that one instead of allocating again`,
      );
    }
    throw error;
  }
}

/**
 * The allocating office changes the amount, with a reason. The new amount must still hold what
 * was approved, paid and the approved lecture fees under the cap; the row is locked so a racing
 * approval is counted.
 */
export async function adjustAllocation(
  ctx: FinanceContext,
  input: AdjustAllocationInput,
): Promise<FundAllocationEntity> {
  const check = new InputCheck('input');
  check.expect('amount', positiveAmountProblem(input.amount));
  const reason = check.text(input.reason, 'reason', MAX_REASON);
  const key = readIdempotencyKey(check, input.idempotencyKey);
  check.done();

  const allocation = await getAllocation(ctx, input.allocationId, 'input.allocationId');
  if (!isAllocatingOffice(ctx.principal, allocation)) {
    throw new ForbiddenError('Only the office that made the allocation adjusts it');
  }
  try {
    return await idempotently(ctx, {
      operation: 'adjustAllocation',
      key,
      input,
      work: async (manager) => {
        const adjusted = await changeAllocationAmount(manager, allocation.id, {
          amount: input.amount,
          reason,
          actor: ctx.principal.userId,
        });
        ctx.loaders.adjustmentsByAllocation.clear(adjusted.id);
        return { id: adjusted.id, result: primed(ctx, adjusted) };
      },
      replay: (id) => reread(ctx, id),
    });
  } catch (error) {
    // The checks above run under the row lock; the constraints are the last word all the same.
    if (isCheckViolation(error))
      throw new ConflictError(`The new amount breaks a money rule: ${describeCheck(error)}`);
    throw error;
  }
}

/**
 * Sets an allocation's amount under its row lock, with the adjustment row (who, why, from what to
 * what) and an ADJUSTED fund event, in `manager`'s transaction: the one way an amount changes, for
 * the allocating office's adjustAllocation and for assessment rewards (consumers/). Refuses
 * (CONFLICT) an amount the money rules do not allow; the database's checks are the last word.
 */
export async function changeAllocationAmount(
  manager: EntityManager,
  allocationId: string,
  change: { amount: bigint; reason: string; actor: string },
): Promise<FundAllocationEntity> {
  const current = await lockAllocation(manager, allocationId);
  const problem = adjustmentProblem(current, change.amount);
  if (problem) throw new ConflictError(problem);
  await manager.query(
    `UPDATE finance.fund_allocation SET amount_fen = $2, updated_at = now() WHERE id = $1`,
    [current.id, change.amount.toString()],
  );
  await manager.getRepository(FundAdjustmentEntity).insert({
    allocationId: current.id,
    regionCode: current.regionCode,
    hostRegionCode: current.hostRegionCode,
    previousAmount: current.amount,
    newAmount: change.amount,
    reason: change.reason,
    adjustedBy: change.actor,
  });
  const adjusted = await reloadAllocation(manager, current.id);
  await appendFundEvent(manager, {
    ...eventFacts(adjusted, change.actor),
    type: 'ADJUSTED',
    amount: change.amount,
  });
  return adjusted;
}

/** Why an allocation may not take `amount` as its new amount; null when it may. */
export function adjustmentProblem(current: FundAllocationEntity, amount: bigint): string | null {
  if (amount === current.amount) return `The allocation already amounts to ${fenToYuan(amount)}`;
  if (amount < current.approved) {
    return `The new amount ${fenToYuan(amount)} is below the ${fenToYuan(current.approved)} already approved`;
  }
  if (amount < current.disbursed) {
    return `The new amount ${fenToYuan(amount)} is below the ${fenToYuan(current.disbursed)} already paid to the host school`;
  }
  if (current.lectureFees > lectureFeeCap(amount, current.lectureFeeCapPercent)) {
    return `At ${fenToYuan(amount)} the lecture-fee cap of ${current.lectureFeeCapPercent}% would be ${fenToYuan(
      lectureFeeCap(amount, current.lectureFeeCapPercent),
    )}, below the ${fenToYuan(current.lectureFees)} of lecture fees already approved`;
  }
  return null;
}

/** The allocating office records a payment to the host school, with its voucher. */
export async function disburseFunds(
  ctx: FinanceContext,
  input: DisburseFundsInput,
): Promise<FundAllocationEntity> {
  const check = new InputCheck('input');
  check.expect('amount', positiveAmountProblem(input.amount));
  const voucherNumber = check.text(input.voucherNumber, 'voucherNumber', MAX_VOUCHER);
  const paidOn = check.pastDate(input.paidOn, 'paidOn');
  const key = readIdempotencyKey(check, input.idempotencyKey);
  check.done();

  const allocation = await getAllocation(ctx, input.allocationId, 'input.allocationId');
  if (!isAllocatingOffice(ctx.principal, allocation)) {
    throw new ForbiddenError('Only the office that made the allocation records its payments');
  }
  try {
    return await idempotently(ctx, {
      operation: 'disburseFunds',
      key,
      input,
      work: async (manager) => {
        const current = await lockAllocation(manager, allocation.id);
        if (current.disbursed + input.amount > current.amount) {
          throw new ConflictError(
            `Paying ${fenToYuan(input.amount)} would take payments to ${fenToYuan(current.disbursed + input.amount)}, past the allocation of ${fenToYuan(current.amount)} (${fenToYuan(current.amount - current.disbursed)} left to pay)`,
          );
        }
        await manager.getRepository(FundDisbursementEntity).insert({
          allocationId: current.id,
          regionCode: current.regionCode,
          hostRegionCode: current.hostRegionCode,
          amount: input.amount,
          voucherNumber,
          paidOn,
          recordedBy: ctx.principal.userId,
        });
        await manager.query(
          `UPDATE finance.fund_allocation SET disbursed_fen = disbursed_fen + $2, updated_at = now() WHERE id = $1`,
          [current.id, input.amount.toString()],
        );
        const paid = await reloadAllocation(manager, current.id);
        await appendFundEvent(manager, {
          ...eventFacts(paid, ctx.principal.userId),
          type: 'DISBURSED',
          amount: input.amount,
        });
        ctx.loaders.disbursementsByAllocation.clear(current.id);
        return { id: paid.id, result: primed(ctx, paid) };
      },
      replay: (id) => reread(ctx, id),
    });
  } catch (error) {
    if (isUniqueViolation(error, 'fund_disbursement_one_voucher')) {
      throw new ConflictError(
        `Voucher ${JSON.stringify(voucherNumber)} is already recorded for a payment of this allocation`,
      );
    }
    if (isCheckViolation(error, 'fund_allocation_disbursed_within_amount')) {
      throw new ConflictError('Payments may not exceed the allocation');
    }
    throw error;
  }
}

/** An office over the studio freezes an allocation: no expense is submitted or approved against it. */
export async function freezeFunds(
  ctx: FinanceContext,
  input: FreezeFundsInput,
): Promise<FundAllocationEntity> {
  const check = new InputCheck('input');
  const reason = check.text(input.reason, 'reason', MAX_REASON);
  const key = readIdempotencyKey(check, input.idempotencyKey);
  check.done();

  const allocation = await getAllocation(ctx, input.allocationId, 'input.allocationId');
  await assertMayFreeze(ctx, allocation);
  return idempotently(ctx, {
    operation: 'freezeFunds',
    key,
    input,
    work: async (manager) => {
      const current = await lockAllocation(manager, allocation.id);
      if (current.status === 'FROZEN') {
        throw new ConflictError(`The allocation is already frozen: ${current.frozenReason ?? ''}`);
      }
      const frozen = await freezeAllocation(manager, current, reason, ctx.principal.userId);
      return { id: frozen.id, result: primed(ctx, await reloadAllocation(manager, frozen.id)) };
    },
    replay: (id) => reread(ctx, id),
  });
}

/** An office over the studio lifts a freeze; never while the studio stands revoked. */
export async function unfreezeFunds(
  ctx: FinanceContext,
  input: FreezeFundsInput,
): Promise<FundAllocationEntity> {
  const check = new InputCheck('input');
  check.text(input.reason, 'reason', MAX_REASON);
  const key = readIdempotencyKey(check, input.idempotencyKey);
  check.done();

  const allocation = await getAllocation(ctx, input.allocationId, 'input.allocationId');
  const studio = await assertMayFreeze(ctx, allocation);
  assertStudioOpen(studio, 'keeps its funds frozen');
  return idempotently(ctx, {
    operation: 'unfreezeFunds',
    key,
    input,
    work: async (manager) => {
      const current = await lockAllocation(manager, allocation.id);
      if (current.status === 'ACTIVE') throw new ConflictError('The allocation is not frozen');
      const active = await unfreezeAllocation(manager, current, ctx.principal.userId);
      return { id: active.id, result: primed(ctx, await reloadAllocation(manager, active.id)) };
    },
    replay: (id) => reread(ctx, id),
  });
}

async function assertMayFreeze(ctx: FinanceContext, allocation: FundAllocationEntity): Promise<StudioState> {
  const studio = await ctx.loaders.studioState.load(allocation.workshopId);
  if (!studio || !canFreeze(ctx.principal, studio)) {
    throw new ForbiddenError("Only an office over the studio freezes or unfreezes the studio's funds");
  }
  return studio;
}

/** Refuses a revoked or dissolved studio (CONFLICT), saying what it no longer does. */
export function assertStudioOpen(studio: StudioState, what: string): void {
  if (CLOSED_STUDIO_STATUSES.includes(studio.status)) {
    throw new ConflictError(`The studio is ${studio.status} and ${what}`);
  }
}

/** The facts every event of an allocation carries. */
export function eventFacts(allocation: FundAllocationEntity, actor: string) {
  return {
    workshopId: allocation.workshopId,
    allocationId: allocation.id,
    regionCode: allocation.regionCode,
    hostRegionCode: allocation.hostRegionCode,
    actor,
  };
}

/** The allocation as it is now in the transaction, after a write in SQL. */
export function reloadAllocation(manager: EntityManager, id: string): Promise<FundAllocationEntity> {
  return manager.getRepository(FundAllocationEntity).findOneByOrFail({ id });
}

/** Puts a changed allocation in the request's loader, so the answer and its children agree. */
export function primed(ctx: FinanceContext, allocation: FundAllocationEntity): FundAllocationEntity {
  ctx.loaders.allocation.clear(allocation.id).prime(allocation.id, allocation);
  ctx.loaders.allocationsByWorkshop.clear(allocation.workshopId);
  return allocation;
}

/** The first result of a replayed mutation: the allocation as it is now. */
async function reread(ctx: FinanceContext, id: string): Promise<FundAllocationEntity> {
  ctx.loaders.allocation.clear(id);
  return getAllocation(ctx, id);
}

/** Names the database's money rule a write broke, for the refusal's message. */
export function describeCheck(error: unknown): string {
  const constraint = (error as { driverError?: { constraint?: string } }).driverError?.constraint;
  return CHECK_RULES[constraint ?? ''] ?? 'a money rule';
}

const CHECK_RULES: Record<string, string> = {
  fund_allocation_within_amount: 'approved spending may not exceed the allocation',
  fund_allocation_disbursed_within_amount: 'payments may not exceed the allocation',
  fund_allocation_lecture_fee_cap: 'lecture fees may not exceed the cap',
};
