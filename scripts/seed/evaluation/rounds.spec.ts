import { conflictOfInterest } from '../../../services/evaluation/src/rules/conflict-of-interest';
import { combinePoints, gradeFor } from '../../../services/evaluation/src/rules/scoring';
import { APPEAL_WINDOW_DAYS, annualRoundOver } from '../assessment-calendar';
import { addDays } from '../calendar';
import { AS_OF } from '../workshop/test-fixtures';
import { runningOn } from './histories';
import type { RoundPlan } from './rounds';
import { evaluationFixture, planEvaluation } from './test-fixtures';

const all = (rounds: readonly RoundPlan[]) =>
  rounds.flatMap((round) => round.assessments.map((assessment) => ({ round, assessment })));

describe('assessment rounds', () => {
  const { rounds, records } = evaluationFixture();
  const assessments = all(rounds);
  const ofStudio = (id: string, kind: string) =>
    assessments.filter(({ round, assessment }) => round.kind === kind && assessment.records.studio.id === id);

  it('assess each studio once a year while it runs, and once more at the end of its cycle', () => {
    const keys = assessments.map(({ round, assessment }) => `${round.id}:${assessment.records.studio.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const round of rounds.filter((r) => r.kind === 'ANNUAL')) {
      const opened = round.createdAt.slice(0, 10);
      const expected = round.office.studios.filter((s) => runningOn(s.lifecycle, opened)).map((s) => s.id);
      expect(round.assessments.map((a) => a.records.studio.id).sort()).toEqual(expected.sort());
      expect(annualRoundOver(Number(round.period.from.slice(0, 4)), AS_OF)).toBe(true);
    }
    const termEnds = rounds.filter((r) => r.kind === 'TERM_END');
    expect(termEnds.length).toBeGreaterThan(0);
    const years = (round: RoundPlan) =>
      Number(round.period.to.slice(0, 4)) - Number(round.period.from.slice(0, 4));
    for (const round of termEnds) expect(years(round)).toBe(2);
  });

  it('give each studio the grades its status history implies, final on the day of each change', () => {
    for (const { studio } of records.values()) {
      const { lifecycle } = studio;
      for (const { round, assessment } of ofStudio(studio.id, 'ANNUAL')) {
        const year = Number(round.period.from.slice(0, 4));
        const grade = assessment.result!.grade;
        if (lifecycle.rectified?.year === year) {
          expect(grade).toBe('BASIC');
          expect(assessment.result!.finalOn).toBe(lifecycle.rectified.on);
          expect(assessment.consequences.find((c) => c.kind === 'RECTIFY')?.dueOn).toBe(
            lifecycle.rectified.deadline,
          );
        } else {
          expect(['EXCELLENT', 'QUALIFIED']).toContain(grade);
        }
      }
      const followUps = ofStudio(studio.id, 'FOLLOW_UP').map(({ assessment }) => assessment);
      expect(followUps).toHaveLength(lifecycle.rectified ? 1 : 0);
      if (lifecycle.revoked) {
        expect(followUps[0]!.result).toMatchObject({ grade: 'UNQUALIFIED', finalOn: lifecycle.revoked.on });
      } else if (lifecycle.rectified) {
        expect(followUps[0]!.result).toBeNull();
      }
      const [termEnd] = ofStudio(studio.id, 'TERM_END').map(({ assessment }) => assessment);
      if (lifecycle.nextCycle) {
        const passed = lifecycle.nextCycle.to === 'RENEWED';
        expect(passed ? ['EXCELLENT', 'QUALIFIED'] : ['UNQUALIFIED']).toContain(termEnd!.result!.grade);
        expect(termEnd!.result!.finalOn).toBe(lifecycle.nextCycle.on);
        expect(termEnd!.consequences.at(-1)).toMatchObject({
          kind: passed ? 'RETAIN' : 'REORGANISE',
          state: 'APPLIED',
        });
      } else if (lifecycle.status === 'CONCLUDED') {
        expect(termEnd!.consequences.at(-1)).toMatchObject({ kind: 'RETAIN', state: 'SENT' });
      }
    }
  });

  it('score every result by the scheme: figures computed, experts combined, graded by the thresholds', () => {
    const finalised = assessments.filter(({ assessment }) => assessment.result);
    expect(finalised.length).toBeGreaterThan(100);
    for (const { round, assessment } of finalised) {
      const { scheme } = round;
      const result = assessment.result!;
      expect(result.total).toBe(result.scores.reduce((sum, s) => sum + s.score, 0));
      expect(gradeFor(result.total, scheme.thresholds)).toBe(result.grade);
      for (const score of result.scores.filter((s) => s.source === 'EXPERT')) {
        const given = assessment.expertScores.filter((e) => e.indicatorCode === score.indicatorCode);
        expect(given).toHaveLength(assessment.evaluators.length);
        expect(
          combinePoints(
            given.map((e) => e.points),
            scheme.combination,
          ),
        ).toBe(score.score);
        for (const e of given) expect(e.points).toBeLessThanOrEqual(score.maxScore);
      }
      expect(addDays(result.finalisedAt.slice(0, 10), APPEAL_WINDOW_DAYS)).toBe(result.finalOn);
      expect(result.finalisedAt.slice(0, 10) > round.deadline).toBe(true);
      expect(result.finalOn <= AS_OF).toBe(true);
    }
  });

  it('spread passing grades: mostly 合格, some 优秀', () => {
    const grades = assessments.flatMap(({ assessment }) =>
      assessment.result ? [assessment.result.grade] : [],
    );
    const share = (grade: string) => grades.filter((g) => g === grade).length / grades.length;
    expect(share('QUALIFIED')).toBeGreaterThan(0.5);
    expect(share('EXCELLENT')).toBeGreaterThan(0.1);
    expect(share('BASIC')).toBeGreaterThan(0);
    expect(share('UNQUALIFIED')).toBeGreaterThan(0);
  });

  it('choose evaluators without a conflict of interest, from the office’s teachers, before the scores', () => {
    for (const { round, assessment } of assessments) {
      const { studio, memberships } = assessment.records;
      const members = memberships
        .filter((m) => m.joinedOn <= round.period.to && (m.leftOn === null || m.leftOn >= round.period.from))
        .map((m) => m.teacher.id);
      const pool = new Map(round.pool.map((t) => [t.id, t]));
      expect(assessment.evaluators).toHaveLength(studio.level === 'COUNTY' ? 3 : 5);
      for (const { teacherId, assignedAt } of assessment.evaluators) {
        const teacher = pool.get(teacherId)!;
        expect(teacher).toBeDefined();
        expect(
          conflictOfInterest(
            { teacherId, schoolId: teacher.school.id },
            { hostSchoolId: studio.host.school.id, memberTeacherIds: members },
          ),
        ).toBeNull();
        for (const score of assessment.expertScores) expect(score.updatedAt > assignedAt).toBe(true);
      }
    }
  });

  it('are planned the same on every run', () => {
    expect(summary(planEvaluation(AS_OF).rounds)).toEqual(summary(rounds));
  });

  it.each(['2026-01-10', '2026-03-05', '2026-08-20'])(
    'fit the histories on any day of the year (%s)',
    (asOf) => {
      const later = evaluationFixture(asOf);
      for (const { round, assessment } of all(later.rounds)) {
        expect(round.createdAt.slice(0, 10) <= asOf).toBe(true);
        if (assessment.result) expect(assessment.result.finalOn <= asOf).toBe(true);
      }
      const rectifying = [...later.records.values()].filter(
        (r) => r.studio.lifecycle.status === 'RECTIFYING',
      );
      for (const { studio } of rectifying) {
        const basic = all(later.rounds).find(
          ({ assessment }) =>
            assessment.records.studio.id === studio.id && assessment.result?.grade === 'BASIC',
        );
        expect(basic?.assessment.result!.finalOn).toBe(studio.lifecycle.rectified!.on);
      }
    },
  );
});

/** What must come out the same: ids, dates, people and scores. */
function summary(rounds: readonly RoundPlan[]) {
  return rounds.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    deadline: r.deadline,
    assessments: r.assessments.map((a) => ({
      id: a.id,
      evaluators: a.evaluators,
      scores: a.expertScores,
      result: a.result && { total: a.result.total, finalisedAt: a.result.finalisedAt },
      consequences: a.consequences,
    })),
  }));
}
