import { Role } from '@mingshi/auth';
import { createTeacher } from '../../../test/harness/fixtures';
import { TestSystem } from '../../../test/harness/system';
import { foundStudio } from '../../../test/harness/workshop-fixtures';

/** The county front end's studio page: each studio with its host, host school and team size. */
const PAGE = `query ($first: Int!) {
  workshops(first: $first, filter: { regionCode: "510403" }) {
    nodes { name host { id name } hostSchool { id name } memberCount traineeCount }
    pageInfo { hasNextPage endCursor }
  }
}`;

const COUNTY = { role: Role.COUNTY_OFFICE, region: '510403' };

describe('a studio page with host, school and member count', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start();
    // Through the graph, as offices would: a school, a titled host, founding and activation each.
    for (let i = 0; i < 52; i++) {
      const studio = await foundStudio(system, { name: `工作室${String(i).padStart(2, '0')}` });
      if (i % 4 === 0) {
        const member = await createTeacher(system, studio.school, '510403');
        const added = await system.gql(
          studio.hostCaller,
          `mutation ($input: AddWorkshopMemberInput!) { addWorkshopMember(input: $input) { id } }`,
          { input: { workshopId: studio.id, teacherId: member.id } },
        );
        if (added.errors) throw new Error(JSON.stringify(added.errors));
      }
    }
  }, 240_000);
  afterAll(() => system?.stop());

  async function statementsFor(first: number): Promise<{ workshop: number; personnel: number }> {
    system.workshop.queries.reset();
    system.personnel.queries.reset();
    const r = await system.gql(COUNTY, PAGE, { first });
    expect(r.errors).toBeUndefined();
    const nodes = r.data?.workshops.nodes;
    expect(nodes).toHaveLength(first);
    expect(
      nodes.every(
        (n: { host: { name: string }; hostSchool: { name: string } }) => n.host.name && n.hostSchool.name,
      ),
    ).toBe(true);
    return { workshop: system.workshop.queries.count, personnel: system.personnel.queries.count };
  }

  it('sends the same number of SQL statements for 5 studios as for 50', async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(50);
    expect(large).toEqual(small);
    // Workshop: begin, scope, the page, open host memberships, memberships of the page, commit.
    // A regression to per-studio loading shows here first.
    expect(large.workshop).toBeLessThanOrEqual(6);
  });

  it('counts members per studio from the batched memberships', async () => {
    const r = await system.gql(COUNTY, PAGE, { first: 8 });
    expect(
      r.data?.workshops.nodes.map((n: { name: string; memberCount: number }) => [n.name, n.memberCount]),
    ).toEqual([
      ['工作室00', 1],
      ['工作室01', 0],
      ['工作室02', 0],
      ['工作室03', 0],
      ['工作室04', 1],
      ['工作室05', 0],
      ['工作室06', 0],
      ['工作室07', 0],
    ]);
  });
});
