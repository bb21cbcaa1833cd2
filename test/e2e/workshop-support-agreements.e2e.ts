import { randomUUID } from 'node:crypto';
import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { createSchool } from '../harness/fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

const CREATE = `mutation ($input: CreateSupportAgreementInput!) {
  createSupportAgreement(input: $input) {
    id content startsOn endsOn visitsPerTerm agreedResults status school { id name } workshop { id }
  }
}`;
const UPDATE = `mutation ($id: ID!, $input: UpdateSupportAgreementInput!) {
  updateSupportAgreement(id: $id, input: $input) { id content endsOn visitsPerTerm agreedResults status }
}`;

describe('support agreements (帮扶协议)', () => {
  let system: TestSystem;
  let studio: Studio;
  let other: Studio;
  let weak: { id: string; name: string };
  let rural: { id: string; name: string };
  let plain: { id: string };
  let eastWeak: { id: string };

  beforeAll(async () => {
    system = await TestSystem.start();
    studio = await foundStudio(system);
    other = await foundStudio(system);
    weak = await createSchool(system, '510403', { name: '西区薄弱学校示例小学', weak: true });
    rural = await createSchool(system, '510403', { name: '格里坪镇中心小学', rural: true });
    plain = await createSchool(system, '510403');
    eastWeak = await createSchool(system, '510402', { weak: true });
  });
  afterAll(() => system?.stop());

  const agreement = (overrides: Record<string, unknown> = {}) => ({
    workshopId: studio.id,
    schoolId: weak.id,
    content: '每学期送教两次，指导数学学科集体备课',
    startsOn: '2024-09-01',
    endsOn: '2025-07-15',
    visitsPerTerm: 2,
    agreedResults: '数学学科期末质量提升，培养校级骨干教师两名',
    ...overrides,
  });

  async function sign(caller: TokenRequest, input: Record<string, unknown>) {
    return system.gql(caller, CREATE, { input });
  }

  it('signs agreements with weak or rural schools, names coming from personnel', async () => {
    const listed = async (): Promise<{ id: string }[]> =>
      (
        await system.gql(
          studio.office,
          `query ($id: ID!) { workshop(id: $id) { supportAgreements { id } } }`,
          {
            id: studio.id,
          },
        )
      ).data?.workshop.supportAgreements;
    const before = await listed();
    const withWeak = await sign(studio.hostCaller, agreement());
    expect(withWeak.errors).toBeUndefined();
    expect(withWeak.data?.createSupportAgreement).toMatchObject({
      status: 'ACTIVE',
      startsOn: '2024-09-01',
      endsOn: '2025-07-15',
      visitsPerTerm: 2,
      school: { id: weak.id, name: '西区薄弱学校示例小学' },
      workshop: { id: studio.id },
    });
    const withRural = await sign(studio.office, agreement({ schoolId: rural.id, visitsPerTerm: 20 }));
    expect(withRural.data?.createSupportAgreement.school.name).toBe('格里坪镇中心小学');
    const after = await listed();
    expect(after).toHaveLength(before.length + 2);
    expect(after.map((a) => a.id)).toEqual(
      expect.arrayContaining([
        withWeak.data?.createSupportAgreement.id,
        withRural.data?.createSupportAgreement.id,
      ]),
    );
  });

  it('refuses schools that are not rural or weak, bad periods and visit counts with BAD_USER_INPUT', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ schoolId: plain.id }, 'schoolId'],
      [{ schoolId: eastWeak.id }, 'schoolId'],
      [{ schoolId: randomUUID() }, 'schoolId'],
      [{ startsOn: '2024-09-01', endsOn: '2024-08-31' }, 'endsOn'],
      [{ startsOn: '2024-09-01', endsOn: '2027-09-01' }, 'endsOn'],
      [{ visitsPerTerm: 0 }, 'visitsPerTerm'],
      [{ visitsPerTerm: 21 }, 'visitsPerTerm'],
      [{ content: '  ' }, 'content'],
      [{ agreedResults: '' }, 'agreedResults'],
    ];
    for (const [overrides, field] of cases) {
      const r = await sign(studio.hostCaller, agreement(overrides));
      expect({ overrides, code: errorCodes(r), field: r.errors?.[0]?.extensions?.field }).toEqual({
        overrides,
        code: ['BAD_USER_INPUT'],
        field: `input.${field}`,
      });
    }
  });

  it('keeps one active agreement per school over any day', async () => {
    const studioOfOwn = await foundStudio(system);
    const first = await sign(studioOfOwn.hostCaller, agreement({ workshopId: studioOfOwn.id }));
    expect(first.errors).toBeUndefined();
    const overlapping = await sign(
      studioOfOwn.hostCaller,
      agreement({ workshopId: studioOfOwn.id, startsOn: '2025-07-15', endsOn: '2026-01-15' }),
    );
    expect(errorCodes(overlapping)).toEqual(['CONFLICT']);
    const following = await sign(
      studioOfOwn.hostCaller,
      agreement({ workshopId: studioOfOwn.id, startsOn: '2025-09-01', endsOn: '2026-07-15' }),
    );
    expect(following.errors).toBeUndefined();
    // Extending the first into the second's period is the same clash.
    const extended = await system.gql(studioOfOwn.hostCaller, UPDATE, {
      id: first.data?.createSupportAgreement.id,
      input: { endsOn: '2025-10-01' },
    });
    expect(errorCodes(extended)).toEqual(['CONFLICT']);
    // Another studio may help the same school at the same time.
    expect((await sign(other.hostCaller, agreement({ workshopId: other.id }))).errors).toBeUndefined();
  });

  it('amends an active agreement and ends it once, as completed or terminated', async () => {
    const id = (
      await sign(
        studio.hostCaller,
        agreement({ schoolId: rural.id, startsOn: '2026-09-01', endsOn: '2027-07-15' }),
      )
    ).data?.createSupportAgreement.id;
    const amended = await system.gql(studio.hostCaller, UPDATE, {
      id,
      input: {
        content: '每月送教一次',
        visitsPerTerm: 4,
        endsOn: '2028-01-15',
        agreedResults: '教学质量进入全区中游',
      },
    });
    expect(amended.data?.updateSupportAgreement).toEqual({
      id,
      content: '每月送教一次',
      endsOn: '2028-01-15',
      visitsPerTerm: 4,
      agreedResults: '教学质量进入全区中游',
      status: 'ACTIVE',
    });
    const badAmendments: [Record<string, unknown>, string][] = [
      [{ visitsPerTerm: 25 }, 'visitsPerTerm'],
      [{ endsOn: '2026-08-31' }, 'endsOn'],
      [{ content: '' }, 'content'],
    ];
    for (const [input, field] of badAmendments) {
      const r = await system.gql(studio.hostCaller, UPDATE, { id, input });
      expect({ input, code: errorCodes(r), field: r.errors?.[0]?.extensions?.field }).toEqual({
        input,
        code: ['BAD_USER_INPUT'],
        field: `input.${field}`,
      });
    }

    const completed = await system.gql(studio.hostCaller, UPDATE, { id, input: { status: 'COMPLETED' } });
    expect(completed.data?.updateSupportAgreement.status).toBe('COMPLETED');
    expect(
      errorCodes(await system.gql(studio.hostCaller, UPDATE, { id, input: { status: 'ACTIVE' } })),
    ).toEqual(['CONFLICT']);
    expect(
      errorCodes(await system.gql(studio.hostCaller, UPDATE, { id, input: { status: 'TERMINATED' } })),
    ).toEqual(['CONFLICT']);
    expect(
      errorCodes(await system.gql(studio.hostCaller, UPDATE, { id, input: { visitsPerTerm: 1 } })),
    ).toEqual(['CONFLICT']);
  });

  it('is managed by the host and overseeing offices only', async () => {
    const id = (await sign(studio.hostCaller, agreement({ startsOn: '2023-09-01', endsOn: '2024-07-15' })))
      .data?.createSupportAgreement.id;
    const callers: [string, TokenRequest, string][] = [
      ['an analyst', { role: Role.ANALYST, region: '510000' }, 'FORBIDDEN'],
      ['another host', other.hostCaller, 'FORBIDDEN'],
      ['a teacher', { role: Role.TEACHER, region: '510403', teacherId: other.host.id }, 'FORBIDDEN'],
      ['another county', officeOf('COUNTY', '510402'), 'NOT_FOUND'],
    ];
    for (const [who, caller, code] of callers) {
      const signed = await sign(caller, agreement({ startsOn: '2022-09-01', endsOn: '2023-07-15' }));
      const updated = await system.gql(caller, UPDATE, { id, input: { status: 'TERMINATED' } });
      expect({ who, codes: [...errorCodes(signed), ...errorCodes(updated)] }).toEqual({
        who,
        codes: [code, code],
      });
    }
    expect(errorCodes(await system.gql(studio.hostCaller, UPDATE, { id: randomUUID(), input: {} }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it("ends a revoked studio's agreements but signs and amends none", async () => {
    const closing = await foundStudio(system);
    const id = (await sign(closing.hostCaller, agreement({ workshopId: closing.id }))).data
      ?.createSupportAgreement.id;
    const revoked = await system.gql(
      closing.office,
      `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`,
      { input: { workshopId: closing.id, to: 'REVOKED', reason: '取消资格' } },
    );
    expect(revoked.errors).toBeUndefined();
    expect(
      errorCodes(await sign(closing.office, agreement({ workshopId: closing.id, schoolId: rural.id }))),
    ).toEqual(['CONFLICT']);
    expect(errorCodes(await system.gql(closing.office, UPDATE, { id, input: { visitsPerTerm: 3 } }))).toEqual(
      ['CONFLICT'],
    );
    const ended = await system.gql(closing.office, UPDATE, { id, input: { status: 'TERMINATED' } });
    expect(ended.data?.updateSupportAgreement.status).toBe('TERMINATED');
  });
});
