import { cityOfSql, filterScope, narrowScope, type RegionRange } from '@mingshi/auth';
import {
  SqlParameters,
  dimensionColumnsSql,
  dimensionGroupsPerRange,
  rangedStatsLoader,
  rangesTableSql,
  type StatsDimension,
} from '@mingshi/db';
import { ForbiddenError, enumOrder, readGroupBy, readStatsFilter } from '@mingshi/graphql';
import type { EvaluationContext } from '../context';
import type {
  Grade,
  GradeDimension,
  GradeStatsFilter,
  RoundKind,
  WorkshopLevel,
  WorkshopType,
} from '../generated/resolvers-types';
import { readsScope } from '../rules/permissions';
import { averagePoints } from '../rules/scoring';
import { evaluationSchema } from '../schema-document';
import {
  COUNTY_OF_STUDIO,
  GRADE_COUNTS,
  HAS_CURRENT_RESULT,
  ROUND_YEAR,
  roundInYearsSql,
} from './result-queries';

/**
 * Grouped counts of results: the one engine behind `gradeStats`, `Region.gradeStats` and the
 * grade distribution. What counts as a result, a grade and a round's year is result-queries.ts's.
 */

/** What a grade statistic asks apart from the region, read and validated once. */
export interface GradeQuestion {
  fromYear: number | null;
  toYear: number | null;
  kind: RoundKind | null;
  level: WorkshopLevel | null;
  type: WorkshopType | null;
  groupBy: GradeDimension[];
}

/** One group: the value of each dimension grouped by (null otherwise), then its results. */
export interface GradeStatsGroupView {
  cityCode: string | null;
  countyCode: string | null;
  level: WorkshopLevel | null;
  type: WorkshopType | null;
  roundKind: RoundKind | null;
  year: number | null;
  grade: Grade | null;
  total: number;
  excellent: number;
  qualified: number;
  basic: number;
  unqualified: number;
  /** Hundredths, as the Score scalar takes them. */
  averageScore: number | null;
}

type Column = keyof Pick<
  GradeStatsGroupView,
  'cityCode' | 'countyCode' | 'level' | 'type' | 'roundKind' | 'year' | 'grade'
>;

/** Over the assessment `a` and its round `r`. */
export const GRADE_STATS_DIMENSIONS: Record<GradeDimension, StatsDimension & { column: Column }> = {
  CITY: { column: 'cityCode', sql: cityOfSql(COUNTY_OF_STUDIO), order: 'value' },
  COUNTY: { column: 'countyCode', sql: COUNTY_OF_STUDIO, order: 'value' },
  LEVEL: { column: 'level', sql: 'a.workshop_level', order: enumOrder(evaluationSchema, 'WorkshopLevel') },
  TYPE: { column: 'type', sql: 'a.workshop_type', order: enumOrder(evaluationSchema, 'WorkshopType') },
  ROUND_KIND: { column: 'roundKind', sql: 'r.kind', order: enumOrder(evaluationSchema, 'RoundKind') },
  YEAR: { column: 'year', sql: ROUND_YEAR, order: 'value' },
  GRADE: { column: 'grade', sql: 'a.grade', order: enumOrder(evaluationSchema, 'Grade') },
};

/** Query.gradeStats: the caller's scope narrowed by `filter.regionCode`. */
export async function gradeStats(
  ctx: EvaluationContext,
  filter: GradeStatsFilter | null | undefined,
  groupBy: readonly GradeDimension[] | null | undefined,
): Promise<GradeStatsGroupView[]> {
  const question = readGradeQuestion(filter, groupBy);
  assertReadsGrades(ctx);
  const range = filterScope(ctx.principal, filter?.regionCode, 'filter.regionCode');
  return ctx.loaders.gradeStats.load({ range, question });
}

/**
 * Region.gradeStats: as the root field over the region, or null when the region lies outside the
 * caller's scope or the caller reads no assessments of a scope.
 */
