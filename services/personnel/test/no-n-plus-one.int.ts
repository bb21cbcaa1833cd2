import { Role } from '@mingshi/auth';
import { createSchool, createTeacher } from '../../../test/harness/fixtures';
import { TestSystem } from '../../../test/harness/system';

const PAGE = `query ($first: Int!) {
  teachers(first: $first, filter: { regionCode: "510403" }) {
    nodes {
      name
      nationalId
      school { name region { name parent { name } } }
      region { fullName }
      talentTitles { label awardedBy { name } }
      trainingHours(year: 2024) { hours meetsRequirement records { hours } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('a teachers page with school and region', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start();
    const schools = [];
    for (let i = 0; i < 6; i++) schools.push(await createSchool(system, '510403'));
    for (let i = 0; i < 60; i++) {
      const teacher = await createTeacher(system, schools[i % schools.length]!, '510403');
      if (i % 3 === 0) {
        await system.gql(
          { role: Role.COUNTY_OFFICE, region: '510403' },
          `mutation ($i: AwardTalentTitleInput!) { awardTalentTitle(input: $i) { id } }`,
          {
            i: { teacherId: teacher.id, kind: 'BACKBONE_TEACHER', level: 'COUNTY', year: 2023 },
          },
        );
      }
    }
  });
  afterAll(() => system?.stop());

  async function statementsFor(first: number): Promise<number> {
    system.personnelQueries.reset();
    const r = await system.gql({ role: Role.COUNTY_OFFICE, region: '510403' }, PAGE, { first });
    expect(r.errors).toBeUndefined();
    expect(r.data?.teachers.nodes).toHaveLength(first);
    return system.personnelQueries.count;
  }

  it('sends the same number of SQL statements for 5 rows as for 50', async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(50);
    expect(large).toBe(small);
    // One transaction: begin, scope, page, schools, regions (twice: school regions then parents),
    // titles, training records, audit insert, commit. A regression to per-row loading shows here.
    expect(large).toBeLessThanOrEqual(12);
  });
});
