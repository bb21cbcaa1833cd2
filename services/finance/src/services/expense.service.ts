import type { EntityManager } from 'typeorm';
import { filterScope } from '@mingshi/auth';
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
import { ExpenseEntity, type FundAllocationEntity } from '../entities';
import type {
  DecideExpenseInput,
  ExpenseFilter,
  ReverseExpenseInput,
  SubmitExpenseInput,
} from '../generated/resolvers-types';
import { lectureFeeCap, positiveAmountProblem, spentOnProblem } from '../rules/money';
import { canDecideExpense, canSubmitExpense } from '../rules/permissions';
import type { StudioState } from '@mingshi/subgraph-server';
import { lockAllocation } from './allocation-freeze';
import { assertStudioOpen, eventFacts, getAllocation, primed, reloadAllocation } from './allocation.service';
import { appendFundEvent } from './fund-event-log';
import { idempotently, readIdempotencyKey } from './idempotency';
import { listableMoney, whereReadable } from './money-reach';

const MAX_PAYEE = 100;
const MAX_VOUCHER = 100;
const MAX_DESCRIPTION = 1000;
const MAX_REASON = 500;
/** The instant of an expense cursor, as `toISOString` writes it. */
const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Whether a cursor's instant is one this API wrote: a real instant, written by `toISOString`. */
function isCursorInstant(value: unknown): boolean {
  if (typeof value !== 'string' || !CURSOR_INSTANT.test(value)) return false;
  const instant = new Date(value);
  return !Number.isNaN(instant.getTime()) && instant.toISOString() === value;
}

/** An expense the caller may read, or NOT_FOUND. */
export async function getExpense(ctx: FinanceContext, id: string, field?: string): Promise<ExpenseEntity> {
  const expense = await ctx.loaders.expense.load(id);
  if (!expense) throw new NotFoundError('Expense', id, field);
  return expense;
}

/** Expenses the caller may read, newest first (to the millisecond, then by id). */
export async function listExpenses(
  ctx: FinanceContext,
  filter: ExpenseFilter | null | undefined,
  pageArgs: PageArgs,
): Promise<Connection<ExpenseEntity>> {
  const page = readPage(pageArgs);
  const after = page.after;
  if (after && !(isCursorInstant(after[0]) && isUuid(String(after[1])))) {
    throw new BadUserInputError('after is not a cursor for this list', 'after');
  }
  const check = new InputCheck('filter');
  if (filter?.workshopId != null && !isUuid(filter.workshopId))
    check.refuse('workshopId', 'must be a studio id');
  if (filter?.allocationId != null && !isUuid(filter.allocationId)) {
    check.refuse('allocationId', 'must be an allocation id');
  }
  check.done();
  const range = filterScope(ctx.principal, filter?.regionCode, 'filter.regionCode');
  const reach = await listableMoney(ctx);
  if (reach.kind === 'STUDIOS' && reach.workshopIds.length === 0) return emptyConnection();

  const query = whereReadable(
    (await ctx.tx.manager()).getRepository(ExpenseEntity).createQueryBuilder('e'),
    'e',
    range,
    reach,
    'through allocation',
  );
  if (filter?.workshopId) query.andWhere('e.workshopId = :workshopId', { workshopId: filter.workshopId });
  if (filter?.allocationId)
    query.andWhere('e.allocationId = :allocationId', { allocationId: filter.allocationId });
  if (filter?.status) query.andWhere('e.status = :status', { status: filter.status });
  if (filter?.category) query.andWhere('e.category = :category', { category: filter.category });
  return fetchConnection(query, page, {
    // Truncated to what a cursor (a JSON timestamp) can carry, so ordering and cursor agree.
    columns: [`date_trunc('milliseconds', e.submittedAt)`, 'e.id'],
    valuesOf: (e) => [e.submittedAt.toISOString(), e.id],
    descending: true,
  });
}

/**
 * The studio's host submits an expense against an active allocation of a studio still open, in a
 * category the allocation's policy allows and within what is not yet approved. The amount is held
 * as pending until decided.
 */
