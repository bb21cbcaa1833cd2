import { Role } from '@mingshi/auth';
import { composeNationalId } from '../../services/personnel/src/rules/national-id';
import { createSchool, createTeacher, nationalId } from '../harness/fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';

const WEST = { role: Role.COUNTY_OFFICE, region: '510403' };
const CREATE_TEACHER = `mutation ($input: CreateTeacherInput!) { createTeacher(input: $input) { id } }`;
const CREATE_SCHOOL = `mutation ($input: CreateSchoolInput!) { createSchool(input: $input) { id } }`;
const AWARD = `mutation ($input: AwardTalentTitleInput!) { awardTalentTitle(input: $input) { id label } }`;
const TRAIN = `mutation ($input: RecordTrainingHoursInput!) { recordTrainingHours(input: $input) { id hours } }`;

describe('personnel mutations validate their input', () => {
  let system: TestSystem;
  let school: { id: string };
  let teacher: { id: string; nationalId: string };

  beforeAll(async () => {
    system = await TestSystem.start();
    school = await createSchool(system, '510403');
    teacher = await createTeacher(system, school, '510403');
  });
  afterAll(() => system?.stop());

  const teacherInput = (overrides: Record<string, unknown> = {}) => ({
    name: '王老师',
    nationalId: nationalId('510403'),
    phone: '13912345678',
    schoolId: school.id,
    subject: 'CHINESE',
    stage: 'PRIMARY',
    rank: 'SECOND_GRADE',
    ...overrides,
  });

  async function refusal(query: string, input: unknown, caller: TokenRequest = WEST) {
    const r = await system.gql(caller, query, { input });
    expect(r.data).toBeNull();
    return {
      code: r.errors?.[0]?.extensions?.code,
      field: r.errors?.[0]?.extensions?.field,
      message: r.errors?.[0]?.message,
    };
  }

  describe('createTeacher', () => {
    it('refuses a national ID with a wrong checksum', async () => {
      const good = nationalId('510403');
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      expect(await refusal(CREATE_TEACHER, teacherInput({ nationalId: bad }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.nationalId',
        message: expect.stringMatching(/checksum/),
      });
    });

    it('refuses a national ID encoding an impossible birth date', async () => {
      const id = composeNationalId('510403', '1988-02-30', 7, 'MALE');
      expect(await refusal(CREATE_TEACHER, teacherInput({ nationalId: id }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.nationalId',
        message: expect.stringMatching(/birth date/),
      });
    });

    it('refuses a gender that contradicts the national ID', async () => {
      const id = composeNationalId('510403', '1988-02-03', 7, 'MALE');
      expect(await refusal(CREATE_TEACHER, teacherInput({ nationalId: id, gender: 'FEMALE' }))).toMatchObject(
        {
          code: 'BAD_USER_INPUT',
          field: 'input.gender',
        },
      );
    });

    it('refuses a malformed phone number', async () => {
      expect(await refusal(CREATE_TEACHER, teacherInput({ phone: '0812-3456789' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.phone',
      });
    });

    it('refuses an empty name', async () => {
      expect(await refusal(CREATE_TEACHER, teacherInput({ name: '   ' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.name',
      });
    });

    it('refuses a school that does not exist', async () => {
      expect(
        await refusal(CREATE_TEACHER, teacherInput({ schoolId: '7f1c1a56-0000-4000-8000-000000000000' })),
      ).toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('refuses rural service that ends before it starts', async () => {
      expect(
        await refusal(
          CREATE_TEACHER,
          teacherInput({
            ruralService: [{ place: '某村小', startDate: '2020-09-01', endDate: '2019-07-01' }],
          }),
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ruralService[0].endDate' });
    });

    it('refuses a national ID already registered, even in another county', async () => {
      expect(await refusal(CREATE_TEACHER, teacherInput({ nationalId: teacher.nationalId }))).toMatchObject({
        code: 'CONFLICT',
      });
      const east = await createSchool(system, '510402');
      expect(
        await refusal(CREATE_TEACHER, teacherInput({ nationalId: teacher.nationalId, schoolId: east.id }), {
          role: Role.COUNTY_OFFICE,
          region: '510402',
        }),
      ).toMatchObject({ code: 'CONFLICT' });
    });

    it('refuses roles that may not register teachers', async () => {
      for (const caller of [
        { role: Role.ANALYST, region: '510000' },
        { role: Role.TEACHER, region: '510403', teacherId: teacher.id },
        { role: Role.COUNTY_OFFICE, region: '510402' },
      ]) {
        const r = await refusal(CREATE_TEACHER, teacherInput(), caller);
        expect(['FORBIDDEN', 'NOT_FOUND']).toContain(r.code);
      }
    });

    it('registers a valid teacher and reads birth date and gender from the ID', async () => {
      const id = composeNationalId('510403', '1986-04-12', 21, 'MALE');
      const r = await system.gql(
        WEST,
        `mutation ($input: CreateTeacherInput!) { createTeacher(input: $input) { birthDate gender school { id } region { code } } }`,
        {
          input: teacherInput({ nationalId: id, phone: '139 1234 5679' }),
        },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data?.createTeacher).toEqual({
        birthDate: '1986-04-12',
        gender: 'MALE',
        school: { id: school.id },
        region: { code: '510403' },
      });
    });
  });

  describe('createSchool', () => {
    const schoolInput = (overrides: Record<string, unknown> = {}) => ({
      name: '西区第九小学',
      regionCode: '510403',
      stages: ['PRIMARY'],
      rural: false,
      weak: true,
      ...overrides,
    });

    it('refuses a code that is not a region', async () => {
      expect(await refusal(CREATE_SCHOOL, schoolInput({ regionCode: '519999' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.regionCode',
      });
    });

    it('refuses a region that is not a county', async () => {
      expect(
        await refusal(CREATE_SCHOOL, schoolInput({ regionCode: '510400' }), {
          role: Role.CITY_OFFICE,
          region: '510400',
        }),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.regionCode',
      });
    });

    it('refuses a county outside the caller scope', async () => {
      expect(await refusal(CREATE_SCHOOL, schoolInput({ regionCode: '510402' }))).toMatchObject({
        code: 'FORBIDDEN',
      });
    });

    it('refuses an empty or repeated stage list', async () => {
      expect(await refusal(CREATE_SCHOOL, schoolInput({ stages: [] }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.stages',
      });
      expect(await refusal(CREATE_SCHOOL, schoolInput({ stages: ['PRIMARY', 'PRIMARY'] }))).toMatchObject({
        code: 'BAD_USER_INPUT',
      });
    });

    it('refuses a school administrator', async () => {
      expect(
        await refusal(CREATE_SCHOOL, schoolInput(), {
          role: Role.SCHOOL_ADMIN,
          region: '510403',
          schoolId: school.id,
        }),
      ).toMatchObject({
        code: 'FORBIDDEN',
      });
    });
  });

  describe('awardTalentTitle', () => {
    it('refuses a province-only title at county level', async () => {
      expect(
        await refusal(AWARD, {
          teacherId: teacher.id,
          kind: 'SPECIAL_GRADE_TEACHER',
          level: 'COUNTY',
          year: 2023,
        }),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.level',
      });
    });

    it('refuses a county office awarding a city-level title', async () => {
      expect(
        await refusal(AWARD, { teacherId: teacher.id, kind: 'BACKBONE_TEACHER', level: 'CITY', year: 2023 }),
      ).toMatchObject({
        code: 'FORBIDDEN',
      });
    });

    it('refuses a year in the future', async () => {
      expect(
        await refusal(AWARD, {
          teacherId: teacher.id,
          kind: 'BACKBONE_TEACHER',
          level: 'COUNTY',
          year: 2099,
        }),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.year',
      });
    });

    it('awards once and refuses the same title in the same year again', async () => {
      const input = { teacherId: teacher.id, kind: 'BACKBONE_TEACHER', level: 'COUNTY', year: 2022 };
      const first = await system.gql(WEST, AWARD, { input });
      expect(first.data?.awardTalentTitle.label).toBe('县级骨干教师');
      expect(await refusal(AWARD, input)).toMatchObject({ code: 'CONFLICT' });
    });
  });

  describe('recordTrainingHours', () => {
    const hours = (overrides: Record<string, unknown>) => ({
      teacherId: teacher.id,
      year: 2024,
      hours: 24,
      source: 'ONLINE_COURSE',
      description: '国培计划网络研修',
      ...overrides,
    });

    it('refuses zero, negative, excessive and over-precise hours', async () => {
      for (const value of [0, -4, 600, 1.25]) {
        expect(await refusal(TRAIN, hours({ hours: value }))).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'input.hours',
        });
      }
    });

    it('refuses an implausible year and an empty description', async () => {
      expect(await refusal(TRAIN, hours({ year: 1900 }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.year',
      });
      expect(await refusal(TRAIN, hours({ description: '' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.description',
      });
    });

    it('refuses an analyst', async () => {
      expect(await refusal(TRAIN, hours({}), { role: Role.ANALYST, region: '510000' })).toMatchObject({
        code: 'FORBIDDEN',
      });
    });
  });

  it('refuses a page larger than the maximum', async () => {
    const r = await system.gql(WEST, `{ teachers(first: 101) { nodes { id } } }`);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('refuses a cursor it did not issue', async () => {
    const r = await system.gql(WEST, `{ teachers(after: "bm9wZQ") { nodes { id } } }`);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('scalar refusals through the gateway', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start();
  });
  afterAll(() => system?.stop());

  it('answers an impossible date in variables with BAD_USER_INPUT, not an internal error', async () => {
    const school = await createSchool(system, '510403');
    const r = await system.gql({ role: Role.COUNTY_OFFICE, region: '510403' }, CREATE_TEACHER, {
      input: {
        name: '赵老师',
        nationalId: nationalId('510403'),
        phone: '13912345670',
        schoolId: school.id,
        subject: 'CHINESE',
        stage: 'PRIMARY',
        rank: 'SECOND_GRADE',
        ruralService: [{ place: '某村小', startDate: '2024-02-30' }],
      },
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/2024-02-30/);
  });
});
