import { Role } from '@mingshi/auth';
import { allocated, approved, submitted } from '../../../test/harness/finance-fixtures';
import { TestSystem } from '../../../test/harness/system';
import { foundStudio } from '../../../test/harness/workshop-fixtures';

const YEAR = new Date().getFullYear();

/** The county's funds page: each studio with its funding and its allocations' children. */
const PAGE = `query ($first: Int!) {
  workshops(first: $first, filter: { regionCode: "510403" }) {
    nodes {
      id
      funding(year: ${YEAR}) { allocated approved executionRate spendingByCategory { category approved } frozen }
      fundAllocations { id adjustments { newAmount } disbursements { amount } expenses { id status allocation { id } } }
    }
  }
}`;

const COUNTY = { role: Role.COUNTY_OFFICE, region: '510403' };

describe('a page of studios with their funds', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start();
    for (let i = 0; i < 12; i++) {
      const studio = await foundStudio(system, { name: `经费工作室${String(i).padStart(2, '0')}` });
      const allocation = await allocated(system, studio, `${100 + i}.00`);
      const expense = await submitted(system, studio, allocation.id, '10.00');
      if (i % 2 === 0) await approved(system, studio, expense.id);
    }
  }, 240_000);
  afterAll(() => system?.stop());

  async function statementsFor(first: number): Promise<number> {
    system.finance.queries.reset();
    const r = await system.gql(COUNTY, PAGE, { first });
    expect(r.errors).toBeUndefined();
    const nodes = r.data?.workshops.nodes;
    expect(nodes).toHaveLength(first);
    expect(nodes.every((n: { funding: { allocated: string } }) => n.funding.allocated !== '0.00')).toBe(true);
    return system.finance.queries.count;
  }

  it('sends the same number of finance SQL statements for 3 studios as for 12', async () => {
    const small = await statementsFor(3);
    const large = await statementsFor(12);
    expect(large).toBe(small);
    // Begin, scope, readable studios, funding, allocations, adjustments, disbursements, expenses,
    // commit: a regression to per-studio loading shows here first.
    expect(large).toBeLessThanOrEqual(10);
  });
});
