import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

const APPLY = `mutation ($input: ApplyAsTraineeInput!) { applyAsTrainee(input: $input) { id status statement teacher { id } workshop { id } } }`;
const RESPOND = `mutation ($input: RespondToTraineeApplicationInput!) {
  respondToTraineeApplication(input: $input) { id status hostRating hostComment respondedAt }
}`;
const DECIDE = `mutation ($input: DecideTraineeApplicationInput!) {
  decideTraineeApplication(input: $input) { id status officeComment decidedAt membership { id role active teacher { id } } }
}`;
const WITHDRAW = `mutation ($id: ID!) { withdrawTraineeApplication(id: $id) { id status } }`;
const APPLICATIONS = `query ($id: ID!) { workshop(id: $id) { traineeApplications { id status teacher { id } } } }`;

/** 双向选择: a teacher applies, the host accepts with a rating, the office of the studio's level confirms. */
describe('selecting trainees', () => {
  let system: TestSystem;
  let studio: Studio;
  let other: Studio;
  let school: { id: string };

  beforeAll(async () => {
    system = await TestSystem.start();
    studio = await foundStudio(system, { name: '西区数学名师工作室' });
    other = await foundStudio(system, { name: '西区语文名师工作室' });
    school = await createSchool(system, '510403');
  });
  afterAll(() => system?.stop());

  const teacherCaller = (teacherId: string, region = '510403'): TokenRequest => ({
    role: Role.TEACHER,
    region,
    teacherId,
  });

  async function applicant(): Promise<{ id: string; caller: TokenRequest }> {
    const teacher = await createTeacher(system, school, '510403');
    return { id: teacher.id, caller: teacherCaller(teacher.id) };
  }

  async function apply(caller: TokenRequest, workshopId = studio.id): Promise<string> {
    const r = await system.gql(caller, APPLY, {
      input: { workshopId, statement: '希望跟随名师提升教学能力' },
    });
    if (!r.data?.applyAsTrainee) throw new Error(`applyAsTrainee failed: ${JSON.stringify(r.errors)}`);
    return r.data.applyAsTrainee.id;
  }

  const respond = (
    applicationId: string,
    accept: boolean,
    extra: Record<string, unknown> = {},
    caller = studio.hostCaller,
  ) => system.gql(caller, RESPOND, { input: { applicationId, accept, ...extra } });
  const decide = (
    applicationId: string,
    confirm: boolean,
    caller = studio.office,
    extra: Record<string, unknown> = {},
  ) => system.gql(caller, DECIDE, { input: { applicationId, confirm, ...extra } });

  it('takes an application through host acceptance and office confirmation to a trainee membership', async () => {
    const teacher = await applicant();
    const applied = await system.gql(teacher.caller, APPLY, {
      input: { workshopId: studio.id, statement: '  希望跟随名师提升教学能力  ' },
    });
    expect(applied.errors).toBeUndefined();
    const application = applied.data?.applyAsTrainee;
    expect(application).toMatchObject({
      status: 'PENDING',
      statement: '希望跟随名师提升教学能力',
      teacher: { id: teacher.id },
      workshop: { id: studio.id },
    });

    const mine = await system.gql(teacher.caller, `{ myTraineeApplications { id status } }`);
    expect(mine.data?.myTraineeApplications).toEqual([{ id: application.id, status: 'PENDING' }]);
    const seenByHost = await system.gql(studio.hostCaller, APPLICATIONS, { id: studio.id });
    expect(seenByHost.data?.workshop.traineeApplications).toContainEqual({
      id: application.id,
      status: 'PENDING',
      teacher: { id: teacher.id },
    });

    const accepted = await respond(application.id, true, { rating: 4, comment: '教学基本功扎实' });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.respondToTraineeApplication).toMatchObject({
      status: 'ACCEPTED',
      hostRating: 4,
      hostComment: '教学基本功扎实',
      respondedAt: expect.any(String),
    });

    const confirmed = await decide(application.id, true, studio.office, { comment: '同意' });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data?.decideTraineeApplication).toMatchObject({
      status: 'CONFIRMED',
      officeComment: '同意',
      decidedAt: expect.any(String),
      membership: { role: 'TRAINEE', active: true, teacher: { id: teacher.id } },
    });

    const team = await system.gql(
      studio.office,
      `query ($id: ID!) { workshop(id: $id) { traineeCount memberships(role: TRAINEE) { teacher { id name } } } }`,
      { id: studio.id },
    );
    expect(team.data?.workshop.traineeCount).toBe(1);
    expect(team.data?.workshop.memberships).toEqual([
      { teacher: { id: teacher.id, name: expect.any(String) } },
    ]);
    const memberships = await system.gql(
      studio.office,
      `query ($id: ID!) { teacher(id: $id) { workshopMemberships { role active workshop { id name } } } }`,
      { id: teacher.id },
    );
    expect(memberships.data?.teacher.workshopMemberships).toEqual([
      { role: 'TRAINEE', active: true, workshop: { id: studio.id, name: '西区数学名师工作室' } },
    ]);
  });

  it('refuses to confirm an application the host declined', async () => {
    const teacher = await applicant();
    const id = await apply(teacher.caller);
    const declined = await respond(id, false, { comment: '学科不符' });
    expect(declined.data?.respondToTraineeApplication).toMatchObject({
      status: 'DECLINED',
      hostRating: null,
    });
    const r = await decide(id, true);
    expect(errorCodes(r)).toEqual(['CONFLICT']);
    expect(r.errors?.[0]?.message).toMatch(/declined/);
  });

  it('refuses a second application to the same studio, while waiting and once a trainee', async () => {
    const teacher = await applicant();
    const id = await apply(teacher.caller);
    const twice = await system.gql(teacher.caller, APPLY, {
      input: { workshopId: studio.id, statement: '再次申请' },
    });
    expect(errorCodes(twice)).toEqual(['CONFLICT']);
    await respond(id, true, { rating: 5 });
    await decide(id, true);
    const again = await system.gql(teacher.caller, APPLY, {
      input: { workshopId: studio.id, statement: '再次申请' },
    });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors?.[0]?.message).toMatch(/already a trainee/);
    // Another studio is a separate matter.
    expect(await apply(teacher.caller, other.id)).toEqual(expect.any(String));
  });

  it('accepts only one of two applications sent at the same moment', async () => {
    const teacher = await applicant();
    const both = await Promise.all(
      [1, 2].map(() =>
        system.gql(teacher.caller, APPLY, { input: { workshopId: other.id, statement: '同时申请' } }),
      ),
    );
    expect(both.map(errorCodes).sort()).toEqual([[], ['CONFLICT']]);
    const mine = await system.gql(teacher.caller, `{ myTraineeApplications { status } }`);
    expect(mine.data?.myTraineeApplications).toEqual([{ status: 'PENDING' }]);
  });

  it('refuses applications to a revoked studio', async () => {
    const revoked = await foundStudio(system);
    const change = await system.gql(
      revoked.office,
      `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`,
      { input: { workshopId: revoked.id, to: 'REVOKED', reason: '年度考核不合格' } },
    );
    expect(change.data?.changeWorkshopStatus.status).toBe('REVOKED');
    const teacher = await applicant();
    const r = await system.gql(teacher.caller, APPLY, {
      input: { workshopId: revoked.id, statement: '申请' },
    });
    expect(errorCodes(r)).toEqual(['CONFLICT']);
  });

  it('refuses applications to a studio not yet approved', async () => {
    const proposed = await foundStudio(system, { status: 'PROPOSED' });
    const teacher = await applicant();
    const r = await system.gql(teacher.caller, APPLY, {
      input: { workshopId: proposed.id, statement: '申请' },
    });
    expect(errorCodes(r)).toEqual(['CONFLICT']);
  });

  it("refuses a host's response to another studio's application", async () => {
    const teacher = await applicant();
    const id = await apply(teacher.caller);
    expect(errorCodes(await respond(id, true, { rating: 3 }, other.hostCaller))).toEqual(['FORBIDDEN']);
    // Nor may the office or the applicant answer in the host's place.
    expect(errorCodes(await respond(id, true, { rating: 3 }, studio.office))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await respond(id, true, { rating: 3 }, teacher.caller))).toEqual(['FORBIDDEN']);
  });

  it("refuses a city office's confirmation of a county studio's trainee", async () => {
    const teacher = await applicant();
    const id = await apply(teacher.caller);
    await respond(id, true, { rating: 4 });
    expect(errorCodes(await decide(id, true, officeOf('CITY', '510403')))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await decide(id, true, officeOf('PROVINCE', '510403')))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await decide(id, true, studio.hostCaller))).toEqual(['FORBIDDEN']);
    // Another county's office cannot even see the application.
    expect(errorCodes(await decide(id, true, officeOf('COUNTY', '510402')))).toEqual(['NOT_FOUND']);
    expect((await decide(id, true)).data?.decideTraineeApplication.status).toBe('CONFIRMED');
  });

  it('lets the city office confirm trainees of a city studio, to which county teachers apply', async () => {
    const city = await foundStudio(system, { level: 'CITY' });
    const teacher = await applicant();
    const id = await apply(teacher.caller, city.id);
    await respond(id, true, { rating: 5 }, city.hostCaller);
    expect(errorCodes(await decide(id, true, officeOf('COUNTY', '510403')))).toEqual(['FORBIDDEN']);
    const r = await decide(id, true, city.office);
    expect(r.data?.decideTraineeApplication).toMatchObject({
      status: 'CONFIRMED',
      membership: { role: 'TRAINEE' },
    });
  });

  it('lets the applicant withdraw before confirmation and apply again, but not after', async () => {
    const teacher = await applicant();
    const pending = await apply(teacher.caller);
    const stranger = await applicant();
    expect(errorCodes(await system.gql(stranger.caller, WITHDRAW, { id: pending }))).toEqual(['FORBIDDEN']);
    expect(
      (await system.gql(teacher.caller, WITHDRAW, { id: pending })).data?.withdrawTraineeApplication,
    ).toEqual({
      id: pending,
      status: 'WITHDRAWN',
    });
    expect(errorCodes(await respond(pending, true, { rating: 4 }))).toEqual(['CONFLICT']);

    const accepted = await apply(teacher.caller);
    await respond(accepted, true, { rating: 4 });
    expect(
      (await system.gql(teacher.caller, WITHDRAW, { id: accepted })).data?.withdrawTraineeApplication.status,
    ).toBe('WITHDRAWN');
    expect(errorCodes(await decide(accepted, true))).toEqual(['CONFLICT']);

    const confirmed = await apply(teacher.caller);
    await respond(confirmed, true, { rating: 4 });
    await decide(confirmed, true);
    const late = await system.gql(teacher.caller, WITHDRAW, { id: confirmed });
    expect(errorCodes(late)).toEqual(['CONFLICT']);
    expect(late.errors?.[0]?.message).toMatch(/confirmed/);
  });

  it('lets the office decide only after the host, and reject what the host accepted', async () => {
    const teacher = await applicant();
    const id = await apply(teacher.caller);
    expect(errorCodes(await decide(id, true))).toEqual(['CONFLICT']);
    await respond(id, true, { rating: 2 });
    expect(errorCodes(await respond(id, false))).toEqual(['CONFLICT']);
    const rejected = await decide(id, false, studio.office, { comment: '名额已满' });
    expect(rejected.data?.decideTraineeApplication).toMatchObject({ status: 'REJECTED', membership: null });
    // A decided application is final, and a rejected applicant may apply again.
    expect(errorCodes(await decide(id, true))).toEqual(['CONFLICT']);
    expect(await apply(teacher.caller)).toEqual(expect.any(String));
  });

  it('validates the statement, the rating and the comments', async () => {
    const teacher = await applicant();
    const statement = async (text: string) =>
      (await system.gql(teacher.caller, APPLY, { input: { workshopId: studio.id, statement: text } }))
        .errors?.[0]?.extensions;
    expect(await statement(' ')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.statement' });
    expect(await statement('长'.repeat(1001))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.statement',
    });

    const id = await apply(teacher.caller);
    for (const extra of [{}, { rating: 0 }, { rating: 6 }]) {
      expect((await respond(id, true, extra)).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.rating',
      });
    }
    expect((await respond(id, false, { rating: 3 })).errors?.[0]?.extensions).toMatchObject({
      field: 'input.rating',
    });
    expect(
      (await respond(id, true, { rating: 3, comment: '评'.repeat(501) })).errors?.[0]?.extensions,
    ).toMatchObject({
      field: 'input.comment',
    });
    expect(
      (await respond(id, true, { rating: 3, comment: '  ' })).data?.respondToTraineeApplication,
    ).toMatchObject({
      status: 'ACCEPTED',
      hostComment: null,
    });
  });

  it('takes applications only from teachers acting as themselves', async () => {
    for (const caller of [
      studio.office,
      { role: Role.ANALYST, region: '510000' },
      { role: Role.EVALUATOR, region: '510403' },
    ]) {
      const r = await system.gql(caller, APPLY, { input: { workshopId: studio.id, statement: '申请' } });
      expect(errorCodes(r)).toEqual(['FORBIDDEN']);
      expect(errorCodes(await system.gql(caller, `{ myTraineeApplications { id } }`))).toEqual(['FORBIDDEN']);
    }
    // A teacher of another county cannot see a county studio, so cannot apply to it.
    const east = await createTeacher(system, await createSchool(system, '510402'), '510402');
    const r = await system.gql(teacherCaller(east.id, '510402'), APPLY, {
      input: { workshopId: studio.id, statement: '申请' },
    });
    expect(errorCodes(r)).toEqual(['NOT_FOUND']);
  });

  it("shows a studio's applications to its host and offices, an applicant only their own, others none", async () => {
    const own = await foundStudio(system);
    const first = await applicant();
    const second = await applicant();
    const firstId = await apply(first.caller, own.id);
    const secondId = await apply(second.caller, own.id);
    const ids = async (caller: TokenRequest) => {
      const r = await system.gql(caller, APPLICATIONS, { id: own.id });
      expect(r.errors).toBeUndefined();
      return r.data?.workshop.traineeApplications.map((a: { id: string }) => a.id).sort();
    };
    expect(await ids(own.hostCaller)).toEqual([firstId, secondId].sort());
    expect(await ids(own.office)).toEqual([firstId, secondId].sort());
    expect(await ids(officeOf('CITY', '510403'))).toEqual([firstId, secondId].sort());
    expect(await ids(first.caller)).toEqual([firstId]);
    expect(await ids(studio.hostCaller)).toEqual([]);
    expect(await ids({ role: Role.ANALYST, region: '510000' })).toEqual([]);
    expect(await ids({ role: Role.EVALUATOR, region: '510403' })).toEqual([]);

    const filtered = await system.gql(
      own.office,
      `query ($id: ID!) { workshop(id: $id) { traineeApplications(status: ACCEPTED) { id } } }`,
      { id: own.id },
    );
    expect(filtered.data?.workshop.traineeApplications).toEqual([]);
  });
});
