import type {
  FundAdjustmentResolvers,
  FundAllocationResolvers,
  FundDisbursementResolvers,
} from '../generated/resolvers-types';
import { lectureFeeCap } from '../rules/money';

export const FundAllocation: FundAllocationResolvers = {
  workshop: (a) => ({ id: a.workshopId }),
  sourceRegion: (a) => ({ code: a.sourceRegionCode }),
  hostSchool: (a) => ({ id: a.hostSchoolId }),
  balance: (a) => a.amount - a.approved,
  lectureFeeCap: (a) => lectureFeeCap(a.amount, a.lectureFeeCapPercent),
  adjustments: (a, _args, ctx) => ctx.loaders.adjustmentsByAllocation.load(a.id),
  disbursements: (a, _args, ctx) => ctx.loaders.disbursementsByAllocation.load(a.id),
  expenses: async (a, { status }, ctx) =>
    (await ctx.loaders.expensesByAllocation.load(a.id)).filter((e) => !status || e.status === status),
};

export const FundAdjustment: FundAdjustmentResolvers = {};
export const FundDisbursement: FundDisbursementResolvers = {};
