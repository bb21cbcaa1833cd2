/**
 * When a studio's money needs a look, as SQL conditions over integer fen: the summaries filter
 * and order by them in the database, so a threshold is compared exactly (as numeric, never a
 * float) and the same way by the API's fund summary and the report sections.
 */

/**
 * The execution rate below which a report flags a studio: less than half of the year's money
 * spent. Meant for the year end (an execution rate climbs through the year); the fund summary's
 * `executionBelow` defaults to the same "0.5" in schema.graphql.
 */
export const EXECUTION_LOW_BELOW = '0.5';

/** `part ÷ whole < threshold`, with `threshold` a decimal from 0 to 1 (a bound parameter). */
export function rateBelowSql(part: string, whole: string, threshold: string): string {
  return `${part} < ${threshold}::numeric * ${whole}`;
}

/** `part ÷ whole > threshold`, with `threshold` a decimal from 0 to 1 (a bound parameter). */
export function rateAboveSql(part: string, whole: string, threshold: string): string {
  return `${part} > ${threshold}::numeric * ${whole}`;
}

/**
 * Lecture fees past `capPercent` % of an amount: the comparison of the allocation's CHECK
 * constraint (`lecture_fee_fen * 100 <= amount_fen * lecture_fee_cap_percent`), negated.
 */
export function overLectureFeeCapSql(lectureFees: string, amount: string, capPercent: string): string {
  return `${lectureFees} * 100 > ${amount} * ${capPercent}`;
}
