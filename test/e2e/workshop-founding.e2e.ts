import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { awardTitle, foundStudio, officeOf } from '../harness/workshop-fixtures';

/** 西区 (510403) and 东区 (510402) are counties of 攀枝花市 (510400), 四川省 (510000). */
const WEST = officeOf('COUNTY', '510403');
const CITY = officeOf('CITY', '510403');

const FOUND = `mutation ($input: FoundWorkshopInput!) {
  foundWorkshop(input: $input) { id name level status region { code } cycleStartYear cycleEndYear }
}`;
const STUDIO = `query ($id: ID!) {
  workshop(id: $id) {
    name type level subject stage status cycleStartYear cycleEndYear rectificationDeadline
    region { code }
    hostSchool { id name }
    host { id name }
    memberships { role active joinedOn leftOn teacher { id } }
    memberCount traineeCount
    statusHistory { from to reason changedBy changedAt }
  }
}`;
const UPDATE = `mutation ($id: ID!, $input: UpdateWorkshopInput!) { updateWorkshop(id: $id, input: $input) { name subject hostSchool { id } } }`;

describe('founding a studio', () => {
  let system: TestSystem;
  let school: { id: string };

  beforeAll(async () => {
    system = await TestSystem.start();
    school = await createSchool(system, '510403', { name: '攀枝花市第三小学' });
  });
  afterAll(() => system?.stop());

  /** A teacher of 西区 holding the given titles (kind@level). */
  async function teacherWith(...titles: [string, string][]): Promise<{ id: string; name: string }> {
    const teacher = await createTeacher(system, school, '510403');
    for (const [kind, level] of titles) await awardTitle(system, teacher.id, '510403', kind, level);
    return teacher;
  }

  const input = (hostTeacherId: string, overrides: Record<string, unknown> = {}) => ({
    name: '西区小学数学名师工作室',
    type: 'TEACHER',
    subject: 'MATHEMATICS',
    stage: 'PRIMARY',
    hostSchoolId: school.id,
    hostTeacherId,
    cycleStartYear: 2025,
    ...overrides,
  });

  async function refusal(caller: TokenRequest, founding: Record<string, unknown>) {
    const r = await system.gql(caller, FOUND, { input: founding });
    expect(r.data).toBeNull();
    return {
      code: r.errors?.[0]?.extensions?.code,
      field: r.errors?.[0]?.extensions?.field,
      message: r.errors?.[0]?.message,
    };
  }

  it('founds a PROPOSED county studio with its host, the host membership and the founding history entry', async () => {
    const host = await teacherWith(['BACKBONE_TEACHER', 'COUNTY']);
    const founded = await system.gql(WEST, FOUND, {
      input: input(host.id, { name: '  西区小学数学名师工作室  ' }),
    });
    expect(founded.errors).toBeUndefined();
    expect(founded.data?.foundWorkshop).toMatchObject({
      name: '西区小学数学名师工作室',
      level: 'COUNTY',
      status: 'PROPOSED',
      region: { code: '510403' },
      cycleStartYear: 2025,
      cycleEndYear: 2027,
    });

    const r = await system.gql(WEST, STUDIO, { id: founded.data?.foundWorkshop.id });
    expect(r.errors).toBeUndefined();
    const studio = r.data?.workshop;
    // Names come from personnel through the graph, never copied into the workshop service.
    expect(studio.host).toEqual({ id: host.id, name: host.name });
    expect(studio.hostSchool).toEqual({ id: school.id, name: '攀枝花市第三小学' });
    expect(studio.memberships).toEqual([
      {
        role: 'HOST',
        active: true,
        joinedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        leftOn: null,
        teacher: { id: host.id },
      },
    ]);
    expect(studio).toMatchObject({
      type: 'TEACHER',
      subject: 'MATHEMATICS',
      stage: 'PRIMARY',
      memberCount: 0,
      traineeCount: 0,
    });
    expect(studio.statusHistory).toEqual([
      {
        from: null,
        to: 'PROPOSED',
        reason: '成立',
        changedBy: 'county_office-510403',
        changedAt: expect.any(String),
      },
    ]);

    const memberships = await system.gql(
      WEST,
      `query ($id: ID!) { teacher(id: $id) { name workshopMemberships { role workshop { id } } } }`,
      { id: host.id },
    );
    expect(memberships.data?.teacher.workshopMemberships).toEqual([
      { role: 'HOST', workshop: { id: founded.data?.foundWorkshop.id } },
    ]);
  });

  it('accepts any title at least as high as the minimum, such as 市级学科带头人 or 特级教师 for a county studio', async () => {
    for (const title of [
      ['SUBJECT_LEADER', 'CITY'],
      ['SPECIAL_GRADE_TEACHER', 'PROVINCE'],
    ] as [string, string][]) {
      const host = await teacherWith(title);
      const r = await system.gql(WEST, FOUND, { input: input(host.id, { name: `${title[0]}工作室` }) });
      expect(r.errors).toBeUndefined();
    }
  });

  it('refuses a host without any talent title, naming the title a county studio needs', async () => {
    const host = await teacherWith();
    expect(await refusal(WEST, input(host.id))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.hostTeacherId',
      message: expect.stringContaining('县级骨干教师'),
    });
  });

  it('refuses a 校级骨干教师 as host of a county studio', async () => {
    const host = await teacherWith(['BACKBONE_TEACHER', 'SCHOOL'], ['TEACHING_NOVICE', 'COUNTY']);
    expect(await refusal(WEST, input(host.id))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.hostTeacherId',
    });
  });

  it('asks more of a city studio host: a 县级骨干教师 is refused, naming 市级骨干教师', async () => {
    const host = await teacherWith(['BACKBONE_TEACHER', 'COUNTY']);
    expect(await refusal(CITY, input(host.id))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.hostTeacherId',
      message: expect.stringContaining('市级骨干教师'),
    });
  });

  it('refuses a host who already hosts an open studio, and accepts them once that studio is dissolved', async () => {
    const host = await teacherWith(['SUBJECT_LEADER', 'CITY']);
    const first = await system.gql(WEST, FOUND, { input: input(host.id, { name: '第一工作室' }) });
    expect(first.errors).toBeUndefined();
    expect(await refusal(WEST, input(host.id, { name: '第二工作室' }))).toEqual({
      code: 'CONFLICT',
      field: undefined,
      message: expect.stringContaining('第一工作室'),
    });
    // The city office is refused too: one open studio per host, whoever founds the next.
    expect((await refusal(CITY, input(host.id, { name: '市级工作室' }))).code).toBe('CONFLICT');

    const dissolved = await system.gql(
      WEST,
      `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status host { id } } }`,
      { input: { workshopId: first.data?.foundWorkshop.id, to: 'DISSOLVED', reason: '未获批准' } },
    );
    expect(dissolved.data?.changeWorkshopStatus).toEqual({ status: 'DISSOLVED', host: null });
    const again = await system.gql(WEST, FOUND, { input: input(host.id, { name: '第二工作室' }) });
    expect(again.errors).toBeUndefined();
  });

  it('appoints a host only once when two offices found studios with them at the same moment', async () => {
    const host = await teacherWith(['SUBJECT_LEADER', 'CITY']);
    const both = await Promise.all([
      system.gql(WEST, FOUND, { input: input(host.id, { name: '县里的工作室' }) }),
      system.gql(CITY, FOUND, { input: input(host.id, { name: '市里的工作室' }) }),
    ]);
    expect(both.map(errorCodes).sort()).toEqual([[], ['CONFLICT']]);
    const hosting = await system.gql(
      WEST,
      `query ($id: ID!) { teacher(id: $id) { workshopMemberships { role } } }`,
      {
        id: host.id,
      },
    );
    expect(hosting.data?.teacher.workshopMemberships).toEqual([{ role: 'HOST' }]);
  });

  it('refuses a host or a host school outside the office’s scope as not found', async () => {
    const eastSchool = await createSchool(system, '510402');
    const eastTeacher = await createTeacher(system, eastSchool, '510402');
    await awardTitle(system, eastTeacher.id, '510402', 'SUBJECT_LEADER', 'CITY');
    const host = await teacherWith(['BACKBONE_TEACHER', 'COUNTY']);

    expect(await refusal(WEST, input(eastTeacher.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(WEST, input(host.id, { hostSchoolId: eastSchool.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal(WEST, input('not-a-uuid'))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets only an office found studios, at its own level and in its own jurisdiction', async () => {
    const host = await teacherWith(['SUBJECT_LEADER', 'CITY']);
    const callers: TokenRequest[] = [
      { role: Role.SCHOOL_ADMIN, region: '510403', schoolId: school.id },
      { role: Role.ANALYST, region: '510000' },
      { role: Role.EVALUATOR, region: '510403' },
      { role: Role.HOST, region: '510403', teacherId: host.id },
      { role: Role.TEACHER, region: '510403', teacherId: host.id },
      { role: Role.FINANCE_SYSTEM, region: '510000' },
      // An office role signed in with another level's region code.
      { role: Role.COUNTY_OFFICE, region: '510400' },
    ];
    for (const caller of callers) {
      expect(await refusal(caller, input(host.id))).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('founds city and province studios in the office’s own jurisdiction', async () => {
    const cityHost = await teacherWith(['BACKBONE_TEACHER', 'CITY']);
    const city = await system.gql(CITY, FOUND, { input: input(cityHost.id, { name: '攀枝花市名师工作室' }) });
    expect(city.data?.foundWorkshop).toMatchObject({ level: 'CITY', region: { code: '510400' } });
    const provinceHost = await teacherWith(['SUBJECT_LEADER', 'CITY']);
    const province = await system.gql(officeOf('PROVINCE', '510403'), FOUND, {
      input: input(provinceHost.id, { name: '四川省名师工作室' }),
    });
    expect(province.data?.foundWorkshop).toMatchObject({ level: 'PROVINCE', region: { code: '510000' } });
  });

  it('validates the name and the cycle start year, writing nothing', async () => {
    const host = await teacherWith(['BACKBONE_TEACHER', 'COUNTY']);
    expect(await refusal(WEST, input(host.id, { name: '   ' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.name',
    });
    expect(await refusal(WEST, input(host.id, { name: '名'.repeat(101) }))).toMatchObject({
      field: 'input.name',
    });
    for (const cycleStartYear of [1990, new Date().getFullYear() + 3]) {
      expect(await refusal(WEST, input(host.id, { cycleStartYear }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.cycleStartYear',
      });
    }
    const hosting = await system.gql(
      WEST,
      `query ($id: ID!) { teacher(id: $id) { workshopMemberships { id } } }`,
      {
        id: host.id,
      },
    );
    expect(hosting.data?.teacher.workshopMemberships).toEqual([]);
  });

  describe('updating a studio', () => {
    it('lets the office of the studio’s level rename it and move it to another school in its jurisdiction', async () => {
      const studio = await foundStudio(system, { name: '旧名工作室' });
      const other = await createSchool(system, '510403');
      const r = await system.gql(studio.office, UPDATE, {
        id: studio.id,
        input: { name: '新名工作室', subject: 'CHINESE', hostSchoolId: other.id },
      });
      expect(r.errors).toBeUndefined();
      expect(r.data?.updateWorkshop).toEqual({
        name: '新名工作室',
        subject: 'CHINESE',
        hostSchool: { id: other.id },
      });
    });

    it('refuses other callers, schools outside scope and a blank name', async () => {
      const studio = await foundStudio(system);
      const east = await createSchool(system, '510402');
      const codes = async (caller: TokenRequest, change: Record<string, unknown>) =>
        errorCodes(await system.gql(caller, UPDATE, { id: studio.id, input: change }));
      expect(await codes(CITY, { name: '市里改名' })).toEqual(['FORBIDDEN']);
      expect(await codes(studio.hostCaller, { name: '主持人改名' })).toEqual(['FORBIDDEN']);
      expect(await codes(officeOf('COUNTY', '510402'), { name: '东区改名' })).toEqual(['NOT_FOUND']);
      expect(await codes(studio.office, { hostSchoolId: east.id })).toEqual(['NOT_FOUND']);
      expect(await codes(studio.office, { name: ' ' })).toEqual(['BAD_USER_INPUT']);
    });
  });
});
