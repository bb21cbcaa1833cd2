import { Client } from 'pg';
import { NATIONWIDE, Role } from '@mingshi/auth';
import { applyScope } from '@mingshi/db';
import {
  FINALISE,
  READ_ASSESSMENT,
  assessedStudio,
  assigned,
  evaluator,
  expertOnlyContent,
  openedRound,
  publishedScheme,
  scored,
} from '../harness/evaluation-fixtures';
import { allocated } from '../harness/finance-fixtures';
import { TestSystem } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

const STUDIO = `query ($id: ID!, $year: Int!) { workshop(id: $id) {
  status rectificationDeadline statusHistory { to reason }
  funding(year: $year) { frozen allocated }
  latestGrade } }`;

/**
 * Consequences (动态管理) end to end: a result waits out its appeal window, then travels as events
 * through the outbox and the queues to workshop and finance, each carried out once, and their
 * answers come back to the assessment.
 */
describe('assessment consequences', () => {
  let system: TestSystem;
  let owner: Client;

  beforeAll(async () => {
    system = await TestSystem.start();
    owner = new Client({ connectionString: system.database.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await system?.stop();
  });

  /** The appeal window runs out: moved into the past below the graph, as the days passing would. */
  async function windowCloses(assessmentId: string): Promise<void> {
    await asOwner(
      `UPDATE evaluation.assessment SET appeal_closes_at = now() - interval '1 second' WHERE id = $1`,
      [assessmentId],
    );
  }

  /** SQL as the owner across every region (row-level security binds the owner too). */
  async function asOwner(sql: string, params: unknown[] = []) {
    await owner.query('BEGIN');
    try {
      await applyScope(owner, NATIONWIDE);
      const result = await owner.query(sql, params);
      await owner.query('COMMIT');
      return result;
    } catch (error) {
      await owner.query('ROLLBACK');
      throw error;
    }
  }

  async function consequences(studio: Studio, assessmentId: string) {
    const r = await system.gql(studio.office, READ_ASSESSMENT, { id: assessmentId });
    return r.data!.assessment.consequences as {
      kind: string;
      state: string;
      detail: string;
      dueOn: string | null;
    }[];
  }

  async function studioNow(studio: Studio, year: number) {
    const r = await system.gql(studio.office, STUDIO, { id: studio.id, year });
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.workshop;
  }

  it('revokes an unqualified studio and freezes its funds once, through the queues, after the window', async () => {
    const studio = await foundStudio(system, { countyCode: '510402' });
    const year = 2025;
    await allocated(system, studio, '8000.00', { year });
    const { assessmentId } = await assessedStudio(system, studio, '5', { year, appealWindowDays: 10 });
    const finalised = await system.gql(studio.office, FINALISE, { id: assessmentId });
    expect(finalised.data!.finaliseAssessment.result.grade).toBe('UNQUALIFIED');

    // Within the window nothing is sent.
    expect(await system.concludeAssessments()).toBe(0);
    await system.deliverConsequences();
    expect((await studioNow(studio, year)).status).toBe('ACTIVE');
    expect((await consequences(studio, assessmentId)).map((c) => c.state)).toEqual(['PENDING', 'PENDING']);

    await windowCloses(assessmentId);
    expect(await system.concludeAssessments()).toBe(1);
    expect(await system.concludeAssessments()).toBe(0);
    // The workshop's consumer is down when the decision arrives, and comes back.
    await system.workshopInbox.stop();
    await system.evaluationRelay.relayOnce();
    await system.financeInbox.drain();
    system.workshopInbox.start();
    await system.deliverConsequences();

    const after = await studioNow(studio, year);
    expect(after.status).toBe('REVOKED');
    expect(after.statusHistory.filter((h: any) => h.to === 'REVOKED')).toHaveLength(1);
    expect(after.statusHistory.at(-1).reason).toContain('不合格');
    expect(after.funding.frozen).toBe(true);
    expect(after.latestGrade).toBe('UNQUALIFIED');
    const settled = await consequences(studio, assessmentId);
    expect(settled.map((c) => [c.kind, c.state])).toEqual([
      ['FREEZE_FUNDS', 'APPLIED'],
      ['REVOKE', 'APPLIED'],
    ]);
    expect(settled.find((c) => c.kind === 'REVOKE')!.detail).toContain('REVOKED');
    const assessment = await system.gql(studio.office, READ_ASSESSMENT, { id: assessmentId });
    expect(assessment.data!.assessment.status).toBe('CONCLUDED');

    // Published again by a relay that crashed before marking it: handled once all the same.
    await asOwner(`UPDATE evaluation.outbox SET published_at = NULL`);
    await system.deliverConsequences();
    const again = await studioNow(studio, year);
    expect(again.statusHistory.filter((h: any) => h.to === 'REVOKED')).toHaveLength(1);
    const { rows } = await asOwner(
      `SELECT count(*)::int AS n FROM finance.fund_event e JOIN finance.fund_allocation a ON a.id = e.allocation_id
        WHERE a.workshop_id = $1 AND e.type = 'FUNDS_FROZEN'`,
      [studio.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('tells a basic studio to rectify, assesses it again, and restores it when it passes', async () => {
    const studio = await foundStudio(system, { countyCode: '510403' });
    const year = 2024;
    // 30 + 30 of an experts-only 100: 60 points, 基本合格.
    const { assessmentId, roundId, expert } = await assessedStudio(
      system,
      studio,
      '30',
      { year, appealWindowDays: 0 },
      expertOnlyContent(),
    );
    const finalised = await system.gql(studio.office, FINALISE, { id: assessmentId });
    expect(finalised.data!.finaliseAssessment.result).toMatchObject({ grade: 'BASIC', total: '60.00' });
    await system.concludeAssessments();
    await system.deliverConsequences();

    const rectifying = await studioNow(studio, year);
    expect(rectifying.status).toBe('RECTIFYING');
    const settled = await consequences(studio, assessmentId);
    expect(settled.map((c) => [c.kind, c.state])).toEqual([
      ['FOLLOW_UP', 'APPLIED'],
      ['RECTIFY', 'APPLIED'],
    ]);
    expect(rectifying.rectificationDeadline).toBe(settled.find((c) => c.kind === 'RECTIFY')!.dueOn);

    const followUps = await system.gql(
      studio.office,
      `query ($id: ID!) { assessmentRound(id: $id) { id } assessmentRounds(filter: { kind: FOLLOW_UP }) {
        nodes { id kind deadline followUpOf { id } assessments { nodes { id workshop { id } } } } } }`,
      { id: roundId },
    );
    const followUp = followUps.data!.assessmentRounds.nodes.find((r: any) => r.followUpOf?.id === roundId);
    expect(followUp).toMatchObject({ kind: 'FOLLOW_UP', deadline: settled[0]!.dueOn });
    const followUpId = followUp.assessments.nodes.find((a: any) => a.workshop.id === studio.id).id;

    await system.gql(
      studio.office,
      `mutation ($input: AssignEvaluatorsInput!) { assignEvaluators(input: $input) { id } }`,
      {
        input: { assessmentId: followUpId, teacherIds: [expert.teacherId] },
      },
    );
    await scored(system, expert, followUpId, '40');
    const passed = await system.gql(studio.office, FINALISE, { id: followUpId });
    expect(passed.data!.finaliseAssessment.result).toMatchObject({ grade: 'QUALIFIED', total: '80.00' });
    // The follow-up keeps the round's 0-day window: it is final at once.
    await system.concludeAssessments();
    await system.deliverConsequences();
    expect((await consequences(studio, followUpId)).map((c) => [c.kind, c.state])).toEqual([
      ['RESTORE', 'APPLIED'],
    ]);
    const restored = await studioNow(studio, year);
    expect(restored).toMatchObject({
      status: 'ACTIVE',
      rectificationDeadline: null,
      latestGrade: 'QUALIFIED',
    });
  });

  it('records a reward and pays it into next year’s allocation for an excellent studio', async () => {
    const studio = await foundStudio(system, { countyCode: '510411' });
    const year = 2025;
    await allocated(system, studio, '5000.00', { year: year + 1 });
    const { assessmentId } = await assessedStudio(
      system,
      studio,
      '45',
      { year, appealWindowDays: 0, rewardAmount: '2000.00' },
      expertOnlyContent(),
    );
    const finalised = await system.gql(studio.office, FINALISE, { id: assessmentId });
    expect(finalised.data!.finaliseAssessment.result).toMatchObject({ grade: 'EXCELLENT', total: '90.00' });
    await system.concludeAssessments();
    await system.deliverConsequences();

    const settled = await consequences(studio, assessmentId);
    expect(settled.map((c) => [c.kind, c.state])).toEqual([
      ['REWARD', 'APPLIED'],
      ['REWARD_ALLOCATION', 'APPLIED'],
    ]);
    expect((await studioNow(studio, year + 1)).funding.allocated).toBe('7000.00');
    expect((await studioNow(studio, year)).status).toBe('ACTIVE');
  });

  it('retains a qualified studio for the next cycle at term end, and reorganises an unqualified one', async () => {
    const kept = await foundStudio(system, { countyCode: '510302', cycleStartYear: 2022 });
    const failed = await foundStudio(system, { countyCode: '510302', cycleStartYear: 2022 });
    const schemeId = await publishedScheme(system, kept.office, expertOnlyContent());
    const round = await openedRound(system, kept.office, schemeId, {
      kind: 'TERM_END',
      year: 2024,
      appealWindowDays: 0,
    });
    const expert = await evaluator(system, '510302');
    for (const [studio, points] of [
      [kept, '40'],
      [failed, '20'],
    ] as const) {
      const assessmentId = round.assessments.get(studio.id)!;
      await assigned(system, kept.office, assessmentId, [expert]);
      await scored(system, expert, assessmentId, points);
      await system.gql(kept.office, FINALISE, { id: assessmentId });
    }
    await system.concludeAssessments();
    await system.deliverConsequences();

    const renewed = await studioNow(kept, 2024);
    expect(renewed.status).toBe('RENEWED');
    expect(renewed.statusHistory.slice(-2).map((h: any) => h.to)).toEqual(['CONCLUDED', 'RENEWED']);
    expect((await consequences(kept, round.assessments.get(kept.id)!)).map((c) => [c.kind, c.state])).toEqual(
      [['RETAIN', 'APPLIED']],
    );
    const reorganised = await studioNow(failed, 2024);
    expect(reorganised.status).toBe('REORGANIZED');
    expect(
      (await consequences(failed, round.assessments.get(failed.id)!)).map((c) => [c.kind, c.state]),
    ).toEqual([['REORGANISE', 'APPLIED']]);
  });

  it('shows a refused consequence with the reason the receiving service gave', async () => {
    const studio = await foundStudio(system, { countyCode: '510421' });
    const { assessmentId } = await assessedStudio(
      system,
      studio,
      '50',
      { year: 2025, appealWindowDays: 0, rewardAmount: '2000.00' },
      expertOnlyContent(),
    );
    await system.gql(studio.office, FINALISE, { id: assessmentId });
    await system.concludeAssessments();
    await system.deliverConsequences();
    // No allocation for 2026 to add the reward to.
    const allocation = (await consequences(studio, assessmentId)).find(
      (c) => c.kind === 'REWARD_ALLOCATION',
    )!;
    expect(allocation.state).toBe('REFUSED');
    expect(allocation.detail).toMatch(/allocation/i);
  });

  it('lets a county read nothing of another county’s consequences', async () => {
    const studio = await foundStudio(system, { countyCode: '510422' });
    const { assessmentId } = await assessedStudio(system, studio, '5', { year: 2023 });
    const r = await system.gql({ role: Role.COUNTY_OFFICE, region: '510421' }, READ_ASSESSMENT, {
      id: assessmentId,
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
