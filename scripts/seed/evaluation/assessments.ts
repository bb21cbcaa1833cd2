import type {
  ConsequenceKind,
  ConsequenceState,
  Grade,
  RoundKind,
} from '../../../services/evaluation/src/generated/resolvers-types';
import type { EvidenceRecord } from '../../../services/evaluation/src/entities/self-report.entity';
import { conflictOfInterest } from '../../../services/evaluation/src/rules/conflict-of-interest';
import { CARRIED_OUT_BY, consequencesOf } from '../../../services/evaluation/src/rules/consequences';
import {
  computeResult,
  type ExpertPoints,
  type IndicatorScoreRecord,
} from '../../../services/evaluation/src/rules/indicator-score';
import { leavesOf } from '../../../services/evaluation/src/rules/scheme-tree';
import { gradeFor, pointsForFigure } from '../../../services/evaluation/src/rules/scoring';
import { figureFor } from '../../../services/evaluation/src/rules/computed-figures';
import { frozenDetail } from '../../../services/finance/src/consumers/carry-out-funds-decision';
import { movesFor, settledDetail } from '../../../services/workshop/src/consumers/carry-out-status-decision';
import { effectsOf, nextCycleStart } from '../../../services/workshop/src/rules/workshop-lifecycle';
import { APPEAL_WINDOW_DAYS, RECTIFICATION_DAYS } from '../assessment-calendar';
import { addDays, chinaTime, dayBetween, earlier, later } from '../calendar';
import type { AllocationPlan } from '../finance/funds';
import type { TeacherPlan } from '../personnel';
import { Random, stableUuid } from '../random';
import type { StudioRecords } from '../workshop';
import { evaluatorScores, expertPointsFor } from './expert-scores';
import { figuresOn, type Period } from './figures';
import { statusBefore, type RequiredResult } from './histories';
import type { SchemeVersionPlan } from './schemes';

/** A round as its assessments need it. */
export interface RoundFacts {
  id: string;
  key: string;
  kind: RoundKind;
  title: string;
  scheme: SchemeVersionPlan;
  period: Period;
  deadline: string;
  /** The experts this round's office calls on, most of its assessments' evaluators. */
  panel: readonly TeacherPlan[];
  /** Every teacher the office may call on: where a studio with conflicts on the panel finds others. */
  pool: readonly TeacherPlan[];
}

export interface AssessmentPlan {
  id: string;
  roundId: string;
  records: StudioRecords;
  createdAt: string;
  evaluators: { teacherId: string; assignedAt: string }[];
  selfReport: { summary: string; evidence: EvidenceRecord[]; submittedAt: string } | null;
  expertScores: { indicatorCode: string; teacherId: string; points: number; updatedAt: string }[];
  result: {
    total: number;
    grade: Grade;
    scores: IndicatorScoreRecord[];
    finalisedAt: string;
    appealClosesAt: string;
    concludedAt: string;
    /** The day it became final. */
    finalOn: string;
  } | null;
  consequences: {
    id: string;
    kind: ConsequenceKind;
    state: ConsequenceState;
    detail: string;
    dueOn: string | null;
    createdAt: string;
    updatedAt: string;
  }[];
}

/** How many experts assess a studio: three for a county's, five for a city's or province's. */
const EVALUATORS = { COUNTY: 3, CITY: 5, PROVINCE: 5 } as const;

/** How likely a studio that passes is 优秀 rather than 合格, unless it is heading for worse. */
const EXCELLENT_SHARE = 0.3;

/** How likely an evaluator of an assessment still open has scored every indicator, not stopped part-way. */
const SCORED_IN_FULL = 0.5;

/** How many days after the round's deadline the evaluators of an assessment still open scored in. */
const OPEN_SCORING_DAYS = 30;

export interface AssessmentOptions {
  /**
   * The result the studio's history requires; null leaves the assessment open and unscored (a
   * follow-up still due), one not final leaves it open and partly scored.
   */
  required: RequiredResult | null;
  /** When the assessment was created: the round's opening, or a follow-up's. */
  createdOn: string;
  createdAt: string;
  /** The days the round's office finalises results on, when the history does not say; null where it always does. */
  finalising: { first: string; last: string } | null;
  /** Whether the studio was heading for a worse result, so that it passed as 合格 rather than 优秀. */
  declining: boolean;
  /** For a 基本合格, the follow-up round it was put into. */
  followUpTitle: string | null;
  withSelfReport: boolean;
  asOf: string;
}

