import type { EvaluationDatasets, GradeDistributionEntry, SectionHandler } from '@mingshi/reports';
import { COUNTY_OF_STUDIO, GRADE_COUNTS, HAS_CURRENT_RESULT, IS_FINAL } from '../services/result-queries';
import { ROUND_KIND_ORDER, coveredAssessments, coveredParams } from './covered-assessments';

type Grouped = GradeDistributionEntry & { everything: boolean };

/**
 * The grades of the year's results for 年度工作总结: by round kind and county, and all together,
 * counted in one statement (GROUPING SETS) so the totals are the database's and not a sum in JS.
 */
export const annualSummarySection: SectionHandler<EvaluationDatasets> = async (ctx) => {
  const rows = (await ctx.manager.query(
    `SELECT r.kind AS "roundKind", ${COUNTY_OF_STUDIO} AS "countyCode",
            GROUPING(r.kind, ${COUNTY_OF_STUDIO}) <> 0 AS everything,
            count(*)::int AS results, ${GRADE_COUNTS},
            count(*) FILTER (WHERE ${IS_FINAL})::int AS final
       FROM ${coveredAssessments()} AND ${HAS_CURRENT_RESULT}
      GROUP BY GROUPING SETS ((r.kind, ${COUNTY_OF_STUDIO}), ())
      ORDER BY everything, ${ROUND_KIND_ORDER}, 2`,
    coveredParams(ctx),
  )) as Grouped[];
  for (const { everything, roundKind, countyCode, ...counts } of rows) {
    if (everything) await ctx.emit('gradeTotals', counts);
    else await ctx.emit('gradeDistribution', { roundKind, countyCode, ...counts });
  }
  await ctx.progress(100);
};
