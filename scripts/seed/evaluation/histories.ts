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
 *   (REORGANISE).
 *
 * Every other result left the studio running, so it was 优秀 or 合格. Every consequence was carried
 * out the day its result became final: the workshop and finance services answer at once.
 *
 * A studio still CONCLUDED, waiting for that decision, has no term-end result yet. Had there been
 * one, its RETAIN or REORGANISE would have moved the studio on that day; its assessment is still
 * open, the office has not finalised it, though its evaluators have scored toward a pass.
 */
export interface RequiredResult {
  /** The grades it may have; for one not final, what the evaluators' scores so far head for. */
  grades: readonly Grade[];
  /** The day it became final, when the history says; otherwise the round's own schedule decides. */
  finalOn: string | null;
  /** Whether the office has finalised it; if not, the assessment is open and partly scored. */
  final: boolean;
}

const PASSED: readonly Grade[] = ['QUALIFIED', 'EXCELLENT'];

/** What the studio's annual result for `year` must have been. */
export function annualResult(lifecycle: LifecyclePlan, year: number): RequiredResult {
  if (lifecycle.rectified?.year === year) {
    return { grades: ['BASIC'], finalOn: lifecycle.rectified.on, final: true };
  }
  return { grades: PASSED, finalOn: null, final: true };
}

/** What the term-end result of the cycle starting `startYear` must have been: not final while the studio waits. */
export function termEndResult(lifecycle: LifecyclePlan, startYear: number): RequiredResult {
  const next = lifecycle.cycles[0]!.startYear === startYear ? lifecycle.nextCycle : null;
  if (next?.to === 'REORGANIZED') return { grades: ['UNQUALIFIED'], finalOn: next.on, final: true };
  if (next) return { grades: PASSED, finalOn: next.on, final: true };
  return { grades: PASSED, finalOn: null, final: false };
}

/** What the follow-up of a 基本合格 must have been: 不合格 if it revoked the studio; open while it rectifies. */
export function followUpResult(lifecycle: LifecyclePlan): RequiredResult | null {
  if (!lifecycle.revoked) return null;
  return { grades: ['UNQUALIFIED'], finalOn: lifecycle.revoked.on, final: true };
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
