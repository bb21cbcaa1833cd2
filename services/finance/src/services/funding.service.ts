import type { RegionLevel } from '@mingshi/auth';
import type { ExpenseCategory } from '../generated/resolvers-types';

/** A studio's money for one year, over its allocations. Rates are decimal strings, never floats. */
export interface FundingSummary {
  workshopId: string;
  year: number;
  allocated: bigint;
  disbursed: bigint;
  approved: bigint;
  pending: bigint;
  balance: bigint;
  executionRate: string | null;
  spendingByCategory: { category: ExpenseCategory; approved: bigint }[];
  lectureFeeRatio: string | null;
  frozen: boolean;
}

export interface FundSummaryGroupView {
  regionCode: string | null;
  level: RegionLevel | null;
  category: ExpenseCategory | null;
  studioCount: number;
  allocated: bigint;
  approved: bigint;
  executionRate: string | null;
}

export interface FundFlagView {
  workshopId: string;
  allocated: bigint;
  approved: bigint;
  executionRate: string | null;
  lectureFeeRatio: string | null;
  reason: 'EXECUTION_LOW' | 'LECTURE_FEE_HIGH';
}

export interface FundSummaryView {
  year: number;
  studioCount: number;
  allocated: bigint;
  disbursed: bigint;
  approved: bigint;
  pending: bigint;
  executionRate: string | null;
  groups: FundSummaryGroupView[];
  flagged: FundFlagView[];
}