export async function submitExpense(ctx: FinanceContext, input: SubmitExpenseInput): Promise<ExpenseEntity> {
  const check = new InputCheck('input');
  check.expect('amount', positiveAmountProblem(input.amount));
  const spentOn = check.pastDate(input.spentOn, 'spentOn');
  const payee = check.text(input.payee, 'payee', MAX_PAYEE);
  const voucherNumber = check.text(input.voucherNumber, 'voucherNumber', MAX_VOUCHER);
  const description = check.text(input.description, 'description', MAX_DESCRIPTION);
  const key = readIdempotencyKey(check, input.idempotencyKey);
  check.done();

  const allocation = await getAllocation(ctx, input.allocationId, 'input.allocationId');
  const studio = await ctx.loaders.studio.load(allocation.workshopId);
  if (!studio || !canSubmitExpense(ctx.principal, studio)) {
    throw new ForbiddenError("Only the studio's host submits its expenses");
  }
  // Read against the allocation, so only once it is known (as a certificate's year is read against its cycle).
  if (!allocation.allowedCategories.includes(input.category)) {
    throw new BadUserInputError(
      `input.category ${input.category} is not among the categories this allocation may be spent on (${allocation.allowedCategories.join(', ')})`,
      'input.category',
    );
  }
  const dateProblem = spentOnProblem(spentOn, allocation.year);
  if (dateProblem) throw new BadUserInputError(`input.spentOn ${dateProblem}`, 'input.spentOn');
  assertStudioOpen(studio, 'takes no new spending');

  try {
    return await idempotently(ctx, {
      operation: 'submitExpense',
      key,
      input,
      work: async (manager) => {
        const current = await lockAllocation(manager, allocation.id);
        assertActive(current);
        const left = current.amount - current.approved;
        if (input.amount > left) {
          throw new ConflictError(
            `The expense of ${fenToYuan(input.amount)} is more than the ${fenToYuan(left)} left of the allocation (${fenToYuan(current.amount)}, ${fenToYuan(current.approved)} approved)`,
          );
        }
        const repo = manager.getRepository(ExpenseEntity);
        const saved = await repo.save(
          repo.create({
            allocationId: current.id,
            workshopId: current.workshopId,
            regionCode: current.regionCode,
            hostRegionCode: current.hostRegionCode,
            category: input.category,
            amount: input.amount,
            spentOn,
            payee,
            voucherNumber,
            description,
            status: 'SUBMITTED',
            submittedBy: ctx.principal.userId,
          }),
        );
        await manager.query(
          `UPDATE finance.fund_allocation SET pending_fen = pending_fen + $2, updated_at = now() WHERE id = $1`,
          [current.id, input.amount.toString()],
        );
        await appendFundEvent(manager, {
          ...eventFacts(current, ctx.principal.userId),
          type: 'EXPENSE_SUBMITTED',
          expenseId: saved.id,
          amount: input.amount,
        });
        return { id: saved.id, result: await settled(ctx, manager, saved.id, current.id) };
      },
      replay: (id) => reread(ctx, id),
    });
  } catch (error) {
    if (isUniqueViolation(error, 'expense_one_live_voucher')) {
      throw new ConflictError(
        `Voucher ${JSON.stringify(voucherNumber)} already belongs to a submitted or approved expense of this allocation`,
      );
    }
    throw error;
  }
}

/**
 * The host school's finance or the office of the studio's level approves or rejects a submitted
 * expense. An approval is one conditional UPDATE of the allocation's totals: its CHECK constraints
 * decide, under the row lock, whether it still fits the allocation and the lecture-fee cap, so two
 * approvals racing cannot both pass.
 */
export async function decideExpense(ctx: FinanceContext, input: DecideExpenseInput): Promise<ExpenseEntity> {
  const check = new InputCheck('input');
  const reason =
    input.decision === 'REJECT'
      ? check.text(input.reason ?? '', 'reason', MAX_REASON)
      : check.optionalText(input.reason, 'reason', MAX_REASON);
  const key = readIdempotencyKey(check, input.idempotencyKey);
  check.done();

  const { expense, allocation, studio } = await decidable(ctx, input.expenseId);
  if (input.decision === 'APPROVE') assertStudioOpen(studio, 'takes no new spending');

  try {
    return await idempotently(ctx, {
      operation: 'decideExpense',
      key,
      input,
      work: async (manager) => {
        const current = await lockExpense(manager, expense.id);
        if (current.status !== 'SUBMITTED') {
          throw new ConflictError(`The expense is ${current.status}; only a SUBMITTED expense is decided`);
        }
        const lecture = current.category === 'LECTURE_FEE' ? current.amount : 0n;
        if (input.decision === 'APPROVE') {
          const [, updated] = (await manager.query(
            `UPDATE finance.fund_allocation
                SET approved_fen = approved_fen + $2, pending_fen = pending_fen - $2,
                    lecture_fee_fen = lecture_fee_fen + $3, updated_at = now()
              WHERE id = $1 AND status = 'ACTIVE'`,
            [allocation.id, current.amount.toString(), lecture.toString()],
          )) as [unknown, number];
          if (updated === 0) {
            throw new ConflictError(
              'The allocation is frozen: no expense is approved against it until it is unfrozen',
            );
          }
        } else {
          await manager.query(
            `UPDATE finance.fund_allocation SET pending_fen = pending_fen - $2, updated_at = now() WHERE id = $1`,
            [allocation.id, current.amount.toString()],
          );
        }
        await manager.getRepository(ExpenseEntity).update(current.id, {
          status: input.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED',
          decidedBy: ctx.principal.userId,
          decidedAt: new Date(),
          decisionReason: reason,
        });
        await appendFundEvent(manager, {
          ...eventFacts(allocation, ctx.principal.userId),
          type: input.decision === 'APPROVE' ? 'EXPENSE_APPROVED' : 'EXPENSE_REJECTED',
          expenseId: current.id,
          amount: current.amount,
        });
        return { id: current.id, result: await settled(ctx, manager, current.id, allocation.id) };
      },
      replay: (id) => reread(ctx, id),
    });
  } catch (error) {
    if (isCheckViolation(error)) throw await approvalRefusal(ctx, error, expense, allocation.id);
    throw error;
  }
}

