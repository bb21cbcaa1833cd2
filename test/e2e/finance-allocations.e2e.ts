import { Role } from '@mingshi/auth';
import { errorCodes, type GraphQLResponse } from '@mingshi/testing';
import {
  ADJUST,
  ALLOCATE,
  DISBURSE,
  FREEZE,
  READ_ALLOCATION,
  THIS_YEAR,
  UNFREEZE,
  allocated,
  approved,
  eventTypesOf,
  submitted,
} from '../harness/finance-fixtures';
import { TestSystem } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

const POLICY = `query ($regionCode: ID) { fundPolicy(regionCode: $regionCode) { region { code } level allowedCategories lectureFeeCapPercent configured updatedAt } }`;
const SET_POLICY = `mutation ($input: SetFundPolicyInput!) { setFundPolicy(input: $input) { region { code } level allowedCategories lectureFeeCapPercent configured } }`;

function refused(r: GraphQLResponse, code: string, field?: string): void {
  expect(errorCodes(r)).toEqual([code]);
  if (field) expect(r.errors?.[0]?.extensions?.field).toBe(field);
  expect(r.data?.[Object.keys(r.data ?? {})[0] ?? ''] ?? null).toBeNull();
}

/** 专项经费: allocations, their adjustments, payments and freezes by the offices over a studio. */
describe('studio fund allocations', () => {
  let system: TestSystem;
  let studio: Studio;
  const city = officeOf('CITY', '510403');

  beforeAll(async () => {
    system = await TestSystem.start();
    studio = await foundStudio(system);
  }, 120_000);
  afterAll(() => system?.stop());

  const allocate = (input: Record<string, unknown>, caller = studio.office) =>
    system.gql(caller, ALLOCATE, {
      input: { workshopId: studio.id, year: THIS_YEAR, amount: '1000.00', documentNumber: '文号', ...input },
    });

  describe('fund policies', () => {
    it('reads the default until an office configures its own, and allocations keep the policy they were made under', async () => {
      const before = await system.gql(city, POLICY);
      expect(before.data?.fundPolicy).toEqual({
        region: { code: '510400' },
        level: 'CITY',
        allowedCategories: [
          'RESEARCH_ACTIVITY',
          'TRAINING_TRAVEL',
          'OUTREACH',
          'EXPERT_LECTURE',
          'LECTURE_FEE',
          'EQUIPMENT_MATERIALS',
          'OTHER',
        ],
        lectureFeeCapPercent: 50,
        configured: false,
        updatedAt: null,
      });
      const older = await allocated(system, studio, '800.00', { caller: city, year: THIS_YEAR - 1 });
      const set = await system.gql(city, SET_POLICY, {
        input: { allowedCategories: ['LECTURE_FEE', 'RESEARCH_ACTIVITY'], lectureFeeCapPercent: 30 },
      });
      expect(set.data?.setFundPolicy).toEqual({
        region: { code: '510400' },
        level: 'CITY',
        allowedCategories: ['RESEARCH_ACTIVITY', 'LECTURE_FEE'],
        lectureFeeCapPercent: 30,
        configured: true,
      });
      // A county below reads its city's policy; a county beside it does not.
      const county = await system.gql(studio.office, POLICY, { regionCode: '510400' });
      expect(county.data?.fundPolicy.lectureFeeCapPercent).toBe(30);
      refused(
        await system.gql({ role: Role.COUNTY_OFFICE, region: '510502' }, POLICY, { regionCode: '510400' }),
        'FORBIDDEN',
      );
      refused(await system.gql(city, POLICY, { regionCode: '51040' }), 'BAD_USER_INPUT', 'regionCode');

      const newer = await allocated(system, studio, '1000.00', { caller: city });
      expect([newer.allowedCategories, newer.lectureFeeCapPercent, newer.lectureFeeCap]).toEqual([
        ['RESEARCH_ACTIVITY', 'LECTURE_FEE'],
        30,
        '300.00',
      ]);
      const kept = await system.gql(city, READ_ALLOCATION, { id: older.id });
      expect(kept.data?.fundAllocation.lectureFeeCapPercent).toBe(50);
      expect(kept.data?.fundAllocation.allowedCategories).toHaveLength(7);
    });

    it('refuses a policy with no categories, a repeated one or a cap past 100, and callers that are not offices', async () => {
      const bad = await system.gql(city, SET_POLICY, {
        input: { allowedCategories: [], lectureFeeCapPercent: 101 },
      });
      expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
      expect(bad.errors?.[0]?.extensions?.fields.map((f: { field: string }) => f.field)).toEqual([
        'input.allowedCategories',
        'input.lectureFeeCapPercent',
      ]);
      refused(
        await system.gql(city, SET_POLICY, {
          input: { allowedCategories: ['OTHER', 'OTHER'], lectureFeeCapPercent: 5 },
        }),
        'BAD_USER_INPUT',
        'input.allowedCategories',
      );
      refused(
        await system.gql(studio.hostCaller, SET_POLICY, {
          input: { allowedCategories: ['OTHER'], lectureFeeCapPercent: 5 },
        }),
        'FORBIDDEN',
      );
    });
  });

  describe('allocating', () => {
    it('allocates at the office’s level to the host school, with an ALLOCATED event', async () => {
      const a = await allocated(system, studio, '12345.67');
      expect(a).toMatchObject({
        year: THIS_YEAR,
        sourceLevel: 'COUNTY',
        sourceRegion: { code: '510403' },
        hostSchool: { id: studio.school.id },
        workshop: { id: studio.id },
        amount: '12345.67',
        disbursed: '0.00',
        approved: '0.00',
        pending: '0.00',
        balance: '12345.67',
        lectureFeeCap: '6172.83',
        status: 'ACTIVE',
        frozenReason: null,
      });
      expect(await eventTypesOf(system, a.id)).toEqual([{ type: 'ALLOCATED', amount: '1234567' }]);
      // One per studio, year and source level.
      refused(await allocate({}), 'CONFLICT');
    });

    it('refuses a zero or negative amount, a senseless year and a blank document number, all at once', async () => {
      for (const amount of ['0.00', '-5.00'])
        refused(await allocate({ amount, year: 2001 }), 'BAD_USER_INPUT', 'input.amount');
      refused(await allocate({ year: 1999 }), 'BAD_USER_INPUT', 'input.year');
      const r = await allocate({ amount: '0', year: 1900, documentNumber: '  ' });
      expect(r.errors?.[0]?.extensions?.fields.map((f: { field: string }) => f.field)).toEqual([
        'input.year',
        'input.amount',
        'input.documentNumber',
      ]);
    });

    it('refuses a studio out of sight, callers who are not an office over it, and a studio revoked', async () => {
      refused(
        await allocate({ workshopId: '00000000-0000-4000-8000-000000000000' }),
        'NOT_FOUND',
        'input.workshopId',
      );
      refused(await allocate({ workshopId: 'not-an-id' }), 'NOT_FOUND', 'input.workshopId');
      refused(
        await allocate({ year: 2003 }, { role: Role.COUNTY_OFFICE, region: '510502' }),
        'NOT_FOUND',
        'input.workshopId',
      );
      refused(await allocate({ year: 2003 }, studio.hostCaller), 'FORBIDDEN');
      refused(await allocate({ year: 2003 }, { role: Role.ANALYST, region: '510403' }), 'FORBIDDEN');

      const doomed = await foundStudio(system);
      const revoke = await system.gql(
        doomed.office,
        `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`,
        { input: { workshopId: doomed.id, to: 'REVOKED', reason: '考核不合格' } },
      );
      expect(revoke.errors).toBeUndefined();
      refused(
        await system.gql(doomed.office, ALLOCATE, {
          input: { workshopId: doomed.id, year: THIS_YEAR, amount: '1.00', documentNumber: '文号' },
        }),
        'CONFLICT',
      );
    });
  });

  describe('adjusting and paying', () => {
    let s: Studio;
    let allocationId: string;

    beforeAll(async () => {
      s = await foundStudio(system);
      allocationId = (await allocated(system, s, '1000.00')).id;
      const lecture = await submitted(system, s, allocationId, '400.00', { category: 'LECTURE_FEE' });
      await approved(system, s, lecture.id);
      const other = await submitted(system, s, allocationId, '200.00');
      await approved(system, s, other.id);
    });

    const adjust = (amount: string, caller = s.office) =>
      system.gql(caller, ADJUST, { input: { allocationId, amount, reason: '年度预算调整' } });
    const disburse = (input: Record<string, unknown>, caller = s.office) =>
      system.gql(caller, DISBURSE, {
        input: {
          allocationId,
          amount: '100.00',
          voucherNumber: 'BF-1',
          paidOn: `${THIS_YEAR}-01-01`,
          ...input,
        },
      });

    it('refuses amounts below approved spending or below the lecture-fee cap, and the same amount again', async () => {
      const below = await adjust('599.99');
      refused(below, 'CONFLICT');
      expect(below.errors?.[0]?.message).toMatch(/below the 600\.00 already approved/);
      // 400.00 of lecture fees needs at least 800.00 under a 50 % cap.
      const cap = await adjust('799.99');
      refused(cap, 'CONFLICT');
      expect(cap.errors?.[0]?.message).toMatch(/lecture-fee cap of 50% would be 399\.99/);
      refused(await adjust('1000.00'), 'CONFLICT');
      refused(await adjust('0.00'), 'BAD_USER_INPUT', 'input.amount');
      const a = (await system.gql(s.office, READ_ALLOCATION, { id: allocationId })).data?.fundAllocation;
      expect([a.amount, a.approved, a.lectureFees]).toEqual(['1000.00', '600.00', '400.00']);
    });

    it('lets the allocating office adjust, recorded with an ADJUSTED event, and nobody else', async () => {
      refused(await adjust('900.00', officeOf('CITY', '510403')), 'FORBIDDEN');
      refused(await adjust('900.00', s.hostCaller), 'FORBIDDEN');
      refused(
        await adjust('900.00', { role: Role.COUNTY_OFFICE, region: '510502' }),
        'NOT_FOUND',
        'input.allocationId',
      );
      const r = await adjust('800.00');
      expect(r.data?.adjustAllocation).toMatchObject({
        amount: '800.00',
        balance: '200.00',
        lectureFeeCap: '400.00',
        adjustments: [
          {
            previousAmount: '1000.00',
            newAmount: '800.00',
            reason: '年度预算调整',
            adjustedBy: 'county_office-510403',
          },
        ],
      });
      expect((await eventTypesOf(system, allocationId)).at(-1)).toEqual({
        type: 'ADJUSTED',
        amount: '80000',
      });
    });

    it('records payments up to the amount, one per voucher, never dated in the future', async () => {
      const first = await disburse({ amount: '500.00' });
      expect(first.data?.disburseFunds).toMatchObject({
        disbursed: '500.00',
        disbursements: [{ amount: '500.00', voucherNumber: 'BF-1', paidOn: `${THIS_YEAR}-01-01` }],
      });
      refused(await disburse({ amount: '1.00' }), 'CONFLICT');
      const over = await disburse({ amount: '300.01', voucherNumber: 'BF-2' });
      refused(over, 'CONFLICT');
      expect(over.errors?.[0]?.message).toMatch(/past the allocation of 800\.00/);
      refused(
        await disburse({ paidOn: `${THIS_YEAR + 1}-12-31`, voucherNumber: 'BF-3' }),
        'BAD_USER_INPUT',
        'input.paidOn',
      );
      refused(await disburse({ amount: '-1.00', voucherNumber: 'BF-3' }), 'BAD_USER_INPUT', 'input.amount');
      refused(await disburse({ voucherNumber: 'BF-4' }, s.hostCaller), 'FORBIDDEN');
      // Never below what was paid.
      refused(await adjust('499.99'), 'CONFLICT');
      const a = (await system.gql(s.office, READ_ALLOCATION, { id: allocationId })).data?.fundAllocation;
      expect(a.disbursed).toBe('500.00');
      expect((await eventTypesOf(system, allocationId)).filter((e) => e.type === 'DISBURSED')).toEqual([
        { type: 'DISBURSED', amount: '50000' },
      ]);
    });

    it('freezes and unfreezes by an office over the studio, with a reason, and refuses the host', async () => {
      const freeze = (caller = s.office, reason = '审计') =>
        system.gql(caller, FREEZE, { input: { allocationId, reason } });
      refused(await freeze(s.office, ' '), 'BAD_USER_INPUT', 'input.reason');
      refused(await freeze(s.hostCaller), 'FORBIDDEN');
      const frozen = await freeze(officeOf('CITY', '510403'));
      expect(frozen.data?.freezeFunds).toMatchObject({ status: 'FROZEN', frozenReason: '审计' });
      refused(await freeze(), 'CONFLICT');
      const thawed = await system.gql(s.office, UNFREEZE, { input: { allocationId, reason: '审计完毕' } });
      expect(thawed.data?.unfreezeFunds).toMatchObject({ status: 'ACTIVE', frozenReason: null });
      refused(await system.gql(s.office, UNFREEZE, { input: { allocationId, reason: '再来' } }), 'CONFLICT');
      const types = (await eventTypesOf(system, allocationId)).map((e) => e.type);
      expect(types.slice(-2)).toEqual(['FUNDS_FROZEN', 'FUNDS_UNFROZEN']);
    });
  });

  describe('listing', () => {
    const LIST = `query ($filter: FundAllocationFilter, $first: Int, $after: String) {
      fundAllocations(filter: $filter, first: $first, after: $after) {
        nodes { id year sourceLevel status workshop { id } } pageInfo { hasNextPage endCursor } totalCount
      }
    }`;

    it('pages the allocations newest year first, filtered as asked', async () => {
      const county = officeOf('COUNTY', '510403');
      const all = (await system.gql(county, LIST, { first: 100 })).data?.fundAllocations;
      const years = all.nodes.map((n: { year: number }) => n.year);
      expect(years).toEqual([...years].sort((a: number, b: number) => b - a));
      expect(all.totalCount).toBe(all.nodes.length);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const r: GraphQLResponse = await system.gql(county, LIST, { first: 2, after });
        seen.push(...(r.data?.fundAllocations.nodes ?? []).map((n: { id: string }) => n.id));
        if (!r.data?.fundAllocations.pageInfo.hasNextPage) break;
        after = r.data.fundAllocations.pageInfo.endCursor;
      }
      expect(seen).toEqual(all.nodes.map((n: { id: string }) => n.id));
      const filtered = await system.gql(county, LIST, {
        filter: {
          workshopId: studio.id,
          year: THIS_YEAR,
          sourceLevel: 'CITY',
          status: 'ACTIVE',
          regionCode: '510403',
        },
      });
      expect(filtered.data?.fundAllocations.nodes).toEqual([
        {
          id: expect.any(String),
          year: THIS_YEAR,
          sourceLevel: 'CITY',
          status: 'ACTIVE',
          workshop: { id: studio.id },
        },
      ]);
      const host = await system.gql(studio.hostCaller, LIST, {});
      expect(
        host.data?.fundAllocations.nodes.every(
          (n: { workshop: { id: string } }) => n.workshop.id === studio.id,
        ),
      ).toBe(true);
    });

    it('refuses bad cursors, filters and page sizes, and roles that see no money', async () => {
      const county = officeOf('COUNTY', '510403');
      const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
      for (const after of [
        'x',
        cursor([1e308, studio.id, studio.id]),
        cursor(['2026', 'a', 'b']),
        cursor([1]),
      ]) {
        refused(await system.gql(county, LIST, { after }), 'BAD_USER_INPUT', 'after');
      }
      refused(await system.gql(county, LIST, { filter: { year: 99999 } }), 'BAD_USER_INPUT', 'filter.year');
      refused(
        await system.gql(county, LIST, { filter: { workshopId: 'x' } }),
        'BAD_USER_INPUT',
        'filter.workshopId',
      );
      refused(
        await system.gql(county, LIST, { filter: { regionCode: '510502' } }),
        'FORBIDDEN',
        'filter.regionCode',
      );
      refused(await system.gql(county, LIST, { first: 0 }), 'BAD_USER_INPUT', 'first');
      const teacher = { role: Role.TEACHER, region: '510403', teacherId: studio.host.id };
      refused(await system.gql(teacher, LIST, {}), 'FORBIDDEN');
    });
  });
});
