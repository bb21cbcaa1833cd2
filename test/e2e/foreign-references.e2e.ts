import { Role } from '@mingshi/auth';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';
import { createTeacher } from '../harness/fixtures';

/**
 * Workshop holds teachers and schools by key only, and the gateway answers a selection of just that
 * key without asking personnel. These tests pin that such a reference is null whenever personnel
 * would not show the entity to the caller — by scope or by role — whichever fields are selected.
 */
const WEST = officeOf('COUNTY', '510403');
const FINANCE: TokenRequest = { role: Role.FINANCE_SYSTEM, region: '510403' };

const STUDIO = `query ($id: ID!) {
  workshop(id: $id) {
    id
    host { id }
    hostSchool { id }
    memberships { teacher { id } }
    named: host { id name }
    namedSchool: hostSchool { id name }
  }
}`;

describe('references to teachers and schools owned by personnel', () => {
  let system: TestSystem;
  let province: Studio;
  let west: Studio;

  beforeAll(async () => {
    system = await TestSystem.start();
    // A province studio hosted in 东区 (510402): visible to 西区 by design, its people and school not.
    province = await foundStudio(system, { countyCode: '510402', level: 'PROVINCE', name: '省级工作室' });
    west = await foundStudio(system, { countyCode: '510403', name: '西区工作室' });
    const member = await createTeacher(system, west.school, '510403');
    const added = await system.gql(
      west.office,
      `mutation ($input: AddWorkshopMemberInput!) { addWorkshopMember(input: $input) { id } }`,
      { input: { workshopId: west.id, teacherId: member.id } },
    );
    expect(added.errors).toBeUndefined();
  });
  afterAll(() => system?.stop());

  it("resolves another county's host and host school to null, even when only the id is selected", async () => {
    const r = await system.gql(WEST, STUDIO, { id: province.id });
    expect(r.errors).toBeUndefined();
    expect(r.data?.workshop).toEqual({
      id: province.id,
      host: null,
      hostSchool: null,
      memberships: [{ teacher: null }],
      named: null,
      namedSchool: null,
    });
    expect(JSON.stringify(r)).not.toContain(province.host.id);
    expect(JSON.stringify(r)).not.toContain(province.school.id);
  });

  it('shows the same references to an office whose scope covers them', async () => {
    const r = await system.gql(officeOf('CITY', '510402'), STUDIO, { id: province.id });
    expect(r.errors).toBeUndefined();
    expect(r.data?.workshop.host).toEqual({ id: province.host.id });
    expect(r.data?.workshop.named).toEqual({ id: province.host.id, name: province.host.name });
    expect(r.data?.workshop.namedSchool.id).toBe(province.school.id);
  });

  it('shows the finance system no teacher through a studio, but the host school it may read', async () => {
    const r = await system.gql(FINANCE, STUDIO, { id: west.id });
    expect(r.errors).toBeUndefined();
    expect(r.data?.workshop).toMatchObject({
      host: null,
      named: null,
      memberships: [{ teacher: null }, { teacher: null }],
      hostSchool: { id: west.school.id },
    });
    expect(JSON.stringify(r)).not.toContain(west.host.id);
    expect(JSON.stringify(r)).not.toContain(west.host.name);
  });

  it('gives the finance system empty teacher lists under the schools and regions it reads, not a refusal', async () => {
    const r = await system.gql(
      FINANCE,
      `query ($id: ID!) { workshop(id: $id) { name hostSchool { name teachers { totalCount } } region { teachers { totalCount } } } }`,
      { id: west.id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.workshop).toMatchObject({
      name: '西区工作室',
      hostSchool: { teachers: { totalCount: 0 } },
      region: { teachers: { totalCount: 0 } },
    });
  });

  it('gives the finance system no teacher by lookup either', async () => {
    const r = await system.gql(FINANCE, `query ($id: ID!) { teacher(id: $id) { id name } }`, {
      id: west.host.id,
    });
    expect(r.data?.teacher ?? null).toBeNull();
    expect(JSON.stringify(r)).not.toContain(west.host.name);
  });
});
