import type { Resolvers } from '../generated/resolvers-types';
import {
  adjustAllocation,
  allocateFunds,
  disburseFunds,
  freezeFunds,
  getAllocation,
  listAllocations,
  unfreezeFunds,
} from '../services/allocation.service';
import {
  decideExpense,
  getExpense,
  listExpenses,
  reverseExpense,
  submitExpense,
} from '../services/expense.service';
import { fundStats } from '../services/fund-stats.service';
import { fundSummary } from '../services/funding.service';
import { fundPolicy, setFundPolicy } from '../services/policy.service';
import { Expense } from './expense';
import { FundStatsGroup, Region } from './fund-stats';
import { FundAdjustment, FundAllocation, FundDisbursement } from './fund-allocation';
import { FundFlag, FundPolicy, FundSummaryGroup, Workshop } from './workshop-funds';

/** Allocations, expenses, policies and funding: the funds slice of the finance subgraph. */
export const fundResolvers: Resolvers = {
  Query: {
    fundAllocation: (_p, { id }, ctx) => getAllocation(ctx, id, 'id'),
    fundAllocations: (_p, { filter, first, after }, ctx) => listAllocations(ctx, filter, { first, after }),
    expense: (_p, { id }, ctx) => getExpense(ctx, id, 'id'),
    expenses: (_p, { filter, first, after }, ctx) => listExpenses(ctx, filter, { first, after }),
    fundPolicy: (_p, { regionCode }, ctx) => fundPolicy(ctx, regionCode),
    fundSummary: (_p, { filter }, ctx) => fundSummary(ctx, filter),
    fundStats: (_p, { filter, groupBy }, ctx) => fundStats(ctx, filter, groupBy),
  },
  Mutation: {
    setFundPolicy: (_p, { input }, ctx) => setFundPolicy(ctx, input),
    allocateFunds: (_p, { input }, ctx) => allocateFunds(ctx, input),
    adjustAllocation: (_p, { input }, ctx) => adjustAllocation(ctx, input),
    disburseFunds: (_p, { input }, ctx) => disburseFunds(ctx, input),
    freezeFunds: (_p, { input }, ctx) => freezeFunds(ctx, input),
    unfreezeFunds: (_p, { input }, ctx) => unfreezeFunds(ctx, input),
    submitExpense: (_p, { input }, ctx) => submitExpense(ctx, input),
    decideExpense: (_p, { input }, ctx) => decideExpense(ctx, input),
    reverseExpense: (_p, { input }, ctx) => reverseExpense(ctx, input),
  },
  Workshop,
  FundAllocation,
  FundAdjustment,
  FundDisbursement,
  Expense,
  FundPolicy,
  FundSummaryGroup,
  FundFlag,
  FundStatsGroup,
  Region,
};
