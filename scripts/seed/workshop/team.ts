import type {
  MembershipRole,
  TraineeApplicationStatus,
} from '../../../services/workshop/src/generated/resolvers-types';
import { DEFAULT_MEMBERSHIP_LIMITS } from '../../../services/workshop/src/rules/membership-limits';
import { stepRule } from '../../../services/workshop/src/rules/trainee-application-flow';
import { acceptsApplications } from '../../../services/workshop/src/rules/workshop-lifecycle';
import { addDays, chinaTime, dayBetween, earlier, later } from '../calendar';
import type { TeacherPlan } from '../personnel';
import { Random, stableUuid } from '../random';
import { drawTeachers, teamPools } from './pools';
import type { StudioPlan } from './studios';

export interface MembershipPlan {
  id: string;
  teacher: TeacherPlan;
  role: MembershipRole;
  joinedOn: string;
  leftOn: string | null;
  endReason: string | null;
}

export interface ApplicationPlan {
  id: string;
  teacherId: string;
  status: TraineeApplicationStatus;
  statement: string;
  hostRating: number | null;
  hostComment: string | null;
  /** Timestamps in China's time zone; the host's response and the office's decision when made. */
  createdAt: string;
  respondedAt: string | null;
  officeComment: string | null;
  decidedAt: string | null;
  membershipId: string | null;
}

export interface TeamPlan {
  memberships: MembershipPlan[];
  applications: ApplicationPlan[];
  /** Trainee places per cycle, in joining order: certificates go to those who complete one. */
  trainees: MembershipPlan[][];
}

/**
 * Members (成员) and trainees (学员) per team, within the service's default limits, and
 * at most this share of the jurisdiction's teachers each: a demo county of thirty teachers gets a
 * small team rather than all of its staff, and its activities still find teachers from outside.
 */
const MEMBERS = { min: 3, max: 10, share: 1 / 12 };
const TRAINEES = { min: 10, max: DEFAULT_MEMBERSHIP_LIMITS.TRAINEE, share: 1 / 4 };
/** Share of members and trainees who leave before their cycle ends, and why. */
const EARLY_LEAVING = 0.05;
const LEAVING_REASONS = ['工作调动', '个人原因申请退出', '外出跟岗学习，申请退出'];
/** The host ends the first cycle's trainee places when a renewed studio starts its next one. */
const GRADUATED = '培养周期结束，学员结业';

const STATEMENTS = [
  '本人热爱教育事业，希望在工作室主持人的指导下提升课堂教学能力。',
  '希望加入工作室，参与课题研究和送教活动，提高专业素养。',
  '从教以来一直关注课堂教学改革，申请成为工作室学员，向名师学习。',
  '希望通过工作室研修，在教学设计和教学评价方面有所提高。',
];
const ACCEPTING = ['教学基本功扎实，同意接收', '研修意愿强，同意接收', null];
const DECLINING = ['学科方向与工作室不一致', '本期名额已满，建议下期申请'];
const REJECTING = ['不符合本期学员遴选条件', '所在学校本期已有学员，请统筹安排'];

/** Where an application ended up; CLOSED is one revocation closed, stored as the office's REJECTED. */
type Outcome = TraineeApplicationStatus | 'CLOSED';

interface ApplicationDraft {
  teacher: TeacherPlan;
  outcome: Outcome;
  createdOn: string;
  /** The cycle it applied for (index into the studio's cycles). */
  cycle: number;
}

/**
 * A studio's team over its history, as the two-way selection builds it: the host from the
 * founding; members added around approval (again for a reorganized studio's new cycle, the old
 * ones' places ended by the reorganization); each cycle's trainees joining when the office
 * confirms an application the host accepted with a rating. Beside those, applications the host
 * declined, the office rejected or the applicant withdrew, and — in a studio still recruiting —
 * some waiting on `asOf`. Revocation ends every open place and closes waiting applications as the
 * office's rejection. A teacher joins or applies to a studio at most once, and only once hired.
 */
