import { Role, type Principal } from '@mingshi/auth';
import {
  ReportKind,
  SectionRefusedError,
  type FundCountyRow,
  type FundFigures,
  type FundStudioRow,
  type ReportRequest,
  type SectionHandler,
  type SectionOutput,
  type SpendingByCategory,
  type StudioEntry,
} from '@mingshi/reports';
import { financeSectionHandlers } from '../../services/finance/src/report-sections';
import { annualFundsChapters, fundUsageChapters } from '../../services/reports/src/assembly/finance-chapters';
import { RegionNames, type ChapterInput } from '../../services/reports/src/assembly/section-data';
import type { Row, Table } from '../../services/reports/src/render/report-document';
import {
  DECIDE,
  DISBURSE,
  FREEZE,
  REVERSE,
  THIS_YEAR,
  allocated,
  approved,
  submitted,
} from '../harness/finance-fixtures';
import { SectionBench } from '../harness/report-sections';
import { TestSystem } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

const WEST = '510403';
const EAST = '510402';
const CITY = '510400';

const office = (role: Role, regionCode: string): Principal => ({
  userId: `office-${regionCode}`,
  roles: [role],
  regionCode,
});
const westOffice = office(Role.COUNTY_OFFICE, WEST);
const eastOffice = office(Role.COUNTY_OFFICE, EAST);
const cityOffice = office(Role.CITY_OFFICE, CITY);

const request = (kind: ReportKind, regionCode: string): ReportRequest => ({
  kind,
  regionCode,
  year: THIS_YEAR,
  masked: false,
});

/** Approved spending per category, the unnamed ones 0. */
const spent = (byCategory: Partial<SpendingByCategory>): SpendingByCategory => ({
  RESEARCH_ACTIVITY: 0,
  TRAINING_TRAVEL: 0,
  OUTREACH: 0,
  EXPERT_LECTURE: 0,
  LECTURE_FEE: 0,
  EQUIPMENT_MATERIALS: 0,
  OTHER: 0,
  ...byCategory,
});

/**
 * The year's figures, worked out by hand from the fixtures below (fen). Rejected (300.00) and
 * pending (200.00, 100.00) expenses are not spent; the reversed 500.00 is not either; the west
 * studio's allocation of last year is in no figure.
 */
const WEST_FIGURES: FundFigures = {
  studioCount: 3,
  allocatedFen: 1_000_000 + 500_000 + 800_000,
  disbursedFen: 0,
  approvedFen: 640_000 + 100_000 + 520_000,
  pendingFen: 20_000,
  lectureFeeFen: 490_000 + 440_000,
  spentByCategory: spent({
    RESEARCH_ACTIVITY: 150_000 + 80_000,
    LECTURE_FEE: 930_000,
    EQUIPMENT_MATERIALS: 100_000,
  }),
  // 1 260 000 ÷ 2 300 000 = 0.547826…; 930 000 ÷ 2 300 000 = 0.404347…
  executionRate: '0.5478',
  lectureFeeRatio: '0.4043',
  // The frozen allocation of 5000.00 less the 1000.00 approved before the freeze.
  frozenFen: 400_000,
};
const EAST_FIGURES: FundFigures = {
  studioCount: 1,
  allocatedFen: 600_000,
  disbursedFen: 200_000,
  approvedFen: 300_000,
  pendingFen: 10_000,
  lectureFeeFen: 0,
  spentByCategory: spent({ EXPERT_LECTURE: 300_000 }),
  executionRate: '0.5000',
  lectureFeeRatio: '0.0000',
  frozenFen: 0,
};
const CITY_FIGURES: FundFigures = {
  studioCount: 4,
  allocatedFen: 2_900_000,
  disbursedFen: 200_000,
  approvedFen: 1_560_000,
  pendingFen: 30_000,
  lectureFeeFen: 930_000,
  spentByCategory: spent({
    RESEARCH_ACTIVITY: 230_000,
    EXPERT_LECTURE: 300_000,
    LECTURE_FEE: 930_000,
    EQUIPMENT_MATERIALS: 100_000,
  }),
  // 1 560 000 ÷ 2 900 000 = 0.537931…; 930 000 ÷ 2 900 000 = 0.320689…
  executionRate: '0.5379',
  lectureFeeRatio: '0.3207',
  frozenFen: 400_000,
};

