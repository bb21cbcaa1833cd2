import { cityOfSql, filterScope, narrowScope, regionLevelSql, type RegionRange } from '@mingshi/auth';
import {
  SqlParameters,
  dimensionColumnsSql,
  dimensionGroupsPerRange,
  rangedStatsLoader,
  rangesTableSql,
  type StatsDimension,
} from '@mingshi/db';
import { enumOrder, readGroupBy, readStatsFilter } from '@mingshi/graphql';
import type { FinanceContext } from '../context';
import type {
  ExpenseCategory,
  FundDimension,
  FundSourceLevel,
  FundStatsFilter,
  WorkshopLevel,
  WorkshopType,
} from '../generated/resolvers-types';
import { moneyFigures, type MoneyFigures } from '../rules/money';
import { financeSchema } from '../schema-document';
import {
  listableMoney,
  moneyInRangeSql,
  readableAllocationsSql,
  readableMoney,
  type ReadableMoney,
} from './money-reach';
import { EXPENSE_CATEGORIES } from './policy.service';

/**
 * Grouped aggregates of money: the one engine behind `fundStats`, `Region.fundStats` and the fund
 * summary's totals and groups. Every figure is summed in SQL from the allocations' running totals
 * (integer fen) and turned into rates by the money rules (rules/money.ts), nowhere else.
 */

/**
 * The dimensions the engine groups by: the API's, and the fund summary's older reading of a city —
 * the city of the studio's founding jurisdiction, which a province studio has none of.
 */
export type FundStatsDimension = FundDimension | 'FOUNDING_CITY';

/** What a fund statistic asks apart from the region, read and validated once. */
export interface FundQuestion {
  fromYear: number | null;
  toYear: number | null;
  level: WorkshopLevel | null;
  type: WorkshopType | null;
  sourceLevel: FundSourceLevel | null;
  groupBy: FundStatsDimension[];
}

/** One group: the value of each dimension grouped by (null otherwise), then its money. */
export interface FundStatsGroupView extends MoneyFigures {
  cityCode: string | null;
  countyCode: string | null;
  level: WorkshopLevel | null;
  type: WorkshopType | null;
  sourceLevel: FundSourceLevel | null;
  year: number | null;
  category: ExpenseCategory | null;
  workshopId: string | null;
  studioCount: number;
}

type Column = keyof Pick<
  FundStatsGroupView,
  'cityCode' | 'countyCode' | 'level' | 'type' | 'sourceLevel' | 'year' | 'category' | 'workshopId'
>;

/** Over the allocation `a`, except CATEGORY, which is the expense's. */
export const FUND_STATS_DIMENSIONS: Record<FundStatsDimension, StatsDimension & { column: Column }> = {
  // Money is placed where it is paid: the host school's county, and that county's city.
  CITY: { column: 'cityCode', sql: cityOfSql('a.host_region_code'), order: 'value' },
  COUNTY: { column: 'countyCode', sql: 'a.host_region_code', order: 'value' },
  FOUNDING_CITY: { column: 'cityCode', sql: cityOfSql('a.region_code'), order: 'value' },
  // A studio's jurisdiction is its founding office's: its code says the level.
  LEVEL: {
    column: 'level',
    sql: regionLevelSql('a.region_code'),
    order: enumOrder(financeSchema, 'WorkshopLevel'),
  },
  TYPE: { column: 'type', sql: 'a.workshop_type', order: enumOrder(financeSchema, 'WorkshopType') },
  SOURCE_LEVEL: {
    column: 'sourceLevel',
    sql: 'a.source_level',
    order: enumOrder(financeSchema, 'FundSourceLevel'),
  },
  YEAR: { column: 'year', sql: 'a.year::int', order: 'value' },
  CATEGORY: { column: 'category', sql: 'e.category', order: EXPENSE_CATEGORIES },
  WORKSHOP: { column: 'workshopId', sql: 'a.workshop_id::text', order: 'value' },
};

/** Query.fundStats: the caller's scope narrowed by `filter.regionCode`. */
export async function fundStats(
  ctx: FinanceContext,
  filter: FundStatsFilter | null | undefined,
  groupBy: readonly FundDimension[] | null | undefined,
): Promise<FundStatsGroupView[]> {
  const question = readFundQuestion(filter, groupBy);
  const range = filterScope(ctx.principal, filter?.regionCode, 'filter.regionCode');
  await listableMoney(ctx);
  return ctx.loaders.fundStats.load({ range, question });
}

/**
 * Region.fundStats: as the root field over the region, or null when the region lies outside the
 * caller's scope or the caller reads no money (a region is public, its figures are not).
 */
export async function regionFundStats(
  ctx: FinanceContext,
  regionCode: string,
  filter: FundStatsFilter | null | undefined,
  groupBy: readonly FundDimension[] | null | undefined,
): Promise<FundStatsGroupView[] | null> {
  const question = readFundQuestion(filter, groupBy, { onRegion: true });
  const range = narrowScope(ctx.principal, regionCode);
  if (!range || (await readableMoney(ctx)).kind === 'NONE') return null;
  return ctx.loaders.fundStats.load({ range, question });
}

/** The filter and grouping of a fund statistic, refused with every problem at once. */
export function readFundQuestion(
  filter: FundStatsFilter | null | undefined,
  groupBy: readonly FundDimension[] | null | undefined,
  options: { onRegion?: boolean } = {},
): FundQuestion {
  return {
    ...readStatsFilter(filter, options),
    level: filter?.level ?? null,
    type: filter?.type ?? null,
    sourceLevel: filter?.sourceLevel ?? null,
    groupBy: readGroupBy(groupBy),
  };
}

/** The loader behind every fund statistic of a request: one statement per question. */
export function fundStatsLoader(ctx: () => FinanceContext) {
  return rangedStatsLoader((ranges, question: FundQuestion) => runFundStats(ctx(), ranges, question));
}

