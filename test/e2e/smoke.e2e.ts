import { Role } from '@mingshi/auth';
import { TestSystem } from '../harness/system';

describe('smoke', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start();
  });
  afterAll(() => system?.stop());

  it('answers a signed-in viewer', async () => {
    const r = await system.gql(
      { role: Role.COUNTY_OFFICE, region: '510403' },
      `{ viewer { userId roles region { name fullName } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.viewer.region).toEqual({ name: '西区', fullName: '四川省 / 攀枝花市 / 西区' });
  });
});