const RULES = { executionLowBelow: '0.5', lectureFeeCapPercent: 50 };

const county = (countyCode: string, figures: FundFigures): FundCountyRow => ({ countyCode, ...figures });

/**
 * A stand-in for the workshop section's `studios`, computed the way a section is: through
 * runSection against workshop's database, in the requester's scope. It lists the studios of the
 * range and those of the jurisdictions above it, as workshop shows studios downwards.
 */
const workshopStudios: SectionHandler<{ studios: StudioEntry }> = async (ctx) => {
  const rows = ctx.stream<StudioEntry>(
    `SELECT w.id::text AS id, w.name, w.region_code AS "regionCode", w.level, w.type, w.status, w.subject,
            w.stage, w.cycle_start_year AS "cycleStartYear", w.host_school_id::text AS "hostSchoolId",
            (SELECT m.teacher_id::text FROM workshop.membership m
              WHERE m.workshop_id = w.id AND m.role = 'HOST' AND m.left_on IS NULL LIMIT 1) AS "hostTeacherId"
       FROM workshop.workshop w
      WHERE w.region_code BETWEEN $1 AND $2 OR w.region_code = ANY($3)
      ORDER BY w.id`,
    [ctx.range.lo, ctx.range.hi, ctx.scope.ancestors],
  );
  for await (const row of rows) await ctx.emit('studios', row);
};

async function rowsOf(table: Table): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const row of table.rows) rows.push(row);
  return rows;
}

