import { Role, mintDevToken } from '@mingshi/auth';
import { errorCodes, postGraphQL } from '@mingshi/testing';
import { explorerExamples } from '../../gateway/src/explorer-examples';
import { GRAPH_DESCRIPTION } from '../../gateway/src/graph-description';
import { TEST_SECRETS, TestSystem } from '../harness/system';

const INTROSPECTION = `{ __schema { queryType { name } } }`;

let system: TestSystem;
beforeAll(async () => {
  system = await TestSystem.start();
});
afterAll(() => system?.stop());

describe('gateway authentication', () => {
  it('gives anonymous callers UNAUTHENTICATED and nothing else, introspection included', async () => {
    for (const query of [INTROSPECTION, `{ teachers { nodes { name } } }`, `{ __typename }`]) {
      const r = await system.gql(null, query);
      expect(r.status).toBe(401);
      expect(errorCodes(r)).toEqual(['UNAUTHENTICATED']);
      expect(r.data).toBeUndefined();
    }
  });

  it('refuses a token signed with another secret', async () => {
    const token = await mintDevToken(
      { userId: 'x', roles: [Role.PROVINCE_OFFICE], regionCode: '510000' },
      'some-other-secret-which-is-long-enough',
    );
    const r = await system.gql(token, `{ __typename }`);
    expect(errorCodes(r)).toEqual(['UNAUTHENTICATED']);
    expect(r.errors?.[0]?.message).toMatch(/signature is not valid/);
  });

  it('says a malformed token is malformed', async () => {
    const r = await system.gql('not.a-token', `{ __typename }`);
    expect(r.status).toBe(401);
    expect(errorCodes(r)).toEqual(['UNAUTHENTICATED']);
    expect(r.errors?.[0]?.message).toMatch(/malformed/);
  });

  it('refuses an expired token', async () => {
    const token = await mintDevToken(
      { userId: 'x', roles: [Role.COUNTY_OFFICE], regionCode: '510403' },
      TEST_SECRETS.jwt,
      {
        expiresIn: '-1m',
      },
    );
    const r = await system.gql(token, `{ __typename }`);
    expect(r.status).toBe(401);
    expect(errorCodes(r)).toEqual(['UNAUTHENTICATED']);
    const expiry = new Date((JSON.parse(atob(token.split('.')[1]!)) as { exp: number }).exp * 1000);
    expect(r.errors?.[0]?.message).toBe(`The token expired at ${expiry.toISOString()}`);
  });

  it('refuses tokens that claim the internal SYSTEM role or lack a teacher for TEACHER', async () => {
    const system_ = await mintDevToken(
      { userId: 'x', roles: [Role.SYSTEM], regionCode: '510000' },
      TEST_SECRETS.jwt,
    );
    expect(errorCodes(await system.gql(system_, `{ __typename }`))).toEqual(['UNAUTHENTICATED']);
    const teacher = await mintDevToken(
      { userId: 'x', roles: [Role.TEACHER], regionCode: '510403' },
      TEST_SECRETS.jwt,
    );
    expect(errorCodes(await system.gql(teacher, `{ __typename }`))).toEqual(['UNAUTHENTICATED']);
  });

  it('keeps stack traces out of UNAUTHENTICATED answers, in development too', async () => {
    const development = await system.startGateway({ NODE_ENV: 'development' });
    for (const token of [null, 'not.a-token']) {
      const r = await postGraphQL(
        development,
        INTROSPECTION,
        {},
        token ? { authorization: `Bearer ${token}` } : {},
      );
      expect(errorCodes(r)).toEqual(['UNAUTHENTICATED']);
      expect(JSON.stringify(r)).not.toMatch(/stacktrace|at .*\.ts/);
    }
  });

  it('lets an authenticated analyst introspect', async () => {
    const r = await system.gql({ role: Role.ANALYST, region: '520000' }, INTROSPECTION);
    expect(r.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('returns a request id and keeps stack traces out of errors', async () => {
    const r = await system.gql(
      { role: Role.COUNTY_OFFICE, region: '510403' },
      `{ teacher(id: "nope") { name } }`,
    );
    expect(r.headers.get('x-request-id')).toMatch(/.+/);
    expect(errorCodes(r)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(r.errors)).not.toMatch(/stacktrace|at .*\.ts/);
  });
});

describe('gateway query limits', () => {
  const analyst = { role: Role.ANALYST, region: '520000' };

  it('refuses a query deeper than the limit', async () => {
    const deep = `{ region(code: "520000") { ${'children { '.repeat(14)}code${' }'.repeat(14)} } }`;
    const r = await system.gql(analyst, deep);
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0]?.message).toMatch(/depth/i);
    expect(errorCodes(r)[0]).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 25 }, (_, i) => `r${i}: region(code: "520000") { name }`).join(' ');
    const r = await system.gql(analyst, `{ ${aliases} }`);
    expect(r.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('accepts an ordinary analyst query', async () => {
    const r = await system.gql(analyst, `{ region(code: "520000") { name children { name } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data?.region.name).toBe('贵州省');
    expect(r.data?.region.children.map((c: { name: string }) => c.name)).toContain('贵阳市');
  });
});

describe('health', () => {
  it('reports alive and ready on the gateway and the subgraph', async () => {
    for (const base of [system.gatewayUrl, system.personnelUrl]) {
      const alive = await fetch(base.replace('/graphql', '/healthz'));
      expect(alive.status).toBe(200);
      const ready = await fetch(base.replace('/graphql', '/readyz'));
      expect(ready.status).toBe(200);
    }
    const subgraph = (await (await fetch(system.personnelUrl.replace('/graphql', '/readyz'))).json()) as {
      checks: unknown;
    };
    expect(subgraph.checks).toEqual({ postgres: 'ok', redis: 'ok' });
  });

  it('serves the explorer page without a CDN', async () => {
    const page = await (await fetch(system.gatewayUrl.replace('/graphql', '/'))).text();
    expect(page).toContain('/explorer/graphiql/graphiql.min.js');
    expect(page).not.toMatch(/https?:\/\/(?!localhost)/);
    const script = await fetch(system.gatewayUrl.replace('/graphql', '/explorer/graphiql/graphiql.min.js'));
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(1000);
  });
});

describe('the explorer', () => {
  const page = () => fetch(system.gatewayUrl.replace('/graphql', '/')).then((r) => r.text());

  it('asks for a token instead of sending a request without one, and remounts GraphiQL for each token', async () => {
    const html = await page();
    expect(html).toContain('Paste a token to explore the graph');
    // A new key per token makes GraphiQL fetch the schema again with the new fetcher.
    expect(html).toMatch(/key: token, fetcher/);
  });

  it('opens with an example for the caller’s role, and every example runs for its roles', async () => {
    const html = await page();
    const examples = explorerExamples(new Date().getFullYear());
    expect(html).toContain(JSON.stringify(examples));
    const ids = {
      teacherId: '00000000-0000-0000-0000-000000000001',
      schoolId: '00000000-0000-0000-0000-000000000002',
    };
    for (const example of examples) {
      for (const role of example.roles) {
        const r = await system.gql({ role, region: '510403', ...ids }, example.query);
        expect({ role, errors: r.errors }).toEqual({ role, errors: undefined });
      }
    }
  });

  it('describes the graph as a whole, not one subgraph', async () => {
    const r = await system.gql(
      { role: Role.ANALYST, region: '520000' },
      `{ __schema { description queryType { description } } }`,
    );
    expect(r.data?.__schema.description).toBe(GRAPH_DESCRIPTION);
    expect(r.data?.__schema.queryType.description).toBe(GRAPH_DESCRIPTION);
    expect(GRAPH_DESCRIPTION).toMatch(/personnel[\s\S]*workshop/);
  });
});
