import {
  EXPENSE_CATEGORIES,
  type FinanceDatasets,
  type FundCountyRow,
  type FundFigures,
  type FundFlag,
  type FundStudioRow,
  type SectionContext,
  type SpendingByCategory,
} from '@mingshi/reports';
import { EXECUTION_LOW_BELOW, overLectureFeeCapSql, rateBelowSql } from '../rules/fund-flags';
import { rate } from '../rules/money';
import { moneyInRangeSql } from '../services/money-reach';
import { DEFAULT_LECTURE_FEE_CAP_PERCENT } from '../services/policy.service';
import { fen } from './fen';

export type FinanceSectionContext = SectionContext<FinanceDatasets>;

/** What one query sums over: the whole range, each county of the host schools, or each studio. */
type Grouping = 'total' | 'county' | 'studio';

const GROUP_KEY: Record<Grouping, string> = {
  // One group, keyed by a constant so the category sums join to it like any other.
  total: `''`,
  county: 'a.host_region_code',
  studio: 'a.workshop_id::text',
};

/** Parameters $1–$3 of every figures query: the year and the range. */
function rangeParams(ctx: FinanceSectionContext): unknown[] {
  return [ctx.request.year, ctx.range.lo, ctx.range.hi];
}

/**
 * The year's allocations in the range summed by `grouping`, with approved spending by category
 * beside them: all in SQL, one row per group. A group's row carries `extra` columns too (the
 * studio's own, which may use parameters after $3).
 */
function figuresSql(grouping: Grouping, extra = ''): string {
  return `
    WITH a AS (
      SELECT a.*, ${GROUP_KEY[grouping]} AS g FROM finance.fund_allocation a
       WHERE a.year = $1 AND ${moneyInRangeSql('a', '$2', '$3')}),
    spent AS (
      SELECT g, json_object_agg(category, fen::text) AS by_category
        FROM (SELECT a.g, e.category, sum(e.amount_fen) AS fen
                FROM finance.expense e JOIN a ON a.id = e.allocation_id
               WHERE e.status = 'APPROVED' GROUP BY a.g, e.category) s
       GROUP BY g),
    groups AS (
      SELECT a.g, count(DISTINCT a.workshop_id)::int AS studio_count,
             sum(a.amount_fen)::text AS allocated, sum(a.disbursed_fen)::text AS disbursed,
             sum(a.approved_fen)::text AS approved, sum(a.pending_fen)::text AS pending,
             sum(a.lecture_fee_fen)::text AS lecture_fees,
             coalesce(sum(a.amount_fen - a.approved_fen) FILTER (WHERE a.status = 'FROZEN'), 0)::text AS frozen_fen
             ${extra}
        FROM a GROUP BY a.g)
    SELECT groups.*, coalesce(spent.by_category, '{}'::json) AS by_category
      FROM groups LEFT JOIN spent USING (g)`;
}

interface FiguresRow {
  g: string;
  studio_count: number;
  allocated: string;
  disbursed: string;
  approved: string;
  pending: string;
  lecture_fees: string;
  frozen_fen: string;
  by_category: Partial<Record<string, string>>;
}

function toFigures(row: FiguresRow | undefined): FundFigures {
  const [allocated, approved, lectureFees] = [row?.allocated, row?.approved, row?.lecture_fees].map(
    (sum) => sum ?? '0',
  );
  const spentByCategory = Object.fromEntries(
    EXPENSE_CATEGORIES.map((category) => [category, fen(row?.by_category[category] ?? '0')]),
  ) as SpendingByCategory;
  return {
    studioCount: row?.studio_count ?? 0,
    allocatedFen: fen(allocated),
    disbursedFen: fen(row?.disbursed ?? '0'),
    approvedFen: fen(approved),
    pendingFen: fen(row?.pending ?? '0'),
    lectureFeeFen: fen(lectureFees),
    spentByCategory,
    // The API's rates, from the exact sums.
    executionRate: rate(BigInt(approved), BigInt(allocated)),
    lectureFeeRatio: rate(BigInt(lectureFees), BigInt(allocated)),
    frozenFen: fen(row?.frozen_fen ?? '0'),
  };
}

