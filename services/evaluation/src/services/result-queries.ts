import type { YearRange } from '@mingshi/graphql';

/**
 * How results are counted and ranked in SQL, shared by the graph's rankings and grade
 * distributions and by the report sections, so a report says exactly what the graph says.
 * `a` is evaluation.assessment and `r` its round in every statement that uses these.
 */

/**
 * The result that counts is the assessment's current one, which the assessment row repeats
 * (total_points, grade): the second after a reopening, none while a reopened one is open again.
 * The resolvers keep the same rule in JS (the result of the latest finalisation).
 */
export const HAS_CURRENT_RESULT = 'a.grade IS NOT NULL';

/** The current result's own row, for what only it holds (the indicator scores); alias `res`. */
export const CURRENT_RESULT_JOIN = `JOIN evaluation.assessment_result res
  ON res.assessment_id = a.id AND res.finalisation = a.finalisations`;

/** A result is final once its appeal window has closed and the assessment concluded. */
export const IS_FINAL = `a.status = 'CONCLUDED'`;

/** Rank within the round by total, equal totals sharing a rank and the next skipping (1, 2, 2, 4). */
export const RANK_IN_ROUND = 'rank() OVER (PARTITION BY a.round_id ORDER BY a.total_points DESC)::int';

/**
 * Where a studio is counted by place: the county of its host school as recorded when the round
 * opened (a provincial studio is counted where it works, not at the province).
 */
export const COUNTY_OF_STUDIO = 'a.host_region_code';

/** Results by grade (assessments without a current result count in none). */
export const GRADE_COUNTS = `count(*) FILTER (WHERE a.grade = 'EXCELLENT')::int AS excellent,
  count(*) FILTER (WHERE a.grade = 'QUALIFIED')::int AS qualified,
  count(*) FILTER (WHERE a.grade = 'BASIC')::int AS basic,
  count(*) FILTER (WHERE a.grade = 'UNQUALIFIED')::int AS unqualified`;

/** A round belongs to the year its period ends in; `$n` and `$n+1` are yearBounds(year). */
export function roundInYear(n: number): string {
  return `r.period_to BETWEEN $${n}::date AND $${n + 1}::date`;
}

/** The year a round belongs to, the year its period ends in, as a value (grouping by year). */
export const ROUND_YEAR = 'extract(year FROM r.period_to)::int';

/**
 * Rounds of the years `fromYear` to `toYear`, both included, a null end open, as SQL conditions
 * (`param` binds a value and answers its placeholder): none for no year at all.
 */
export function roundInYearsSql(years: YearRange, param: (value: unknown) => string): string[] {
  return [
    ...(years.fromYear !== null ? [`r.period_to >= ${param(yearBounds(years.fromYear)[0])}::date`] : []),
    ...(years.toYear !== null ? [`r.period_to <= ${param(yearBounds(years.toYear)[1])}::date`] : []),
  ];
}

export function yearBounds(year: number): [string, string] {
  return [`${year}-01-01`, `${year}-12-31`];
}
