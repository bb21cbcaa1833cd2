import type { WorkshopStatus } from '../../../services/workshop/src/generated/resolvers-types';
import {
  CYCLE_YEARS,
  closingNote,
  cycleEndYear,
  deadlineProblem,
  nextCycleStart,
  transitionProblem,
} from '../../../services/workshop/src/rules/workshop-lifecycle';
import {
  APPEAL_WINDOW_DAYS,
  RECTIFICATION_DAYS,
  annualResultsFinal,
  annualRoundOver,
} from '../assessment-calendar';
import { addDays, dayBetween, earlier, isoDate } from '../calendar';
import { Random } from '../random';

export interface StatusChangePlan {
  from: WorkshopStatus | null;
  to: WorkshopStatus;
  reason: string;
  on: string;
}

/** One three-year cycle as the studio lived it: work is recorded from `activeOn` to `lastWorkDay`. */
export interface CyclePlan {
  startYear: number;
  /** The day the studio became ACTIVE for this cycle: recruiting and work start. */
  activeOn: string;
  /** The last day of work: the cycle's end, the day before revocation, or the last recorded day. */
  lastWorkDay: string;
}

export interface LifecyclePlan {
  foundedOn: string;
  status: WorkshopStatus;
  rectificationDeadline: string | null;
  /** Every status change, oldest first, each legal from the one before (transitionProblem). */
  history: StatusChangePlan[];
  /** The cycles lived, oldest first: two for a studio renewed or reorganized after its first. */
  cycles: CyclePlan[];
  /** When the first cycle was concluded: its trainees' certificates are issued after this day. */
  concludedOn: string | null;
  /** The move that started the second cycle, and the note of the places a reorganization ends. */
  nextCycle: { to: 'RENEWED' | 'REORGANIZED'; on: string; note: string } | null;
  /** When the studio was revoked, and the note its memberships and waiting applications end with. */
  revoked: { on: string; note: string } | null;
  /**
   * The annual assessment whose 基本合格 put the studio into rectification: the year assessed, the
   * day the result became final (when the studio was told) and the deadline it was given. Kept
   * after a revocation, which clears the studio's own deadline.
   */
  rectified: { year: number; on: string; deadline: string } | null;
}

/**
 * The studio histories the seed tells, with their shares in percent. Final statuses come out about
 * 78 % ACTIVE, 9 % RECTIFYING, 7 % CONCLUDED and 6 % REVOKED. Studios founded for the previous
 * cycle concluded it early in the current one's first year: most were renewed (续建) or reorganized
 * (重组) into the current cycle; the rest still wait for that decision. None is left ACTIVE in a
 * cycle that has ended.
 */
const STORIES = {
  foundedNow: { weight: 40, first: 'current', between: null, status: 'ACTIVE' },
  foundedNowRectifying: { weight: 5, first: 'current', between: null, status: 'RECTIFYING' },
  foundedNowRevoked: { weight: 3, first: 'current', between: null, status: 'REVOKED' },
  renewed: { weight: 30, first: 'previous', between: 'RENEWED', status: 'ACTIVE' },
  renewedRectifying: { weight: 4, first: 'previous', between: 'RENEWED', status: 'RECTIFYING' },
  reorganized: { weight: 8, first: 'previous', between: 'REORGANIZED', status: 'ACTIVE' },
  concluded: { weight: 7, first: 'previous', between: 'CONCLUDED', status: 'CONCLUDED' },
  revokedInPreviousCycle: { weight: 3, first: 'previous', between: null, status: 'REVOKED' },
} as const satisfies Record<string, Story>;

/**
 * The cycles the stories run in, as of `asOf`: the current one is in its last year, so that every
 * story has had time to happen (a rectification a year in, a revocation after its deadline) on any
 * day of the year, and the previous one ended the year before it began.
 */
export function storyCycles(asOf: string): { previous: number; current: number } {
  const current = Number(asOf.slice(0, 4)) - (CYCLE_YEARS - 1);
  return { previous: current - CYCLE_YEARS, current };
}

interface Story {
  weight: number;
  first: 'previous' | 'current';
  /** What followed the first cycle's end; null when the story ends within its first cycle. */
  between: 'CONCLUDED' | 'RENEWED' | 'REORGANIZED' | null;
  status: 'ACTIVE' | 'RECTIFYING' | 'REVOKED' | 'CONCLUDED';
}

const STORY_WEIGHTS = Object.fromEntries(
  Object.entries(STORIES).map(([name, story]) => [name, story.weight]),
) as Record<keyof typeof STORIES, number>;

const REASONS = {
  PROPOSED: '成立',
  ACTIVE: '评审通过，批准运行',
  CONCLUDED: '三年培养周期届满',
  // The consequences of a term-end result (rules/consequences.ts): 优秀 and 合格 are retained, 不合格 reorganised.
  RENEWED: '期满考核合格以上，续建下一周期',
  REORGANIZED: '期满考核不合格，调整成员后重组',
  NEXT_CYCLE: '新周期启动',
  RECTIFYING: '年度考核基本合格，限期整改',
  REVOKED: '整改期满仍未达到要求，取消工作室资格',
} as const;

