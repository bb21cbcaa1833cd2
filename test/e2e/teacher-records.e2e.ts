import { Role } from '@mingshi/auth';
import { createSchool, createTeacher } from '../harness/fixtures';
import { TestSystem } from '../harness/system';

const WEST = { role: Role.COUNTY_OFFICE, region: '510403' };
const TRAIN = `mutation ($input: RecordTrainingHoursInput!) { recordTrainingHours(input: $input) { id } }`;
const YEAR = `query ($id: ID!) { teacher(id: $id) { trainingHours(year: 2024) { hours requiredHours meetsRequirement records { hours source } } } }`;

describe('teacher records', () => {
  let system: TestSystem;
  let school: { id: string };
  let teacher: { id: string };

  beforeAll(async () => {
    system = await TestSystem.start();
    school = await createSchool(system, '510403', {
      rural: true,
      weak: true,
      stages: ['PRIMARY', 'JUNIOR_SECONDARY'],
    });
    teacher = await createTeacher(system, school, '510403');
  });
  afterAll(() => system?.stop());

  it('meets the 72-hour requirement only when the year adds up to it', async () => {
    const credit = (hours: number, source = 'ONLINE_COURSE') =>
      system.gql(WEST, TRAIN, {
        input: { teacherId: teacher.id, year: 2024, hours, source, description: '研修' },
      });
    await credit(30.5);
    await credit(41.4, 'EXTERNAL_TRAINING');
    let r = await system.gql(WEST, YEAR, { id: teacher.id });
    expect(r.data?.teacher.trainingHours).toMatchObject({
      hours: 71.9,
      requiredHours: 72,
      meetsRequirement: false,
    });
    await system.gql({ role: Role.SCHOOL_ADMIN, region: '510403', schoolId: school.id }, TRAIN, {
      input: {
        teacherId: teacher.id,
        year: 2024,
        hours: 0.1,
        source: 'SCHOOL_BASED',
        description: '校本研修',
      },
    });
    r = await system.gql(WEST, YEAR, { id: teacher.id });
    expect(r.data?.teacher.trainingHours).toMatchObject({ hours: 72, meetsRequirement: true });
    expect(r.data?.teacher.trainingHours.records).toHaveLength(3);
  });

  it('updates a teacher and moves them between schools within scope only', async () => {
    const other = await createSchool(system, '510403');
    const moved = await system.gql(
      WEST,
      `mutation ($id: ID!, $input: UpdateTeacherInput!) { updateTeacher(id: $id, input: $input) { rank school { id } } }`,
      {
        id: teacher.id,
        input: { rank: 'SENIOR', schoolId: other.id },
      },
    );
    expect(moved.data?.updateTeacher).toEqual({ rank: 'SENIOR', school: { id: other.id } });
    const east = await createSchool(system, '510402');
    const refused = await system.gql(
      WEST,
      `mutation ($id: ID!, $input: UpdateTeacherInput!) { updateTeacher(id: $id, input: $input) { id } }`,
      {
        id: teacher.id,
        input: { schoolId: east.id },
      },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps a failed mutation from writing anything while the others in the request land', async () => {
    const r = await system.gql(
      WEST,
      `mutation ($ok: CreateSchoolInput!, $bad: CreateSchoolInput!) { a: createSchool(input: $ok) { id } b: createSchool(input: $bad) { id } }`,
      {
        ok: {
          name: '原子性测试学校甲',
          regionCode: '510403',
          stages: ['PRIMARY'],
          rural: false,
          weak: false,
        },
        bad: {
          name: '原子性测试学校乙',
          regionCode: '510402',
          stages: ['PRIMARY'],
          rural: false,
          weak: false,
        },
      },
    );
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const names = await system.gql(
      { role: Role.CITY_OFFICE, region: '510400' },
      `{ schools(filter: { nameContains: "原子性" }) { nodes { name } } }`,
    );
    expect(names.data?.schools.nodes).toEqual([{ name: '原子性测试学校甲' }]);
  });

  it('filters teachers by talent title, subject and name, and pages through them with cursors', async () => {
    const s = await createSchool(system, '510411');
    const ids: string[] = [];
    for (const name of ['张一', '张二', '张三', '李四'])
      ids.push((await createTeacher(system, s, '510411', { name, subject: 'ENGLISH' })).id);
    const county = { role: Role.COUNTY_OFFICE, region: '510411' };
    await system.gql(county, `mutation ($i: AwardTalentTitleInput!) { awardTalentTitle(input: $i) { id } }`, {
      i: { teacherId: ids[1], kind: 'TEACHING_NOVICE', level: 'COUNTY', year: 2024 },
    });
    const titled = await system.gql(
      county,
      `{ teachers(filter: { talentTitle: TEACHING_NOVICE, talentTitleLevel: COUNTY }) { nodes { name } } }`,
    );
    expect(titled.data?.teachers.nodes).toEqual([{ name: '张二' }]);

    const pages: string[][] = [];
    let after: string | null = null;
    do {
      const page: any = await system.gql(
        county,
        `query ($after: String) { teachers(first: 2, after: $after, filter: { nameContains: "张", subject: ENGLISH }) { nodes { name } pageInfo { hasNextPage endCursor } totalCount } }`,
        { after },
      );
      pages.push(page.data.teachers.nodes.map((n: { name: string }) => n.name));
      expect(page.data.teachers.totalCount).toBe(3);
      after = page.data.teachers.pageInfo.hasNextPage ? page.data.teachers.pageInfo.endCursor : null;
    } while (after);
    expect(pages.flat().sort()).toEqual(['张一', '张三', '张二'].sort());
    expect(pages).toHaveLength(2);
  });
});
