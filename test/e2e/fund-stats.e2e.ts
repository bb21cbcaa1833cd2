import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { answered, refusedFields } from '../harness/answers';
import { allocated, approved, disbursed, schoolAdminOf, submitted } from '../harness/finance-fixtures';
import { asSuperuser } from '../harness/stats-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

const STATS = `query ($filter: FundStatsFilter, $groupBy: [FundDimension!]) {
  fundStats(filter: $filter, groupBy: $groupBy) {
    city { code } county { code } level type sourceLevel year category workshop { id }
    studioCount allocated disbursed approved pending balance executionRate lectureFeeRatio
  }
}`;

const PROVINCE = { role: Role.PROVINCE_OFFICE, region: '510000' };
const CITY = { role: Role.CITY_OFFICE, region: '510400' };
const WEST = { role: Role.COUNTY_OFFICE, region: '510403' };
const WEST_ANALYST = { role: Role.ANALYST, region: '510403' };

/** The dimension fields of a group that is grouped by nothing. */
const NONE = {
  city: null,
  county: null,
  level: null,
  type: null,
  sourceLevel: null,
  year: null,
  category: null,
  workshop: null,
};

/**
 * Money grouped as analysts ask for it, on a world whose every figure is stated below. Sichuan:
 * 攀枝花 (510400) with 东区 510402 and 西区 510403, 自贡 (510300) with 自流井区 510302.
 *
 * | studio          | founded by | hosted in | type         | allocations (year, source: amount)                  | spending                                                   |
 * |-----------------|------------|-----------|--------------|-----------------------------------------------------|------------------------------------------------------------|
 * | west            | 510403     | 510403    | TEACHER      | 2025 COUNTY 3000.00 (paid 1500.00), 2025 CITY 1000.00, 2024 COUNTY 2000.00 | 2025: 课酬 1200.00 and 教研 175.00 approved, 教研 5.00 waiting; 2024: 送教 800.00 approved |
 * | westPrincipal   | 510403     | 510403    | PRINCIPAL    | 2025 COUNTY 1500.00                                 | 教研 1.00 approved                                          |
 * | east            | 510402     | 510402    | TEACHER      | 2025 COUNTY 2500.00                                 | 送教 500.00 approved, 设备 99.99 waiting                     |
 * | cityStudio      | 510400     | 510402    | HEAD_TEACHER | 2025 CITY 4000.00                                   | 专家授课 1000.00 approved                                    |
 * | provinceStudio  | 510000     | 510403    | TEACHER      | 2025 PROVINCE 10000.00 (paid 5000.00)               | 课酬 3333.33 approved                                       |
 * | zigong          | 510302     | 510302    | TEACHER      | 2025 COUNTY 1234.56                                 | 教研 0.01 approved                                          |
 */
