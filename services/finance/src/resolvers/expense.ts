import type { ExpenseResolvers } from '../generated/resolvers-types';
import { seesPayees } from '../rules/permissions';
import { getAllocation } from '../services/allocation.service';

/** What an analyst reads in place of a payee: whether it was a person or a firm is not theirs to know. */
const MASKED_PAYEE = '***';

export const Expense: ExpenseResolvers = {
  allocation: (e, _args, ctx) => getAllocation(ctx, e.allocationId),
  workshop: (e) => ({ id: e.workshopId }),
  payee: (e, _args, ctx) => (seesPayees(ctx.principal) ? e.payee : MASKED_PAYEE),
};
