import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

const ADD = `mutation ($input: AddWorkshopMemberInput!) { addWorkshopMember(input: $input) { id role active joinedOn teacher { id } workshop { memberCount } } }`;
const END = `mutation ($input: EndMembershipInput!) { endMembership(input: $input) { id active leftOn endReason workshop { memberCount } } }`;

/** 成员 and 学员: who may add and remove them, and how many a studio may have (here 2 members, 1 trainee). */
describe('a studio’s team', () => {
  let system: TestSystem;
  let school: { id: string };

  beforeAll(async () => {
    system = await TestSystem.start({ workshop: { maxMembers: 2, maxTrainees: 1 } });
    school = await createSchool(system, '510403');
  });
  afterAll(() => system?.stop());

  const teacher = async () => (await createTeacher(system, school, '510403')).id;
  const add = (studio: Studio, teacherId: string, caller: TokenRequest = studio.hostCaller) =>
    system.gql(caller, ADD, { input: { workshopId: studio.id, teacherId } });
  const end = (membershipId: string, caller: TokenRequest, reason = '调离本县') =>
    system.gql(caller, END, { input: { membershipId, reason } });

  async function trainee(studio: Studio, teacherId: string) {
    const applied = await system.gql(
      { role: Role.TEACHER, region: '510403', teacherId },
      `mutation ($input: ApplyAsTraineeInput!) { applyAsTrainee(input: $input) { id } }`,
      { input: { workshopId: studio.id, statement: '申请' } },
    );
    const applicationId = applied.data?.applyAsTrainee.id;
    await system.gql(
      studio.hostCaller,
      `mutation ($input: RespondToTraineeApplicationInput!) { respondToTraineeApplication(input: $input) { status } }`,
      { input: { applicationId, accept: true, rating: 4 } },
    );
    return {
      applicationId,
      decided: await system.gql(
        studio.office,
        `mutation ($input: DecideTraineeApplicationInput!) { decideTraineeApplication(input: $input) { status membership { id } } }`,
        { input: { applicationId, confirm: true } },
      ),
    };
  }

  it('lets the host add members up to the limit, and a place freed by an ended membership be filled', async () => {
    const studio = await foundStudio(system);
    const first = await add(studio, await teacher());
    expect(first.errors).toBeUndefined();
    expect(first.data?.addWorkshopMember).toMatchObject({
      role: 'MEMBER',
      active: true,
      workshop: { memberCount: 1 },
    });
    // The studio's office may add members too.
    expect(
      (await add(studio, await teacher(), studio.office)).data?.addWorkshopMember.workshop.memberCount,
    ).toBe(2);

    const third = await add(studio, await teacher());
    expect(errorCodes(third)).toEqual(['CONFLICT']);
    expect(third.errors?.[0]?.message).toMatch(/most members/);

    const ended = await end(first.data?.addWorkshopMember.id, studio.hostCaller);
    expect(ended.data?.endMembership).toMatchObject({
      active: false,
      leftOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      endReason: '调离本县',
      workshop: { memberCount: 1 },
    });
    expect(errorCodes(await add(studio, await teacher()))).toEqual([]);
  });

  it('answers each mutation of a request with the team as it stands after that mutation', async () => {
    const studio = await foundStudio(system);
    const [first, second] = [await teacher(), await teacher()];
    const r = await system.gql(
      studio.hostCaller,
      `mutation ($a: AddWorkshopMemberInput!, $b: AddWorkshopMemberInput!) {
        a: addWorkshopMember(input: $a) { workshop { memberCount memberships(role: MEMBER) { teacher { id } } } }
        b: addWorkshopMember(input: $b) { workshop { memberCount memberships(role: MEMBER) { teacher { id } } } }
      }`,
      { a: { workshopId: studio.id, teacherId: first }, b: { workshopId: studio.id, teacherId: second } },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.a.workshop).toEqual({ memberCount: 1, memberships: [{ teacher: { id: first } }] });
    expect(r.data?.b.workshop.memberCount).toBe(2);
    expect(r.data?.b.workshop.memberships).toHaveLength(2);
  });

  it('refuses a teacher who already holds a place in the studio, the host included', async () => {
    const studio = await foundStudio(system);
    const member = await teacher();
    await add(studio, member);
    expect(errorCodes(await add(studio, member))).toEqual(['CONFLICT']);
    const hostAsMember = await add(studio, studio.host.id);
    expect(errorCodes(hostAsMember)).toEqual(['CONFLICT']);
    expect(hostAsMember.errors?.[0]?.message).toMatch(/already the host/);
  });

  it('confirms trainees only while there is room, leaving the application waiting otherwise', async () => {
    const studio = await foundStudio(system);
    expect((await trainee(studio, await teacher())).decided.data?.decideTraineeApplication.status).toBe(
      'CONFIRMED',
    );
    const second = await trainee(studio, await teacher());
    expect(errorCodes(second.decided)).toEqual(['CONFLICT']);
    const still = await system.gql(
      studio.office,
      `query ($id: ID!) { workshop(id: $id) { traineeCount traineeApplications(status: ACCEPTED) { id } } }`,
      { id: studio.id },
    );
    expect(still.data?.workshop).toEqual({
      traineeCount: 1,
      traineeApplications: [{ id: second.applicationId }],
    });
  });

  it('fills the last trainee place once when two confirmations race for it', async () => {
    const studio = await foundStudio(system);
    const accepted: string[] = [];
    for (let i = 0; i < 2; i++) {
      const teacherId = await teacher();
      const applied = await system.gql(
        { role: Role.TEACHER, region: '510403', teacherId },
        `mutation ($input: ApplyAsTraineeInput!) { applyAsTrainee(input: $input) { id } }`,
        { input: { workshopId: studio.id, statement: '申请' } },
      );
      const applicationId = applied.data?.applyAsTrainee.id;
      await system.gql(
        studio.hostCaller,
        `mutation ($input: RespondToTraineeApplicationInput!) { respondToTraineeApplication(input: $input) { status } }`,
        { input: { applicationId, accept: true, rating: 5 } },
      );
      accepted.push(applicationId);
    }
    const both = await Promise.all(
      accepted.map((applicationId) =>
        system.gql(
          studio.office,
          `mutation ($input: DecideTraineeApplicationInput!) { decideTraineeApplication(input: $input) { status } }`,
          { input: { applicationId, confirm: true } },
        ),
      ),
    );
    expect(both.map(errorCodes).sort()).toEqual([[], ['CONFLICT']]);
    const count = await system.gql(studio.office, `query ($id: ID!) { workshop(id: $id) { traineeCount } }`, {
      id: studio.id,
    });
    expect(count.data?.workshop.traineeCount).toBe(1);
  });

  it('refuses a member of the studio as trainee, and a trainee as member', async () => {
    const studio = await foundStudio(system);
    const member = await teacher();
    await add(studio, member);
    expect(
      errorCodes(
        await system.gql(
          { role: Role.TEACHER, region: '510403', teacherId: member },
          `mutation ($input: ApplyAsTraineeInput!) { applyAsTrainee(input: $input) { id } }`,
          { input: { workshopId: studio.id, statement: '申请' } },
        ),
      ),
    ).toEqual(['CONFLICT']);
    const learner = await teacher();
    await trainee(studio, learner);
    expect(errorCodes(await add(studio, learner))).toEqual(['CONFLICT']);
  });

  it('ends trainee memberships too, but never the host’s, nor one already ended', async () => {
    const studio = await foundStudio(system);
    const { decided } = await trainee(studio, await teacher());
    const traineeMembership = decided.data?.decideTraineeApplication.membership.id;
    expect((await end(traineeMembership, studio.office, '结业')).data?.endMembership).toMatchObject({
      active: false,
    });
    expect(errorCodes(await end(traineeMembership, studio.office))).toEqual(['CONFLICT']);

    const host = await system.gql(
      studio.office,
      `query ($id: ID!) { workshop(id: $id) { memberships(role: HOST) { id } } }`,
      {
        id: studio.id,
      },
    );
    expect(errorCodes(await end(host.data?.workshop.memberships[0].id, studio.office))).toEqual(['CONFLICT']);
  });

  it('lets only the host and overseeing offices manage the team', async () => {
    const studio = await foundStudio(system);
    const other = await foundStudio(system);
    const member = await add(studio, await teacher());
    const membershipId = member.data?.addWorkshopMember.id;
    const candidate = await teacher();
    const callers: TokenRequest[] = [
      other.hostCaller,
      { role: Role.TEACHER, region: '510403', teacherId: candidate },
      // The host acting as a plain teacher is not acting as host.
      { role: Role.TEACHER, region: '510403', teacherId: studio.host.id },
      { role: Role.SCHOOL_ADMIN, region: '510403', schoolId: school.id },
      { role: Role.ANALYST, region: '510000' },
    ];
    for (const caller of callers) {
      expect(errorCodes(await add(studio, candidate, caller))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await end(membershipId, caller))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await add(studio, candidate, officeOf('COUNTY', '510402')))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await end(membershipId, officeOf('COUNTY', '510402')))).toEqual(['NOT_FOUND']);
    // The city office oversees the studio and may manage its team.
    expect(errorCodes(await add(studio, candidate, officeOf('CITY', '510403')))).toEqual([]);
  });

  it('refuses a teacher the caller cannot see, and a blank reason', async () => {
    const studio = await foundStudio(system);
    const east = await createTeacher(system, await createSchool(system, '510402'), '510402');
    expect(errorCodes(await add(studio, east.id))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await add(studio, 'not-a-uuid'))).toEqual(['NOT_FOUND']);
    const member = await add(studio, await teacher());
    const blank = await end(member.data?.addWorkshopMember.id, studio.hostCaller, '  ');
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
  });

  it('takes no new members once the cycle has concluded', async () => {
    const studio = await foundStudio(system);
    await system.gql(
      studio.office,
      `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`,
      { input: { workshopId: studio.id, to: 'CONCLUDED', reason: '周期届满' } },
    );
    expect(errorCodes(await add(studio, await teacher()))).toEqual(['CONFLICT']);
  });
});
