/**
 * The finance section's rows (ANNUAL_SUMMARY, FUND_USAGE). Money is integer fen; a rate is the
 * decimal string the finance API shows ("0.4250", approved ÷ allocated rounded half up to four
 * places, null without an allocation), so a report and the API never disagree about a figure.
 * Every figure is of the report's year and counts approved spending net of reversals: submitted
 * expenses are only `pendingFen`, rejected and reversed ones nothing.
 */

/** What an expense was for (支出类别), in the order bureaus list them. */
export const EXPENSE_CATEGORIES = [
  'RESEARCH_ACTIVITY',
  'TRAINING_TRAVEL',
  'OUTREACH',
  'EXPERT_LECTURE',
  'LECTURE_FEE',
  'EQUIPMENT_MATERIALS',
  'OTHER',
] as const;

export type ExpenseCategoryCode = (typeof EXPENSE_CATEGORIES)[number];

/** Approved spending per category, every category present (0 when nothing was spent on it). */
export type SpendingByCategory = Record<ExpenseCategoryCode, number>;

/** The money of a set of studios for the year. */
export interface FundFigures {
  studioCount: number;
  allocatedFen: number;
  disbursedFen: number;
  /** Approved spending, net of reversals (已支出). */
  approvedFen: number;
  /** Submitted expenses awaiting a decision (待审核): not spent. */
  pendingFen: number;
  /** Approved lecture fees (课酬). */
  lectureFeeFen: number;
  spentByCategory: SpendingByCategory;
  /** approvedFen ÷ allocatedFen (执行率). */
  executionRate: string | null;
  /** lectureFeeFen ÷ allocatedFen (课酬占比). */
  lectureFeeRatio: string | null;
  /** What frozen allocations hold back: their amount less what was approved before the freeze. */
  frozenFen: number;
}

/** finance `fundRules`, one row: the thresholds the flags were computed with. */
export interface FundRulesRow {
  /** A studio whose execution rate is below this decimal is flagged EXECUTION_LOW ("0.5"). */
  executionLowBelow: string;
  /** A studio whose lecture fees pass this percentage of its allocation is flagged (50). */
  lectureFeeCapPercent: number;
}

/** finance `fundTotals`, one row: every studio the report covers. */
export type FundTotalsRow = FundFigures;

/** finance `fundCounties`: one row per county of the host schools (where the money is paid). */
export interface FundCountyRow extends FundFigures {
  countyCode: string;
}

/**
 * Why a studio's year needs a look:
 * - EXECUTION_LOW: execution rate below `FundRulesRow.executionLowBelow` (meant for the year end);
 * - LECTURE_FEE_OVER_CAP: lecture fees past `lectureFeeCapPercent` of the allocation, or past an
 *   allocation's own cap (historical data, or an office policy above the rule);
 * - FROZEN_SPENDING: money was spent from allocations now frozen (a revoked or stopped studio).
 */
export type FundFlag = 'EXECUTION_LOW' | 'LECTURE_FEE_OVER_CAP' | 'FROZEN_SPENDING';

/** finance `fundStudios` (FUND_USAGE): one row per studio with money for the year, by county then id. */
export interface FundStudioRow extends Omit<FundFigures, 'studioCount'> {
  workshopId: string;
  /** County of the host school (of the studio's latest allocation of the year). */
  countyCode: string;
  /** The studio's founding jurisdiction (county, city or province code). */
  regionCode: string;
  /** Whether any of the year's allocations is frozen. */
  frozen: boolean;
  /** Approved spending charged to the allocations that are now frozen. */
  frozenSpentFen: number;
  flags: FundFlag[];
}

/** The finance section's datasets, by name. */
export interface FinanceDatasets {
  fundRules: FundRulesRow;
  fundTotals: FundTotalsRow;
  fundCounties: FundCountyRow;
  fundStudios: FundStudioRow;
}
