import type { SectionContext } from '@mingshi/reports';
import { roundInYear, yearBounds } from '../services/result-queries';

/**
 * The assessments a report covers: those of the studios founded in the report's range (the
 * studio's founding jurisdiction, as the workshop section's studios are chosen), in the rounds of
 * the report's year. Row-level security has already narrowed them to what the requester sees.
 * A FROM … WHERE clause: `a` is the assessment and `r` its round, `joins` adds what a statement
 * also reads; the statement's first four parameters are coveredParams(ctx).
 */
export function coveredAssessments(joins = ''): string {
  return `evaluation.assessment a
  JOIN evaluation.assessment_round r ON r.id = a.round_id ${joins}
 WHERE a.region_code BETWEEN $1 AND $2 AND ${roundInYear(3)}`;
}

export function coveredParams(ctx: SectionContext<object>): unknown[] {
  return [ctx.range.lo, ctx.range.hi, ...yearBounds(ctx.request.year)];
}

/** Round kinds in the order a report lists them. */
export const ROUND_KIND_ORDER = `array_position(ARRAY['ANNUAL','MIDTERM','TERM_END','FOLLOW_UP']::varchar[], r.kind)`;

/** Rounds in the order a report lists them: by the end of their period, kind and title. */
export const ROUND_ORDER = `r.period_to, ${ROUND_KIND_ORDER}, r.title, r.id`;
