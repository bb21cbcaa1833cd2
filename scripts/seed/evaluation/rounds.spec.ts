import { conflictOfInterest } from '../../../services/evaluation/src/rules/conflict-of-interest';
import { leavesOf } from '../../../services/evaluation/src/rules/scheme-tree';
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
  const { rounds, records, allocations } = evaluationFixture();
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
        // Waiting for the decision on its next cycle: the office has not finalised the term-end result.
        expect(termEnd).toMatchObject({ result: null, consequences: [] });
        expect(termEnd!.evaluators.length).toBeGreaterThan(0);
        expect(termEnd!.selfReport).not.toBeNull();
      }
    }
  });

  it('carry out every consequence at once, answered in its carrier’s words', () => {
    const consequences = assessments.flatMap(({ assessment }) => assessment.consequences);
    expect(consequences.filter((c) => c.state !== 'APPLIED')).toEqual([]);
    const told = new Set<string>();
    for (const { round, assessment } of assessments) {
      const { lifecycle } = assessment.records.studio;
      const detail = (kind: string) => assessment.consequences.find((c) => c.kind === kind)?.detail;
      for (const { kind } of assessment.consequences) told.add(kind);
      if (round.kind === 'ANNUAL' && assessment.result?.grade === 'BASIC') {
        expect(detail('RECTIFY')).toBe(
          `工作室已进入整改，整改期限 ${lifecycle.rectified!.deadline} (ACTIVE → RECTIFYING)`,
        );
        expect(detail('FOLLOW_UP')).toMatch(/^整改复评 opened in .+（整改复评）, due by \d{4}-\d{2}-\d{2}$/);
      }
      if (round.kind === 'FOLLOW_UP' && assessment.result) {
        const years = [...allocations.get(assessment.records.studio.id)!.values()];
        const frozen = years.filter((a) => a.frozen?.on === lifecycle.revoked!.on);
        expect(frozen.length).toBeGreaterThan(0);
        expect(detail('REVOKE')).toBe('工作室已取消资格 (RECTIFYING → REVOKED)');
        expect(detail('FREEZE_FUNDS')).toBe(
          `已冻结 ${frozen.length} 笔经费 (${frozen.length} allocation${frozen.length === 1 ? '' : 's'} frozen)`,
        );
      }
      if (round.kind === 'TERM_END' && lifecycle.nextCycle) {
        const next = lifecycle.cycles[1]!.startYear;
        expect(detail('RETAIN') ?? detail('REORGANISE')).toBe(
          lifecycle.nextCycle.to === 'RENEWED'
            ? `工作室已续建，新周期 ${next}—${next + 2} (CONCLUDED → RENEWED)`
            : `工作室已重组，成员与学员离任，新周期 ${next}—${next + 2} (CONCLUDED → REORGANIZED)`,
        );
      }
      if (assessment.result?.grade === 'EXCELLENT') {
        expect(detail('REWARD')).toBe('优秀工作室：奖励已记录 (reward recorded)');
      }
    }
    expect([...told].sort()).toEqual(
      ['FOLLOW_UP', 'FREEZE_FUNDS', 'RECTIFY', 'REORGANISE', 'RETAIN', 'REVOKE', 'REWARD'].sort(),
    );
  });

  it('leave a concluded studio’s term-end assessment open, its evaluators part-way through scoring', () => {
    const open = assessments.filter(
      ({ round, assessment }) =>
        round.kind === 'TERM_END' && assessment.records.studio.lifecycle.status === 'CONCLUDED',
    );
    expect(open.length).toBeGreaterThan(0);
    let partly = 0;
    for (const { round, assessment } of open) {
      const evaluators = new Set(assessment.evaluators.map((e) => e.teacherId));
      const experts = new Map(
        leavesOf(round.scheme.indicators)
          .filter((leaf) => leaf.source === 'EXPERT')
          .map((leaf) => [leaf.code, leaf]),
      );
      for (const score of assessment.expertScores) {
        expect(evaluators.has(score.teacherId)).toBe(true);
        expect(score.points).toBeLessThanOrEqual(experts.get(score.indicatorCode)!.maxPoints);
        expect(score.updatedAt.slice(0, 10) < AS_OF).toBe(true);
      }
      if (assessment.expertScores.length < evaluators.size * experts.size) partly += 1;
    }
    expect(partly).toBeGreaterThan(0);
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
