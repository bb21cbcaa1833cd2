import { Client } from 'pg';
import { errorCodes } from '@mingshi/testing';
import { TestSystem } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

/**
 * Every request has a cost limit checked at the gateway before any work, and a time budget in each
 * subgraph after which it answers TIMEOUT, rolled back — never a hung connection.
 */
const WEST = officeOf('COUNTY', '510403');
const YEAR = { from: '2024-01-01', to: '2024-12-31' };

describe('cost limit', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start();
  });
  afterAll(() => system?.stop());

  it("refuses twenty aliases of a province's metrics as too expensive, before any subgraph works", async () => {
    const aliases = Array.from(
      { length: 20 },
      (_, i) =>
        `m${i}: workshopMetrics(period: { from: "${2020 + (i % 5)}-01-01", to: "${2024}-12-31" }) { activityCount }`,
    ).join('\n');
    system.workshop.queries.reset();
    const r = await system.gql(WEST, `{ ${aliases} }`);
    expect(r.status).toBe(400);
    expect(errorCodes(r)).toEqual(['QUERY_TOO_EXPENSIVE']);
    expect(r.errors?.[0]?.message).toMatch(/cost/);
    expect(r.errors?.[0]?.extensions).toMatchObject({ maxCost: 10000 });
    expect(system.workshop.queries.count).toBe(0);
  });

  it('prices pages by their size, so pages of pages are refused and a modest page is not', async () => {
    const page = `query ($studios: Int, $activities: Int) {
      workshops(first: $studios) {
        nodes { name activities(first: $activities) { nodes { title participants { id } } } }
      }
    }`;
    expect(errorCodes(await system.gql(WEST, page, { studios: 100, activities: 100 }))).toEqual([
      'QUERY_TOO_EXPENSIVE',
    ]);
    const modest = await system.gql(WEST, page, { studios: 20, activities: 5 });
    expect(modest.errors).toBeUndefined();
  });

  it('lets the pages front ends ask for through', async () => {
    const r = await system.gql(
      WEST,
      `{ teachers(first: 100) { totalCount nodes { name school { name } region { fullName } talentTitles { label } } } }`,
    );
    expect(r.errors).toBeUndefined();
  });
});

describe('time budget', () => {
  let system: TestSystem;
  let studio: Studio;
  let blocker: Client;

  beforeAll(async () => {
    // Enough for the setup's mutations on a busy CI machine; a locked statement waits it out.
    system = await TestSystem.start({ requestBudgetMs: 2000 });
    studio = await foundStudio(system, { countyCode: '510403', name: '西区工作室' });
    blocker = new Client({ connectionString: system.database.ownerUrl });
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker?.end();
    await system?.stop();
  });

  /** Runs `work` while another session holds the studio table, so statements on it wait. */
  async function whileStudiosLocked<T>(work: () => Promise<T>): Promise<T> {
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE workshop.workshop IN ACCESS EXCLUSIVE MODE');
    try {
      return await work();
    } finally {
      await blocker.query('ROLLBACK');
    }
  }

  it('answers TIMEOUT when a read runs past the budget, and serves the next request normally', async () => {
    const started = Date.now();
    const r = await whileStudiosLocked(() => system.gql(WEST, `{ workshops { nodes { name } } }`));
    expect(Date.now() - started).toBeLessThan(8000);
    expect(errorCodes(r)).toContain('TIMEOUT');
    expect(r.errors?.[0]?.message).toMatch(/time budget of 2000 ms/);

    const after = await system.gql(WEST, `{ workshops { nodes { name } } }`);
    expect(after.errors).toBeUndefined();
    expect(after.data?.workshops.nodes).toEqual([{ name: '西区工作室' }]);
  });

  it('keeps nothing of a mutation that ran out of time', async () => {
    const r = await whileStudiosLocked(() =>
      system.gql(
        studio.office,
        `mutation ($id: ID!) { updateWorkshop(id: $id, input: { name: "改名工作室" }) { name } }`,
        { id: studio.id },
      ),
    );
    expect(errorCodes(r)).toContain('TIMEOUT');
    const seen = await system.gql(WEST, `query ($id: ID!) { workshop(id: $id) { name } }`, { id: studio.id });
    expect(seen.data?.workshop.name).toBe('西区工作室');
  });

  it('reports a timeout as TIMEOUT, not as an internal error, in metrics too', async () => {
    const r = await whileStudiosLocked(() =>
      system.gql(WEST, `query ($p: PeriodInput!) { workshopMetrics(period: $p) { activityCount } }`, {
        p: YEAR,
      }),
    );
    expect(errorCodes(r)).toEqual(['TIMEOUT']);
  });
});
