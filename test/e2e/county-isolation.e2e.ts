import { Role, signIdentity } from '@mingshi/auth';
import { postGraphQL } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import { TEST_SECRETS, TestSystem } from '../harness/system';

/** 西区 (510403) and 东区 (510402) are sibling counties of 攀枝花市. */
const WEST = { role: Role.COUNTY_OFFICE, region: '510403' };

describe('a county sees only its own county', () => {
  let system: TestSystem;
  let eastTeacher: { id: string; name: string };
  let eastSchool: { id: string };
  let westTeacher: { id: string };

  beforeAll(async () => {
    system = await TestSystem.start();
    eastSchool = await createSchool(system, '510402');
    eastTeacher = await createTeacher(system, eastSchool, '510402', { name: '东区老师' });
    westTeacher = await createTeacher(system, await createSchool(system, '510403'), '510403', {
      name: '西区老师',
    });
  });
  afterAll(() => system?.stop());

  it('leaves other counties out of lists', async () => {
    const r = await system.gql(
      WEST,
      `{ teachers(first: 100) { nodes { id } totalCount } schools(first: 100) { totalCount } }`,
    );
    expect(r.data?.teachers.nodes).toEqual([{ id: westTeacher.id }]);
    expect(r.data?.teachers.totalCount).toBe(1);
    expect(r.data?.schools.totalCount).toBe(1);
  });

  it('refuses a list filtered to another county', async () => {
    const r = await system.gql(WEST, `{ teachers(filter: { regionCode: "510402" }) { nodes { id } } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(r.data).toBeNull();
  });

  it('narrows a wider filter to its own county', async () => {
    const r = await system.gql(WEST, `{ teachers(filter: { regionCode: "510400" }) { nodes { id } } }`);
    expect(r.data?.teachers.nodes).toEqual([{ id: westTeacher.id }]);
  });

  it('refuses a direct lookup of another county’s teacher and school as not found', async () => {
    const r = await system.gql(
      WEST,
      `query ($t: ID!, $s: ID!) { teacher(id: $t) { name } school(id: $s) { name } }`,
      {
        t: eastTeacher.id,
        s: eastSchool.id,
      },
    );
    expect(r.data).toEqual({ teacher: null, school: null });
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(JSON.stringify(r)).not.toContain('东区老师');
  });

  it('shows nothing of another county through a nested region', async () => {
    const r = await system.gql(
      WEST,
      `{ region(code: "510402") { name teachers { nodes { name } totalCount } schools { totalCount } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.region).toEqual({
      name: '东区',
      teachers: { nodes: [], totalCount: 0 },
      schools: { totalCount: 0 },
    });
  });

  it('shows a city office both counties through the same nested path', async () => {
    const r = await system.gql(
      { role: Role.CITY_OFFICE, region: '510400' },
      `{ region(code: "510400") { teachers { totalCount } } }`,
    );
    expect(r.data?.region.teachers.totalCount).toBe(2);
  });

  it('resolves another county’s teacher reference to null even with a valid gateway identity', async () => {
    const identity = await signIdentity(
      { userId: 'west', roles: [Role.COUNTY_OFFICE], regionCode: '510403' },
      TEST_SECRETS.identity,
    );
    const r = await postGraphQL(
      system.personnelUrl,
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Teacher { id name } ... on School { id name } } }`,
      {
        reps: [
          { __typename: 'Teacher', id: eastTeacher.id },
          { __typename: 'School', id: eastSchool.id },
          { __typename: 'Teacher', id: westTeacher.id },
        ],
      },
      { 'x-mingshi-identity': identity },
    );
    expect(r.data?._entities).toEqual([null, null, { id: westTeacher.id, name: '西区老师' }]);
  });
});
