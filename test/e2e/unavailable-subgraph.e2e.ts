import http from 'node:http';
import { Role } from '@mingshi/auth';
import { listen } from '@mingshi/subgraph-server';
import { errorCodes, postGraphQL } from '@mingshi/testing';
import { freePorts } from '../../bench/ports';
import { TestSystem } from '../harness/system';

/**
 * A subgraph that is not there — its process gone, or saying it cannot serve — is an outage the
 * caller may retry: 503 SERVICE_UNAVAILABLE naming the subgraph, beside whatever the other
 * subgraphs answered, never an internal error. (test/faults/ kills real processes under load.)
 */
let system: TestSystem;
let refusing: http.Server;
let refusingUrl: string;
beforeAll(async () => {
  system = await TestSystem.start();
  // What an ingress or a draining server answers: 503 with a body that is no GraphQL answer.
  refusing = http.createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('upstream connect error');
  });
  refusingUrl = `http://127.0.0.1:${await listen(refusing, 0, '127.0.0.1')}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => refusing?.close(resolve));
  await system?.stop();
});

const office = { role: Role.COUNTY_OFFICE, region: '510403' };
const QUERY = `{ viewer { userId } workshop(id: "00000000-0000-0000-0000-000000000000") { name } }`;

async function ask(gateway: string) {
  return postGraphQL(gateway, QUERY, {}, { authorization: `Bearer ${await system.token(office)}` });
}

it('answers 503 SERVICE_UNAVAILABLE naming a subgraph nothing listens for, with the data the others gave', async () => {
  const { closed } = await freePorts(['closed']);
  const gateway = await system.startGateway({ WORKSHOP_URL: `http://127.0.0.1:${closed}/graphql` });
  const r = await ask(gateway);
  expect(r.status).toBe(503);
  expect(errorCodes(r)).toEqual(['SERVICE_UNAVAILABLE']);
  expect(r.errors?.[0]?.extensions?.service).toBe('workshop');
  expect(r.errors?.[0]?.message).toMatch(
    /workshop service is unavailable \(ECONNREFUSED\).*nothing was asked of it/,
  );
  expect(r.data).toEqual({ viewer: { userId: 'county_office-510403' }, workshop: null });
});

it('answers SERVICE_UNAVAILABLE when a subgraph answers that it cannot serve now', async () => {
  const gateway = await system.startGateway({ WORKSHOP_URL: refusingUrl });
  const r = await ask(gateway);
  expect(r.status).toBe(503);
  expect(errorCodes(r)).toEqual(['SERVICE_UNAVAILABLE']);
  expect(r.errors?.[0]?.message).toMatch(/workshop service is unavailable \(it answered HTTP 503\)/);
  expect(r.data?.viewer).toEqual({ userId: 'county_office-510403' });
});