/**
 * The allocations a fund statistic counts over the range `lo`–`hi` (placeholders or columns), as
 * SQL conditions on `a`: those the caller's reach reads, of the studios founded in the range or
 * hosted there, of the question's years, levels and type. The fund summary's flagged studios read
 * the same allocations.
 */
export function countedAllocationsSql(
  question: Omit<FundQuestion, 'groupBy'>,
  reach: ReadableMoney,
  lo: string,
  hi: string,
  param: (value: unknown) => string,
): string {
  return [
    moneyInRangeSql('a', lo, hi),
    ...(question.fromYear !== null ? [`a.year >= ${param(question.fromYear)}`] : []),
    ...(question.toYear !== null ? [`a.year <= ${param(question.toYear)}`] : []),
    ...(question.level ? [`${regionLevelSql('a.region_code')} = ${param(question.level)}`] : []),
    ...(question.type ? [`a.workshop_type = ${param(question.type)}`] : []),
    ...(question.sourceLevel ? [`a.source_level = ${param(question.sourceLevel)}`] : []),
    ...readableAllocationsSql('a', reach, param),
  ].join(' AND ');
}

interface GroupRow {
  k: number;
  cityCode?: string | null;
  countyCode?: string | null;
  level?: WorkshopLevel | null;
  type?: WorkshopType | null;
  sourceLevel?: FundSourceLevel | null;
  year?: number | null;
  category?: ExpenseCategory | null;
  workshopId?: string | null;
  studios: number;
  allocated: string;
  disbursed: string;
  approved: string;
  pending: string;
  allocation_approved: string;
  lecture_fees: string;
}

/**
 * One statement for the question over every range. The allocations of each range are summed per
 * group of the dimensions other than CATEGORY; with CATEGORY, the approved and waiting expenses of
 * those allocations are summed per category and set beside their group's allocation figures.
 */
async function runFundStats(
  ctx: FinanceContext,
  ranges: readonly RegionRange[],
  question: FundQuestion,
): Promise<FundStatsGroupView[][]> {
  const reach = await readableMoney(ctx);
  const params = new SqlParameters();
  const dimensions = question.groupBy.map((d) => FUND_STATS_DIMENSIONS[d]);
  const byCategory = question.groupBy.includes('CATEGORY');
  const allocationDimensions = dimensions.filter((d) => d.column !== 'category');
  const columns = allocationDimensions.map((d) => `"${d.column}"`);
  const keys = ['k', ...columns];
  const groupPositions = keys.map((_, i) => i + 1).join(', ');
  // A group's key as one value that NULLs compare equal in (a county-less group, a type-less
  // allocation), so the category sums join their group by hash and not row against row.
  const groupKey = (alias: string) => `jsonb_build_array(${keys.map((key) => `${alias}.${key}`).join(', ')})`;

  const counted = `
    a AS (
      SELECT s.k, a.id, a.workshop_id, a.amount_fen, a.disbursed_fen, a.approved_fen, a.pending_fen,
             a.lecture_fee_fen${dimensionColumnsSql(allocationDimensions)}
        FROM ${rangesTableSql(ranges, params.add)} AS s(k, lo, hi)
        JOIN finance.fund_allocation a ON ${countedAllocationsSql(question, reach, 's.lo', 's.hi', params.add)}),
    g AS (
      SELECT ${keys.map((key) => `a.${key}`).join(', ')}, ${groupKey('a')} AS group_key,
             count(DISTINCT a.workshop_id)::int AS studios, sum(a.amount_fen) AS allocated,
             sum(a.disbursed_fen) AS disbursed, sum(a.approved_fen) AS approved, sum(a.pending_fen) AS pending,
             sum(a.lecture_fee_fen) AS lecture_fees
        FROM a GROUP BY ${groupPositions})`;
  const groupColumns = keys.map((key) => `g.${key}`).join(', ');
  const figures = `g.allocated::text AS allocated, g.disbursed::text AS disbursed,
    g.approved::text AS allocation_approved, g.lecture_fees::text AS lecture_fees`;
  const grouped = byCategory
    ? `WITH ${counted},
       c AS (
         SELECT ${groupKey('a')} AS group_key, e.category AS "category",
                count(DISTINCT a.workshop_id) FILTER (WHERE e.status = 'APPROVED')::int AS studios,
                coalesce(sum(e.amount_fen) FILTER (WHERE e.status = 'APPROVED'), 0) AS approved,
                coalesce(sum(e.amount_fen) FILTER (WHERE e.status = 'SUBMITTED'), 0) AS pending
           FROM a JOIN finance.expense e ON e.allocation_id = a.id
          WHERE e.status IN ('APPROVED', 'SUBMITTED')
          GROUP BY 1, 2)
       SELECT ${groupColumns}, c."category", c.studios, c.approved::text AS approved,
              c.pending::text AS pending, ${figures}
         FROM c JOIN g USING (group_key)`
    : `WITH ${counted}
       SELECT ${groupColumns}, g.studios, g.approved::text AS approved, g.pending::text AS pending, ${figures}
         FROM g`;
  return dimensionGroupsPerRange(ctx.tx, ranges, grouped, params, dimensions, toView);
}

function toView(row: GroupRow | undefined): FundStatsGroupView {
  return {
    cityCode: row?.cityCode ?? null,
    countyCode: row?.countyCode ?? null,
    level: row?.level ?? null,
    type: row?.type ?? null,
    sourceLevel: row?.sourceLevel ?? null,
    year: row?.year ?? null,
    category: row?.category ?? null,
    workshopId: row?.workshopId ?? null,
    studioCount: row?.studios ?? 0,
    ...moneyFigures(row),
  };
}
