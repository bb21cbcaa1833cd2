import { TestSystem } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

/**
 * A studio page names each studio's host and host school, both personnel's. The query plan fetches
 * them side by side, and workshop asks personnel which of them the caller may see; each of those
 * reaches personnel as one request (one transaction), with every name in place.
 */
const WEST = officeOf('COUNTY', '510403');

const PAGE = `{ workshops(first: 10) { nodes { name host { id name } hostSchool { id name } } } }`;

/** Requests personnel answered since the counter was reset: each opens one transaction. */
function personnelRequests(system: TestSystem): number {
  return system.personnelQueries.statements.filter((sql) => /^START TRANSACTION/i.test(sql)).length;
}

describe('entity fetches to one subgraph in one plan step', () => {
  let system: TestSystem;
  let studios: Studio[];

  beforeAll(async () => {
    system = await TestSystem.start();
    studios = [];
    for (const name of ['甲工作室', '乙工作室', '丙工作室']) {
      studios.push(await foundStudio(system, { countyCode: '510403', name }));
    }
  });
  afterAll(() => system?.stop());

  it('reach personnel as one request from the gateway and one from workshop, with every name', async () => {
    system.personnelQueries.reset();
    const r = await system.gql(WEST, PAGE);
    expect(r.errors).toBeUndefined();
    const nodes = (r.data as { workshops: { nodes: unknown[] } }).workshops.nodes;
    expect(nodes).toHaveLength(studios.length);
    for (const studio of studios) {
      expect(nodes).toContainEqual(
        expect.objectContaining({
          host: { id: studio.host.id, name: studio.host.name },
          hostSchool: { id: studio.school.id, name: expect.any(String) },
        }),
      );
    }
    expect(personnelRequests(system)).toBe(2);
  });
});
