import type { RegionLevel } from '@mingshi/auth';
import type { ExpenseCategory } from '../generated/resolvers-types';

/** An office's fund policy as the graph shows it: its own, or the default when it has none. */
export interface FundPolicyView {
  regionCode: string;
  level: RegionLevel;
  allowedCategories: ExpenseCategory[];
  lectureFeeCapPercent: number;
  configured: boolean;
  updatedAt: Date | null;
}