/**
 * One studio's assessment in a round: its evaluators (nobody in conflict, by the service's rule),
 * its self-report, and — when the history requires a result — expert scores chosen so that, with
 * the points computed from the studio's figures on the day of finalising, the service's own
 * scoring (computeResult, gradeFor) gives a grade the history allows; then the consequences of
 * that grade (consequencesOf), carried out on the day the result became final. A result the office
 * has not finalised leaves the assessment open, with the scores its evaluators have given so far.
 */
export function planAssessment(
  round: RoundFacts,
  records: StudioRecords,
  allocations: ReadonlyMap<number, AllocationPlan>,
  options: AssessmentOptions,
): AssessmentPlan {
  const { studio } = records;
  const key = `${round.key}:assessment:${studio.key}`;
  const random = new Random(key);
  const id = stableUuid(key);
  const assignedOn = addDays(options.createdOn, random.int(3, 10));
  const evaluators = chooseEvaluators(round, records, EVALUATORS[studio.level], random);
  const plan: AssessmentPlan = {
    id,
    roundId: round.id,
    records,
    createdAt: options.createdAt,
    evaluators:
      assignedOn <= options.asOf
        ? evaluators.map((t) => ({ teacherId: t.id, assignedAt: chinaTime(assignedOn, '14:00') }))
        : [],
    selfReport: null,
    expertScores: [],
    result: null,
    consequences: [],
  };
  const { required } = options;
  if (!required) return plan;
  const toward = { required, declining: options.declining };
  const scoredFrom = later(addDays(assignedOn, 1), addDays(round.deadline, -2));

  if (!required.final) {
    // Scored toward the result the office would find if it finalised today.
    const scoredTo = earlier(addDays(round.deadline, OPEN_SCORING_DAYS), addDays(options.asOf, -1));
    if (scoredTo < scoredFrom) throw new Error(`${key}: no day to score on by ${options.asOf}`);
    const figures = figuresOn(records, allocations, round.period, options.asOf);
    const scoring = expertScoring(
      key,
      round,
      evaluators,
      figures,
      toward,
      { from: scoredFrom, to: scoredTo },
      random,
    );
    plan.expertScores = scoredSoFar(scoring.scores, evaluators, random);
    if (options.withSelfReport)
      plan.selfReport = selfReport(records, round, figures, options.createdOn, random);
    return plan;
  }

  const finalOn =
    required.finalOn ??
    (options.finalising && dayBetween(random, options.finalising.first, options.finalising.last));
  if (!finalOn)
    throw new Error(`${key}: neither the history nor the round says when its result became final`);
  const finalisedOn = addDays(finalOn, -APPEAL_WINDOW_DAYS);
  if (finalisedOn <= round.deadline || finalOn > options.asOf || finalisedOn <= addDays(assignedOn, 1)) {
    throw new Error(
      `${key}: a result final on ${finalOn} does not fit the round (deadline ${round.deadline})`,
    );
  }
  const figures = figuresOn(records, allocations, round.period, finalisedOn);
  const { scheme } = round;
  const scoring = expertScoring(
    key,
    round,
    evaluators,
    figures,
    toward,
    { from: scoredFrom, to: addDays(finalisedOn, -1) },
    random,
  );
  plan.expertScores = scoring.scores;
  const result = scored(computeResult(scheme.indicators, scheme.combination, scoring.expert, figures));
  const resultGrade = gradeFor(result.total, scheme.thresholds);
  if (resultGrade !== scoring.grade) throw new Error(`${key}: scored ${resultGrade}, meant ${scoring.grade}`);

  const finalisedAt = chinaTime(finalisedOn, '09:00');
  const concludedAt = chinaTime(finalOn, '09:05');
  plan.result = {
    total: result.total,
    grade: resultGrade,
    scores: result.scores,
    finalisedAt,
    appealClosesAt: chinaTime(finalOn, '09:00'),
    concludedAt,
    finalOn,
  };
  const dueOn = addDays(finalOn, RECTIFICATION_DAYS);
  const settled = { round, records, allocations, finalOn, dueOn, followUpTitle: options.followUpTitle };
  // Every consequence carried out at once, here or by the workshop's and finance's consumers: none
  // is left SENT, as the seed writes no outbox row that would carry it.
  plan.consequences = consequencesOf(resultGrade, round.kind, false).map((kind) => ({
    id: stableUuid(`${key}:consequence:${kind}`),
    kind,
    state: 'APPLIED',
    detail: appliedDetail(kind, settled),
    dueOn: kind === 'RECTIFY' || kind === 'FOLLOW_UP' ? dueOn : null,
    createdAt: finalisedAt,
    // Carried out here when the result became final; by the other services minutes later.
    updatedAt: CARRIED_OUT_BY[kind] === 'evaluation' ? concludedAt : chinaTime(finalOn, '10:00'),
  }));
  if (options.withSelfReport)
    plan.selfReport = selfReport(records, round, figures, options.createdOn, random);
  return plan;
}

