import { Role, signIdentity } from '@mingshi/auth';
import { errorCodes, postGraphQL } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import { TEST_SECRETS, TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

/**
 * 西区 (510403) and 东区 (510402) are counties of 攀枝花市 (510400) in 四川省 (510000); 锦江区 (510104)
 * lies in 成都市 (510100). Studios are visible downwards: a county sees its own, its city's and its
 * province's studios, and nothing of a neighbouring county.
 */
const WEST = officeOf('COUNTY', '510403');
const PANZHIHUA = officeOf('CITY', '510403');

const LIST = `query ($filter: WorkshopFilter, $first: Int, $after: String) {
  workshops(filter: $filter, first: $first, after: $after) {
    nodes { name } totalCount pageInfo { hasNextPage endCursor }
  }
}`;

describe('which studios a caller sees', () => {
  let system: TestSystem;
  let west: Studio;
  let east: Studio;
  let city: Studio;
  let province: Studio;
  let chengdu: Studio;

  beforeAll(async () => {
    system = await TestSystem.start();
    west = await foundStudio(system, { countyCode: '510403', name: '西区工作室' });
    east = await foundStudio(system, { countyCode: '510402', name: '东区工作室' });
    city = await foundStudio(system, { countyCode: '510403', level: 'CITY', name: '攀枝花市工作室' });
    province = await foundStudio(system, {
      countyCode: '510403',
      level: 'PROVINCE',
      name: '四川省工作室',
      status: 'PROPOSED',
    });
    chengdu = await foundStudio(system, {
      countyCode: '510104',
      level: 'CITY',
      name: '成都市工作室',
      cycleStartYear: 2025,
    });
  });
  afterAll(() => system?.stop());

  async function names(caller: TokenRequest, filter?: Record<string, unknown>): Promise<string[]> {
    const r = await system.gql(caller, LIST, { filter, first: 100 });
    expect(r.errors).toBeUndefined();
    expect(r.data?.workshops.totalCount).toBe(r.data?.workshops.nodes.length);
    return r.data?.workshops.nodes.map((n: { name: string }) => n.name).sort();
  }

  it("lists a county's own studios and its city's and province's, but not a neighbouring county's", async () => {
    expect(await names(WEST)).toEqual(['四川省工作室', '攀枝花市工作室', '西区工作室'].sort());
    expect(await names(PANZHIHUA)).toEqual(
      ['东区工作室', '四川省工作室', '攀枝花市工作室', '西区工作室'].sort(),
    );
    expect(await names(officeOf('CITY', '510104'))).toEqual(['四川省工作室', '成都市工作室'].sort());
    // Teachers see what their county's office sees: the studios they may apply to.
    expect(await names({ role: Role.TEACHER, region: '510403', teacherId: west.host.id })).toEqual(
      await names(WEST),
    );
  });

  it('refuses a list filtered to a neighbouring county or another city, and narrows a wider filter', async () => {
    for (const regionCode of ['510402', '510100', '520000']) {
      const r = await system.gql(WEST, LIST, { filter: { regionCode } });
      expect(errorCodes(r)).toEqual(['FORBIDDEN']);
      expect(r.data).toBeNull();
    }
    expect(errorCodes(await system.gql(WEST, LIST, { filter: { regionCode: '5104' } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await names(WEST, { regionCode: '510403' })).toEqual(['西区工作室']);
    expect(await names(WEST, { regionCode: '510400' })).toEqual(['攀枝花市工作室', '西区工作室'].sort());
    expect(await names(WEST, { regionCode: '510000' })).toEqual(
      ['四川省工作室', '攀枝花市工作室', '西区工作室'].sort(),
    );
    expect(await names(PANZHIHUA, { regionCode: '510402' })).toEqual(['东区工作室']);
  });

  it("refuses a lookup of a neighbouring county's studio as not found, and finds the city's and province's", async () => {
    const r = await system.gql(WEST, `query ($id: ID!) { workshop(id: $id) { name } }`, { id: east.id });
    expect(r.data).toEqual({ workshop: null });
    expect(errorCodes(r)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(r)).not.toContain('东区工作室');
    for (const studio of [city, province]) {
      const seen = await system.gql(WEST, `query ($id: ID!) { workshop(id: $id) { id } }`, { id: studio.id });
      expect(seen.data?.workshop).toEqual({ id: studio.id });
    }
    const malformed = await system.gql(WEST, `{ workshop(id: "not-a-uuid") { id } }`);
    expect(errorCodes(malformed)).toEqual(['NOT_FOUND']);
  });

  it("does not reveal a neighbouring county's studio through one of the county's own teachers", async () => {
    const teacher = await createTeacher(system, await createSchool(system, '510403'), '510403');
    // The city oversees 东区's studio and sees 西区's teacher, so it can bring the two together.
    const added = await system.gql(
      PANZHIHUA,
      `mutation ($input: AddWorkshopMemberInput!) { addWorkshopMember(input: $input) { id } }`,
      { input: { workshopId: east.id, teacherId: teacher.id } },
    );
    expect(added.errors).toBeUndefined();

    const query = `query ($id: ID!) {
      teacher(id: $id) {
        name
        workshopMemberships(activeOnly: false) { role workshop { id name } }
      }
    }`;
    const seenByWest = await system.gql(WEST, query, { id: teacher.id });
    expect(seenByWest.errors).toBeUndefined();
    expect(seenByWest.data?.teacher).toEqual({ name: teacher.name, workshopMemberships: [] });
    expect(JSON.stringify(seenByWest)).not.toContain(east.id);

    const seenByCity = await system.gql(PANZHIHUA, query, { id: teacher.id });
    expect(seenByCity.data?.teacher.workshopMemberships).toEqual([
      { role: 'MEMBER', workshop: { id: east.id, name: '东区工作室' } },
    ]);
  });

  it("resolves a neighbouring county's studio reference to null even with a valid gateway identity", async () => {
    const identity = await signIdentity(
      { userId: 'west', roles: [Role.COUNTY_OFFICE], regionCode: '510403' },
      TEST_SECRETS.identity,
    );
    const r = await postGraphQL(
      system.workshop.url,
      `query ($reps: [_Any!]!) {
        _entities(representations: $reps) {
          ... on Workshop { id name }
          ... on School { hostedWorkshops { id } }
          ... on Teacher { workshopMemberships(activeOnly: false) { workshop { id } } }
        }
      }`,
      {
        reps: [
          { __typename: 'Workshop', id: east.id },
          { __typename: 'Workshop', id: west.id },
          { __typename: 'Workshop', id: city.id },
          { __typename: 'Workshop', id: province.id },
          { __typename: 'Workshop', id: chengdu.id },
          { __typename: 'School', id: east.school.id },
          { __typename: 'Teacher', id: east.host.id },
        ],
      },
      { 'x-mingshi-identity': identity },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?._entities).toEqual([
      null,
      { id: west.id, name: '西区工作室' },
      { id: city.id, name: '攀枝花市工作室' },
      { id: province.id, name: '四川省工作室' },
      null,
      { hostedWorkshops: [] },
      { workshopMemberships: [] },
    ]);
  });

  it("lets a county read, but not change, its city's and province's studios", async () => {
    const candidate = await createTeacher(system, await createSchool(system, '510403'), '510403');
    for (const studio of [city, province]) {
      const r = await system.gql(
        WEST,
        `mutation ($input: AddWorkshopMemberInput!) { addWorkshopMember(input: $input) { id } }`,
        { input: { workshopId: studio.id, teacherId: candidate.id } },
      );
      expect(errorCodes(r)).toEqual(['FORBIDDEN']);
      expect(
        errorCodes(
          await system.gql(
            WEST,
            `mutation ($id: ID!) { updateWorkshop(id: $id, input: { name: "改" }) { id } }`,
            { id: studio.id },
          ),
        ),
      ).toEqual(['FORBIDDEN']);
    }
  });

  it('filters by level, status, cycle and name, and pages with cursors', async () => {
    expect(await names(PANZHIHUA, { level: 'COUNTY' })).toEqual(['东区工作室', '西区工作室'].sort());
    expect(await names(PANZHIHUA, { status: 'PROPOSED' })).toEqual(['四川省工作室']);
    expect(await names(officeOf('PROVINCE', '510403'), { cycleStartYear: 2025 })).toEqual(['成都市工作室']);
    expect(await names(officeOf('PROVINCE', '510403'), { nameContains: '市工作' })).toEqual(
      ['成都市工作室', '攀枝花市工作室'].sort(),
    );
    expect(await names(officeOf('PROVINCE', '510403'), { nameContains: '%' })).toEqual([]);
    expect(errorCodes(await system.gql(WEST, LIST, { filter: { cycleStartYear: 99999 } }))).toEqual([
      'BAD_USER_INPUT',
    ]);

    const pages: string[][] = [];
    let after: string | null = null;
    do {
      const page: any = await system.gql(officeOf('PROVINCE', '510403'), LIST, { first: 2, after });
      expect(page.data.workshops.totalCount).toBe(5);
      pages.push(page.data.workshops.nodes.map((n: { name: string }) => n.name));
      after = page.data.workshops.pageInfo.hasNextPage ? page.data.workshops.pageInfo.endCursor : null;
    } while (after);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().sort()).toEqual(
      ['东区工作室', '四川省工作室', '成都市工作室', '攀枝花市工作室', '西区工作室'].sort(),
    );
  });
});