describe('finance report sections', () => {
  let system: TestSystem;
  let bench: SectionBench;
  /** West: a county studio spending normally, a principal studio frozen after little spending, a city studio. */
  let westBusy: Studio;
  let westFrozen: Studio;
  let cityStudio: Studio;
  let east: Studio;
  const handlers = financeSectionHandlers();

  beforeAll(async () => {
    system = await TestSystem.start();
    bench = await SectionBench.create();
    westBusy = await foundStudio(system, { countyCode: WEST, name: '西区数学名师工作室' });
    westFrozen = await foundStudio(system, { countyCode: WEST, type: 'PRINCIPAL', name: '西区名校长工作室' });
    cityStudio = await foundStudio(system, {
      countyCode: WEST,
      level: 'CITY',
      name: '攀枝花市数学名师工作室',
    });
    east = await foundStudio(system, { countyCode: EAST, name: '东区数学名师工作室' });

    // 10000.00 this year: 1500.00 research and 4900.00 lecture fees (49 %, just under the cap)
    // approved, 300.00 travel rejected, 200.00 outreach pending. Last year: 2000.00, 100.00 spent.
    const busyMoney = await allocated(system, westBusy, '10000.00');
    await approved(system, westBusy, (await submitted(system, westBusy, busyMoney.id, '1500.00')).id);
    const lectures = await submitted(system, westBusy, busyMoney.id, '4900.00', { category: 'LECTURE_FEE' });
    await approved(system, westBusy, lectures.id);
    const travel = await submitted(system, westBusy, busyMoney.id, '300.00', { category: 'TRAINING_TRAVEL' });
    const rejected = await system.gql(westBusy.office, DECIDE, {
      input: { expenseId: travel.id, decision: 'REJECT', reason: '票据不全' },
    });
    expect(rejected.data?.decideExpense.status).toBe('REJECTED');
    await submitted(system, westBusy, busyMoney.id, '200.00', { category: 'OUTREACH' });
    const lastYear = await allocated(system, westBusy, '2000.00', { year: THIS_YEAR - 1 });
    await approved(system, westBusy, (await submitted(system, westBusy, lastYear.id, '100.00')).id);

    // 5000.00: 1000.00 equipment approved, 500.00 approved then reversed, then frozen.
    const frozenMoney = await allocated(system, westFrozen, '5000.00');
    const books = await submitted(system, westFrozen, frozenMoney.id, '1000.00', {
      category: 'EQUIPMENT_MATERIALS',
    });
    await approved(system, westFrozen, books.id);
    const other = await submitted(system, westFrozen, frozenMoney.id, '500.00', { category: 'OTHER' });
    await approved(system, westFrozen, other.id);
    const reversed = await system.gql(westFrozen.office, REVERSE, {
      input: { expenseId: other.id, reason: '重复报销' },
    });
    expect(reversed.data?.reverseExpense.status).toBe('REVERSED');
    const frozen = await system.gql(westFrozen.office, FREEZE, {
      input: { allocationId: frozenMoney.id, reason: '取消资格' },
    });
    expect(frozen.data?.freezeFunds.status).toBe('FROZEN');

    // The city lets lecture fees reach 60 %: 4400.00 of 8000.00 (55 %) passes its policy, not the rule.
    const policy = await system.gql(
      officeOf('CITY', WEST),
      `mutation ($input: SetFundPolicyInput!) { setFundPolicy(input: $input) { lectureFeeCapPercent } }`,
      {
        input: {
          allowedCategories: Object.keys(spent({})),
          lectureFeeCapPercent: 60,
        },
      },
    );
    expect(policy.data?.setFundPolicy.lectureFeeCapPercent).toBe(60);
    const cityMoney = await allocated(system, cityStudio, '8000.00');
    await approved(system, cityStudio, (await submitted(system, cityStudio, cityMoney.id, '800.00')).id);
    const cityLectures = await submitted(system, cityStudio, cityMoney.id, '4400.00', {
      category: 'LECTURE_FEE',
    });
    await approved(system, cityStudio, cityLectures.id);

    // East: 6000.00, 2000.00 paid to the school, 3000.00 expert lectures approved (exactly half), 100.00 pending.
    const eastMoney = await allocated(system, east, '6000.00');
    const paid = await system.gql(east.office, DISBURSE, {
      input: {
        allocationId: eastMoney.id,
        amount: '2000.00',
        voucherNumber: 'BF-1',
        paidOn: `${THIS_YEAR}-01-05`,
      },
    });
    expect(paid.errors).toBeUndefined();
    const experts = await submitted(system, east, eastMoney.id, '3000.00', { category: 'EXPERT_LECTURE' });
    await approved(system, east, experts.id);
    await submitted(system, east, eastMoney.id, '100.00', { category: 'OTHER' });
  }, 240_000);

  afterAll(async () => {
    await bench?.dispose();
    await system?.stop();
  });

  const financeSection = (kind: ReportKind, requester: Principal, regionCode = requester.regionCode) =>
    bench.compute({
      service: 'finance',
      dataSource: system.finance.db,
      handler: handlers[kind]!,
      request: request(kind, regionCode),
      requester,
    });

  /** Every studio row as the section should have it, worked out from the fixtures. */
  const studioRows = (): Record<'westBusy' | 'westFrozen' | 'city' | 'east', FundStudioRow> => ({
    westBusy: {
      workshopId: westBusy.id,
      countyCode: WEST,
      regionCode: WEST,
      allocatedFen: 1_000_000,
      disbursedFen: 0,
      approvedFen: 640_000,
      pendingFen: 20_000,
      lectureFeeFen: 490_000,
      spentByCategory: spent({ RESEARCH_ACTIVITY: 150_000, LECTURE_FEE: 490_000 }),
      executionRate: '0.6400',
      lectureFeeRatio: '0.4900',
      frozenFen: 0,
      frozen: false,
      frozenSpentFen: 0,
      flags: [],
    },
    westFrozen: {
      workshopId: westFrozen.id,
      countyCode: WEST,
      regionCode: WEST,
      allocatedFen: 500_000,
      disbursedFen: 0,
      approvedFen: 100_000,
      pendingFen: 0,
      lectureFeeFen: 0,
      spentByCategory: spent({ EQUIPMENT_MATERIALS: 100_000 }),
      executionRate: '0.2000',
      lectureFeeRatio: '0.0000',
      frozenFen: 400_000,
      frozen: true,
      frozenSpentFen: 100_000,
      flags: ['EXECUTION_LOW', 'FROZEN_SPENDING'],
    },
    city: {
      workshopId: cityStudio.id,
      countyCode: WEST,
      regionCode: CITY,
      allocatedFen: 800_000,
      disbursedFen: 0,
      approvedFen: 520_000,
      pendingFen: 0,
      lectureFeeFen: 440_000,
      spentByCategory: spent({ RESEARCH_ACTIVITY: 80_000, LECTURE_FEE: 440_000 }),
      executionRate: '0.6500',
      lectureFeeRatio: '0.5500',
      frozenFen: 0,
      frozen: false,
      frozenSpentFen: 0,
      flags: ['LECTURE_FEE_OVER_CAP'],
    },
    east: {
      workshopId: east.id,
      countyCode: EAST,
      regionCode: EAST,
      allocatedFen: 600_000,
      disbursedFen: 200_000,
      approvedFen: 300_000,
      pendingFen: 10_000,
      lectureFeeFen: 0,
      spentByCategory: spent({ EXPERT_LECTURE: 300_000 }),
      // Exactly half is not below half.
      executionRate: '0.5000',
      lectureFeeRatio: '0.0000',
      frozenFen: 0,
      frozen: false,
      frozenSpentFen: 0,
      flags: [],
    },
  });

  /** Studio rows in the section's order: by county, then id. */
  const inSectionOrder = (rows: FundStudioRow[]) =>
    [...rows].sort((a, b) =>
      a.countyCode === b.countyCode
        ? a.workshopId < b.workshopId
          ? -1
          : 1
        : a.countyCode < b.countyCode
          ? -1
          : 1,
    );

  it("sums a county office's annual summary over its own county's studios only", async () => {
    const data = bench.data([await financeSection(ReportKind.ANNUAL_SUMMARY, westOffice)]);
    expect(await data.all('finance', 'fundRules')).toEqual([RULES]);
    expect(await data.all('finance', 'fundTotals')).toEqual([WEST_FIGURES]);
    expect(await data.all('finance', 'fundCounties')).toEqual([county(WEST, WEST_FIGURES)]);
    expect(await data.all('finance', 'fundStudios')).toEqual([]);

    const eastData = bench.data([await financeSection(ReportKind.ANNUAL_SUMMARY, eastOffice)]);
    expect(await eastData.all('finance', 'fundTotals')).toEqual([EAST_FIGURES]);
    expect(await eastData.all('finance', 'fundCounties')).toEqual([county(EAST, EAST_FIGURES)]);
  });

  it("sums a city office's annual summary by county, with totals over both", async () => {
    const data = bench.data([await financeSection(ReportKind.ANNUAL_SUMMARY, cityOffice)]);
    expect(await data.all('finance', 'fundTotals')).toEqual([CITY_FIGURES]);
    expect(await data.all('finance', 'fundCounties')).toEqual([
      county(EAST, EAST_FIGURES),
      county(WEST, WEST_FIGURES),
    ]);
  });

  it("narrows a county office's report of its city to the county", async () => {
    const data = bench.data([await financeSection(ReportKind.FUND_USAGE, westOffice, CITY)]);
    expect(await data.all('finance', 'fundTotals')).toEqual([WEST_FIGURES]);
    expect(await data.all('finance', 'fundCounties')).toEqual([county(WEST, WEST_FIGURES)]);
    const rows = await data.all<FundStudioRow>('finance', 'fundStudios');
    const expected = studioRows();
    expect(rows).toEqual(inSectionOrder([expected.westBusy, expected.westFrozen, expected.city]));
    expect(JSON.stringify(rows)).not.toContain(east.id);
  });

  it('lists every studio of a city with its figures and flags', async () => {
    const data = bench.data([await financeSection(ReportKind.FUND_USAGE, cityOffice)]);
    expect(await data.all('finance', 'fundTotals')).toEqual([CITY_FIGURES]);
    expect(await data.all('finance', 'fundStudios')).toEqual(inSectionOrder(Object.values(studioRows())));
  });

  it('gives the east county office none of the west county’s studios or money', async () => {
    const data = bench.data([await financeSection(ReportKind.FUND_USAGE, eastOffice)]);
    expect(await data.all('finance', 'fundStudios')).toEqual([studioRows().east]);
    expect(await data.all('finance', 'fundTotals')).toEqual([EAST_FIGURES]);
  });

  it('refuses a region outside the requester’s scope, and a requester who reads no region’s money', async () => {
    await expect(financeSection(ReportKind.FUND_USAGE, eastOffice, WEST)).rejects.toBeInstanceOf(
      SectionRefusedError,
    );
    const host: Principal = {
      userId: 'host',
      roles: [Role.HOST],
      regionCode: WEST,
      teacherId: westBusy.host.id,
    };
    await expect(financeSection(ReportKind.FUND_USAGE, host)).rejects.toBeInstanceOf(SectionRefusedError);
  });

  describe('chapters', () => {
    const regions = new RegionNames(
      new Map([
        [CITY, '攀枝花市'],
        [EAST, '东区'],
        [WEST, '西区'],
      ]),
    );

    async function chapterInput(kind: ReportKind, requester: Principal): Promise<ChapterInput> {
      const outputs: SectionOutput[] = [
        await bench.compute({
          service: 'workshop',
          dataSource: system.workshop.db,
          handler: workshopStudios,
          request: request(kind, requester.regionCode),
          requester,
        }),
        await financeSection(kind, requester),
      ];
      return { request: request(kind, requester.regionCode), data: bench.data(outputs), regions };
    }

    /** A county's row of the by-county table. */
    const countyRow = (name: string, f: FundFigures): Row => ({
      county: name,
      studios: f.studioCount,
      allocated: f.allocatedFen,
      approved: f.approvedFen,
      pending: f.pendingFen,
      balance: f.allocatedFen - f.approvedFen,
      executionRate: Number(f.executionRate),
      lectureFee: f.lectureFeeFen,
      lectureFeeRatio: Number(f.lectureFeeRatio),
    });
    const categoryRow = (name: string, f: FundFigures): Row => ({
      county: name,
      ...f.spentByCategory,
      approved: f.approvedFen,
    });

    it('write the annual summary’s funds chapter by county, with totals and a chart', async () => {
      const [chapter] = await annualFundsChapters(
        await chapterInput(ReportKind.ANNUAL_SUMMARY, cityOffice),
        '四、经费管理与使用',
      );
      expect(chapter.heading).toBe('四、经费管理与使用');
      expect(chapter.paragraphs).toEqual([
        `${THIS_YEAR}年度共向4个工作室下达经费29000.00元，已支出15600.00元，执行率53.79%；` +
          '其中课酬9300.00元，占下达经费的32.07%；待审核支出300.00元；冻结经费4000.00元。',
      ]);
      const [byCounty, byCategory] = chapter.tables;
      expect(byCounty.columns.map((c) => `${c.title}:${c.kind}`)).toEqual([
        '区县:text',
        '工作室数:integer',
        '下达经费:money',
        '已支出:money',
        '待审核:money',
        '结余:money',
        '执行率:ratio',
        '课酬:money',
        '课酬占比:ratio',
      ]);
      expect(await rowsOf(byCounty)).toEqual([
        countyRow('东区', EAST_FIGURES),
        countyRow('西区', WEST_FIGURES),
      ]);
      expect(byCounty.totals).toEqual(countyRow('合计', CITY_FIGURES));
      expect(byCategory.columns.map((c) => c.title)).toEqual([
        '区县',
        '教研活动',
        '培训/差旅',
        '送教下乡',
        '专家授课',
        '课酬',
        '设备图书资料',
        '其他',
        '合计',
      ]);
      expect(await rowsOf(byCategory)).toEqual([
        categoryRow('东区', EAST_FIGURES),
        categoryRow('西区', WEST_FIGURES),
      ]);
      expect(byCategory.totals).toEqual(categoryRow('合计', CITY_FIGURES));
      expect(chapter.charts).toEqual([
        {
          title: '各区县下达经费与已支出（元）',
          type: 'bar',
          categories: ['东区', '西区'],
          series: [
            { name: '下达经费', values: [6000, 23000] },
            { name: '已支出', values: [3000, 12600] },
          ],
        },
      ]);
    });

    it('write the fund-usage report: by county, every studio with its name and level, and the flagged ones', async () => {
      const chapters = await fundUsageChapters(await chapterInput(ReportKind.FUND_USAGE, cityOffice));
      expect(chapters.map((c) => c.heading)).toEqual([
        '一、总体情况',
        '二、各工作室经费使用情况',
        '三、需关注的工作室',
      ]);
      expect(await rowsOf(chapters[0].tables[0])).toEqual([
        countyRow('东区', EAST_FIGURES),
        countyRow('西区', WEST_FIGURES),
      ]);

      const names = new Map([
        [westBusy.id, ['西区数学名师工作室', '县级']],
        [westFrozen.id, ['西区名校长工作室', '县级']],
        [cityStudio.id, ['攀枝花市数学名师工作室', '市级']],
        [east.id, ['东区数学名师工作室', '县级']],
      ]);
      const ordered = inSectionOrder(Object.values(studioRows()));
      const figures = (r: Omit<FundFigures, 'studioCount'>): Row => ({
        allocated: r.allocatedFen,
        ...r.spentByCategory,
        approved: r.approvedFen,
        pending: r.pendingFen,
        executionRate: Number(r.executionRate),
        lectureFeeRatio: Number(r.lectureFeeRatio),
      });
      const [studioTable] = chapters[1].tables;
      expect(studioTable.columns.filter((c) => c.kind === 'ratio').map((c) => c.title)).toEqual([
        '执行率',
        '课酬占比',
      ]);
      expect(await rowsOf(studioTable)).toEqual(
        ordered.map((r) => ({
          name: names.get(r.workshopId)![0],
          county: r.countyCode === WEST ? '西区' : '东区',
          level: names.get(r.workshopId)![1],
          ...figures(r),
          state: r.frozen ? '冻结' : '正常',
        })),
      );
      expect(studioTable.totals).toEqual({
        name: '合计',
        county: null,
        level: null,
        ...figures(CITY_FIGURES),
        state: null,
      });

      const flagged = await rowsOf(chapters[2].tables[0]);
      const reasons = ordered.flatMap((r) =>
        r.flags.map((flag) => [
          names.get(r.workshopId)![0],
          {
            EXECUTION_LOW: '执行率低于50%',
            LECTURE_FEE_OVER_CAP: '课酬超过上限（不得超过下达经费的50%）',
            FROZEN_SPENDING: '经费已冻结，冻结经费中已支出1000.00元',
          }[flag],
        ]),
      );
      expect(flagged.map((row) => [row.name, row.reason])).toEqual(reasons);
      expect(reasons).toHaveLength(3);
      expect(flagged.find((row) => row.name === '西区名校长工作室')).toMatchObject({
        county: '西区',
        level: '县级',
        allocated: 500_000,
        approved: 100_000,
        executionRate: 0.2,
        lectureFeeRatio: 0,
      });
    });

    it("write a county office's chapters from its own county's money only", async () => {
      const input = await chapterInput(ReportKind.FUND_USAGE, eastOffice);
      const chapters = await fundUsageChapters(input);
      expect(await rowsOf(chapters[0].tables[0])).toEqual([countyRow('东区', EAST_FIGURES)]);
      expect(chapters[0].tables[0].totals).toEqual(countyRow('合计', EAST_FIGURES));
      const studios = await rowsOf(chapters[1].tables[0]);
      expect(studios.map((row) => row.name)).toEqual(['东区数学名师工作室']);
      expect(await rowsOf(chapters[2].tables[0])).toEqual([]);
    });
  });
});
