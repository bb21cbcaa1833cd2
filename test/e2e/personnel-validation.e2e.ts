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

  describe('reports every problem of an input at once, before looking anything up', () => {
    it('lists each bad field of a new teacher, the first as field', async () => {
      const r = await system.gql(WEST, CREATE_TEACHER, {
        input: teacherInput({
          name: ' ',
          phone: '12345',
          ruralService: [{ place: '村'.repeat(101), startDate: '2020-09-01', endDate: '2019-07-01' }],
        }),
      });
      expect(r.data).toBeNull();
      const extensions = r.errors?.[0]?.extensions;
      expect(extensions?.code).toBe('BAD_USER_INPUT');
      expect(extensions?.field).toBe('input.name');
      expect((extensions?.fields as { field: string }[]).map((f) => f.field)).toEqual([
        'input.name',
        'input.phone',
        'input.ruralService[0].place',
        'input.ruralService[0].endDate',
      ]);
      expect(r.errors?.[0]?.message).toMatch(/4 problems: input\.name .*input\.phone .*place .*endDate/);
    });

    it('answers bad input with BAD_USER_INPUT even where the school is beyond the caller', async () => {
      const east = await createSchool(system, '510402');
      expect(await refusal(CREATE_TEACHER, teacherInput({ schoolId: east.id, name: '' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.name',
      });
      expect(
        await refusal(
          TRAIN,
          { teacherId: teacher.id, year: 2024, hours: 0, source: 'ONLINE_COURSE', description: 'x' },
          {
            role: Role.ANALYST,
            region: '510000',
          },
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours' });
    });

    it('answers a bad update with BAD_USER_INPUT before looking up what it updates', async () => {
      const r = await system.gql(
        WEST,
        `mutation ($id: ID!, $input: UpdateSchoolInput!) { updateSchool(id: $id, input: $input) { id } }`,
        { id: '7f1c1a56-0000-4000-8000-000000000001', input: { name: '', stages: [] } },
      );
      expect(r.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.name' }, { field: 'input.stages' }],
      });
    });
  });

  describe('an unknown id in an input', () => {
    it('is NOT_FOUND naming the field', async () => {
      const unknown = '7f1c1a56-0000-4000-8000-000000000002';
      expect(await refusal(CREATE_TEACHER, teacherInput({ schoolId: unknown }))).toMatchObject({
        code: 'NOT_FOUND',
        field: 'input.schoolId',
      });
      expect(
        await refusal(AWARD, { teacherId: unknown, kind: 'BACKBONE_TEACHER', level: 'COUNTY', year: 2023 }),
      ).toMatchObject({ code: 'NOT_FOUND', field: 'input.teacherId' });
      expect(
        await refusal(TRAIN, {
          teacherId: unknown,
          year: 2024,
          hours: 2,
          source: 'ONLINE_COURSE',
          description: '研修',
        }),
      ).toMatchObject({ code: 'NOT_FOUND', field: 'input.teacherId' });
    });

    it('is quoted short, with hidden characters escaped', async () => {
      const r = await refusal(CREATE_TEACHER, teacherInput({ schoolId: 'x'.repeat(90) }));
      expect(r).toMatchObject({ code: 'NOT_FOUND', field: 'input.schoolId' });
      expect(r.message?.length).toBeLessThan(200);
      expect(r.message).toMatch(/…\(90 characters\)/);
      const hidden = await refusal(CREATE_TEACHER, teacherInput({ schoolId: 'abc\u200Bevil' }));
      expect(hidden.message).toContain('"abc\\u200bevil"');
      expect(hidden.message).not.toContain('\u200B');
    });

    // Longer than any id, or carrying a direction override: refused as text before any lookup.
    it('is BAD_USER_INPUT naming the field, in a short message, when no id could look like it', async () => {
      for (const schoolId of ['x'.repeat(100_000), 'abc\u202Eevil']) {
        const r = await refusal(CREATE_TEACHER, teacherInput({ schoolId }));
        expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.schoolId' });
        expect(r.message?.length).toBeLessThan(200);
        expect(r.message).not.toContain('\u202E');
      }
    });
  });

  describe('a region code in a filter', () => {
    const LIST = (list: 'teachers' | 'schools') =>
      `query ($regionCode: ID) { ${list}(filter: { regionCode: $regionCode }) { nodes { id } } }`;

    it('is BAD_USER_INPUT naming the field when it is not a GB/T 2260 code', async () => {
      for (const list of ['teachers', 'schools'] as const) {
        for (const regionCode of ['5104', '51040x', '000000']) {
          const r = await system.gql(WEST, LIST(list), { regionCode });
          expect({ list, regionCode, ...r.errors?.[0]?.extensions }).toMatchObject({
            list,
            regionCode,
            code: 'BAD_USER_INPUT',
            field: 'filter.regionCode',
          });
        }
      }
    });

    it('is FORBIDDEN when it is a real region outside the caller scope', async () => {
      for (const list of ['teachers', 'schools'] as const) {
        const r = await system.gql(WEST, LIST(list), { regionCode: '510402' });
        expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'filter.regionCode' });
      }
    });

    it('quotes a long mistyped code short', async () => {
      const r = await system.gql(WEST, LIST('teachers'), { regionCode: '5'.repeat(30_000) });
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message.length).toBeLessThan(200);
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

  it('quotes a 30,000-character Date short in its refusal', async () => {
    const school = await createSchool(system, '510403');
    const r = await system.gql({ role: Role.COUNTY_OFFICE, region: '510403' }, CREATE_TEACHER, {
      input: {
        name: '钱老师',
        nationalId: nationalId('510403'),
        phone: '13912345671',
        schoolId: school.id,
        subject: 'CHINESE',
        stage: 'PRIMARY',
        rank: 'SECOND_GRADE',
        ruralService: [{ place: '某村小', startDate: '2'.repeat(30_000) }],
      },
    });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message.length).toBeLessThan(400);
    expect(r.errors?.[0]?.message).toMatch(/…\(30000 characters\)/);
  });
});
