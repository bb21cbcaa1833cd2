import { Role, signIdentity } from '@mingshi/auth';
import { errorCodes, postGraphQL } from '@mingshi/testing';
import { TEST_SECRETS, TestSystem } from '../harness/system';

const ENTITIES = `{ _entities(representations: [{ __typename: "Region", code: "510403" }]) { ... on Region { name } } }`;

describe('subgraphs accept only gateway-signed requests', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start();
  });
  afterAll(() => system?.stop());

  it('refuses a request without the gateway identity', async () => {
    const r = await postGraphQL(system.personnelUrl, ENTITIES);
    expect(r.status).toBe(401);
    expect(errorCodes(r)).toEqual(['UNAUTHENTICATED']);
    expect(r.data).toBeUndefined();
  });

  it('refuses an identity signed with another secret', async () => {
    const forged = await signIdentity(
      { userId: 'mallory', roles: [Role.PROVINCE_OFFICE], regionCode: '510000' },
      'not-the-gateway-secret-but-long-enough-000',
    );
    const r = await postGraphQL(system.personnelUrl, ENTITIES, {}, { 'x-mingshi-identity': forged });
    expect(errorCodes(r)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a caller token presented straight to the subgraph', async () => {
    const token = await system.token({ role: Role.PROVINCE_OFFICE, region: '510000' });
    const r = await postGraphQL(
      system.personnelUrl,
      ENTITIES,
      {},
      { 'x-mingshi-identity': token, authorization: `Bearer ${token}` },
    );
    expect(errorCodes(r)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers a request the gateway signed', async () => {
    const identity = await signIdentity(
      { userId: 'gw', roles: [Role.ANALYST], regionCode: '510000' },
      TEST_SECRETS.identity,
    );
    const r = await postGraphQL(system.personnelUrl, ENTITIES, {}, { 'x-mingshi-identity': identity });
    expect(r.data?._entities).toEqual([{ name: '西区' }]);
  });
});
