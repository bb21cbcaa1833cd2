import {
  EXPENSE_CATEGORIES,
  type ExpenseCategoryCode,
  type FundCountyRow,
  type FundFigures,
  type FundFlag,
  type FundRulesRow,
  type FundStudioRow,
  type FundTotalsRow,
} from '@mingshi/reports';
import type { Chapter, Chart, Column, Row, Table } from '../render/report-document';
import type { ChapterInput } from './section-data';
import { STUDIO_LEVEL_WORDS, StudioDirectory } from './studio-directory';

/**
 * The finance section as bureaus read it: 下达经费, 已支出 by category, 执行率 and 课酬占比, by
 * county and by studio. Every figure is the finance section's own (fen, and the API's four-place
 * rates): no sum or rate is worked out here, so a report never disagrees with the API.
 */

const CATEGORY_TITLES: Record<ExpenseCategoryCode, string> = {
  RESEARCH_ACTIVITY: '教研活动',
  TRAINING_TRAVEL: '培训/差旅',
  OUTREACH: '送教下乡',
  EXPERT_LECTURE: '专家授课',
  LECTURE_FEE: '课酬',
  EQUIPMENT_MATERIALS: '设备图书资料',
  OTHER: '其他',
};

const money = (key: string, title: string): Column => ({ key, title, kind: 'money' });
const ratio = (key: string, title: string): Column => ({ key, title, kind: 'ratio' });
const text = (key: string, title: string, width?: number): Column => ({ key, title, kind: 'text', width });

const CATEGORY_COLUMNS = EXPENSE_CATEGORIES.map((category) => money(category, CATEGORY_TITLES[category]));

/** A rate of the finance section as the fraction a ratio column takes. */
function fraction(rate: string | null): number | null {
  return rate === null ? null : Number(rate);
}

/** "12600.00", from fen, without passing through a float. */
function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "54.78%" from "0.5478", "50%" from "0.5": the decimal's digits moved, not multiplied. */
function percent(rate: string): string {
  const [whole, decimals = ''] = rate.split('.');
  const hundredths = BigInt(whole) * 10_000n + BigInt(decimals.padEnd(4, '0').slice(0, 4));
  const rest = hundredths % 100n;
  return `${hundredths / 100n}${rest === 0n ? '' : `.${rest.toString().padStart(2, '0')}`}%`;
}

/** The small datasets every finance chapter reads. */
interface RegionFunds {
  rules: FundRulesRow;
  totals: FundTotalsRow;
  counties: FundCountyRow[];
}

async function regionFunds(input: ChapterInput): Promise<RegionFunds> {
  const [[rules], [totals], counties] = await Promise.all([
    input.data.all<FundRulesRow>('finance', 'fundRules'),
    input.data.all<FundTotalsRow>('finance', 'fundTotals'),
    input.data.all<FundCountyRow>('finance', 'fundCounties'),
  ]);
  if (!rules || !totals) throw new Error('The finance section has no fundRules or fundTotals row');
  return { rules, totals, counties };
}

/** One sentence of the year's money, as a bureau's summary opens. */
function overview({ totals }: RegionFunds, year: number): string {
  if (totals.studioCount === 0) return `${year}年度未向工作室下达经费。`;
  const frozen = totals.frozenFen > 0 ? `；冻结经费${yuan(totals.frozenFen)}元` : '';
  return (
    `${year}年度共向${totals.studioCount}个工作室下达经费${yuan(totals.allocatedFen)}元，` +
    `已支出${yuan(totals.approvedFen)}元，执行率${percent(totals.executionRate ?? '0')}；` +
    `其中课酬${yuan(totals.lectureFeeFen)}元，占下达经费的${percent(totals.lectureFeeRatio ?? '0')}；` +
    `待审核支出${yuan(totals.pendingFen)}元${frozen}。`
  );
}

/** The cells of a county's or the totals' figures in the by-county table. */
function countyCells(name: string, figures: FundFigures): Row {
  return {
    county: name,
    studios: figures.studioCount,
    allocated: figures.allocatedFen,
    approved: figures.approvedFen,
    pending: figures.pendingFen,
    balance: figures.allocatedFen - figures.approvedFen,
    executionRate: fraction(figures.executionRate),
    lectureFee: figures.lectureFeeFen,
    lectureFeeRatio: fraction(figures.lectureFeeRatio),
  };
}

function countyTable(input: ChapterInput, funds: RegionFunds): Table {
  return {
    title: '各区县经费执行情况',
    columns: [
      text('county', '区县'),
      { key: 'studios', title: '工作室数', kind: 'integer' },
      money('allocated', '下达经费'),
      money('approved', '已支出'),
      money('pending', '待审核'),
      money('balance', '结余'),
      ratio('executionRate', '执行率'),
      money('lectureFee', '课酬'),
      ratio('lectureFeeRatio', '课酬占比'),
    ],
    rows: funds.counties.map((county) => countyCells(input.regions.name(county.countyCode), county)),
    totals: countyCells('合计', funds.totals),
  };
}

function categoryCells(name: string, figures: FundFigures): Row {
  return { county: name, ...figures.spentByCategory, approved: figures.approvedFen };
}

function categoryTable(input: ChapterInput, funds: RegionFunds): Table {
  return {
    title: '各区县分类支出',
    columns: [text('county', '区县'), ...CATEGORY_COLUMNS, money('approved', '合计')],
    rows: funds.counties.map((county) => categoryCells(input.regions.name(county.countyCode), county)),
    totals: categoryCells('合计', funds.totals),
  };
}

