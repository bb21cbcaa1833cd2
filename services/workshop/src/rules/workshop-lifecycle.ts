import { clipText } from '@mingshi/graphql';
import type { MembershipRole, WorkshopStatus } from '../generated/resolvers-types';

/**
 * A studio's lifecycle (动态管理), as the notices describe it: founded (筹建) and approved to run;
 * told to rectify (整改) after a basic pass, or stripped of its status (取消资格) after a fail; at the
 * end of its three-year cycle either retained for another cycle with the same team (续建),
 * reorganised with its members replaced (重组), or closed (撤销).
 */

/** A cycle (培养周期) is three calendar years. */
export const CYCLE_YEARS = 3;

/** The earliest cycle year accepted: provincial studio programmes date from the 2000s. */
const FIRST_CYCLE_YEAR = 2000;

/** Every legal move, from each status. REVOKED and DISSOLVED are final. */
const TRANSITIONS: Record<WorkshopStatus, readonly WorkshopStatus[]> = {
  PROPOSED: ['ACTIVE', 'DISSOLVED'],
  ACTIVE: ['RECTIFYING', 'REVOKED', 'CONCLUDED'],
  RECTIFYING: ['ACTIVE', 'REVOKED', 'CONCLUDED'],
  CONCLUDED: ['RENEWED', 'REORGANIZED', 'DISSOLVED'],
  RENEWED: ['ACTIVE'],
  REORGANIZED: ['ACTIVE'],
  REVOKED: [],
  DISSOLVED: [],
};

/** The statuses as users say them, for messages and membership end reasons. */
export const STATUS_LABELS: Record<WorkshopStatus, string> = {
  PROPOSED: '筹建',
  ACTIVE: '运行中',
  RECTIFYING: '整改',
  REVOKED: '取消资格',
  CONCLUDED: '周期结束',
  RENEWED: '续建',
  REORGANIZED: '重组',
  DISSOLVED: '撤销',
};

/** Whether a studio is closed for good: nothing may change it any more. */
export function isFinal(status: WorkshopStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** The statuses a studio may move to from `from`. */
export function nextStatuses(from: WorkshopStatus): readonly WorkshopStatus[] {
  return TRANSITIONS[from];
}

/** Why a move is illegal, or null when it is legal. */
export function transitionProblem(from: WorkshopStatus, to: WorkshopStatus): string | null {
  const allowed = TRANSITIONS[from];
  if (allowed.includes(to)) return null;
  if (allowed.length === 0) {
    return `The studio is ${from} (${STATUS_LABELS[from]}), which is final; its status cannot change`;
  }
  return `A ${from} (${STATUS_LABELS[from]}) studio cannot become ${to}; it may become ${allowed.join(' or ')}`;
}

/** What a move does besides setting the status. */
export interface TransitionEffects {
  /** Open memberships of these roles end with the move. */
  endsMemberships: readonly MembershipRole[];
  /** Applications still waiting (PENDING or ACCEPTED) are closed: there is no studio to join. */
  closesLiveApplications: boolean;
  /** The studio starts its next three-year cycle. */
  startsNextCycle: boolean;
  /**
   * The host must still hold the title a host needs at the studio's level: a new cycle is a new
   * appointment, and titles lapse or the minimum may have been raised since the studio was founded.
   */
  needsQualifiedHost: boolean;
}

const NO_EFFECTS: TransitionEffects = {
  endsMemberships: [],
  closesLiveApplications: false,
  startsNextCycle: false,
  needsQualifiedHost: false,
};

const EFFECTS: Partial<Record<WorkshopStatus, TransitionEffects>> = {
  REVOKED: { ...NO_EFFECTS, endsMemberships: ['HOST', 'MEMBER', 'TRAINEE'], closesLiveApplications: true },
  DISSOLVED: { ...NO_EFFECTS, endsMemberships: ['HOST', 'MEMBER', 'TRAINEE'], closesLiveApplications: true },
  RENEWED: { ...NO_EFFECTS, startsNextCycle: true, needsQualifiedHost: true },
  // 重组: the host stays and leads the next cycle with a new team.
  REORGANIZED: {
    ...NO_EFFECTS,
    endsMemberships: ['MEMBER', 'TRAINEE'],
    startsNextCycle: true,
    needsQualifiedHost: true,
  },
};

export function effectsOf(to: WorkshopStatus): TransitionEffects {
  return EFFECTS[to] ?? NO_EFFECTS;
}

/** First year of the cycle after the one starting `cycleStartYear`. */
export function nextCycleStart(cycleStartYear: number): number {
  return cycleStartYear + CYCLE_YEARS;
}

/** Last year of the cycle starting `cycleStartYear`. */
export function cycleEndYear(cycleStartYear: number): number {
  return cycleStartYear + CYCLE_YEARS - 1;
}

/**
 * Why a rectification deadline does not fit the move, or null; the reason continues the field's
 * name. Moving to RECTIFYING needs a date
 * after today; any other move must not carry one (the deadline is cleared when a studio leaves
 * RECTIFYING, so a stray date would be silently lost).
 */
export function deadlineProblem(
  to: WorkshopStatus,
  deadline: string | null | undefined,
  today: string,
): string | null {
  if (to !== 'RECTIFYING') {
    return deadline == null ? null : 'is only given when the studio moves to RECTIFYING';
  }
  if (deadline == null) return 'is required when the studio moves to RECTIFYING';
  if (deadline <= today) return `must be after today (${today})`;
  return null;
}

/**
 * Whether members and trainees may join: while the studio is being set up, runs, rectifies or
 * starts its next cycle — not once its cycle has concluded or it is closed.
 */
export function admitsMembers(status: WorkshopStatus): boolean {
  return ['PROPOSED', 'ACTIVE', 'RECTIFYING', 'RENEWED', 'REORGANIZED'].includes(status);
}

/**
 * Whether teachers may apply as trainees (双向选择). A studio recruits while it runs or starts its
 * next cycle (a reorganised studio recruits precisely then). Rectification (整改) is a warning,
 * not a suspension: the studio keeps working, so it keeps recruiting, and applicants see its
 * status. A PROPOSED studio has not been approved yet, so there is nothing to apply to; a
 * CONCLUDED one awaits the decision on its next cycle; REVOKED and DISSOLVED ones are closed.
 */
export function acceptsApplications(status: WorkshopStatus): boolean {
  return ['ACTIVE', 'RECTIFYING', 'RENEWED', 'REORGANIZED'].includes(status);
}

/**
 * Why a cycle start year is implausible for a studio being founded, or null (continuing the
 * field's name). A studio may be
 * founded for next year's cycle at the latest; earlier years are accepted so that bureaus can
 * register studios that were running before this graph existed.
 */
export function cycleStartYearProblem(year: number, currentYear: number): string | null {
  const latest = currentYear + 1;
  if (!Number.isInteger(year) || year < FIRST_CYCLE_YEAR || year > latest) {
    return `must be a year between ${FIRST_CYCLE_YEAR} and ${latest}`;
  }
  return null;
}

/**
 * How a status change explains what it ended — memberships and waiting applications: 工作室取消资格：…
 * Cut to `max` characters (the columns' length), counted as PostgreSQL counts them.
 */
export function closingNote(to: WorkshopStatus, reason: string, max = 500): string {
  return clipText(`工作室${STATUS_LABELS[to]}：${reason}`, max);
}
