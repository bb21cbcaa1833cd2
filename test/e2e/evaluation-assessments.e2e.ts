import { Role } from '@mingshi/auth';
import {
  ASSIGN,
  FINALISE,
  READ_ASSESSMENT,
  REOPEN,
  SCORE,
  SELF_REPORT,
  assessedStudio,
  assigned,
  evaluator,
  openedRound,
  publishedScheme,
  scored,
} from '../harness/evaluation-fixtures';
import { allocated, approved, submitted } from '../harness/finance-fixtures';
import { createTeacher } from '../harness/fixtures';
import { TestSystem } from '../harness/system';
import { foundStudio } from '../harness/workshop-fixtures';

const RECORD_ACTIVITY = `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`;

/** Assessments end to end through the gateway: scoring, computed figures, finalising, reopening. */
describe('assessments', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start();
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function recordActivities(
    studio: Awaited<ReturnType<typeof foundStudio>>,
    count: number,
    date: string,
  ) {
    for (let i = 0; i < count; i++) {
      const r = await system.gql(studio.hostCaller, RECORD_ACTIVITY, {
        input: {
          type: 'THEMED_RESEARCH',
          title: `主题教研${i + 1}`,
          date,
          place: '本校',
          workshopId: studio.id,
          hoursCredited: 2,
          participantIds: [studio.host.id],
        },
      });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
  }

  it('finalises a result from expert scores and the figures of the period, and keeps them', async () => {
    const studio = await foundStudio(system, { countyCode: '510402' });
    const year = 2025;
    await recordActivities(studio, 5, `${year}-05-10`);
    const allocation = await allocated(system, studio, '10000.00', { year });
    const expense = await submitted(system, studio, allocation.id, '6000.00', { spentOn: `${year}-06-01` });
    await approved(system, studio, expense.id);
    const schemeId = await publishedScheme(system, studio.office);
    const round = await openedRound(system, studio.office, schemeId, { year });
    const assessmentId = round.assessments.get(studio.id)!;
    const [a, b, c] = [
      await evaluator(system, '510402'),
      await evaluator(system, '510402'),
      await evaluator(system, '510402'),
    ];
    await assigned(system, studio.office, assessmentId, [a, b, c]);
    // Trimmed mean of 30, 24 and 20 drops 30 and 20: 24.
    await scored(system, a, assessmentId, '30');
    await scored(system, b, assessmentId, '24');
    await scored(system, c, assessmentId, '20');

    const r = await system.gql(studio.office, FINALISE, { id: assessmentId });
    expect(r.errors).toBeUndefined();
    const result = r.data!.finaliseAssessment.result;
    const byCode = Object.fromEntries(result.indicatorScores.map((s: any) => [s.indicatorCode, s]));
    expect(byCode['A1.B1.C1']).toMatchObject({ source: 'EXPERT', score: '24.00', evaluatorCount: 3 });
    // 5 of 10 activities: half of 20 points.
    expect(byCode['A1.B1.C2']).toMatchObject({ source: 'COMPUTED', score: '10.00', figure: 5 });
    // 6000 of 10000 executed: the 50 % step.
    expect(byCode['A2.B1.C2']).toMatchObject({ source: 'COMPUTED', score: '10.00', figure: 0.6 });
    expect(byCode['A2.B1.C2'].inputs).toEqual(
      expect.arrayContaining([
        { name: 'approved (fen)', value: '600000' },
        { name: 'allocated (fen)', value: '1000000' },
      ]),
    );
    expect(result).toMatchObject({ total: '68.00', grade: 'BASIC', finalisation: 1 });
    expect(r.data!.finaliseAssessment.consequences.map((c: any) => [c.kind, c.state])).toEqual([
      ['FOLLOW_UP', 'PENDING'],
      ['RECTIFY', 'PENDING'],
    ]);

    // Later work does not change a finalised result.
    await recordActivities(studio, 5, `${year}-07-10`);
    const again = await system.gql(studio.office, READ_ASSESSMENT, { id: assessmentId });
    expect(again.data!.assessment.result.total).toBe('68.00');
  });

  it('refuses evaluators outside their assignment, with a conflict of interest, or above a maximum', async () => {
    const studio = await foundStudio(system, { countyCode: '510403' });
    const { assessmentId, expert } = await assessedStudio(system, studio, '20', { year: 2024 });
    const stranger = await evaluator(system, '510403');
    const notAssigned = await system.gql(stranger, SCORE, {
      input: { assessmentId, scores: [{ indicatorCode: 'A1.B1.C1', score: '10' }] },
    });
    expect(notAssigned.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const aboveMax = await system.gql(expert, SCORE, {
      input: {
        assessmentId,
        scores: [
          { indicatorCode: 'A1.B1.C1', score: '30.01' },
          { indicatorCode: 'A1.B1.C2', score: '5' },
          { indicatorCode: 'Z9', score: '5' },
        ],
      },
    });
    expect(aboveMax.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(aboveMax.errors?.[0]?.extensions?.fields.map((f: any) => f.field)).toEqual([
      'input.scores[0].score',
      'input.scores[1].indicatorCode',
      'input.scores[2].indicatorCode',
    ]);

    // A colleague at the host school, and the studio's own host, may not assess it.
    const colleague = await createTeacher(system, studio.school, '510403');
    for (const teacherId of [colleague.id, studio.host.id]) {
      const refused = await system.gql(studio.office, ASSIGN, {
        input: { assessmentId, teacherIds: [teacherId] },
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    }
    // Only the round's office assigns.
    const other = await system.gql({ role: Role.COUNTY_OFFICE, region: '510402' }, ASSIGN, {
      input: { assessmentId, teacherIds: [stranger.teacherId] },
    });
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('takes a self-report only from the host, with evidence of the studio itself', async () => {
    const studio = await foundStudio(system, { countyCode: '510411' });
    const otherStudio = await foundStudio(system, { countyCode: '510411' });
    await recordActivities(studio, 1, '2023-03-01');
    const activities = await system.gql(
      studio.office,
      `query ($id: ID!) { workshop(id: $id) { activities { nodes { id } } } }`,
      { id: studio.id },
    );
    const activityId = activities.data!.workshop.activities.nodes[0].id;
    const { assessmentId } = await assessedStudio(system, studio, '20', { year: 2023 });
    const report = {
      assessmentId,
      summary: '年度自评',
      evidence: [{ kind: 'ACTIVITY', recordId: activityId }],
    };

    const byOffice = await system.gql(studio.office, SELF_REPORT, { input: report });
    expect(byOffice.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOtherHost = await system.gql(otherStudio.hostCaller, SELF_REPORT, { input: report });
    expect(byOtherHost.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const ok = await system.gql(studio.hostCaller, SELF_REPORT, { input: report });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.submitSelfReport.selfReport.evidence).toEqual([
      { kind: 'ACTIVITY', recordId: activityId },
    ]);

    const foreign = await system.gql(studio.hostCaller, SELF_REPORT, {
      input: { ...report, evidence: [{ kind: 'OUTCOME', recordId: activityId }] },
    });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.evidence[0].recordId',
    });
  });

  it('refuses to finalise before every expert indicator is scored', async () => {
    const studio = await foundStudio(system, { countyCode: '510421' });
    const schemeId = await publishedScheme(system, studio.office);
    const round = await openedRound(system, studio.office, schemeId, { year: 2022 });
    const r = await system.gql(studio.office, FINALISE, { id: round.assessments.get(studio.id) });
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(r.errors?.[0]?.message).toContain('A1.B1.C1, A2.B1.C1');
  });

  it('reopens a result once within the appeal window, and never after it', async () => {
    const studio = await foundStudio(system, { countyCode: '510422' });
    const { assessmentId, expert } = await assessedStudio(system, studio, '30', {
      year: 2021,
      appealWindowDays: 10,
    });
    await system.gql(studio.office, FINALISE, { id: assessmentId });

    const reopened = await system.gql(studio.office, REOPEN, {
      id: assessmentId,
      reason: '申诉：专家评分复核',
    });
    expect(reopened.errors).toBeUndefined();
    expect(reopened.data!.reopenAssessment).toMatchObject({
      status: 'OPEN',
      result: null,
      reopenedReason: '申诉：专家评分复核',
    });
    expect(reopened.data!.reopenAssessment.consequences.every((c: any) => c.state === 'WITHDRAWN')).toBe(
      true,
    );

    await scored(system, expert, assessmentId, '25');
    const second = await system.gql(studio.office, FINALISE, { id: assessmentId });
    expect(second.data!.finaliseAssessment.resultHistory.map((h: any) => [h.finalisation, h.total])).toEqual([
      [1, '60.00'],
      [2, '50.00'],
    ]);
    const twice = await system.gql(studio.office, REOPEN, { id: assessmentId, reason: '再次申诉' });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const closed = await foundStudio(system, { countyCode: '510302' });
    const noWindow = await assessedStudio(system, closed, '30', { year: 2021, appealWindowDays: 0 });
    await system.gql(closed.office, FINALISE, { id: noWindow.assessmentId });
    const late = await system.gql(closed.office, REOPEN, { id: noWindow.assessmentId, reason: '申诉' });
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(late.errors?.[0]?.message).toContain('appeal window');
  });

  it('shows a county nothing of another county’s assessments', async () => {
    const studio = await foundStudio(system, { countyCode: '510402' });
    const { assessmentId, roundId } = await assessedStudio(system, studio, '20', { year: 2020 });
    const neighbour = { role: Role.COUNTY_OFFICE, region: '510403' };
    const lookup = await system.gql(neighbour, READ_ASSESSMENT, { id: assessmentId });
    expect(lookup.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const round = await system.gql(neighbour, `query ($id: ID!) { assessmentRound(id: $id) { id } }`, {
      id: roundId,
    });
    expect(round.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const throughStudio = await system.gql(
      { role: Role.CITY_OFFICE, region: '510400' },
      `query ($id: ID!) { workshop(id: $id) { latestGrade assessments { id } } }`,
      { id: studio.id },
    );
    expect(throughStudio.data!.workshop.assessments.map((a: any) => a.id)).toEqual([assessmentId]);
    const entities = await system.gql(
      neighbour,
      `query ($id: ID!) { workshop(id: $id) { assessments { id } } }`,
      { id: studio.id },
    );
    expect(entities.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