/**
 * Expert scores toward a grade the history allows: the expert indicators' combined points that,
 * with those the studio's figures earn, reach it (expertPointsFor), as each evaluator's score on
 * a day in `days`, which the scheme's combination turns back into those points (evaluatorScores).
 */
function expertScoring(
  key: string,
  round: RoundFacts,
  evaluators: readonly TeacherPlan[],
  figures: ReturnType<typeof figuresOn>,
  toward: { required: RequiredResult; declining: boolean },
  days: { from: string; to: string },
  random: Random,
): { grade: Grade; expert: ExpertPoints[]; scores: AssessmentPlan['expertScores'] } {
  const { scheme } = round;
  const { required } = toward;
  const leaves = leavesOf(scheme.indicators);
  const computedPoints = leaves
    .filter((leaf) => leaf.source === 'COMPUTED')
    .reduce(
      (sum, leaf) => sum + pointsForFigure(leaf.rule!, leaf.maxPoints, figureFor(leaf.rule!, figures).value),
      0,
    );
  const grade = pickGrade(required, toward.declining, random);
  const combined =
    [grade, ...required.grades.filter((g) => g !== grade)]
      .map((g) => ({
        g,
        points: expertPointsFor(g, leaves, scheme.thresholds, scheme.totalPoints, computedPoints, random),
      }))
      .find((c) => c.points !== null) ?? null;
  if (!combined) throw new Error(`${key}: no expert scores reach ${required.grades.join(' or ')}`);

  const expert: ExpertPoints[] = [];
  const scores: AssessmentPlan['expertScores'] = [];
  for (const leaf of leaves) {
    const points = combined.points!.get(leaf.code);
    if (points === undefined) continue;
    const given = evaluatorScores(points, leaf.maxPoints, evaluators.length, scheme.combination, random);
    given.forEach((score, i) => {
      expert.push({ indicatorCode: leaf.code, points: score });
      scores.push({
        indicatorCode: leaf.code,
        teacherId: evaluators[i]!.id,
        points: score,
        updatedAt: chinaTime(dayBetween(random, days.from, days.to), '15:00'),
      });
    });
  }
  return { grade: combined.g, expert, scores };
}

/**
 * What an open assessment's evaluators have scored so far: some every indicator, the others the
 * first few, in the scheme's order, and then stopped.
 */
function scoredSoFar(
  scores: AssessmentPlan['expertScores'],
  evaluators: readonly TeacherPlan[],
  random: Random,
): AssessmentPlan['expertScores'] {
  const given = new Map(
    evaluators.map((t) => {
      const all = scores.filter((s) => s.teacherId === t.id).length;
      return [t.id, random.chance(SCORED_IN_FULL) ? all : random.int(0, Math.max(0, all - 1))];
    }),
  );
  const seen = new Map<string, number>();
  return scores.filter((s) => {
    const n = seen.get(s.teacherId) ?? 0;
    seen.set(s.teacherId, n + 1);
    return n < given.get(s.teacherId)!;
  });
}

/**
 * What a consequence's carrier answered once it carried it out, in the carrier's own words:
 * evaluation's for the two it carries out itself (its consequence-issuer.ts); the workshop
 * consumer's for a status decision, with the statuses the studio's history passed through that
 * day; the finance consumer's for a freeze, of the allocations the revocation froze that day.
 */
function appliedDetail(
  kind: ConsequenceKind,
  facts: {
    round: RoundFacts;
    records: StudioRecords;
    allocations: ReadonlyMap<number, AllocationPlan>;
    finalOn: string;
    dueOn: string;
    followUpTitle: string | null;
  },
): string {
  const { round, finalOn, dueOn } = facts;
  switch (kind) {
    case 'REWARD':
      return '优秀工作室：奖励已记录 (reward recorded)';
    case 'FOLLOW_UP':
      return `整改复评 opened in ${facts.followUpTitle}, due by ${dueOn}`;
    case 'FREEZE_FUNDS':
      return frozenDetail([...facts.allocations.values()].filter((a) => a.frozen?.on === finalOn).length);
    case 'REWARD_ALLOCATION':
      throw new Error(`${round.key}: seeded rounds name no reward amount`);
  }
  const { lifecycle } = facts.records.studio;
  const from = statusBefore(lifecycle, finalOn);
  if (!from) throw new Error(`${round.key}: ${kind} for a studio not founded by ${finalOn}`);
  const path = [from, ...movesFor(kind, from)];
  // The cycle the round assessed, or the next one, when the decision started it (续建, 重组).
  const assessed = Number(round.period.from.slice(0, 4));
  const cycle = lifecycle.cycles.filter((c) => c.startYear <= assessed).at(-1)!.startYear;
  return settledDetail(path, {
    rectificationDeadline: path.at(-1) === 'RECTIFYING' ? dueOn : null,
    cycleStartYear: effectsOf(path.at(-1)!).startsNextCycle ? nextCycleStart(cycle) : cycle,
  });
}