/** Whoever may approve reverses an approved expense: it stops counting as spending. */
export async function reverseExpense(
  ctx: FinanceContext,
  input: ReverseExpenseInput,
): Promise<ExpenseEntity> {
  const check = new InputCheck('input');
  const reason = check.text(input.reason, 'reason', MAX_REASON);
  const key = readIdempotencyKey(check, input.idempotencyKey);
  check.done();

  const { expense, allocation } = await decidable(ctx, input.expenseId);
  return idempotently(ctx, {
    operation: 'reverseExpense',
    key,
    input,
    work: async (manager) => {
      const current = await lockExpense(manager, expense.id);
      if (current.status !== 'APPROVED') {
        throw new ConflictError(`The expense is ${current.status}; only an APPROVED expense is reversed`);
      }
      const lecture = current.category === 'LECTURE_FEE' ? current.amount : 0n;
      await manager.query(
        `UPDATE finance.fund_allocation
            SET approved_fen = approved_fen - $2, lecture_fee_fen = lecture_fee_fen - $3, updated_at = now()
          WHERE id = $1`,
        [allocation.id, current.amount.toString(), lecture.toString()],
      );
      await manager.getRepository(ExpenseEntity).update(current.id, {
        status: 'REVERSED',
        reversedBy: ctx.principal.userId,
        reversedAt: new Date(),
        reversalReason: reason,
      });
      await appendFundEvent(manager, {
        ...eventFacts(allocation, ctx.principal.userId),
        type: 'EXPENSE_REVERSED',
        expenseId: current.id,
        amount: current.amount,
      });
      return { id: current.id, result: await settled(ctx, manager, current.id, allocation.id) };
    },
    replay: (id) => reread(ctx, id),
  });
}

/** The expense, its allocation and studio, when the caller may decide on it (else NOT_FOUND/FORBIDDEN). */
async function decidable(
  ctx: FinanceContext,
  expenseId: string,
): Promise<{ expense: ExpenseEntity; allocation: FundAllocationEntity; studio: StudioState }> {
  const expense = await getExpense(ctx, expenseId, 'input.expenseId');
  const allocation = await getAllocation(ctx, expense.allocationId);
  const studio = await ctx.loaders.studioState.load(allocation.workshopId);
  if (!studio || !canDecideExpense(ctx.principal, allocation, studio)) {
    throw new ForbiddenError(
      "Only the host school's finance (its administrator) or the office of the studio's level decides on its expenses",
    );
  }
  return { expense, allocation, studio };
}

function assertActive(allocation: FundAllocationEntity): void {
  if (allocation.status === 'FROZEN') {
    throw new ConflictError(
      `The allocation is frozen (${allocation.frozenReason ?? ''}): it takes no new spending`,
    );
  }
}

function lockExpense(manager: EntityManager, id: string): Promise<ExpenseEntity> {
  return manager
    .getRepository(ExpenseEntity)
    .findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
}

/**
 * Why an approval broke a money rule, with the figures as they stand now (read after the failed
 * statement was rolled back, so they are the figures the approval met).
 */
async function approvalRefusal(
  ctx: FinanceContext,
  error: unknown,
  expense: ExpenseEntity,
  allocationId: string,
): Promise<ConflictError> {
  const now = await reloadAllocation(await ctx.tx.manager(), allocationId);
  primed(ctx, now);
  if (isCheckViolation(error, 'fund_allocation_lecture_fee_cap')) {
    const cap = lectureFeeCap(now.amount, now.lectureFeeCapPercent);
    return new ConflictError(
      `Approving ${fenToYuan(expense.amount)} of lecture fees would take them to ${fenToYuan(now.lectureFees + expense.amount)}, past the cap of ${fenToYuan(cap)} (${now.lectureFeeCapPercent}% of ${fenToYuan(now.amount)}; ${fenToYuan(now.lectureFees)} already approved)`,
    );
  }
  if (isCheckViolation(error, 'fund_allocation_within_amount')) {
    return new ConflictError(
      `Approving ${fenToYuan(expense.amount)} would take approved spending to ${fenToYuan(now.approved + expense.amount)}, past the allocation of ${fenToYuan(now.amount)} (${fenToYuan(now.amount - now.approved)} left)`,
    );
  }
  return new ConflictError('The approval breaks a money rule of the allocation');
}

/** The expense as written, with the allocation's loaders refreshed for the answer. */
async function settled(
  ctx: FinanceContext,
  manager: EntityManager,
  expenseId: string,
  allocationId: string,
): Promise<ExpenseEntity> {
  primed(ctx, await reloadAllocation(manager, allocationId));
  const expense = await manager.getRepository(ExpenseEntity).findOneByOrFail({ id: expenseId });
  ctx.loaders.expense.clear(expenseId).prime(expenseId, expense);
  ctx.loaders.expensesByAllocation.clear(allocationId);
  return expense;
}

async function reread(ctx: FinanceContext, id: string): Promise<ExpenseEntity> {
  ctx.loaders.expense.clear(id);
  return getExpense(ctx, id);
}