/** Allocated beside spent, per county, in yuan (a chart's axis reads yuan, not fen). */
function countyChart(input: ChapterInput, funds: RegionFunds): Chart {
  return {
    title: '各区县下达经费与已支出（元）',
    type: 'bar',
    categories: funds.counties.map((county) => input.regions.name(county.countyCode)),
    series: [
      { name: '下达经费', values: funds.counties.map((county) => county.allocatedFen / 100) },
      { name: '已支出', values: funds.counties.map((county) => county.approvedFen / 100) },
    ],
  };
}

function regionChapter(heading: string, input: ChapterInput, funds: RegionFunds): Chapter {
  return {
    heading,
    paragraphs: [overview(funds, input.request.year)],
    tables: [countyTable(input, funds), categoryTable(input, funds)],
    charts: [countyChart(input, funds)],
  };
}

/**
 * The annual summary's funds chapter (年度工作总结): the year's money by county, with totals, its
 * spending by category and a chart of allocated against spent. The assembler numbers the heading.
 */
export async function annualFundsChapters(
  input: ChapterInput,
  heading = '经费管理与使用',
): Promise<Chapter[]> {
  return [regionChapter(heading, input, await regionFunds(input))];
}

function studioCells(
  input: ChapterInput,
  studios: StudioDirectory,
  row: Pick<FundStudioRow, 'workshopId' | 'countyCode'>,
): Row {
  const studio = studios.get(row.workshopId);
  return {
    name: studio?.name ?? row.workshopId,
    county: input.regions.name(row.countyCode),
    level: studio ? STUDIO_LEVEL_WORDS[studio.level] : null,
  };
}

function studioFigureCells(figures: Omit<FundFigures, 'studioCount'>): Row {
  return {
    allocated: figures.allocatedFen,
    ...figures.spentByCategory,
    approved: figures.approvedFen,
    pending: figures.pendingFen,
    executionRate: fraction(figures.executionRate),
    lectureFeeRatio: fraction(figures.lectureFeeRatio),
  };
}

async function* studioRows(input: ChapterInput, studios: StudioDirectory): AsyncIterable<Row> {
  for await (const row of input.data.rows<FundStudioRow>('finance', 'fundStudios')) {
    yield {
      ...studioCells(input, studios, row),
      ...studioFigureCells(row),
      state: row.frozen ? '冻结' : '正常',
    };
  }
}

function studioTable(input: ChapterInput, funds: RegionFunds, studios: StudioDirectory): Table {
  return {
    title: '各工作室经费使用明细',
    columns: [
      text('name', '工作室名称', 30),
      text('county', '所在区县'),
      text('level', '级别'),
      money('allocated', '下达经费'),
      ...CATEGORY_COLUMNS,
      money('approved', '已支出合计'),
      money('pending', '待审核'),
      ratio('executionRate', '执行率'),
      ratio('lectureFeeRatio', '课酬占比'),
      text('state', '经费状态'),
    ],
    rows: studioRows(input, studios),
    totals: { name: '合计', county: null, level: null, ...studioFigureCells(funds.totals), state: null },
  };
}

function flagReason(flag: FundFlag, row: FundStudioRow, rules: FundRulesRow): string {
  switch (flag) {
    case 'EXECUTION_LOW':
      return `执行率低于${percent(rules.executionLowBelow)}`;
    case 'LECTURE_FEE_OVER_CAP':
      return `课酬超过上限（不得超过下达经费的${rules.lectureFeeCapPercent}%）`;
    case 'FROZEN_SPENDING':
      return `经费已冻结，冻结经费中已支出${yuan(row.frozenSpentFen)}元`;
  }
}

/** One row per studio and reason, read again from the section file as the rows are rendered. */
async function* flaggedRows(
  input: ChapterInput,
  studios: StudioDirectory,
  rules: FundRulesRow,
): AsyncIterable<Row> {
  for await (const row of input.data.rows<FundStudioRow>('finance', 'fundStudios')) {
    for (const flag of row.flags) {
      yield {
        ...studioCells(input, studios, row),
        allocated: row.allocatedFen,
        approved: row.approvedFen,
        executionRate: fraction(row.executionRate),
        lectureFeeRatio: fraction(row.lectureFeeRatio),
        reason: flagReason(flag, row, rules),
      };
    }
  }
}

function flaggedTable(input: ChapterInput, funds: RegionFunds, studios: StudioDirectory): Table {
  return {
    title: '需关注的工作室',
    columns: [
      text('name', '工作室名称', 30),
      text('county', '所在区县'),
      text('level', '级别'),
      money('allocated', '下达经费'),
      money('approved', '已支出'),
      ratio('executionRate', '执行率'),
      ratio('lectureFeeRatio', '课酬占比'),
      text('reason', '原因', 40),
    ],
    rows: flaggedRows(input, studios, funds.rules),
  };
}

/**
 * The whole body of a fund-usage report (经费使用情况): the year by county, every studio's
 * figures, and the studios past a threshold with the reason.
 */
export async function fundUsageChapters(input: ChapterInput): Promise<Chapter[]> {
  const [funds, studios] = await Promise.all([regionFunds(input), StudioDirectory.load(input)]);
  const { rules } = funds;
  return [
    regionChapter('一、总体情况', input, funds),
    { heading: '二、各工作室经费使用情况', tables: [studioTable(input, funds, studios)] },
    {
      heading: '三、需关注的工作室',
      paragraphs: [
        `以下工作室执行率低于${percent(rules.executionLowBelow)}（按年度末计）、` +
          `课酬超过下达经费的${rules.lectureFeeCapPercent}%，或经费已冻结但冻结经费中已有支出，请予关注。`,
      ],
      tables: [flaggedTable(input, funds, studios)],
    },
  ];
}