function scored(computation: ReturnType<typeof computeResult>) {
  if (!computation.ok) throw new Error(`unscored expert indicators ${computation.unscored.join(', ')}`);
  return computation;
}

function pickGrade(required: RequiredResult, declining: boolean, random: Random): Grade {
  const passes = required.grades.includes('EXCELLENT') && required.grades.includes('QUALIFIED');
  if (!passes) return required.grades[0]!;
  return !declining && random.chance(EXCELLENT_SHARE) ? 'EXCELLENT' : 'QUALIFIED';
}

/**
 * The experts who assess the studio: from the round's panel, then from the office's other
 * teachers, leaving out whoever the service's conflict-of-interest rule (回避) would refuse — a
 * member of the studio at any time in the period, or a teacher of its host school.
 */
function chooseEvaluators(
  round: RoundFacts,
  records: StudioRecords,
  count: number,
  random: Random,
): TeacherPlan[] {
  const people = {
    hostSchoolId: records.studio.host.school.id,
    // As AssessmentSources.studioPeople: every place open on some day of the period.
    memberTeacherIds: records.memberships
      .filter((m) => m.joinedOn <= round.period.to && (m.leftOn === null || m.leftOn >= round.period.from))
      .map((m) => m.teacher.id),
  };
  // Teaching by the period's end, and no conflict.
  const year = Number(round.period.to.slice(0, 4));
  const free = (t: TeacherPlan) =>
    t.hireYear <= year && conflictOfInterest({ teacherId: t.id, schoolId: t.school.id }, people) === null;
  const chosen = random.sample(round.panel.filter(free), count);
  for (let tries = 0; chosen.length < count && tries < 50 * count; tries++) {
    const teacher = random.pick(round.pool);
    if (free(teacher) && !chosen.includes(teacher)) chosen.push(teacher);
  }
  if (chosen.length < count)
    throw new Error(`${round.key}: too few teachers to assess ${records.studio.key}`);
  return chosen;
}

/**
 * The host's self-report (自评报告), submitted before the deadline: the period's figures in a
 * sentence, and a few of its records as evidence, each one the studio had by then.
 */
function selfReport(
  records: StudioRecords,
  round: RoundFacts,
  figures: ReturnType<typeof figuresOn>,
  openedOn: string,
  random: Random,
): NonNullable<AssessmentPlan['selfReport']> {
  const submittedOn = dayBetween(random, addDays(openedOn, 7), round.deadline);
  const { from, to } = round.period;
  const by = (day: string) => day >= from && day <= to && day <= submittedOn;
  const activities = [...records.activities.years.values()].flatMap((year) =>
    year.sample.filter((a) => by(a.date)),
  );
  const outcome = records.outcomes.find((o) => by(o.achievedOn));
  const project = records.researchProjects.find(
    (p) => p.startedOn && by(later(p.startedOn, from)) && (p.concludedOn === null || p.concludedOn >= from),
  );
  const evidence: EvidenceRecord[] = [
    ...activities.slice(-3).map((a) => ({ kind: 'ACTIVITY' as const, recordId: a.id, note: null })),
    ...(outcome ? [{ kind: 'OUTCOME' as const, recordId: outcome.id, note: outcome.title }] : []),
    ...(project ? [{ kind: 'RESEARCH_PROJECT' as const, recordId: project.id, note: project.title }] : []),
  ];
  const outcomes = figures.outcomesByLevel.reduce((sum, o) => sum + o.count, 0);
  const summary =
    `${round.title}自评：期内开展研修活动${figures.activityCount}次，其中送教下乡${figures.outreachCount}次，` +
    `参与教师${figures.teachersReached}人；取得各级成果${outcomes}项。`;
  return { summary, evidence, submittedAt: chinaTime(submittedOn, '20:00') };
}
