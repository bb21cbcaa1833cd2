import { Role, signIdentity } from '@mingshi/auth';
import { httpRequest, type HttpResponse } from '@mingshi/testing';
import { TEST_SECRETS, TestSystem } from '../harness/system';

let system: TestSystem;
let auth: Record<string, string>;
beforeAll(async () => {
  system = await TestSystem.start();
  auth = { authorization: `Bearer ${await system.token({ role: Role.COUNTY_OFFICE, region: '510403' })}` };
});
afterAll(() => system?.stop());

/** A refusal in the shape GraphQL clients parse: `{ errors: [{ message, extensions: { code } }] }`. */
function expectRefusal(response: HttpResponse, status: number, code: string): void {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: {
      errors: [
        expect.objectContaining({
          message: expect.any(String),
          extensions: expect.objectContaining({ code }),
        }),
      ],
    },
  });
}

const json = { 'content-type': 'application/json' };
const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  httpRequest(url, { method: 'POST', headers: { ...json, ...headers }, body });

describe('the gateway refuses client mistakes with 4xx and a GraphQL-shaped body', () => {
  it('answers a GraphQL syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    const r = await post(system.gatewayUrl, JSON.stringify({ query: '{ viewer {' }), auth);
    expectRefusal(r, 400, 'GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(r.body)).toMatch(/Syntax Error/);
  });

  it('answers a query over the token limit with 400 GRAPHQL_PARSE_FAILED naming the limit', async () => {
    const query = `{ ${'__typename '.repeat(3001)} }`;
    const r = await post(system.gatewayUrl, JSON.stringify({ query }), auth);
    expectRefusal(r, 400, 'GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(r.body)).toMatch(/3000 tokens/);
  });

  it('answers a body that is not JSON with 400 BAD_REQUEST', async () => {
    expectRefusal(await post(system.gatewayUrl, '{"query": ', auth), 400, 'BAD_REQUEST');
  });

  it('answers a body over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(1_100_000) } });
    expectRefusal(await post(system.gatewayUrl, body, auth), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown path with 404 NOT_FOUND', async () => {
    expectRefusal(
      await httpRequest(system.gatewayUrl.replace('/graphql', '/nothing-here')),
      404,
      'NOT_FOUND',
    );
    expectRefusal(
      await httpRequest(system.gatewayUrl.replace('/graphql', '/explorer/graphiql/none.js')),
      404,
      'NOT_FOUND',
    );
  });

  it('answers a method a path does not serve with 405 METHOD_NOT_ALLOWED and the methods it does', async () => {
    const cases = [
      ['PUT', system.gatewayUrl, 'GET, POST, HEAD'],
      ['DELETE', system.gatewayUrl.replace('/graphql', '/'), 'GET, HEAD'],
      ['POST', system.gatewayUrl.replace('/graphql', '/healthz'), 'GET, HEAD'],
    ] as const;
    for (const [method, url, allowed] of cases) {
      const r = await httpRequest(url, { method, headers: { ...json, ...auth }, body: '{}' });
      expectRefusal(r, 405, 'METHOD_NOT_ALLOWED');
      expect(r.headers.get('allow')).toBe(allowed);
    }
  });

  it('still answers GET queries', async () => {
    const url = `${system.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`;
    const r = await httpRequest(url, { headers: { ...auth, 'apollo-require-preflight': 'true' } });
    expect(r.body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('subgraphs refuse client mistakes in the same shape', () => {
  let identity: Record<string, string>;
  beforeAll(async () => {
    identity = {
      'x-mingshi-identity': await signIdentity(
        { userId: 'gw', roles: [Role.ANALYST], regionCode: '510000' },
        TEST_SECRETS.identity,
      ),
    };
  });

  it('answers a syntax error, a body that is not JSON and one over 1 MB with JSON refusals', async () => {
    const url = system.personnelUrl;
    expectRefusal(
      await post(url, JSON.stringify({ query: '{ viewer {' }), identity),
      400,
      'GRAPHQL_PARSE_FAILED',
    );
    expectRefusal(await post(url, '{"query": ', identity), 400, 'BAD_REQUEST');
    const big = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(1_100_000) } });
    expectRefusal(await post(url, big, identity), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers unknown paths and methods with JSON 404 and 405', async () => {
    expectRefusal(
      await httpRequest(system.workshop.url.replace('/graphql', '/nothing-here')),
      404,
      'NOT_FOUND',
    );
    expectRefusal(await httpRequest(system.workshop.url, { method: 'DELETE' }), 405, 'METHOD_NOT_ALLOWED');
    expectRefusal(await httpRequest(system.workshop.url, { method: 'OPTIONS' }), 405, 'METHOD_NOT_ALLOWED');
  });
});
