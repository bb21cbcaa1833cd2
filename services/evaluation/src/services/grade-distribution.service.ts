import { filterScope } from '@mingshi/auth';
import { ForbiddenError, InputCheck } from '@mingshi/graphql';
import type { EvaluationContext } from '../context';
import type {
  GradeDistributionFilter,
  GradeGrouping,
  WorkshopLevel,
  WorkshopType,
} from '../generated/resolvers-types';
import { readsScope } from '../rules/permissions';
import {
  COUNTY_OF_STUDIO,
  GRADE_COUNTS,
  HAS_CURRENT_RESULT,
  roundInYear,
  yearBounds,
} from './result-queries';

/** One group of a grade distribution. */
export interface GradeDistributionRow {
  regionCode: string | null;
  level: WorkshopLevel | null;
  type: WorkshopType | null;
  total: number;
  excellent: number;
  qualified: number;
  basic: number;
  unqualified: number;
}

/** Groups by place are of the studio's county (COUNTY_OF_STUDIO) and the city it lies in. */
const GROUP_COLUMNS: Record<GradeGrouping, string> = {
  CITY: `substr(${COUNTY_OF_STUDIO}, 1, 4) || '00'`,
  COUNTY: COUNTY_OF_STUDIO,
  LEVEL: 'a.workshop_level',
  TYPE: 'a.workshop_type',
};

/** Grades of the finalised assessments the caller may see, counted in one SQL statement. */
export async function gradeDistribution(
  ctx: EvaluationContext,
  filter: GradeDistributionFilter,
  groupBy: GradeGrouping | null | undefined,
): Promise<GradeDistributionRow[]> {
  const check = new InputCheck('filter');
  check.year(filter.year, 'year');
  check.done();
  if (!readsScope(ctx.principal))
    throw new ForbiddenError('Grade distributions are for offices, analysts and evaluators');
  const range = filterScope(ctx.principal, filter.regionCode, 'filter.regionCode');
  const group = groupBy ? GROUP_COLUMNS[groupBy] : 'NULL';
  const rows = (await (
    await ctx.tx.manager()
  ).query(
    `SELECT ${group} AS key, count(*)::int AS total, ${GRADE_COUNTS}
       FROM evaluation.assessment a
       JOIN evaluation.assessment_round r ON r.id = a.round_id
      WHERE ${HAS_CURRENT_RESULT}
        AND ${roundInYear(1)}
        AND (a.region_code BETWEEN $3 AND $4 OR a.host_region_code BETWEEN $3 AND $4)
        AND ($5::text IS NULL OR r.kind = $5)
        AND ($6::text IS NULL OR a.workshop_level = $6)
      GROUP BY 1
      ORDER BY 1`,
    [...yearBounds(filter.year), range.lo, range.hi, filter.kind ?? null, filter.level ?? null],
  )) as ({ key: string | null } & Omit<GradeDistributionRow, 'regionCode' | 'level' | 'type'>)[];
  return rows.map(({ key, ...counts }) => ({
    ...counts,
    regionCode: groupBy === 'CITY' || groupBy === 'COUNTY' ? key : null,
    level: groupBy === 'LEVEL' ? (key as WorkshopLevel) : null,
    type: groupBy === 'TYPE' ? (key as WorkshopType) : null,
  }));
}
