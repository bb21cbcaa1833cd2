import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { awardTitle, foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

const CHANGE = `mutation ($input: ChangeWorkshopStatusInput!) {
  changeWorkshopStatus(input: $input) { status cycleStartYear cycleEndYear rectificationDeadline memberCount traineeCount host { id } }
}`;
const STUDIO = `query ($id: ID!) {
  workshop(id: $id) {
    status cycleStartYear host { id } memberCount traineeCount
    memberships(activeOnly: false) { role active leftOn endReason teacher { id } }
    traineeApplications { id status officeComment }
    statusHistory { from to reason changedBy changedAt }
  }
}`;
const ADD_MEMBER = `mutation ($input: AddWorkshopMemberInput!) { addWorkshopMember(input: $input) { id role } }`;

const NEXT_YEAR = new Date().getFullYear() + 1;
const CITY = officeOf('CITY', '510403');

/** 动态管理: the status lifecycle, its effects on the team, and the record of who changed what and why. */
describe('a studio’s lifecycle', () => {
  let system: TestSystem;
  let school: { id: string };

  beforeAll(async () => {
    system = await TestSystem.start();
    school = await createSchool(system, '510403');
  });
  afterAll(() => system?.stop());

  const move = (
    studio: Studio,
    to: string,
    extra: Record<string, unknown> = {},
    caller: TokenRequest = studio.office,
  ) => system.gql(caller, CHANGE, { input: { workshopId: studio.id, to, reason: `${to}的理由`, ...extra } });

  async function moved(
    studio: Studio,
    to: string,
    extra: Record<string, unknown> = {},
    caller?: TokenRequest,
  ) {
    const r = await move(studio, to, extra, caller);
    if (!r.data?.changeWorkshopStatus) throw new Error(`move to ${to} failed: ${JSON.stringify(r.errors)}`);
    return r.data.changeWorkshopStatus;
  }

  const read = async (studio: Studio) =>
    (await system.gql(studio.office, STUDIO, { id: studio.id })).data?.workshop;

  /** Adds a member through the host and a trainee through the whole selection. */
  async function staff(studio: Studio): Promise<{ member: string; trainee: string }> {
    const member = await createTeacher(system, school, '510403');
    const added = await system.gql(studio.hostCaller, ADD_MEMBER, {
      input: { workshopId: studio.id, teacherId: member.id },
    });
    expect(added.errors).toBeUndefined();
    const trainee = await createTeacher(system, school, '510403');
    const applicationId = await applyAs(studio, trainee.id);
    await system.gql(
      studio.hostCaller,
      `mutation ($input: RespondToTraineeApplicationInput!) { respondToTraineeApplication(input: $input) { status } }`,
      { input: { applicationId, accept: true, rating: 4 } },
    );
    const decided = await system.gql(
      studio.office,
      `mutation ($input: DecideTraineeApplicationInput!) { decideTraineeApplication(input: $input) { status } }`,
      { input: { applicationId, confirm: true } },
    );
    expect(decided.data?.decideTraineeApplication.status).toBe('CONFIRMED');
    return { member: member.id, trainee: trainee.id };
  }

  async function applyAs(studio: Studio, teacherId: string): Promise<string> {
    const r = await system.gql(
      { role: Role.TEACHER, region: '510403', teacherId },
      `mutation ($input: ApplyAsTraineeInput!) { applyAsTrainee(input: $input) { id } }`,
      { input: { workshopId: studio.id, statement: '申请成为学员' } },
    );
    if (!r.data?.applyAsTrainee) throw new Error(`applyAsTrainee failed: ${JSON.stringify(r.errors)}`);
    return r.data.applyAsTrainee.id;
  }

  it('runs from founding through rectification and conclusion to renewal, keeping the team and recording each step', async () => {
    const studio = await foundStudio(system, { status: 'PROPOSED', cycleStartYear: 2024 });
    expect(await moved(studio, 'ACTIVE')).toMatchObject({ status: 'ACTIVE', rectificationDeadline: null });
    await staff(studio);

    const deadline = `${NEXT_YEAR}-06-30`;
    expect(await moved(studio, 'RECTIFYING', { rectificationDeadline: deadline })).toMatchObject({
      status: 'RECTIFYING',
      rectificationDeadline: deadline,
    });
    expect(await moved(studio, 'ACTIVE')).toMatchObject({ status: 'ACTIVE', rectificationDeadline: null });
    // The city office oversees its counties' studios, so it may move them too.
    expect(await moved(studio, 'CONCLUDED', {}, CITY)).toMatchObject({
      status: 'CONCLUDED',
      cycleStartYear: 2024,
    });
    expect(await moved(studio, 'RENEWED')).toEqual({
      status: 'RENEWED',
      cycleStartYear: 2027,
      cycleEndYear: 2029,
      rectificationDeadline: null,
      memberCount: 1,
      traineeCount: 1,
      host: { id: studio.host.id },
    });
    expect(await moved(studio, 'ACTIVE')).toMatchObject({ status: 'ACTIVE', cycleStartYear: 2027 });

    const history = (await read(studio)).statusHistory;
    expect(
      history.map((h: { from: string | null; to: string; reason: string; changedBy: string }) => [
        h.from,
        h.to,
        h.reason,
        h.changedBy,
      ]),
    ).toEqual([
      [null, 'PROPOSED', '成立', 'county_office-510403'],
      ['PROPOSED', 'ACTIVE', 'ACTIVE的理由', 'county_office-510403'],
      ['ACTIVE', 'RECTIFYING', 'RECTIFYING的理由', 'county_office-510403'],
      ['RECTIFYING', 'ACTIVE', 'ACTIVE的理由', 'county_office-510403'],
      ['ACTIVE', 'CONCLUDED', 'CONCLUDED的理由', 'city_office-510400'],
      ['CONCLUDED', 'RENEWED', 'RENEWED的理由', 'county_office-510403'],
      ['RENEWED', 'ACTIVE', 'ACTIVE的理由', 'county_office-510403'],
    ]);
    expect(history.every((h: { changedAt: string }) => !Number.isNaN(Date.parse(h.changedAt)))).toBe(true);
  });

  it('reorganises a concluded studio: members and trainees leave, the host leads a new cycle with a new team', async () => {
    const studio = await foundStudio(system, { cycleStartYear: 2024 });
    const { member, trainee } = await staff(studio);
    await moved(studio, 'CONCLUDED');
    expect(await moved(studio, 'REORGANIZED', { reason: '终期考核不合格，重组' })).toMatchObject({
      status: 'REORGANIZED',
      cycleStartYear: 2027,
      memberCount: 0,
      traineeCount: 0,
      host: { id: studio.host.id },
    });
    const after = await read(studio);
    const byTeacher = Object.fromEntries(
      after.memberships.map((m: { teacher: { id: string } }) => [m.teacher.id, m]),
    );
    expect(byTeacher[studio.host.id]).toMatchObject({ role: 'HOST', active: true, leftOn: null });
    for (const id of [member, trainee]) {
      expect(byTeacher[id]).toMatchObject({
        active: false,
        leftOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        endReason: '工作室重组：终期考核不合格，重组',
      });
    }
    // The new team forms: members join again, and the same teacher may apply again.
    const newcomer = await createTeacher(system, school, '510403');
    expect(
      errorCodes(
        await system.gql(studio.hostCaller, ADD_MEMBER, {
          input: { workshopId: studio.id, teacherId: newcomer.id },
        }),
      ),
    ).toEqual([]);
    expect(await applyAs(studio, trainee)).toEqual(expect.any(String));
  });

  it('revokes a studio: every open membership ends, waiting applications are closed, and the studio takes nothing more', async () => {
    const studio = await foundStudio(system);
    const { member } = await staff(studio);
    const pending = await applyAs(studio, (await createTeacher(system, school, '510403')).id);
    const accepted = await applyAs(studio, (await createTeacher(system, school, '510403')).id);
    await system.gql(
      studio.hostCaller,
      `mutation ($input: RespondToTraineeApplicationInput!) { respondToTraineeApplication(input: $input) { status } }`,
      { input: { applicationId: accepted, accept: true, rating: 3 } },
    );

    expect(await moved(studio, 'REVOKED', { reason: '年度考核不合格' })).toMatchObject({
      status: 'REVOKED',
      host: null,
      memberCount: 0,
      traineeCount: 0,
    });
    const after = await read(studio);
    expect(after.memberships).toHaveLength(3);
    for (const membership of after.memberships) {
      expect(membership).toMatchObject({ active: false, endReason: '工作室取消资格：年度考核不合格' });
    }
    const applications = Object.fromEntries(after.traineeApplications.map((a: { id: string }) => [a.id, a]));
    for (const id of [pending, accepted]) {
      expect(applications[id]).toMatchObject({
        status: 'REJECTED',
        officeComment: '工作室取消资格：年度考核不合格',
      });
    }
    expect(after.statusHistory.at(-1)).toMatchObject({
      from: 'ACTIVE',
      to: 'REVOKED',
      reason: '年度考核不合格',
    });
    const memberships = await system.gql(
      studio.office,
      `query ($id: ID!) { teacher(id: $id) { active: workshopMemberships { id } all: workshopMemberships(activeOnly: false) { active } } }`,
      { id: member },
    );
    expect(memberships.data?.teacher).toEqual({ active: [], all: [{ active: false }] });

    const newcomer = await createTeacher(system, school, '510403');
    expect(
      errorCodes(
        await system.gql(studio.office, ADD_MEMBER, {
          input: { workshopId: studio.id, teacherId: newcomer.id },
        }),
      ),
    ).toEqual(['CONFLICT']);
    expect(
      errorCodes(
        await system.gql(
          studio.office,
          `mutation ($id: ID!) { updateWorkshop(id: $id, input: { name: "改名" }) { id } }`,
          {
            id: studio.id,
          },
        ),
      ),
    ).toEqual(['CONFLICT']);
    expect(errorCodes(await move(studio, 'ACTIVE'))).toEqual(['CONFLICT']);

    // The former host is free to lead another studio.
    const again = await system.gql(
      studio.office,
      `mutation ($input: FoundWorkshopInput!) { foundWorkshop(input: $input) { status } }`,
      {
        input: {
          name: '新的工作室',
          type: 'TEACHER',
          subject: 'MATHEMATICS',
          stage: 'PRIMARY',
          hostSchoolId: studio.school.id,
          hostTeacherId: studio.host.id,
          cycleStartYear: 2025,
        },
      },
    );
    expect(again.data?.foundWorkshop).toEqual({ status: 'PROPOSED' });
  });

  it('dissolves a studio that was never approved, and one whose cycle concluded', async () => {
    const proposed = await foundStudio(system, { status: 'PROPOSED' });
    expect(await moved(proposed, 'DISSOLVED')).toMatchObject({ status: 'DISSOLVED', host: null });
    const concluded = await foundStudio(system);
    await staff(concluded);
    await moved(concluded, 'CONCLUDED');
    expect(await moved(concluded, 'DISSOLVED')).toMatchObject({
      status: 'DISSOLVED',
      host: null,
      memberCount: 0,
      traineeCount: 0,
    });
  });

  it('refuses every illegal move with CONFLICT and changes nothing', async () => {
    const proposed = await foundStudio(system, { status: 'PROPOSED' });
    for (const to of ['CONCLUDED', 'RENEWED', 'REORGANIZED', 'REVOKED', 'PROPOSED']) {
      expect(errorCodes(await move(proposed, to))).toEqual(['CONFLICT']);
    }
    expect(
      errorCodes(await move(proposed, 'RECTIFYING', { rectificationDeadline: `${NEXT_YEAR}-01-31` })),
    ).toEqual(['CONFLICT']);
    const active = await foundStudio(system);
    for (const to of ['ACTIVE', 'RENEWED', 'REORGANIZED', 'DISSOLVED', 'PROPOSED']) {
      expect(errorCodes(await move(active, to))).toEqual(['CONFLICT']);
    }
    await moved(active, 'CONCLUDED');
    for (const to of ['ACTIVE', 'REVOKED', 'CONCLUDED']) {
      expect(errorCodes(await move(active, to))).toEqual(['CONFLICT']);
    }
    await moved(active, 'RENEWED');
    expect(errorCodes(await move(active, 'CONCLUDED'))).toEqual(['CONFLICT']);
    const after = await read(active);
    expect(after.statusHistory.map((h: { to: string }) => h.to)).toEqual([
      'PROPOSED',
      'ACTIVE',
      'CONCLUDED',
      'RENEWED',
    ]);
  });

  it('requires a reason, and a future rectification deadline exactly when rectifying', async () => {
    const studio = await foundStudio(system);
    const field = async (extra: Record<string, unknown>, to = 'RECTIFYING') =>
      (await move(studio, to, extra)).errors?.[0]?.extensions;
    expect(await field({ reason: '  ', rectificationDeadline: `${NEXT_YEAR}-01-31` })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.reason',
    });
    expect(await field({})).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rectificationDeadline' });
    expect(await field({ rectificationDeadline: '2020-01-01' })).toMatchObject({
      field: 'input.rectificationDeadline',
    });
    expect(await field({ rectificationDeadline: `${NEXT_YEAR}-01-31` }, 'CONCLUDED')).toMatchObject({
      field: 'input.rectificationDeadline',
    });
    expect((await read(studio)).status).toBe('ACTIVE');
  });

  it('lets only the offices overseeing a studio change its status', async () => {
    const studio = await foundStudio(system);
    const city = await foundStudio(system, { level: 'CITY' });
    expect(errorCodes(await move(studio, 'CONCLUDED', {}, studio.hostCaller))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await move(studio, 'CONCLUDED', {}, { role: Role.ANALYST, region: '510000' }))).toEqual(
      ['FORBIDDEN'],
    );
    expect(
      errorCodes(
        await move(
          studio,
          'CONCLUDED',
          {},
          { role: Role.TEACHER, region: '510403', teacherId: studio.host.id },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(errorCodes(await move(studio, 'CONCLUDED', {}, officeOf('COUNTY', '510402')))).toEqual([
      'NOT_FOUND',
    ]);
    // A county sees its city's studios but does not manage them.
    expect(errorCodes(await move(city, 'CONCLUDED', {}, officeOf('COUNTY', '510403')))).toEqual([
      'FORBIDDEN',
    ]);
    expect((await moved(studio, 'CONCLUDED', {}, officeOf('PROVINCE', '510403'))).status).toBe('CONCLUDED');
  });

  it('renews only under a host who still teaches in the studio’s jurisdiction', async () => {
    const studio = await foundStudio(system);
    await moved(studio, 'CONCLUDED');
    // The city moves the host to a school in the neighbouring county.
    const east = await createSchool(system, '510402');
    const transfer = await system.gql(
      CITY,
      `mutation ($id: ID!, $input: UpdateTeacherInput!) { updateTeacher(id: $id, input: $input) { region { code } } }`,
      { id: studio.host.id, input: { schoolId: east.id } },
    );
    expect(transfer.data?.updateTeacher.region.code).toBe('510402');
    for (const to of ['RENEWED', 'REORGANIZED']) {
      const r = await move(studio, to);
      expect(errorCodes(r)).toEqual(['CONFLICT']);
      expect(r.errors?.[0]?.message).toMatch(/host/);
    }
    expect((await moved(studio, 'DISSOLVED')).status).toBe('DISSOLVED');
  });

  it('renews under a host who still holds a qualifying title', async () => {
    const studio = await foundStudio(system, { level: 'CITY' });
    await moved(studio, 'CONCLUDED');
    // A later, higher title does not matter; the one that qualified still does.
    await awardTitle(system, studio.host.id, '510403', 'TEACHING_MASTER', 'CITY', 2025);
    expect((await moved(studio, 'RENEWED')).cycleStartYear).toBe(2027);
  });
});