/**
 * The rows every finance section starts with: the thresholds its flags use, the range's totals
 * and its counties' (grouped by the host school's county, where the money is paid). Both are a
 * handful of rows whatever the range.
 */
export async function emitRegionFigures(ctx: FinanceSectionContext): Promise<FundFigures> {
  await ctx.emit('fundRules', {
    executionLowBelow: EXECUTION_LOW_BELOW,
    lectureFeeCapPercent: DEFAULT_LECTURE_FEE_CAP_PERCENT,
  });
  const [total] = (await ctx.manager.query(figuresSql('total'), rangeParams(ctx))) as FiguresRow[];
  const totals = toFigures(total);
  await ctx.emit('fundTotals', totals);
  const counties = (await ctx.manager.query(
    `${figuresSql('county')} ORDER BY g`,
    rangeParams(ctx),
  )) as FiguresRow[];
  for (const county of counties) {
    const row: FundCountyRow = { countyCode: county.g, ...toFigures(county) };
    await ctx.emit('fundCounties', row);
  }
  return totals;
}

interface StudioFiguresRow extends FiguresRow {
  county_code: string;
  region_code: string;
  frozen: boolean;
  frozen_spent: string;
  execution_low: boolean;
  lecture_fee_over_cap: boolean;
  frozen_spending: boolean;
}

/** A studio's own columns and flags; $4 is the execution threshold, $5 the lecture-fee cap percent. */
const STUDIO_COLUMNS = `,
  -- A studio's host school, and so its county, is that of its latest allocation of the year.
  (array_agg(a.host_region_code ORDER BY a.created_at DESC, a.id))[1] AS county_code,
  min(a.region_code) AS region_code,
  bool_or(a.status = 'FROZEN') AS frozen,
  coalesce(sum(a.approved_fen) FILTER (WHERE a.status = 'FROZEN'), 0)::text AS frozen_spent,
  ${rateBelowSql('sum(a.approved_fen)', 'sum(a.amount_fen)', '$4')} AS execution_low,
  (${overLectureFeeCapSql('sum(a.lecture_fee_fen)', 'sum(a.amount_fen)', '$5')}
   OR bool_or(${overLectureFeeCapSql('a.lecture_fee_fen', 'a.amount_fen', 'a.lecture_fee_cap_percent')})) AS lecture_fee_over_cap,
  coalesce(sum(a.approved_fen) FILTER (WHERE a.status = 'FROZEN'), 0) > 0 AS frozen_spending`;

/**
 * Every studio with money in the range for the year, by county then id, with its flags, read
 * through a cursor: a province's studios never sit in the worker's memory together.
 */
export async function* studioFigures(ctx: FinanceSectionContext): AsyncIterable<FundStudioRow> {
  const sql = `${figuresSql('studio', STUDIO_COLUMNS)} ORDER BY county_code, g`;
  const params = [...rangeParams(ctx), EXECUTION_LOW_BELOW, DEFAULT_LECTURE_FEE_CAP_PERCENT];
  for await (const row of ctx.stream<StudioFiguresRow>(sql, params)) {
    const { studioCount: _, ...figures } = toFigures(row);
    const flags: FundFlag[] = [];
    if (row.execution_low) flags.push('EXECUTION_LOW');
    if (row.lecture_fee_over_cap) flags.push('LECTURE_FEE_OVER_CAP');
    if (row.frozen_spending) flags.push('FROZEN_SPENDING');
    yield {
      workshopId: row.g,
      countyCode: row.county_code,
      regionCode: row.region_code,
      ...figures,
      frozen: row.frozen,
      frozenSpentFen: fen(row.frozen_spent),
      flags,
    };
  }
}
