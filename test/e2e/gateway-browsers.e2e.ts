import { exportSPKI, generateKeyPair } from 'jose';
import { Role } from '@mingshi/auth';
import { httpRequest } from '@mingshi/testing';
import { TestSystem } from '../harness/system';

let system: TestSystem;
beforeAll(async () => {
  system = await TestSystem.start();
});
afterAll(() => system?.stop());

const FRONT_END_HEADERS = 'authorization, content-type, x-request-id, apollo-require-preflight';

function preflight(url: string, origin: string) {
  return httpRequest(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': FRONT_END_HEADERS,
    },
  });
}

describe('browsers on other origins', () => {
  it('answers a local front end’s preflight, allowing the headers front ends send', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000']) {
      const r = await preflight(system.gatewayUrl, origin);
      expect(r.status).toBe(204);
      expect(r.headers.get('access-control-allow-origin')).toBe(origin);
      expect(r.headers.get('access-control-allow-methods')).toBe('GET,POST');
      expect(r.headers.get('access-control-allow-headers')?.split(',').sort()).toEqual(
        FRONT_END_HEADERS.split(', ').sort(),
      );
    }
  });

  it('lets the front end read the request id of an answer', async () => {
    const token = await system.token({ role: Role.COUNTY_OFFICE, region: '510403' });
    const r = await httpRequest(system.gatewayUrl, {
      method: 'POST',
      headers: {
        origin: 'http://localhost:5173',
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-request-id': 'front-end-42',
      },
      body: JSON.stringify({ query: '{ viewer { userId } }' }),
    });
    expect(r.body).toEqual({ data: { viewer: { userId: 'county_office-510403' } } });
    expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(r.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(r.headers.get('x-request-id')).toBe('front-end-42');
  });

  it('gives other origins no CORS permission', async () => {
    const r = await preflight(system.gatewayUrl, 'https://evil.example');
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the configured origins, and in production none unless configured', async () => {
    const configured = await system.startGateway({
      CORS_ORIGINS: 'https://county.example, https://city.example',
    });
    expect(
      (await preflight(configured, 'https://city.example')).headers.get('access-control-allow-origin'),
    ).toBe('https://city.example');
    expect(
      (await preflight(configured, 'http://localhost:5173')).headers.get('access-control-allow-origin'),
    ).toBeNull();

    // Production refuses the shared development secret, so this gateway checks tokens with a key.
    const { publicKey } = await generateKeyPair('RS256');
    const production = await system.startGateway({
      NODE_ENV: 'production',
      JWT_SECRET: '',
      JWT_PUBLIC_KEY: await exportSPKI(publicKey),
    });
    expect(
      (await preflight(production, 'http://localhost:5173')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});

describe('response headers', () => {
  it('does not announce Express, on the gateway or the subgraphs', async () => {
    for (const url of [system.gatewayUrl, system.personnelUrl, system.workshop.url]) {
      for (const path of ['/graphql', '/healthz', '/nothing-here']) {
        const r = await fetch(url.replace('/graphql', path));
        expect(r.headers.get('x-powered-by')).toBeNull();
      }
    }
  });

  it('compresses answers for clients that accept it', async () => {
    const token = await system.token({ role: Role.ANALYST, region: '520000' });
    const r = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'accept-encoding': 'gzip',
      },
      body: JSON.stringify({ query: '{ __schema { types { name description } } }' }),
    });
    expect(r.headers.get('content-encoding')).toBe('gzip');
    // fetch inflates the body, so it reads as the JSON the server sent.
    expect(
      ((await r.json()) as { data: { __schema: { types: unknown[] } } }).data.__schema.types.length,
    ).toBeGreaterThan(50);
    const explorer = await fetch(
      system.gatewayUrl.replace('/graphql', '/explorer/graphiql/graphiql.min.js'),
      {
        headers: { 'accept-encoding': 'gzip' },
      },
    );
    expect(explorer.headers.get('content-encoding')).toBe('gzip');
  });
});
