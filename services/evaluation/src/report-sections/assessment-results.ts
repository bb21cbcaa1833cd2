import type {
  AssessmentRoundEntry,
  EvaluationDatasets,
  IndicatorEntry,
  SectionContext,
  SectionHandler,
} from '@mingshi/reports';
import {
  COUNTY_OF_STUDIO,
  CURRENT_RESULT_JOIN,
  GRADE_COUNTS,
  HAS_CURRENT_RESULT,
  IS_FINAL,
  RANK_IN_ROUND,
} from '../services/result-queries';
import { ROUND_ORDER, coveredAssessments, coveredParams } from './covered-assessments';

type Context = SectionContext<EvaluationDatasets>;

/**
 * Results and scores are listed in the same order, round by round and by rank within a round, so
 * the assembler reads a result's scores right after it from the long `scores` list.
 */
const RESULT_ORDER = `${ROUND_ORDER}, a.total_points DESC, a.id`;

/** The current result's indicator scores, in the scheme's order (alias `s`, ordinal `s.i`). */
const SCORES_OF_RESULT = `CROSS JOIN LATERAL jsonb_array_elements(res.indicator_scores) WITH ORDINALITY AS s(score, i)`;

/**
 * 考核结果: the year's rounds with their schemes' C-level indicators, then every result with its
 * rank and every indicator score. Results and scores grow with the region, so they are streamed.
 */
export const assessmentResultsSection: SectionHandler<EvaluationDatasets> = async (ctx) => {
  await emitRounds(ctx);
  await ctx.progress(10);
  await emitIndicators(ctx);
  await ctx.progress(20);
  for await (const row of ctx.stream<EvaluationDatasets['results']>(
    `SELECT a.id AS "assessmentId", a.round_id AS "roundId", a.workshop_id AS "workshopId",
            ${COUNTY_OF_STUDIO} AS "countyCode", a.total_points AS total, a.grade,
            ${RANK_IN_ROUND} AS rank, ${IS_FINAL} AS final, a.finalisations::int AS finalisation
       FROM ${coveredAssessments()} AND ${HAS_CURRENT_RESULT}
      ORDER BY ${RESULT_ORDER}`,
    coveredParams(ctx),
  )) {
    await ctx.emit('results', row);
  }
  await ctx.progress(50);
  for await (const row of ctx.stream<EvaluationDatasets['scores']>(
    `SELECT a.id AS "assessmentId", a.round_id AS "roundId",
            s.score->>'indicatorCode' AS "indicatorCode", (s.score->>'score')::int AS score
       FROM ${coveredAssessments(`${CURRENT_RESULT_JOIN} ${SCORES_OF_RESULT}`)}
        AND ${HAS_CURRENT_RESULT}
      ORDER BY ${RESULT_ORDER}, s.i`,
    coveredParams(ctx),
  )) {
    await ctx.emit('scores', row);
  }
  await ctx.progress(100);
};

/** Each round of a covered assessment, with its scheme and its covered assessments counted. */
async function emitRounds(ctx: Context): Promise<void> {
  const rounds = (await ctx.manager.query(
    `SELECT r.id, r.kind, r.title, r.period_from::text AS "periodFrom", r.period_to::text AS "periodTo",
            r.follow_up_of AS "followUpOf", r.level AS "officeLevel", r.region_code AS "officeRegionCode",
            s.id AS "schemeId", s.name AS "schemeName", s.version::int AS "schemeVersion",
            s.total_points AS "maxTotal", s.excellent_points AS "excellentFrom",
            s.qualified_points AS "qualifiedFrom", s.basic_points AS "basicFrom",
            count(*)::int AS assessments, count(a.grade)::int AS results, ${GRADE_COUNTS},
            count(*) FILTER (WHERE ${HAS_CURRENT_RESULT} AND ${IS_FINAL})::int AS final
       FROM ${coveredAssessments('JOIN evaluation.assessment_scheme s ON s.id = r.scheme_id')}
      GROUP BY r.id, s.id
      ORDER BY ${ROUND_ORDER}`,
    coveredParams(ctx),
  )) as AssessmentRoundEntry[];
  for (const round of rounds) await ctx.emit('rounds', round);
}

/**
 * The C-level indicators of the covered rounds' schemes, read from the stored tree: a scheme's
 * tree is always A → B → C, scored at C.
 */
async function emitIndicators(ctx: Context): Promise<void> {
  const indicators = (await ctx.manager.query(
    `SELECT s.id AS "schemeId",
            row_number() OVER (PARTITION BY s.id ORDER BY ta.i, tb.i, tc.i)::int AS position,
            tc.node->>'code' AS code, tc.node->>'title' AS title,
            ARRAY[ta.node->>'title', tb.node->>'title'] AS "parentTitles",
            (tc.node->>'maxPoints')::int AS "maxScore", tc.node->>'source' AS source
       FROM evaluation.assessment_scheme s
      CROSS JOIN LATERAL jsonb_array_elements(s.indicators) WITH ORDINALITY AS ta(node, i)
      CROSS JOIN LATERAL jsonb_array_elements(ta.node->'children') WITH ORDINALITY AS tb(node, i)
      CROSS JOIN LATERAL jsonb_array_elements(tb.node->'children') WITH ORDINALITY AS tc(node, i)
      WHERE s.id IN (SELECT r.scheme_id FROM ${coveredAssessments()})
      ORDER BY s.id, ta.i, tb.i, tc.i`,
    coveredParams(ctx),
  )) as IndicatorEntry[];
  for (const indicator of indicators) await ctx.emit('indicators', indicator);
}