/**
 * A studio's history up to `asOf` (the last recorded day), as the lifecycle rules allow it: founded
 * (PROPOSED) early in its first cycle's year, approved (ACTIVE) weeks later, then its story in the
 * cycles of storyCycles. Every date is on or before `asOf`.
 */
export function planLifecycle(key: string, asOf: string): LifecyclePlan {
  const random = new Random(`${key}:lifecycle`);
  const story: Story = STORIES[random.weighted(STORY_WEIGHTS)];
  const firstYear = storyCycles(asOf)[story.first];
  const history: StatusChangePlan[] = [];
  const move = (to: WorkshopStatus, on: string, reason: string) => {
    const from = history.at(-1)?.to ?? null;
    const problem = from && transitionProblem(from, to);
    if (problem || on > asOf)
      throw new Error(`studio ${key}: ${problem ?? `${to} on ${on} is after ${asOf}`}`);
    history.push({ from, to, reason, on });
  };

  const foundedOn = dayBetween(random, isoDate(firstYear, 1, 5), isoDate(firstYear, 3, 20));
  move('PROPOSED', foundedOn, REASONS.PROPOSED);
  const activeOn = addDays(foundedOn, random.int(14, 45));
  move('ACTIVE', activeOn, REASONS.ACTIVE);
  const cycles: CyclePlan[] = [
    { startYear: firstYear, activeOn, lastWorkDay: cycleLastDay(firstYear, asOf) },
  ];

  let concludedOn: string | null = null;
  let nextCycle: LifecyclePlan['nextCycle'] = null;
  if (story.between) {
    concludedOn = dayBetween(
      random,
      isoDate(nextCycleStart(firstYear), 1, 8),
      isoDate(nextCycleStart(firstYear), 2, 20),
    );
    move('CONCLUDED', concludedOn, REASONS.CONCLUDED);
    if (story.between !== 'CONCLUDED') {
      nextCycle = {
        to: story.between,
        on: addDays(concludedOn, random.int(20, 50)),
        note: closingNote(story.between, REASONS[story.between]),
      };
      move(story.between, nextCycle.on, REASONS[story.between]);
      const startYear = nextCycleStart(firstYear);
      const nextActiveOn = addDays(nextCycle.on, random.int(7, 21));
      move('ACTIVE', nextActiveOn, REASONS.NEXT_CYCLE);
      cycles.push({ startYear, activeOn: nextActiveOn, lastWorkDay: cycleLastDay(startYear, asOf) });
    }
  }

  const current = cycles.at(-1)!;
  let rectificationDeadline: string | null = null;
  let revoked: LifecyclePlan['revoked'] = null;
  let rectified: LifecyclePlan['rectified'] = null;
  if (story.status === 'RECTIFYING' || story.status === 'REVOKED') {
    // Told to rectify the day a 基本合格 became final (assessment-calendar.ts): a revoked studio after
    // its cycle's first annual assessment, one still rectifying after the latest assessment over.
    const year =
      story.status === 'RECTIFYING' && annualRoundOver(current.startYear + 1, asOf)
        ? current.startYear + 1
        : current.startYear;
    const final = annualResultsFinal(year);
    const rectifiedOn = dayBetween(random, final.first, final.last);
    rectificationDeadline = addDays(rectifiedOn, RECTIFICATION_DAYS);
    const deadline = deadlineProblem('RECTIFYING', rectificationDeadline, rectifiedOn);
    if (deadline) throw new Error(`studio ${key}: ${deadline}`);
    rectified = { year, on: rectifiedOn, deadline: rectificationDeadline };
    move('RECTIFYING', rectifiedOn, REASONS.RECTIFYING);
    if (story.status === 'REVOKED') {
      // The follow-up assessment (整改复评), finalised after the deadline, failed: its result became
      // final when its appeal window (APPEAL_WINDOW_DAYS) closed, 16 to 45 days after the deadline.
      const revokedOn = addDays(rectificationDeadline, random.int(APPEAL_WINDOW_DAYS + 1, 45));
      move('REVOKED', revokedOn, REASONS.REVOKED);
      revoked = { on: revokedOn, note: closingNote('REVOKED', REASONS.REVOKED) };
      current.lastWorkDay = earlier(current.lastWorkDay, addDays(revokedOn, -1));
      // The deadline belongs to the rectification and is cleared when the studio leaves it.
      rectificationDeadline = null;
    }
  }
  return {
    foundedOn,
    status: history.at(-1)!.to,
    rectificationDeadline,
    history,
    cycles,
    concludedOn,
    nextCycle,
    revoked,
    rectified,
  };
}

/** A cycle's last day of work: its last calendar day, or `asOf` while it runs. */
function cycleLastDay(startYear: number, asOf: string): string {
  return earlier(isoDate(cycleEndYear(startYear), 12, 31), asOf);
}