export function planTeam(studio: StudioPlan, asOf: string): TeamPlan {
  const { lifecycle, host } = studio;
  const random = new Random(`${studio.key}:team`);
  const pools = teamPools(studio);
  const known = new Set([host.id]);
  const draw = (count: number, year: number) => {
    const teachers = drawTeachers(random, pools, count, (t) => known.has(t.id) || t.hireYear > year);
    for (const teacher of teachers) known.add(teacher.id);
    return teachers;
  };
  const memberships: MembershipPlan[] = [];
  const join = (teacher: TeacherPlan, role: MembershipRole, joinedOn: string, cycle: number) => {
    const end =
      role === 'HOST' ? scheduledEnd(studio, cycle, role) : leaving(random, studio, cycle, role, joinedOn);
    const membership: MembershipPlan = {
      id: membershipId(studio, teacher, cycle),
      teacher,
      role,
      joinedOn,
      leftOn: end?.on ?? null,
      endReason: end?.reason ?? null,
    };
    memberships.push(membership);
    return membership;
  };
  const applications: ApplicationPlan[] = [];
  const apply = (teacher: TeacherPlan, outcome: Outcome, createdOn: string, cycle: number) => {
    const application = newApplication(studio, random, { teacher, outcome, createdOn, cycle }, asOf);
    applications.push(application);
    return application;
  };

  join(host, 'HOST', lifecycle.foundedOn, 0);
  const trainees = lifecycle.cycles.map((cycle, index) => {
    // Members stay on for a renewed studio's next cycle; a reorganized studio recruits new ones.
    if (index === 0 || lifecycle.nextCycle?.to === 'REORGANIZED') {
      const from = index === 0 ? lifecycle.foundedOn : lifecycle.nextCycle!.on;
      for (const teacher of draw(teamSize(random, studio, MEMBERS), cycle.startYear)) {
        join(teacher, 'MEMBER', dayBetween(random, from, addDays(cycle.activeOn, 30)), index);
      }
    }
    // Recruitment: the month after the studio became ACTIVE for the cycle.
    const recruiting = () => dayBetween(random, cycle.activeOn, addDays(cycle.activeOn, 30));
    const cohort = draw(teamSize(random, studio, TRAINEES), cycle.startYear).map((teacher) => {
      const confirmed = apply(teacher, 'CONFIRMED', recruiting(), index);
      return join(teacher, 'TRAINEE', confirmed.decidedAt!.slice(0, 10), index);
    });
    const unsuccessful = {
      DECLINED: random.int(0, 3),
      REJECTED: random.int(0, 2),
      WITHDRAWN: random.int(0, 2),
    };
    for (const [outcome, count] of Object.entries(unsuccessful) as [Outcome, number][]) {
      for (const teacher of draw(count, cycle.startYear)) apply(teacher, outcome, recruiting(), index);
    }
    if (index === lifecycle.cycles.length - 1) {
      // Waiting at the end: until `asOf`, or until revocation closed them.
      const last = lifecycle.revoked ? addDays(lifecycle.revoked.on, -1) : asOf;
      const lately = () => dayBetween(random, later(cycle.activeOn, addDays(last, -40)), last);
      for (const [outcome, count] of Object.entries(waitingAtEnd(studio, random)) as [Outcome, number][]) {
        for (const teacher of draw(count, Number(last.slice(0, 4)))) apply(teacher, outcome, lately(), index);
      }
    }
    return cohort;
  });
  return { memberships, applications, trainees };
}

/** The places open on `day`: joined by then and not yet left (a place ends on its leaving day). */
export function presentOn(team: readonly MembershipPlan[], day: string): MembershipPlan[] {
  return team.filter((m) => m.joinedOn <= day && (m.leftOn === null || day < m.leftOn));
}

function teamSize(random: Random, studio: StudioPlan, size: typeof MEMBERS): number {
  const room = Math.max(1, Math.floor(studio.jurisdiction.teachers.length * size.share));
  return Math.min(random.int(size.min, size.max), room);
}

function membershipId(studio: StudioPlan, teacher: TeacherPlan, cycle: number): string {
  return stableUuid(`${studio.key}:membership:${teacher.key}:${cycle}`);
}

/**
 * Applications left waiting: a few in a studio that recruits (acceptsApplications) at the end; in a
 * revoked studio, those that waited when it was revoked and were closed by it.
 */
