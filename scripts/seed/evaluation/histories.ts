import type { Grade } from '../../../services/evaluation/src/generated/resolvers-types';
import type { LifecyclePlan } from '../workshop/lifecycle';

/**
 * What a studio's status history says its results were. The history comes first (the workshop
 * family tells it); each change it records that an assessment decides is explained here by a
 * result that became final that day (assessment-calendar.ts), with the grade whose consequence
 * (rules/consequences.ts) the change is:
 *
 * - RECTIFYING after a year: that year's annual result was 基本合格 (RECTIFY), and a follow-up
 *   assessment (整改复评) was opened for the deadline (FOLLOW_UP);
 * - REVOKED after rectifying: the follow-up was 不合格 (REVOKE, FREEZE_FUNDS);
 * - RENEWED after a cycle: its term-end result was 优秀 or 合格 (RETAIN); REORGANIZED: 不合格
 *   (REORGANISE). A studio still CONCLUDED, waiting for that decision, passed too: its RETAIN has
 *   been sent and not yet carried out.
 *
 * Every other result left the studio running, so it was 优秀 or 合格.
 */
export interface RequiredResult {
  /** The grades it may have. */
  grades: readonly Grade[];
  /** The day it became final, when the history says; otherwise the round's own schedule decides. */
  finalOn: string | null;
  /** Whether the studio's history has carried out its consequences (else they wait, SENT). */
  carriedOut: boolean;
}

const PASSED: readonly Grade[] = ['QUALIFIED', 'EXCELLENT'];

/** What the studio's annual result for `year` must have been. */
export function annualResult(lifecycle: LifecyclePlan, year: number): RequiredResult {
  if (lifecycle.rectified?.year === year) {
    return { grades: ['BASIC'], finalOn: lifecycle.rectified.on, carriedOut: true };
  }
  return { grades: PASSED, finalOn: null, carriedOut: true };
}

/** What the term-end result of the cycle starting `startYear` must have been. */
export function termEndResult(lifecycle: LifecyclePlan, startYear: number): RequiredResult {
  const next = lifecycle.cycles[0]!.startYear === startYear ? lifecycle.nextCycle : null;
  if (next?.to === 'REORGANIZED') return { grades: ['UNQUALIFIED'], finalOn: next.on, carriedOut: true };
  if (next) return { grades: PASSED, finalOn: next.on, carriedOut: true };
  return { grades: PASSED, finalOn: null, carriedOut: false };
}

/** What the follow-up of a 基本合格 must have been: 不合格 if it revoked the studio; open while it rectifies. */
export function followUpResult(lifecycle: LifecyclePlan): RequiredResult | null {
  if (!lifecycle.revoked) return null;
  return { grades: ['UNQUALIFIED'], finalOn: lifecycle.revoked.on, carriedOut: true };
}

/**
 * Whether the studio is heading for a result below 合格 — a 基本合格 to come, or a term-end 不合格
 * in the same cycle — so that its passing years were 合格 rather than 优秀.
 */
export function declining(lifecycle: LifecyclePlan, year: number): boolean {
  if (lifecycle.rectified && lifecycle.rectified.year > year) return true;
  const first = lifecycle.cycles[0]!;
  return lifecycle.nextCycle?.to === 'REORGANIZED' && year <= first.startYear + 2;
}

/** The studio's status at the start of `day`, before anything changed that day; null before its founding. */
export function statusBefore(lifecycle: LifecyclePlan, day: string): LifecyclePlan['status'] | null {
  let status: LifecyclePlan['status'] | null = null;
  for (const change of lifecycle.history) {
    if (change.on >= day) break;
    status = change.to;
  }
  return status;
}

/** Whether the studio was running (ACTIVE or RECTIFYING, as a round assesses) at the start of `day`. */
export function runningOn(lifecycle: LifecyclePlan, day: string): boolean {
  const status = statusBefore(lifecycle, day);
  return status === 'ACTIVE' || status === 'RECTIFYING';
}
