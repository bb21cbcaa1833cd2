import http from 'node:http';
import { Role } from '@mingshi/auth';
import { listen } from '@mingshi/subgraph-server';
import { errorCodes, postGraphQL } from '@mingshi/testing';
import { TestSystem } from '../harness/system';

let system: TestSystem;
beforeAll(async () => {
  system = await TestSystem.start();
});
afterAll(() => system?.stop());

const office = { role: Role.COUNTY_OFFICE, region: '510403' };

/** Fails the test instead of hanging it when the gateway does not answer. */
function withinMs<T>(ms: number, answer: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    answer.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}

describe('a Date argument far too long for a date', () => {
  // 30,000 characters is the reported case; 200,000 is past any stream buffer the answer crosses.
  for (const length of [30_000, 200_000]) {
    const value = '9'.repeat(length);

    it(`is refused, not left hanging, written inline (${length} characters)`, async () => {
      const r = await withinMs(
        5000,
        system.gql(
          office,
          `{ workshopMetrics(period: { from: "${value}", to: "2025-12-31" }) { activityCount } }`,
        ),
      );
      expect(errorCodes(r)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(r.errors?.[0]?.message).toMatch(/Date/);
    });

    it(`is refused, not left hanging, as a variable (${length} characters)`, async () => {
      const r = await withinMs(
        5000,
        system.gql(
          office,
          `query ($from: Date!) { workshopMetrics(period: { from: $from, to: "2025-12-31" }) { activityCount } }`,
          { from: value },
        ),
      );
      expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors?.[0]?.message).toMatch(/Date/);
    });
  }
});

describe('the request deadline', () => {
  let silent: http.Server;
  let silentUrl: string;
  beforeAll(async () => {
    // A subgraph that accepts the connection and never answers.
    silent = http.createServer(() => undefined);
    silentUrl = `http://127.0.0.1:${await listen(silent, 0, '127.0.0.1')}/graphql`;
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('answers 504 TIMEOUT when a subgraph does not answer within the budget, with the data that did arrive', async () => {
    // Long enough for personnel's part to answer on a busy CI machine, short enough to wait for.
    const gateway = await system.startGateway({ GATEWAY_TIMEOUT_MS: '1500', WORKSHOP_URL: silentUrl });
    const started = Date.now();
    const r = await withinMs(
      8000,
      postGraphQL(
        gateway,
        `{ viewer { userId } workshop(id: "00000000-0000-0000-0000-000000000000") { name } }`,
        {},
        {
          authorization: `Bearer ${await system.token(office)}`,
        },
      ),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.status).toBe(504);
    expect(errorCodes(r)).toEqual(['TIMEOUT']);
    expect(r.errors?.[0]?.message).toMatch(/1500 ms/);
    expect(r.data).toEqual({ viewer: { userId: 'county_office-510403' }, workshop: null });
  });

  it('lets a request that fits its budget through', async () => {
    const gateway = await system.startGateway({ GATEWAY_TIMEOUT_MS: '5000' });
    const r = await postGraphQL(
      gateway,
      `{ viewer { userId } workshops(first: 1) { totalCount } }`,
      {},
      {
        authorization: `Bearer ${await system.token(office)}`,
      },
    );
    expect(r.status).toBe(200);
    expect(r.errors).toBeUndefined();
  });
});
