import type { EntityManager } from 'typeorm';
import {
  covers,
  ancestorsOf,
  officeLevel,
  regionCodeProblem,
  regionLevel,
  type RegionLevel,
} from '@mingshi/auth';
import { BadUserInputError, ForbiddenError, InputCheck, enumOrder } from '@mingshi/graphql';
import type { FinanceContext } from '../context';
import { FundPolicyEntity } from '../entities';
import type { ExpenseCategory, SetFundPolicyInput } from '../generated/resolvers-types';
import { financeSchema } from '../schema-document';
import { idempotently, readIdempotencyKey } from './idempotency';

/** An office's fund policy as the graph shows it: its own, or the default when it has none. */
export interface FundPolicyView {
  regionCode: string;
  level: RegionLevel;
  allowedCategories: ExpenseCategory[];
  lectureFeeCapPercent: number;
  configured: boolean;
  updatedAt: Date | null;
}

/** Every category, in the order the schema declares them: how policies and figures list them. */
export const EXPENSE_CATEGORIES = enumOrder<ExpenseCategory>(financeSchema, 'ExpenseCategory');

/** 课酬 may be at most half of a studio's allocation unless an office rules otherwise. */
export const DEFAULT_LECTURE_FEE_CAP_PERCENT = 50;

/**
 * The policy of the office of `regionCode` (the caller's own without one). A policy is a published
 * rule: readable by the offices and people of its region and of the regions below it, so a county
 * reads its city's and province's; a region beside the caller's is refused.
 */
export async function fundPolicy(ctx: FinanceContext, regionCode?: string | null): Promise<FundPolicyView> {
  const code = regionCode ?? ctx.principal.regionCode;
  const problem = regionCodeProblem(code);
  if (problem) throw new BadUserInputError(`regionCode ${problem}`, 'regionCode');
  const readable =
    covers(ctx.principal.regionCode, code) || ancestorsOf(ctx.principal.regionCode).includes(code);
  if (!readable)
    throw new ForbiddenError(`The fund policy of region ${code} is outside your scope`, 'regionCode');
  return policyOf(await ctx.tx.manager(), code);
}

/** The policy an office's allocations take today, read in the caller's transaction. */
export async function policyOf(manager: EntityManager, regionCode: string): Promise<FundPolicyView> {
  const row = await manager.getRepository(FundPolicyEntity).findOneBy({ regionCode });
  return row ? toView(row) : defaultPolicy(regionCode);
}

function defaultPolicy(regionCode: string): FundPolicyView {
  return {
    regionCode,
    level: regionLevel(regionCode),
    allowedCategories: [...EXPENSE_CATEGORIES],
    lectureFeeCapPercent: DEFAULT_LECTURE_FEE_CAP_PERCENT,
    configured: false,
    updatedAt: null,
  };
}

function toView(row: FundPolicyEntity): FundPolicyView {
  return {
    regionCode: row.regionCode,
    level: row.level,
    allowedCategories: EXPENSE_CATEGORIES.filter((c) => row.allowedCategories.includes(c)),
    lectureFeeCapPercent: row.lectureFeeCapPercent,
    configured: true,
    updatedAt: row.updatedAt,
  };
}

/**
 * An office sets the policy of its own jurisdiction. Allocations copy the policy when they are
 * made, so a change here governs only the allocations made afterwards.
 */
export async function setFundPolicy(ctx: FinanceContext, input: SetFundPolicyInput): Promise<FundPolicyView> {
  const check = new InputCheck('input');
  const categories = check.list(input.allowedCategories, 'allowedCategories', { min: 1 });
  const cap = check.wholeNumber(input.lectureFeeCapPercent, 'lectureFeeCapPercent', 0, 100);
  const key = readIdempotencyKey(check, input.idempotencyKey);
  if (input.regionCode != null) check.expect('regionCode', regionCodeProblem(input.regionCode));
  check.done();

  const { principal } = ctx;
  const level = officeLevel(principal);
  if (!level)
    throw new ForbiddenError('Only an education office (province, city or county) sets a fund policy');
  if (input.regionCode != null && input.regionCode !== principal.regionCode) {
    throw new ForbiddenError(
      `An office sets its own fund policy only: yours is region ${principal.regionCode}, not ${input.regionCode}`,
      'input.regionCode',
    );
  }
  if (regionLevel(principal.regionCode) !== level) {
    throw new ForbiddenError(
      `A ${level} office sets the fund policy of its own jurisdiction; your sign-in names region ${principal.regionCode}`,
    );
  }
  return idempotently(ctx, {
    operation: 'setFundPolicy',
    key,
    input,
    work: async (manager) => {
      await manager.query(
        `INSERT INTO finance.fund_policy (region_code, level, allowed_categories, lecture_fee_cap_percent, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (region_code) DO UPDATE SET level = EXCLUDED.level, allowed_categories = EXCLUDED.allowed_categories,
           lecture_fee_cap_percent = EXCLUDED.lecture_fee_cap_percent, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [principal.regionCode, level, categories, cap, principal.userId],
      );
      return { id: principal.regionCode, result: await policyOf(manager, principal.regionCode) };
    },
    replay: async (id) => policyOf(await ctx.tx.manager(), id),
  });
}