describe('fund statistics', () => {
  let system: TestSystem;
  let west: Studio;
  let westPrincipal: Studio;
  let provinceStudio: Studio;

  async function stats(caller: TokenRequest, filter: Record<string, unknown>, groupBy: string[] = []) {
    const data = await answered(system, caller, STATS, { filter, groupBy });
    return data.fundStats as Record<string, unknown>[];
  }

  async function spent(
    studio: Studio,
    allocationId: string,
    amount: string,
    fields: Record<string, unknown>,
  ) {
    const expense = await submitted(system, studio, allocationId, amount, fields);
    await approved(system, studio, expense.id);
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    west = await foundStudio(system, { countyCode: '510403' });
    westPrincipal = await foundStudio(system, { countyCode: '510403', type: 'PRINCIPAL' });
    const east = await foundStudio(system, { countyCode: '510402' });
    const cityStudio = await foundStudio(system, {
      countyCode: '510402',
      level: 'CITY',
      type: 'HEAD_TEACHER',
    });
    provinceStudio = await foundStudio(system, { countyCode: '510403', level: 'PROVINCE' });
    const zigong = await foundStudio(system, { countyCode: '510302' });

    const westMoney = await allocated(system, west, '3000.00', { year: 2025 });
    await allocated(system, west, '1000.00', { year: 2025, caller: CITY });
    const westEarlier = await allocated(system, west, '2000.00', { year: 2024 });
    await spent(west, westMoney.id, '1200.00', { category: 'LECTURE_FEE' });
    await spent(west, westMoney.id, '175.00', { category: 'RESEARCH_ACTIVITY' });
    await submitted(system, west, westMoney.id, '5.00', { category: 'RESEARCH_ACTIVITY' });
    await spent(west, westEarlier.id, '800.00', { category: 'OUTREACH', spentOn: '2024-06-01' });
    await disbursed(system, west, westMoney.id, '1500.00', {
      voucherNumber: 'BF-西-1',
      paidOn: '2025-03-01',
    });

    const principalMoney = await allocated(system, westPrincipal, '1500.00', { year: 2025 });
    await spent(westPrincipal, principalMoney.id, '1.00', { category: 'RESEARCH_ACTIVITY' });
    const eastMoney = await allocated(system, east, '2500.00', { year: 2025 });
    await spent(east, eastMoney.id, '500.00', { category: 'OUTREACH' });
    await submitted(system, east, eastMoney.id, '99.99', { category: 'EQUIPMENT_MATERIALS' });
    const cityMoney = await allocated(system, cityStudio, '4000.00', { year: 2025 });
    await spent(cityStudio, cityMoney.id, '1000.00', { category: 'EXPERT_LECTURE' });
    const provinceMoney = await allocated(system, provinceStudio, '10000.00', { year: 2025 });
    await spent(provinceStudio, provinceMoney.id, '3333.33', { category: 'LECTURE_FEE' });
    await disbursed(system, provinceStudio, provinceMoney.id, '5000.00', {
      voucherNumber: 'BF-省-1',
      paidOn: '2025-04-01',
    });
    const zigongMoney = await allocated(system, zigong, '1234.56', { year: 2025 });
    await spent(zigong, zigongMoney.id, '0.01', { category: 'RESEARCH_ACTIVITY' });
  }, 240_000);
  afterAll(() => system?.stop());

  it('answers the province’s totals as one group, to the fen, and zeros for a year without money', async () => {
    expect(await stats(PROVINCE, { year: 2025 })).toEqual([
      {
        ...NONE,
        studioCount: 6,
        allocated: '23234.56',
        disbursed: '6500.00',
        approved: '6209.34',
        pending: '104.99',
        balance: '17025.22',
        executionRate: '0.2672',
        lectureFeeRatio: '0.1951',
      },
    ]);
    expect(await stats(PROVINCE, { year: 2019 })).toEqual([
      {
        ...NONE,
        studioCount: 0,
        allocated: '0.00',
        disbursed: '0.00',
        approved: '0.00',
        pending: '0.00',
        balance: '0.00',
        executionRate: null,
        lectureFeeRatio: null,
      },
    ]);
    // Every year, without a filter: 2024's 2000.00 besides.
    expect(await stats(PROVINCE, {})).toMatchObject([{ allocated: '25234.56', approved: '7009.34' }]);
  });

  it('places money in the city and county of the school it is paid to, the province’s studio included', async () => {
    const byCity = await system.gql(
      PROVINCE,
      `{ fundStats(filter: { year: 2025 }, groupBy: [CITY]) { city { code name } studioCount allocated approved executionRate } }`,
    );
    expect(byCity.errors).toBeUndefined();
    expect(byCity.data!.fundStats).toEqual([
      {
        city: { code: '510300', name: '自贡市' },
        studioCount: 1,
        allocated: '1234.56',
        approved: '0.01',
        executionRate: '0.0000',
      },
      {
        city: { code: '510400', name: '攀枝花市' },
        studioCount: 5,
        allocated: '22000.00',
        approved: '6209.33',
        executionRate: '0.2822',
      },
    ]);
    // The city counts the province's studio hosted in 西区 as well as its own and its counties'.
    expect(await stats(CITY, { year: 2025 }, ['COUNTY'])).toEqual([
      expect.objectContaining({
        county: { code: '510402' },
        studioCount: 2,
        allocated: '6500.00',
        approved: '1500.00',
      }),
      expect.objectContaining({
        county: { code: '510403' },
        studioCount: 3,
        allocated: '15500.00',
        disbursed: '6500.00',
        approved: '4709.33',
        pending: '5.00',
        balance: '10790.67',
        executionRate: '0.3038',
        lectureFeeRatio: '0.2925',
      }),
    ]);
  });

  it('leaves the fund summary its own city, the founding jurisdiction’s, from the same engine', async () => {
    const r = await system.gql(
      PROVINCE,
      `{ fundSummary(filter: { year: 2025, groupBy: [CITY], executionBelow: null }) {
          studioCount allocated approved groups { region { code } studioCount allocated approved executionRate } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.fundSummary).toEqual({
      studioCount: 6,
      allocated: '23234.56',
      approved: '6209.34',
      groups: [
        { region: null, studioCount: 1, allocated: '10000.00', approved: '3333.33', executionRate: '0.3333' },
        {
          region: { code: '510300' },
          studioCount: 1,
          allocated: '1234.56',
          approved: '0.01',
          executionRate: '0.0000',
        },
        {
          region: { code: '510400' },
          studioCount: 4,
          allocated: '12000.00',
          approved: '2876.00',
          executionRate: '0.2397',
        },
      ],
    });
  });

  it('groups by the studio’s level and type and by the level of the money, in declaration order', async () => {
    const pick = (groups: Record<string, unknown>[], key: string) =>
      groups.map((g) => [g[key], g.studioCount, g.allocated, g.approved, g.executionRate]);
    expect(pick(await stats(PROVINCE, { year: 2025 }, ['LEVEL']), 'level')).toEqual([
      ['PROVINCE', 1, '10000.00', '3333.33', '0.3333'],
      ['CITY', 1, '4000.00', '1000.00', '0.2500'],
      ['COUNTY', 4, '9234.56', '1876.01', '0.2032'],
    ]);
    expect(pick(await stats(PROVINCE, { year: 2025 }, ['TYPE']), 'type')).toEqual([
      ['TEACHER', 4, '17734.56', '5208.34', '0.2937'],
      ['PRINCIPAL', 1, '1500.00', '1.00', '0.0007'],
      ['HEAD_TEACHER', 1, '4000.00', '1000.00', '0.2500'],
    ]);
    // 西区's studio has county money and city money: one studio in each source level.
    expect(pick(await stats(PROVINCE, { year: 2025 }, ['SOURCE_LEVEL']), 'sourceLevel')).toEqual([
      ['PROVINCE', 1, '10000.00', '3333.33', '0.3333'],
      ['CITY', 2, '5000.00', '1000.00', '0.2000'],
      ['COUNTY', 4, '8234.56', '1876.01', '0.2278'],
    ]);
    const cityByLevel = await stats(PROVINCE, { year: 2025 }, ['CITY', 'LEVEL']);
    expect(cityByLevel.map((g) => [(g.city as { code: string }).code, g.level, g.allocated])).toEqual([
      ['510300', 'COUNTY', '1234.56'],
      ['510400', 'PROVINCE', '10000.00'],
      ['510400', 'CITY', '4000.00'],
      ['510400', 'COUNTY', '8000.00'],
    ]);
  });

  it('filters by years, level, type and source, and groups by year ascending', async () => {
    expect(await stats(WEST, { fromYear: 2024, toYear: 2025 }, ['YEAR'])).toEqual([
      expect.objectContaining({
        year: 2024,
        studioCount: 1,
        allocated: '2000.00',
        approved: '800.00',
        executionRate: '0.4000',
      }),
      expect.objectContaining({ year: 2025, studioCount: 3, allocated: '15500.00', approved: '4709.33' }),
    ]);
    expect(await stats(WEST, { fromYear: 2025 })).toMatchObject([{ allocated: '15500.00' }]);
    expect(await stats(WEST, { toYear: 2024 })).toMatchObject([{ allocated: '2000.00' }]);
    const filtered = async (filter: Record<string, unknown>) =>
      (await stats(PROVINCE, { year: 2025, ...filter }))[0]!.allocated;
    expect(await filtered({ level: 'COUNTY', type: 'TEACHER' })).toBe('7734.56');
    expect(await filtered({ sourceLevel: 'CITY' })).toBe('5000.00');
    expect(await filtered({ level: 'COUNTY', sourceLevel: 'CITY' })).toBe('1000.00');
    expect(await filtered({ regionCode: '510300' })).toBe('1234.56');
  });

  it('by category, counts the category’s spending against the group’s unsplit allocation', async () => {
    const money = {
      allocated: '15500.00',
      disbursed: '6500.00',
      balance: '10790.67',
      lectureFeeRatio: '0.2925',
    };
    expect(await stats(WEST, { year: 2025 }, ['CATEGORY'])).toEqual([
      {
        ...NONE,
        category: 'RESEARCH_ACTIVITY',
        studioCount: 2,
        approved: '176.00',
        pending: '5.00',
        executionRate: '0.0114',
        ...money,
      },
      {
        ...NONE,
        category: 'LECTURE_FEE',
        studioCount: 2,
        approved: '4533.33',
        pending: '0.00',
        executionRate: '0.2925',
        ...money,
      },
    ]);
    // A category with nothing approved yet shows its waiting spending and no studio.
    const east = (await stats(CITY, { year: 2025 }, ['COUNTY', 'CATEGORY'])).filter(
      (g) => (g.county as { code: string }).code === '510402',
    );
    expect(
      east.map((g) => [g.category, g.studioCount, g.approved, g.pending, g.allocated, g.executionRate]),
    ).toEqual([
      ['OUTREACH', 1, '500.00', '0.00', '6500.00', '0.0769'],
      ['EXPERT_LECTURE', 1, '1000.00', '0.00', '6500.00', '0.1538'],
      ['EQUIPMENT_MATERIALS', 0, '0.00', '99.99', '6500.00', '0.0000'],
    ]);
  });

  it('groups by studio, rounding each rate half up', async () => {
    const groups = await system.gql(
      WEST,
      `{ fundStats(filter: { year: 2025 }, groupBy: [WORKSHOP]) { workshop { id } allocated approved executionRate lectureFeeRatio } }`,
    );
    expect(groups.errors).toBeUndefined();
    const expected = [
      // 1375.00 ÷ 4000.00 = 0.34375.
      {
        workshop: { id: west.id },
        allocated: '4000.00',
        approved: '1375.00',
        executionRate: '0.3438',
        lectureFeeRatio: '0.3000',
      },
      {
        workshop: { id: westPrincipal.id },
        allocated: '1500.00',
        approved: '1.00',
        executionRate: '0.0007',
        lectureFeeRatio: '0.0000',
      },
      {
        workshop: { id: provinceStudio.id },
        allocated: '10000.00',
        approved: '3333.33',
        executionRate: '0.3333',
        lectureFeeRatio: '0.3333',
      },
    ].sort((a, b) => (a.workshop.id < b.workshop.id ? -1 : 1));
    expect(groups.data!.fundStats).toEqual(expected);
  });

  it('shows a host their own studio’s money, a school its own, and analysts what their office sees', async () => {
    expect(await stats(west.hostCaller, { year: 2025 })).toMatchObject([
      { studioCount: 1, allocated: '4000.00' },
    ]);
    expect(await stats(schoolAdminOf(provinceStudio), { year: 2025 })).toMatchObject([
      { studioCount: 1, allocated: '10000.00', approved: '3333.33' },
    ]);
    expect(await stats(WEST_ANALYST, { year: 2025 }, ['CATEGORY'])).toEqual(
      await stats(WEST, { year: 2025 }, ['CATEGORY']),
    );
  });

  it('answers a region’s money on the region, equal to the root field, for many regions in one statement', async () => {
    const cities = `{ regions(parentCode: "510000") { code fundStats(filter: { fromYear: 2025, toYear: 2025 }) { allocated executionRate } } }`;
    system.finance.queries.reset();
    const r = await system.gql(PROVINCE, cities);
    expect(r.errors).toBeUndefined();
    const statements = system.finance.queries.statements;
    const regions = r.data!.regions as { code: string; fundStats: unknown }[];
    expect(regions.length).toBeGreaterThan(20);
    const byCode = new Map(regions.map((region) => [region.code, region.fundStats]));
    expect(byCode.get('510300')).toEqual([{ allocated: '1234.56', executionRate: '0.0000' }]);
    expect(byCode.get('510400')).toEqual([{ allocated: '22000.00', executionRate: '0.2822' }]);
    expect(byCode.get('510100')).toEqual([{ allocated: '0.00', executionRate: null }]);
    // Begin, the caller's scope, one statement for the 21 cities' money, commit.
    expect(statements).toHaveLength(4);
    expect(statements.filter((sql) => sql.includes('finance.fund_allocation'))).toHaveLength(1);
    system.finance.queries.reset();
    const counties = await system.gql(
      PROVINCE,
      `{ regions(parentCode: "510400") { code fundStats(filter: { year: 2025 }) { allocated } } }`,
    );
    expect(counties.errors).toBeUndefined();
    expect(system.finance.queries.count).toBe(statements.length);

    const onRegion = await system.gql(
      CITY,
      `query ($groupBy: [FundDimension!]) { region(code: "510400") {
        fundStats(filter: { year: 2025 }, groupBy: $groupBy) { county { code } category studioCount allocated approved pending balance executionRate } } }`,
      { groupBy: ['COUNTY', 'CATEGORY'] },
    );
    const root = await system.gql(
      CITY,
      `query ($groupBy: [FundDimension!]) { fundStats(filter: { year: 2025, regionCode: "510400" }, groupBy: $groupBy) {
        county { code } category studioCount allocated approved pending balance executionRate } }`,
      { groupBy: ['COUNTY', 'CATEGORY'] },
    );
    expect(onRegion.errors).toBeUndefined();
    expect(onRegion.data!.region.fundStats).toEqual(root.data!.fundStats);
    expect(root.data!.fundStats).toHaveLength(5);
  });

  it('answers null, not an error, on a region outside the caller’s scope or to a role without money', async () => {
    const r = await system.gql(
      WEST_ANALYST,
      `{ regions(parentCode: "510400") { code fundStats(filter: { year: 2025 }) { allocated } } }`,
    );
    expect(r.errors).toBeUndefined();
    const answered = (r.data!.regions as { code: string; fundStats: unknown }[]).filter(
      (g) => g.fundStats !== null,
    );
    expect(answered).toEqual([{ code: '510403', fundStats: [{ allocated: '15500.00' }] }]);
    const neighbour = await system.gql(
      WEST_ANALYST,
      `{ region(code: "510402") { code fundStats { allocated } } }`,
    );
    expect(neighbour.errors).toBeUndefined();
    expect(neighbour.data!.region).toEqual({ code: '510402', fundStats: null });
    const teacher = { role: Role.TEACHER, region: '510403', teacherId: westPrincipal.host.id };
    const own = await system.gql(teacher, `{ region(code: "510403") { fundStats { allocated } } }`);
    expect(own.errors).toBeUndefined();
    expect(own.data!.region).toEqual({ fundStats: null });
  });

  it('refuses another county, roles without money, repeated dimensions and years that do not make a range', async () => {
    const neighbour = await system.gql(WEST_ANALYST, STATS, { filter: { regionCode: '510402' } });
    expect(neighbour.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'filter.regionCode',
    });
    expect(neighbour.data).toBeNull();
    const teacher = { role: Role.TEACHER, region: '510403', teacherId: westPrincipal.host.id };
    expect(errorCodes(await system.gql(teacher, STATS, {}))).toEqual(['FORBIDDEN']);
    const refused = (variables: Record<string, unknown>, query = STATS) =>
      refusedFields(system, WEST, query, variables);
    expect(await refused({ groupBy: ['COUNTY', 'YEAR', 'COUNTY'] })).toEqual(['groupBy']);
    expect(await refused({ filter: { fromYear: 2025, toYear: 2024 } })).toEqual(['filter.toYear']);
    expect(await refused({ filter: { year: 2025, fromYear: 2024 } })).toEqual(['filter.year']);
    expect(await refused({ filter: { regionCode: 'abc', year: 1900 } })).toEqual(['filter.year']);
    expect(await refused({ filter: { regionCode: 'abc' } })).toEqual(['filter.regionCode']);
    expect(
      await refused(
        {},
        `{ region(code: "510403") { fundStats(filter: { regionCode: "510403" }) { allocated } } }`,
      ),
    ).toEqual(['filter.regionCode']);
  });

  it('refuses a grouping of more than 1000 groups, on the root and on the one region it concerns', async () => {
    // 1001 studios of 思茅区 (普洱市, 云南), straight into the test's database: 1000 funded in 2023, one in 2024.
    await asSuperuser(
      system,
      `INSERT INTO finance.fund_allocation (workshop_id, year, source_level, source_region_code, region_code,
         host_region_code, host_school_id, document_number, amount_fen, allowed_categories,
         lecture_fee_cap_percent, allocated_by, workshop_type)
       SELECT gen_random_uuid(), CASE WHEN i <= 1000 THEN 2023 ELSE 2024 END, 'COUNTY', '530802', '530802',
              '530802', gen_random_uuid(), '思教〔2023〕' || i || '号', 100, ARRAY['RESEARCH_ACTIVITY']::varchar[],
              50, 'seed', 'TEACHER'
         FROM generate_series(1, 1001) AS i`,
    );
    const yunnan = { role: Role.PROVINCE_OFFICE, region: '530000' };
    const byStudio = `query ($filter: FundStatsFilter) { fundStats(filter: $filter, groupBy: [WORKSHOP]) { allocated } }`;
    expect((await system.gql(yunnan, byStudio, { filter: { year: 2023 } })).data!.fundStats).toHaveLength(
      1000,
    );
    const tooMany = await system.gql(yunnan, byStudio, {});
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors![0]!.message).toBe(
      'The grouping gives more than 1000 groups; narrow the filter or group by fewer dimensions',
    );
    const cities = await system.gql(
      yunnan,
      `{ regions(parentCode: "530000") { code fundStats(groupBy: [WORKSHOP]) { allocated } } }`,
    );
    expect(errorCodes(cities)).toEqual(['BAD_USER_INPUT']);
    const regions = cities.data!.regions as { code: string; fundStats: unknown[] | null }[];
    expect(regions.filter((region) => region.fundStats === null).map((region) => region.code)).toEqual([
      '530800',
    ]);
    expect(
      regions.filter((region) => region.fundStats !== null).every((region) => region.fundStats!.length === 0),
    ).toBe(true);
  });
});
