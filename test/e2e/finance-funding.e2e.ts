import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import {
  FREEZE,
  THIS_YEAR,
  allocated,
  approved,
  schoolAdminOf,
  submitted,
} from '../harness/finance-fixtures';
import { TestSystem } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

const FUNDING = `query ($id: ID!, $year: Int!) {
  workshop(id: $id) {
    funding(year: $year) {
      year allocated disbursed approved pending balance executionRate lectureFeeRatio frozen
      spendingByCategory { category approved }
    }
    fundAllocations { year sourceLevel amount }
  }
}`;
const SUMMARY = `query ($filter: FundSummaryFilter!) {
  fundSummary(filter: $filter) {
    year studioCount allocated disbursed approved pending executionRate
    groups { region { code } level category studioCount allocated approved executionRate }
    flagged { workshop { id } allocated approved executionRate lectureFeeRatio reason }
  }
}`;

/** What a studio's money came to for a year, and the region's sums, computed exactly in SQL. */
describe('funding and fund summaries', () => {
  let system: TestSystem;
  let busy: Studio;
  let idle: Studio;
  const county = officeOf('COUNTY', '510403');
  const city = officeOf('CITY', '510403');

  beforeAll(async () => {
    system = await TestSystem.start();
    busy = await foundStudio(system);
    idle = await foundStudio(system, { type: 'PRINCIPAL' });
    const countyMoney = await allocated(system, busy, '3000.00');
    await allocated(system, busy, '1000.00', { caller: city });
    const lecture = await submitted(system, busy, countyMoney.id, '1200.00', { category: 'LECTURE_FEE' });
    await approved(system, busy, lecture.id);
    const research = await submitted(system, busy, countyMoney.id, '175.00');
    await approved(system, busy, research.id);
    await submitted(system, busy, countyMoney.id, '5.00');
    const idleMoney = await allocated(system, idle, '3000.00');
    const small = await submitted(system, idle, idleMoney.id, '1.00');
    await approved(system, idle, small.id);
    await system.gql(idle.office, FREEZE, { input: { allocationId: idleMoney.id, reason: '检查' } });
  }, 120_000);
  afterAll(() => system?.stop());

  it('sums a studio’s year over its allocations, with exact rates', async () => {
    const r = await system.gql(county, FUNDING, { id: busy.id, year: THIS_YEAR });
    expect(r.errors).toBeUndefined();
    expect(r.data?.workshop.funding).toEqual({
      year: THIS_YEAR,
      allocated: '4000.00',
      disbursed: '0.00',
      approved: '1375.00',
      pending: '5.00',
      balance: '2625.00',
      // 0.34375, rounded half up.
      executionRate: '0.3438',
      lectureFeeRatio: '0.3000',
      frozen: false,
      spendingByCategory: [
        { category: 'RESEARCH_ACTIVITY', approved: '175.00' },
        { category: 'LECTURE_FEE', approved: '1200.00' },
      ],
    });
    expect(r.data?.workshop.fundAllocations).toEqual([
      { year: THIS_YEAR, sourceLevel: 'CITY', amount: '1000.00' },
      { year: THIS_YEAR, sourceLevel: 'COUNTY', amount: '3000.00' },
    ]);
    const none = await system.gql(county, FUNDING, { id: busy.id, year: THIS_YEAR - 5 });
    expect(none.data?.workshop.funding).toMatchObject({
      allocated: '0.00',
      executionRate: null,
      lectureFeeRatio: null,
    });
    const frozen = await system.gql(county, FUNDING, { id: idle.id, year: THIS_YEAR });
    expect(frozen.data?.workshop.funding).toMatchObject({ frozen: true, executionRate: '0.0003' });
  });

  it('shows the host and the host school their own studio’s money, and another school none', async () => {
    const host = await system.gql(busy.hostCaller, FUNDING, { id: busy.id, year: THIS_YEAR });
    expect(host.data?.workshop.funding.approved).toBe('1375.00');
    const school = await system.gql(schoolAdminOf(busy), FUNDING, { id: busy.id, year: THIS_YEAR });
    expect(school.data?.workshop.funding.approved).toBe('1375.00');
    const other = await system.gql(schoolAdminOf(idle), FUNDING, { id: busy.id, year: THIS_YEAR });
    expect(other.errors).toBeUndefined();
    expect(other.data?.workshop).toEqual({ funding: null, fundAllocations: null });
    const otherHost = await system.gql(idle.hostCaller, FUNDING, { id: busy.id, year: THIS_YEAR });
    expect(otherHost.data?.workshop?.funding ?? null).toBeNull();
  });

  it('groups a region by the type of its studios', async () => {
    const r = await system.gql(
      city,
      `query ($filter: FundSummaryFilter!) { fundSummary(filter: $filter) {
        groups { region { code } type studioCount allocated approved } } }`,
      { filter: { year: THIS_YEAR, groupBy: ['COUNTY', 'TYPE'] } },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.fundSummary.groups).toEqual([
      {
        region: { code: '510403' },
        type: 'PRINCIPAL',
        studioCount: 1,
        allocated: '3000.00',
        approved: '1.00',
      },
      {
        region: { code: '510403' },
        type: 'TEACHER',
        studioCount: 1,
        allocated: '4000.00',
        approved: '1375.00',
      },
    ]);
  });

  it('sums a region in SQL, grouped as asked, and flags studios past the thresholds', async () => {
    const r = await system.gql(city, SUMMARY, {
      filter: { year: THIS_YEAR, groupBy: ['LEVEL'], executionBelow: '0.3', lectureFeeAbove: '0.2999' },
    });
    expect(r.errors).toBeUndefined();
    const s = r.data?.fundSummary;
    expect(s).toMatchObject({
      year: THIS_YEAR,
      studioCount: 2,
      allocated: '7000.00',
      approved: '1376.00',
      pending: '5.00',
      executionRate: '0.1966',
    });
    expect(s.groups).toEqual([
      {
        region: null,
        level: 'CITY',
        category: null,
        studioCount: 1,
        allocated: '1000.00',
        approved: '0.00',
        executionRate: '0.0000',
      },
      {
        region: null,
        level: 'COUNTY',
        category: null,
        studioCount: 2,
        allocated: '6000.00',
        approved: '1376.00',
        executionRate: '0.2293',
      },
    ]);
    expect(s.flagged).toEqual([
      {
        workshop: { id: idle.id },
        allocated: '3000.00',
        approved: '1.00',
        executionRate: '0.0003',
        lectureFeeRatio: '0.0000',
        reason: 'EXECUTION_LOW',
      },
      {
        workshop: { id: busy.id },
        allocated: '4000.00',
        approved: '1375.00',
        executionRate: '0.3438',
        lectureFeeRatio: '0.3000',
        reason: 'LECTURE_FEE_HIGH',
      },
    ]);
    // The threshold is compared exactly: 0.3 is not above 0.3 (and no execution threshold: null
    // switches off the default of 0.5).
    const edge = await system.gql(city, SUMMARY, {
      filter: { year: THIS_YEAR, lectureFeeAbove: '0.3', executionBelow: null },
    });
    expect(edge.data?.fundSummary.flagged).toEqual([]);
    // Without thresholds, the studios that have spent less than half are listed, the least first.
    const byDefault = await system.gql(city, SUMMARY, { filter: { year: THIS_YEAR } });
    expect(
      byDefault.data?.fundSummary.flagged.map((f: { reason: string; executionRate: string }) => [
        f.reason,
        f.executionRate,
      ]),
    ).toEqual([
      ['EXECUTION_LOW', '0.0003'],
      ['EXECUTION_LOW', '0.3438'],
    ]);

    const byCategory = await system.gql(county, SUMMARY, {
      filter: { year: THIS_YEAR, groupBy: ['COUNTY', 'CATEGORY'] },
    });
    expect(byCategory.data?.fundSummary.groups).toEqual([
      {
        region: { code: '510403' },
        level: null,
        category: 'LECTURE_FEE',
        studioCount: 1,
        allocated: '7000.00',
        approved: '1200.00',
        executionRate: '0.1714',
      },
      {
        region: { code: '510403' },
        level: null,
        category: 'RESEARCH_ACTIVITY',
        studioCount: 2,
        allocated: '7000.00',
        approved: '176.00',
        executionRate: '0.0251',
      },
    ]);
  });

  it('refuses thresholds that are not rates, two region groupings, a region beside the caller, and roles without money', async () => {
    const bad = await system.gql(county, SUMMARY, {
      filter: { year: 1900, executionBelow: '30%', lectureFeeAbove: '1.5', groupBy: ['CITY', 'COUNTY'] },
    });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0]?.extensions?.fields.map((f: { field: string }) => f.field)).toEqual([
      'filter.year',
      'filter.groupBy',
      'filter.executionBelow',
      'filter.lectureFeeAbove',
    ]);
    expect(
      errorCodes(await system.gql(county, SUMMARY, { filter: { year: THIS_YEAR, regionCode: '510502' } })),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await system.gql(county, SUMMARY, { filter: { year: THIS_YEAR, regionCode: 'abc' } })),
    ).toEqual(['BAD_USER_INPUT']);
    const teacher = { role: Role.TEACHER, region: '510403', teacherId: busy.host.id };
    expect(errorCodes(await system.gql(teacher, SUMMARY, { filter: { year: THIS_YEAR } }))).toEqual([
      'FORBIDDEN',
    ]);
    const other = await system.gql({ role: Role.COUNTY_OFFICE, region: '510502' }, SUMMARY, {
      filter: { year: THIS_YEAR },
    });
    expect(other.data?.fundSummary).toMatchObject({ studioCount: 0, allocated: '0.00', executionRate: null });
  });
});
