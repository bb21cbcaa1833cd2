import { filterScope } from '@mingshi/auth';
import { InputCheck } from '@mingshi/graphql';
import type { EvaluationContext } from '../context';
import type {
  GradeDistributionFilter,
  GradeGrouping,
  WorkshopLevel,
  WorkshopType,
} from '../generated/resolvers-types';
import { assertReadsGrades, type GradeQuestion } from './grade-stats.service';

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

/**
 * Grades of the finalised assessments the caller may see: the grade-stats engine's count over one
 * year, by at most one dimension, as the distribution has always answered it — no group when
 * nothing was graded, and groups sorted by their key as text.
 */
export async function gradeDistribution(
  ctx: EvaluationContext,
  filter: GradeDistributionFilter,
  groupBy: GradeGrouping | null | undefined,
): Promise<GradeDistributionRow[]> {
  const check = new InputCheck('filter');
  check.year(filter.year, 'year');
  check.done();
  assertReadsGrades(ctx);
  const range = filterScope(ctx.principal, filter.regionCode, 'filter.regionCode');
  const question: GradeQuestion = {
    fromYear: filter.year,
    toYear: filter.year,
    kind: filter.kind ?? null,
    level: filter.level ?? null,
    type: null,
    groupBy: groupBy ? [groupBy] : [],
  };
  const groups = await ctx.loaders.gradeStats.load({ range, question });
  const rows = groups
    .filter((g) => g.total > 0)
    .map((g) => ({
      regionCode: g.cityCode ?? g.countyCode,
      level: g.level,
      type: g.type,
      total: g.total,
      excellent: g.excellent,
      qualified: g.qualified,
      basic: g.basic,
      unqualified: g.unqualified,
    }));
  const key = (row: GradeDistributionRow) => row.regionCode ?? row.level ?? row.type ?? '';
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
