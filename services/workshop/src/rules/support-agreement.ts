import type { SupportAgreementStatus } from '../generated/resolvers-types';
import { addYears } from '@mingshi/graphql';

/**
 * Support agreements (帮扶协议) between a studio and a school: "明确帮扶内容、时长、频次和成效" —
 * content, duration, frequency and results, which is what these checks keep sensible.
 */

/** Visits agreed per school term (学期, about 20 weeks): up to one a week. */
export const MAX_VISITS_PER_TERM = 20;

/** An agreement runs at most one studio cycle: a longer promise outlives the funds that pay for it. */
export const MAX_AGREEMENT_YEARS = 3;

const NEXT: Record<SupportAgreementStatus, readonly SupportAgreementStatus[]> = {
  ACTIVE: ['COMPLETED', 'TERMINATED'],
  COMPLETED: [],
  TERMINATED: [],
};

export function canMoveSupportAgreement(from: SupportAgreementStatus, to: SupportAgreementStatus): boolean {
  return NEXT[from].includes(to);
}

export function isEndedAgreementStatus(status: SupportAgreementStatus): boolean {
  return NEXT[status].length === 0;
}

export function visitsPerTermProblem(visits: number): string | null {
  return Number.isInteger(visits) && visits >= 1 && visits <= MAX_VISITS_PER_TERM
    ? null
    : `must be a whole number from 1 to ${MAX_VISITS_PER_TERM}`;
}

/** Why an agreement cannot end on `endsOn`, continuing that field's name; or null. */
export function agreementPeriodProblem(startsOn: string, endsOn: string): string | null {
  if (endsOn < startsOn) return 'must not be before startsOn';
  if (endsOn >= addYears(startsOn, MAX_AGREEMENT_YEARS)) {
    return `must be less than ${MAX_AGREEMENT_YEARS} years after startsOn: an agreement runs at most ${MAX_AGREEMENT_YEARS} years (one studio cycle)`;
  }
  return null;
}

/** Whether two periods (both ends included) share a day. */
export function periodsOverlap(
  a: { startsOn: string; endsOn: string },
  b: { startsOn: string; endsOn: string },
) {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}
