import { filterScope, narrowScope, type RegionLevel, type RegionRange } from '@mingshi/auth';
import { SqlParameters } from '@mingshi/db';
import { InputCheck, isUuid } from '@mingshi/graphql';
import type { FinanceContext } from '../context';
import type {
  ExpenseCategory,
  FundSummaryDimension,
  FundSummaryFilter,
  WorkshopType,
} from '../generated/resolvers-types';
import { rateAboveSql, rateBelowSql } from '../rules/fund-flags';
import { moneyFigures, ratioProblem, type MoneyFigures } from '../rules/money';
import {
  countedAllocationsSql,
  type FundQuestion,
  type FundStatsDimension,
  type FundStatsGroupView,
} from './fund-stats.service';
import { listableMoney, readableMoney, type ReadableMoney } from './money-reach';
import { EXPENSE_CATEGORIES } from './policy.service';

/** A studio's money for one year, over its allocations. Rates are decimal strings, never floats. */
export interface FundingSummary extends MoneyFigures {
  workshopId: string;
  year: number;
  spendingByCategory: { category: ExpenseCategory; approved: bigint }[];
  frozen: boolean;
}

export interface FundSummaryGroupView {
  regionCode: string | null;
  level: RegionLevel | null;
  type: WorkshopType | null;
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

export interface FundingKey {
  workshopId: string;
  year: number;
}

/** Studios past a threshold are listed up to this many per reason: a summary, not a list. */
const MAX_FLAGGED = 100;

/** Workshop.funding: null when the caller may not read the studio's money. */
export async function workshopFunding(
  ctx: FinanceContext,
  workshopId: string,
  year: number,
): Promise<FundingSummary | null> {
  const check = new InputCheck();
  check.year(year, 'year');
  check.done();
  if (!(await ctx.loaders.moneyReadable.load(workshopId))) return null;
  return ctx.loaders.funding.load({ workshopId, year });
}

/**
 * Whether the caller may read each studio's money: an office or scope reader over the studio's
 * jurisdiction or over the county its money is paid into, the host school's finance, the host.
 * One SQL statement (and one question to workshop) for a page of studios.
 */
export async function loadMoneyReadableStudios(
  ctx: FinanceContext,
  workshopIds: readonly string[],
): Promise<boolean[]> {
  const reach = await readableMoney(ctx);
  if (reach.kind === 'NONE') return workshopIds.map(() => false);
  if (reach.kind === 'STUDIOS') return workshopIds.map((id) => reach.workshopIds.includes(id));
  const ids = workshopIds.filter(isUuid);
  // Only a school's finance needs the host school; the region's readers need the studio's state.
  const studios =
    reach.kind === 'SCHOOL'
      ? await ctx.loaders.studio.loadMany(ids)
      : await ctx.loaders.studioState.loadMany(ids);
  const rows = (await (
    await ctx.tx.manager()
  ).query(
    `SELECT DISTINCT workshop_id::text AS workshop_id FROM finance.fund_allocation
      WHERE workshop_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR host_school_id = $2::uuid)`,
    [ids, schoolOf(reach)],
  )) as { workshop_id: string }[];
  const paidHere = new Set(rows.map((r) => r.workshop_id));
  const scope = narrowScope(ctx.principal)!;
  return workshopIds.map((id) => {
    const index = ids.indexOf(id);
    const studio = index < 0 ? null : studios[index];
    if (!studio || studio instanceof Error) return false;
    if (paidHere.has(id)) return true;
    return reach.kind === 'SCHOOL'
      ? 'hostSchoolId' in studio && studio.hostSchoolId === reach.hostSchoolId
      : studio.regionCode >= scope.lo && studio.regionCode <= scope.hi;
  });
}

interface FundingRow {
  workshop_id: string;
  year: number;
  allocated: string;
  disbursed: string;
  approved: string;
  pending: string;
  lecture_fees: string;
  frozen: boolean;
  categories: { category: ExpenseCategory; approved: string }[];
}

/** The funding of a page of (studio, year) pairs in one SQL statement. */
export async function loadFunding(
  ctx: FinanceContext,
  keys: readonly FundingKey[],
): Promise<FundingSummary[]> {
  const reach = await readableMoney(ctx);
  const valid = keys.filter((k) => isUuid(k.workshopId));
  const rows = (await (
    await ctx.tx.manager()
  ).query(
    `SELECT k.workshop_id::text AS workshop_id, k.year::int AS year,
            coalesce(f.allocated, 0)::text AS allocated, coalesce(f.disbursed, 0)::text AS disbursed,
            coalesce(f.approved, 0)::text AS approved, coalesce(f.pending, 0)::text AS pending,
            coalesce(f.lecture_fees, 0)::text AS lecture_fees, coalesce(f.frozen, false) AS frozen,
            coalesce(c.categories, '[]'::json) AS categories
       FROM unnest($1::uuid[], $2::int[]) AS k(workshop_id, year)
       LEFT JOIN LATERAL (
         SELECT sum(a.amount_fen) AS allocated, sum(a.disbursed_fen) AS disbursed, sum(a.approved_fen) AS approved,
                sum(a.pending_fen) AS pending, sum(a.lecture_fee_fen) AS lecture_fees,
                bool_or(a.status = 'FROZEN') AS frozen
           FROM finance.fund_allocation a
          WHERE a.workshop_id = k.workshop_id AND a.year = k.year AND ($3::uuid IS NULL OR a.host_school_id = $3::uuid)
       ) f ON true
       LEFT JOIN LATERAL (
         SELECT json_agg(json_build_object('category', s.category, 'approved', s.approved::text)) AS categories
           FROM (SELECT e.category, sum(e.amount_fen) AS approved
                   FROM finance.expense e JOIN finance.fund_allocation a ON a.id = e.allocation_id
                  WHERE a.workshop_id = k.workshop_id AND a.year = k.year AND e.status = 'APPROVED'
                    AND ($3::uuid IS NULL OR a.host_school_id = $3::uuid)
                  GROUP BY e.category) s
       ) c ON true`,
    [valid.map((k) => k.workshopId), valid.map((k) => k.year), schoolOf(reach)],
  )) as FundingRow[];
  const byKey = new Map(rows.map((r) => [`${r.workshop_id}:${r.year}`, r]));
  return keys.map((key) => toFunding(key, byKey.get(`${key.workshopId}:${key.year}`)));
}

function toFunding(key: FundingKey, row: FundingRow | undefined): FundingSummary {
  const byCategory = new Map((row?.categories ?? []).map((c) => [c.category, BigInt(c.approved)]));
  return {
    workshopId: key.workshopId,
    year: key.year,
    ...moneyFigures(row),
    spendingByCategory: EXPENSE_CATEGORIES.filter((c) => byCategory.has(c)).map((category) => ({
      category,
      approved: byCategory.get(category)!,
    })),
    frozen: row?.frozen ?? false,
  };
}

function schoolOf(reach: ReadableMoney): string | null {
  return reach.kind === 'SCHOOL' ? reach.hostSchoolId : null;
}

/** The fund summary's dimensions as the fund-stats engine groups them. */
const SUMMARY_DIMENSIONS: Record<FundSummaryDimension, FundStatsDimension> = {
  CITY: 'FOUNDING_CITY',
  COUNTY: 'COUNTY',
  LEVEL: 'SOURCE_LEVEL',
  TYPE: 'TYPE',
  CATEGORY: 'CATEGORY',
};

/**
 * Funds summed in SQL over the allocations of a year the caller may read, in a region's subtree
 * (studios founded there or paid there), grouped as asked, with the studios past the thresholds.
 * Totals and groups are the fund-stats engine's; thresholds are compared as numeric in the
 * database, exactly.
 */
export async function fundSummary(ctx: FinanceContext, filter: FundSummaryFilter): Promise<FundSummaryView> {
  const check = new InputCheck('filter');
  const year = check.year(filter.year, 'year');
  const groupBy = check.list(filter.groupBy ?? [], 'groupBy');
  if (groupBy.includes('CITY') && groupBy.includes('COUNTY')) {
    check.refuse('groupBy', 'may hold CITY or COUNTY, not both: a group has one region');
  }
  const executionBelow = filter.executionBelow?.trim() || null;
  const lectureFeeAbove = filter.lectureFeeAbove?.trim() || null;
  if (executionBelow !== null) check.expect('executionBelow', ratioProblem(executionBelow));
  if (lectureFeeAbove !== null) check.expect('lectureFeeAbove', ratioProblem(lectureFeeAbove));
  check.done();
  const range = filterScope(ctx.principal, filter.regionCode, 'filter.regionCode');
  const reach = await listableMoney(ctx);

  const question: FundQuestion = {
    fromYear: year,
    toYear: year,
    level: null,
    type: null,
    sourceLevel: null,
    groupBy: [],
  };
  const [[totals], groups] = await Promise.all([
    ctx.loaders.fundStats.load({ range, question }),
    groupBy.length > 0
      ? ctx.loaders.fundStats.load({
          range,
          question: { ...question, groupBy: groupBy.map((d) => SUMMARY_DIMENSIONS[d]) },
          groupByField: 'filter.groupBy',
        })
      : [],
  ]);
  const flagged =
    executionBelow !== null || lectureFeeAbove !== null
      ? await flaggedStudios(ctx, question, reach, range, executionBelow, lectureFeeAbove)
      : [];
  return {
    year,
    studioCount: totals!.studioCount,
    allocated: totals!.allocated,
    disbursed: totals!.disbursed,
    approved: totals!.approved,
    pending: totals!.pending,
    executionRate: totals!.executionRate,
    groups: summaryGroups(groups),
    flagged,
  };
}

/**
 * The summary's groups as it has always shown them: a category only where something was approved
 * in it, and sorted by region (none first), source level, type and category, each alphabetically.
 */
function summaryGroups(groups: readonly FundStatsGroupView[]): FundSummaryGroupView[] {
  const views = groups
    .filter((g) => g.category === null || g.studioCount > 0)
    .map((g) => ({
      regionCode: g.cityCode ?? g.countyCode,
      level: g.sourceLevel,
      type: g.type,
      category: g.category,
      studioCount: g.studioCount,
      allocated: g.allocated,
      approved: g.approved,
      executionRate: g.executionRate,
    }));
  const key = (g: FundSummaryGroupView) => [g.regionCode, g.level, g.type, g.category];
  return views.sort((a, b) => compareNullsFirst(key(a), key(b)));
}

function compareNullsFirst(a: (string | null)[], b: (string | null)[]): number {
  for (const [i, x] of a.entries()) {
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

async function flaggedStudios(
  ctx: FinanceContext,
  question: FundQuestion,
  reach: ReadableMoney,
  range: RegionRange,
  executionBelow: string | null,
  lectureFeeAbove: string | null,
): Promise<FundFlagView[]> {
  const params = new SqlParameters();
  const base = countedAllocationsSql(question, reach, params.add(range.lo), params.add(range.hi), params.add);
  const below = params.add(executionBelow);
  const above = params.add(lectureFeeAbove);
  // Each reason lists its worst studios first (the lowest execution, the highest lecture fees), up to
  // MAX_FLAGGED apiece, so a long list of one kind never crowds out the other.
  const rows = (await (
    await ctx.tx.manager()
  ).query(
    `WITH s AS (
       SELECT a.workshop_id, sum(a.amount_fen) AS allocated, sum(a.approved_fen) AS approved,
              sum(a.lecture_fee_fen) AS lecture_fees
         FROM finance.fund_allocation a WHERE ${base} GROUP BY a.workshop_id)
     (SELECT 'EXECUTION_LOW' AS reason, workshop_id::text AS workshop_id, allocated::text AS allocated,
             approved::text AS approved, lecture_fees::text AS lecture_fees
        FROM s WHERE ${rateBelowSql('approved', 'allocated', below)}
       ORDER BY approved::numeric / allocated, workshop_id LIMIT ${MAX_FLAGGED})
     UNION ALL
     (SELECT 'LECTURE_FEE_HIGH', workshop_id::text, allocated::text, approved::text, lecture_fees::text
        FROM s WHERE ${rateAboveSql('lecture_fees', 'allocated', above)}
       ORDER BY lecture_fees::numeric / allocated DESC, workshop_id LIMIT ${MAX_FLAGGED})`,
    params.values,
  )) as {
    reason: FundFlagView['reason'];
    workshop_id: string;
    allocated: string;
    approved: string;
    lecture_fees: string;
  }[];
  return rows.map((row) => {
    const { allocated, approved, executionRate, lectureFeeRatio } = moneyFigures(row);
    return {
      workshopId: row.workshop_id,
      allocated,
      approved,
      executionRate,
      lectureFeeRatio,
      reason: row.reason,
    };
  });
}