function waitingAtEnd(studio: StudioPlan, random: Random): Partial<Record<Outcome, number>> {
  if (studio.lifecycle.revoked) return { CLOSED: random.int(0, 2) };
  if (!acceptsApplications(studio.lifecycle.status)) return {};
  return { PENDING: random.int(0, 3), ACCEPTED: random.int(0, 2) };
}

/**
 * An application as far as its status says it went: the host's response (a rating when accepting,
 * none when declining) unless it is PENDING, was withdrawn before one or closed by revocation; the
 * office's decision for CONFIRMED (with the place it starts) and REJECTED. Nothing after `asOf`.
 */
function newApplication(
  studio: StudioPlan,
  random: Random,
  { teacher, outcome, createdOn, cycle }: ApplicationDraft,
  asOf: string,
): ApplicationPlan {
  const closing = outcome === 'CLOSED' ? studio.lifecycle.revoked : null;
  const status = closing ? stepRule('CLOSE').to : (outcome as TraineeApplicationStatus);
  // Before the closing day, when revocation closed it: the office decided on that day.
  const lastResponse = closing ? addDays(closing.on, -1) : asOf;
  const respondedOn = earlier(addDays(createdOn, random.int(1, 10)), lastResponse);
  const responded =
    ['ACCEPTED', 'CONFIRMED', 'DECLINED', 'REJECTED'].includes(outcome) ||
    (['WITHDRAWN', 'CLOSED'].includes(outcome) && random.chance(0.5));
  const accepted = responded && status !== 'DECLINED';
  const decided = status === 'CONFIRMED' || status === 'REJECTED';
  const decidedOn = closing?.on ?? earlier(addDays(respondedOn, random.int(2, 14)), asOf);
  const officeComment = closing?.note ?? random.pick(status === 'CONFIRMED' ? ['同意', null] : REJECTING);
  return {
    id: stableUuid(`${studio.key}:application:${teacher.key}:${cycle}`),
    teacherId: teacher.id,
    status,
    statement: random.pick(STATEMENTS),
    hostRating: accepted ? random.int(status === 'REJECTED' ? 2 : 3, 5) : null,
    hostComment: responded ? random.pick(accepted ? ACCEPTING : DECLINING) : null,
    createdAt: chinaTime(createdOn, '09:30'),
    respondedAt: responded ? chinaTime(respondedOn, '11:00') : null,
    officeComment: decided ? officeComment : null,
    decidedAt: decided ? chinaTime(decidedOn, '16:00') : null,
    membershipId: status === 'CONFIRMED' ? membershipId(studio, teacher, cycle) : null,
  };
}

/** How a member's or trainee's place ends: early for a few, else as the studio's history ends it. */
function leaving(
  random: Random,
  studio: StudioPlan,
  cycle: number,
  role: MembershipRole,
  joinedOn: string,
): { on: string; reason: string } | null {
  const scheduled = scheduledEnd(studio, cycle, role);
  if (!random.chance(EARLY_LEAVING)) return scheduled;
  const lastDay = scheduled ? addDays(scheduled.on, -1) : studio.lifecycle.cycles.at(-1)!.lastWorkDay;
  const earliest = addDays(joinedOn, 60);
  if (earliest > lastDay) return scheduled;
  return { on: dayBetween(random, earliest, lastDay), reason: random.pick(LEAVING_REASONS) };
}

/**
 * When the studio's history ends a place joined in cycle `cycle`, and the note it ends with: a
 * reorganization ends the old members' and trainees' places, a renewal the old trainees' (their
 * host ends them: 结业), revocation every place still open.
 */
function scheduledEnd(
  studio: StudioPlan,
  cycle: number,
  role: MembershipRole,
): { on: string; reason: string } | null {
  const { nextCycle, revoked } = studio.lifecycle;
  if (cycle === 0 && nextCycle && role !== 'HOST') {
    if (nextCycle.to === 'REORGANIZED') return { on: nextCycle.on, reason: nextCycle.note };
    if (role === 'TRAINEE') return { on: nextCycle.on, reason: GRADUATED };
  }
  return revoked ? { on: revoked.on, reason: revoked.note } : null;
}
