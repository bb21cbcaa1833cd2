import { isoDate } from './calendar';

/**
 * When the seeded assessments happen, shared by the two families whose rows must agree on it: the
 * studios' status histories (workshop), whose rectifications, revocations and renewals are the
 * consequences of results, and the assessments (evaluation) whose results explain them. A result
 * becomes final when its appeal window closes, and its consequences are carried out that day, so
 * a studio told to rectify (整改) was told on the day its 基本合格 became final.
 *
 * Every office assesses each December, as 西区 does: a year's annual round opens in November,
 * takes self-reports until mid-December or early January, and its results are finalised in
 * January and early February, each final 15 days later (the service's default appeal window).
 */

/** Days a seeded result may be appealed (申诉) before it is final: the service's default. */
export const APPEAL_WINDOW_DAYS = 15;

/** Days a studio told to rectify is given, from its result becoming final: half a year (限期整改). */
export const RECTIFICATION_DAYS = 180;

/** The days on which a year's annual results became final, the first and the last. */
export function annualResultsFinal(year: number): { first: string; last: string } {
  return { first: isoDate(year + 1, 1, 20), last: isoDate(year + 1, 2, 28) };
}

/** Whether every result of the year's annual rounds was final by `asOf`. */
export function annualRoundOver(year: number, asOf: string): boolean {
  return asOf >= isoDate(year + 1, 3, 1);
}
