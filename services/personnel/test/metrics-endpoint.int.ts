import { IDENTITY_HEADER, Role, signIdentity } from '@mingshi/auth';
import { postGraphQL, sampleValue as sample } from '@mingshi/testing';
import { createSchool, createTeacher } from '../../../test/harness/fixtures';
import { TEST_SECRETS, TestSystem } from '../../../test/harness/system';

const PAGE = `{ teachers(first: 20) { nodes { name school { name } region { fullName } } } }`;

describe("a subgraph's /metrics", () => {
  let system: TestSystem;
  let metricsUrl: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    const school = await createSchool(system, '510403');
    for (let i = 0; i < 3; i++) await createTeacher(system, school, '510403');
    metricsUrl = system.personnelUrl.replace(/\/graphql$/, '/metrics');
  });
  afterAll(() => system?.stop());

  async function scrape(): Promise<{ statements: number; requests: number }> {
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    return {
      statements: sample(text, 'mingshi_sql_statements_total{transaction="request"}'),
      requests: sample(text, 'mingshi_graphql_requests_total'),
    };
  }

  it('counts the SQL statements and the answer of a request, with no credentials', async () => {
    const identity = await signIdentity(
      { userId: 'county', roles: [Role.COUNTY_OFFICE], regionCode: '510403' },
      TEST_SECRETS.identity,
    );
    const before = await scrape();
    system.personnelQueries.reset();
    const r = await postGraphQL(system.personnelUrl, PAGE, undefined, { [IDENTITY_HEADER]: identity });
    expect(r.errors).toBeUndefined();
    expect(r.data?.teachers.nodes).toHaveLength(3);
    const after = await scrape();

    // The request's own transaction, statement for statement as TypeORM sent them.
    expect(system.personnelQueries.count).toBeGreaterThan(0);
    expect(after.statements - before.statements).toBe(system.personnelQueries.count);
    expect(after.requests - before.requests).toBe(1);
  });

  it('answers only GET', async () => {
    const response = await fetch(metricsUrl, { method: 'POST' });
    expect(response.status).toBe(405);
  });
});
