import { randomUUID } from 'node:crypto';
import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { chinaToday } from '@mingshi/graphql';
import { createSchool, createTeacher } from '../harness/fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

const CREATE_PROJECT = `mutation ($input: CreateResearchProjectInput!) {
  createResearchProject(input: $input) { id title level status startedOn concludedOn leader { id name } workshop { id } }
}`;
const UPDATE_PROJECT = `mutation ($id: ID!, $input: UpdateResearchProjectInput!) {
  updateResearchProject(id: $id, input: $input) { id title status startedOn concludedOn }
}`;
const RECORD_OUTCOME = `mutation ($input: RecordOutcomeInput!) {
  recordOutcome(input: $input) { id kind title level achievedOn authors { id name } workshop { id } }
}`;
const STUDIO_WORK = `query ($id: ID!) {
  workshop(id: $id) {
    researchProjects { id title status leader { name } }
    outcomes { title achievedOn authors { name } }
  }
}`;

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

describe('research projects and outcomes', () => {
  let system: TestSystem;
  let studio: Studio;
  let other: Studio;
  let member: { id: string; name: string };
  let outsider: { id: string; name: string };
  let eastTeacher: { id: string };

  beforeAll(async () => {
    system = await TestSystem.start();
    studio = await foundStudio(system);
    other = await foundStudio(system);
    member = await createTeacher(system, studio.school, '510403');
    outsider = await createTeacher(system, studio.school, '510403');
    eastTeacher = await createTeacher(system, await createSchool(system, '510402'), '510402');
    const added = await system.gql(
      studio.hostCaller,
      `mutation ($input: AddWorkshopMemberInput!) { addWorkshopMember(input: $input) { id } }`,
      { input: { workshopId: studio.id, teacherId: member.id } },
    );
    expect(added.errors).toBeUndefined();
  });
  afterAll(() => system?.stop());

  const project = (overrides: Record<string, unknown> = {}) => ({
    workshopId: studio.id,
    title: '小学数学大单元教学的实践研究',
    level: 'CITY',
    status: 'DECLARED',
    leaderId: studio.host.id,
    ...overrides,
  });

  async function create(caller: TokenRequest, input: Record<string, unknown>) {
    return system.gql(caller, CREATE_PROJECT, { input });
  }

  async function move(id: string, input: Record<string, unknown>, caller: TokenRequest = studio.hostCaller) {
    return system.gql(caller, UPDATE_PROJECT, { id, input });
  }

  describe('research projects', () => {
    it('registers projects led by the host or a current member', async () => {
      const byHost = await create(studio.hostCaller, project());
      expect(byHost.errors).toBeUndefined();
      expect(byHost.data?.createResearchProject).toMatchObject({
        title: '小学数学大单元教学的实践研究',
        status: 'DECLARED',
        startedOn: null,
        concludedOn: null,
        leader: { id: studio.host.id, name: studio.host.name },
        workshop: { id: studio.id },
      });
      const byMember = await create(
        studio.office,
        project({ leaderId: member.id, status: 'IN_PROGRESS', startedOn: '2024-03-01', level: 'PROVINCE' }),
      );
      expect(byMember.errors).toBeUndefined();
      expect(byMember.data?.createResearchProject).toMatchObject({
        status: 'IN_PROGRESS',
        startedOn: '2024-03-01',
      });

      const listed = await system.gql(studio.office, STUDIO_WORK, { id: studio.id });
      expect(
        listed.data?.workshop.researchProjects.map((p: { leader: { name: string } }) => p.leader.name),
      ).toEqual(expect.arrayContaining([studio.host.name, member.name]));
    });

    it('refuses a leader from outside the team with CONFLICT and bad input with BAD_USER_INPUT', async () => {
      expect(errorCodes(await create(studio.hostCaller, project({ leaderId: outsider.id })))).toEqual([
        'CONFLICT',
      ]);
      // The host of another studio is not this studio's team either.
      expect(errorCodes(await create(studio.hostCaller, project({ leaderId: other.host.id })))).toEqual([
        'CONFLICT',
      ]);
      const cases: [Record<string, unknown>, string][] = [
        [{ leaderId: eastTeacher.id }, 'leaderId'],
        [{ leaderId: randomUUID() }, 'leaderId'],
        [{ title: ' ' }, 'title'],
        [{ status: 'CONCLUDED', startedOn: '2023-01-01' }, 'status'],
        [{ status: 'TERMINATED' }, 'status'],
        [{ status: 'IN_PROGRESS' }, 'startedOn'],
        [{ status: 'DECLARED', startedOn: '2024-01-01' }, 'startedOn'],
        [{ status: 'APPROVED', startedOn: dayAfter(chinaToday()) }, 'startedOn'],
      ];
      for (const [overrides, field] of cases) {
        const r = await create(studio.hostCaller, project(overrides));
        expect({ overrides, code: errorCodes(r), field: r.errors?.[0]?.extensions?.field }).toEqual({
          overrides,
          code: ['BAD_USER_INPUT'],
          field: `input.${field}`,
        });
      }
    });

    it('moves 申报 → 立项 → 在研 → 结题 and refuses every other move with CONFLICT', async () => {
      const id = (await create(studio.hostCaller, project())).data?.createResearchProject.id;
      expect(errorCodes(await move(id, { status: 'IN_PROGRESS', startedOn: '2024-02-01' }))).toEqual([
        'CONFLICT',
      ]);
      expect(errorCodes(await move(id, { status: 'CONCLUDED', concludedOn: '2024-02-01' }))).toEqual([
        'CONFLICT',
      ]);

      expect((await move(id, { status: 'APPROVED' })).data?.updateResearchProject.status).toBe('APPROVED');
      // In progress needs the day research started.
      const noStart = await move(id, { status: 'IN_PROGRESS' });
      expect(noStart.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.startedOn',
      });
      expect(
        (await move(id, { status: 'IN_PROGRESS', startedOn: '2024-02-01' })).data?.updateResearchProject,
      ).toMatchObject({
        status: 'IN_PROGRESS',
        startedOn: '2024-02-01',
      });
      expect((await move(id, { status: 'CONCLUDED' })).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.concludedOn',
      });
      expect(
        (await move(id, { status: 'CONCLUDED', concludedOn: '2024-01-31' })).errors?.[0]?.extensions,
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.concludedOn',
      });
      // concludedOn belongs to ended projects only.
      expect((await move(id, { concludedOn: '2025-01-31' })).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.concludedOn',
      });
      const concluded = await move(id, {
        status: 'CONCLUDED',
        concludedOn: '2025-06-30',
        title: '  结题：大单元教学研究 ',
      });
      expect(concluded.data?.updateResearchProject).toEqual({
        id,
        title: '结题：大单元教学研究',
        status: 'CONCLUDED',
        startedOn: '2024-02-01',
        concludedOn: '2025-06-30',
      });
      expect(errorCodes(await move(id, { status: 'IN_PROGRESS' }))).toEqual(['CONFLICT']);
      expect(errorCodes(await move(id, { status: 'TERMINATED' }))).toEqual(['CONFLICT']);
    });

    it('ends a terminated project today unless told when, so metrics stop counting it', async () => {
      const running = (
        await create(studio.hostCaller, project({ status: 'IN_PROGRESS', startedOn: '2024-09-01' }))
      ).data?.createResearchProject.id;
      expect((await move(running, { status: 'TERMINATED' })).data?.updateResearchProject).toMatchObject({
        status: 'TERMINATED',
        concludedOn: chinaToday(),
      });
      expect(errorCodes(await move(running, { status: 'APPROVED' }))).toEqual(['CONFLICT']);

      const declared = (await create(studio.hostCaller, project())).data?.createResearchProject.id;
      expect(
        (await move(declared, { status: 'TERMINATED', concludedOn: '2024-12-01' })).data
          ?.updateResearchProject,
      ).toMatchObject({
        status: 'TERMINATED',
        startedOn: null,
        concludedOn: '2024-12-01',
      });
    });

    it('is managed by the host and overseeing offices only', async () => {
      const id = (await create(studio.hostCaller, project())).data?.createResearchProject.id;
      const analyst = { role: Role.ANALYST, region: '510000' };
      expect(errorCodes(await create(analyst, project()))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await create(other.hostCaller, project()))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await create(officeOf('COUNTY', '510402'), project()))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await move(id, { status: 'APPROVED' }, analyst))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await move(id, { status: 'APPROVED' }, other.hostCaller))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await move(id, { status: 'APPROVED' }, officeOf('COUNTY', '510402')))).toEqual([
        'NOT_FOUND',
      ]);
      expect(errorCodes(await move(randomUUID(), { status: 'APPROVED' }))).toEqual(['NOT_FOUND']);
    });

    it("winds up a revoked studio's projects but changes nothing else on them", async () => {
      const closing = await foundStudio(system);
      const running = (
        await create(
          closing.hostCaller,
          project({
            workshopId: closing.id,
            leaderId: closing.host.id,
            status: 'IN_PROGRESS',
            startedOn: '2024-03-01',
          }),
        )
      ).data?.createResearchProject.id;
      const revoked = await system.gql(
        closing.office,
        `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`,
        { input: { workshopId: closing.id, to: 'REVOKED', reason: '考核不合格，取消资格' } },
      );
      expect(revoked.errors).toBeUndefined();

      expect(
        errorCodes(
          await create(closing.office, project({ workshopId: closing.id, leaderId: closing.host.id })),
        ),
      ).toEqual(['CONFLICT']);
      expect(errorCodes(await move(running, { title: '改名' }, closing.office))).toEqual(['CONFLICT']);
      expect(
        errorCodes(await move(running, { status: 'TERMINATED', title: '改名' }, closing.office)),
      ).toEqual(['CONFLICT']);
      const ended = await move(running, { status: 'TERMINATED', concludedOn: '2025-01-15' }, closing.office);
      expect(ended.data?.updateResearchProject).toMatchObject({
        status: 'TERMINATED',
        concludedOn: '2025-01-15',
      });
    });
  });

  describe('outcomes', () => {
    const outcome = (overrides: Record<string, unknown> = {}) => ({
      workshopId: studio.id,
      kind: 'PAPER',
      title: '大单元视角下的分数教学',
      level: 'PROVINCE',
      achievedOn: '2024-10-12',
      authorIds: [studio.host.id, member.id],
      ...overrides,
    });

    it('records an outcome with its authors, names coming from personnel', async () => {
      const r = await system.gql(studio.hostCaller, RECORD_OUTCOME, {
        input: outcome({ title: ' 大单元视角下的分数教学 ' }),
      });
      expect(r.errors).toBeUndefined();
      expect(r.data?.recordOutcome).toMatchObject({
        kind: 'PAPER',
        title: '大单元视角下的分数教学',
        level: 'PROVINCE',
        achievedOn: '2024-10-12',
        workshop: { id: studio.id },
      });
      expect(r.data?.recordOutcome.authors).toEqual(
        expect.arrayContaining([
          { id: studio.host.id, name: studio.host.name },
          { id: member.id, name: member.name },
        ]),
      );
      const today = await system.gql(studio.office, RECORD_OUTCOME, {
        input: outcome({ kind: 'AWARD', achievedOn: chinaToday(), authorIds: [outsider.id] }),
      });
      expect(today.errors).toBeUndefined();

      const listed = await system.gql(studio.office, STUDIO_WORK, { id: studio.id });
      expect(listed.data?.workshop.outcomes.map((o: { title: string }) => o.title)).toEqual(
        expect.arrayContaining(['大单元视角下的分数教学']),
      );
    });

    it('refuses bad outcomes with BAD_USER_INPUT and other callers with FORBIDDEN or NOT_FOUND', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ authorIds: [] }, 'authorIds'],
        [{ authorIds: [member.id, member.id] }, 'authorIds'],
        [{ authorIds: [member.id, eastTeacher.id] }, 'authorIds'],
        [{ achievedOn: dayAfter(chinaToday()) }, 'achievedOn'],
        [{ title: '' }, 'title'],
      ];
      for (const [overrides, field] of cases) {
        const r = await system.gql(studio.hostCaller, RECORD_OUTCOME, { input: outcome(overrides) });
        expect({ overrides, code: errorCodes(r), field: r.errors?.[0]?.extensions?.field }).toEqual({
          overrides,
          code: ['BAD_USER_INPUT'],
          field: `input.${field}`,
        });
      }
      const unknown = await system.gql(studio.hostCaller, RECORD_OUTCOME, {
        input: outcome({ authorIds: [member.id, eastTeacher.id] }),
      });
      expect(unknown.errors?.[0]?.message).toContain(eastTeacher.id);

      const callers: [TokenRequest, string][] = [
        [{ role: Role.ANALYST, region: '510000' }, 'FORBIDDEN'],
        [{ role: Role.TEACHER, region: '510403', teacherId: member.id }, 'FORBIDDEN'],
        [other.hostCaller, 'FORBIDDEN'],
        [officeOf('COUNTY', '510402'), 'NOT_FOUND'],
      ];
      for (const [caller, code] of callers) {
        expect(errorCodes(await system.gql(caller, RECORD_OUTCOME, { input: outcome() }))).toEqual([code]);
      }
    });
  });
});