export async function regionGradeStats(
  ctx: EvaluationContext,
  regionCode: string,
  filter: GradeStatsFilter | null | undefined,
  groupBy: readonly GradeDimension[] | null | undefined,
): Promise<GradeStatsGroupView[] | null> {
  const question = readGradeQuestion(filter, groupBy, { onRegion: true });
  const range = narrowScope(ctx.principal, regionCode);
  if (!range || !readsScope(ctx.principal)) return null;
  return ctx.loaders.gradeStats.load({ range, question });
}

/** Rankings, distributions and statistics are for the roles that read every assessment of a scope. */
export function assertReadsGrades(ctx: EvaluationContext): void {
  if (!readsScope(ctx.principal))
    throw new ForbiddenError('Grade distributions are for offices, analysts and evaluators');
}

/** The filter and grouping of a grade statistic, refused with every problem at once. */
export function readGradeQuestion(
  filter: GradeStatsFilter | null | undefined,
  groupBy: readonly GradeDimension[] | null | undefined,
  options: { onRegion?: boolean } = {},
): GradeQuestion {
  return {
    ...readStatsFilter(filter, options),
    kind: filter?.kind ?? null,
    level: filter?.level ?? null,
    type: filter?.type ?? null,
    groupBy: readGroupBy(groupBy),
  };
}

/** The loader behind every grade statistic of a request: one statement per question. */
export function gradeStatsLoader(ctx: () => EvaluationContext) {
  return rangedStatsLoader((ranges, question: GradeQuestion) => runGradeStats(ctx(), ranges, question));
}

interface GroupRow extends Partial<Record<Column, string | number | null>> {
  k: number;
  total: number;
  excellent: number;
  qualified: number;
  basic: number;
  unqualified: number;
  points: string | null;
}

/**
 * One statement for the question over every range: each range's current results (assessments of
 * studios founded in it or hosted there, as row-level security reads them) counted per group.
 */
async function runGradeStats(
  ctx: EvaluationContext,
  ranges: readonly RegionRange[],
  question: GradeQuestion,
): Promise<GradeStatsGroupView[][]> {
  const params = new SqlParameters();
  const dimensions = question.groupBy.map((d) => GRADE_STATS_DIMENSIONS[d]);
  const conditions = [
    HAS_CURRENT_RESULT,
    ...roundInYearsSql(question, params.add),
    ...(question.kind ? [`r.kind = ${params.add(question.kind)}`] : []),
    ...(question.level ? [`a.workshop_level = ${params.add(question.level)}`] : []),
    ...(question.type ? [`a.workshop_type = ${params.add(question.type)}`] : []),
  ];
  const grouped = `
    SELECT s.k${dimensionColumnsSql(dimensions)},
           count(*)::int AS total, ${GRADE_COUNTS}, sum(a.total_points)::text AS points
      FROM ${rangesTableSql(ranges, params.add)} AS s(k, lo, hi)
      JOIN evaluation.assessment a
        ON (a.region_code BETWEEN s.lo AND s.hi OR a.host_region_code BETWEEN s.lo AND s.hi)
      JOIN evaluation.assessment_round r ON r.id = a.round_id
     WHERE ${conditions.join(' AND ')}
     GROUP BY ${Array.from({ length: dimensions.length + 1 }, (_, i) => i + 1).join(', ')}`;
  return dimensionGroupsPerRange(ctx.tx, ranges, grouped, params, dimensions, toView);
}

function toView(row: GroupRow | undefined): GradeStatsGroupView {
  const total = row?.total ?? 0;
  const value = <T>(column: Column) => (row?.[column] ?? null) as T | null;
  return {
    cityCode: value('cityCode'),
    countyCode: value('countyCode'),
    level: value('level'),
    type: value('type'),
    roundKind: value('roundKind'),
    year: value('year'),
    grade: value('grade'),
    total,
    excellent: row?.excellent ?? 0,
    qualified: row?.qualified ?? 0,
    basic: row?.basic ?? 0,
    unqualified: row?.unqualified ?? 0,
    averageScore: averagePoints(Number(row?.points ?? 0), total),
  };
}
