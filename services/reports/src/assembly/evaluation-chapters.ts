import type {
  AssessmentResultEntry,
  AssessmentRoundEntry,
  AssessmentRoundKind,
  GradeCounts,
  GradeDistributionEntry,
  GradeTotalsEntry,
  IndicatorEntry,
  IndicatorScoreEntry,
} from '@mingshi/reports';
import type { Chapter, Chart, Column, Row, Table } from '../render/report-document';
import type { ChapterInput } from './section-data';
import { StudioDirectory } from './studio-directory';

/** The grades in the order bureaus list them, with the words they use. */
const GRADES = [
  { key: 'excellent', label: '优秀' },
  { key: 'qualified', label: '合格' },
  { key: 'basic', label: '基本合格' },
  { key: 'unqualified', label: '不合格' },
] as const;

const GRADE_LABEL: Record<AssessmentResultEntry['grade'], string> = {
  EXCELLENT: '优秀',
  QUALIFIED: '合格',
  BASIC: '基本合格',
  UNQUALIFIED: '不合格',
};

const ROUND_KIND_LABEL: Record<AssessmentRoundKind, string> = {
  ANNUAL: '年度考核',
  MIDTERM: '中期考核',
  TERM_END: '期满考核',
  FOLLOW_UP: '整改复评',
};

/**
 * Points for a 'decimal' column, which takes numbers in points: hundredths ÷ 100. Exact enough
 * for display, since a score has two places and is at most 1000 points (Score's bound), far
 * inside what a double holds to the hundredth; the figures themselves stay integer hundredths.
 */
function points(hundredths: number): number {
  return hundredths / 100;
}

/** The annual summary's chapter on grades: the year's results by round kind and county. */
export async function annualGradesChapter(input: ChapterInput): Promise<Chapter[]> {
  const groups = await input.data.all<GradeDistributionEntry>('evaluation', 'gradeDistribution');
  const [totals] = await input.data.all<GradeTotalsEntry>('evaluation', 'gradeTotals');
  if (!totals) throw new Error('The evaluation section has no grade totals');
  const table: Table = {
    title: '考核等级分布',
    columns: [
      { key: 'kind', title: '考核类型', kind: 'text' },
      { key: 'county', title: '区县', kind: 'text' },
      ...gradeCountColumns(),
    ],
    rows: groups.map((group) => ({
      kind: ROUND_KIND_LABEL[group.roundKind],
      county: input.regions.name(group.countyCode),
      ...gradeCountCells(group),
    })),
    totals: { kind: '合计', county: null, ...gradeCountCells(totals) },
  };
  return [
    {
      heading: '考核结果',
      paragraphs: [resultsSentence(`${input.request.year}年度`, totals)],
      tables: [table],
      charts: gradeChart('考核等级构成', totals),
    },
  ];
}

/**
 * The body of 考核结果: per round, what it was, its ranking with every C-level indicator's score,
 * and its grades. Rows are streamed from the section file, so a province's results are never
 * held at once; only the studio names (a few thousand) and the indicators are.
 */
export async function assessmentResultsChapters(input: ChapterInput): Promise<Chapter[]> {
  const { data, request } = input;
  const rounds = await data.all<AssessmentRoundEntry>('evaluation', 'rounds');
  if (rounds.length === 0) {
    return [{ heading: '考核结果', paragraphs: [`${request.year}年度统计范围内没有考核轮次。`], tables: [] }];
  }
  const indicators = await data.all<IndicatorEntry>('evaluation', 'indicators');
  const studios = await StudioDirectory.load(input);
  return rounds.map((round) =>
    roundChapter(
      input,
      round,
      indicators.filter((indicator) => indicator.schemeId === round.schemeId),
      studios,
    ),
  );
}

function roundChapter(
  input: ChapterInput,
  round: AssessmentRoundEntry,
  indicators: IndicatorEntry[],
  studios: StudioDirectory,
): Chapter {
  const name = `${input.regions.name(round.officeRegionCode)}${round.title}`;
  const ranking: Table = {
    title: `${name}·考核结果排名`,
    columns: [
      { key: 'rank', title: '排名', kind: 'integer' },
      { key: 'studio', title: '工作室', kind: 'text' },
      { key: 'county', title: '区县', kind: 'text' },
      ...indicators.map((indicator): Column => ({
        key: indicatorKey(indicator.code),
        title: `${indicator.code} ${indicator.title}`,
        kind: 'decimal',
      })),
      { key: 'total', title: '总分', kind: 'decimal' },
      { key: 'grade', title: '等级', kind: 'text' },
      { key: 'state', title: '结果状态', kind: 'text' },
    ],
    rows: rereadable(() => rankingRows(input, round, indicators, studios)),
  };
  const distribution: Table = {
    title: `${name}·等级分布`,
    columns: [
      { key: 'grade', title: '等级', kind: 'text' },
      { key: 'count', title: '工作室数', kind: 'integer' },
      { key: 'share', title: '占比', kind: 'ratio' },
    ],
    rows: GRADES.map(({ key, label }) => ({
      grade: label,
      count: round[key],
      share: share(round[key], round),
    })),
    totals: { grade: '合计', count: round.results, share: share(round.results, round) },
  };
  return {
    heading: name,
    paragraphs: [
      `考核类型：${ROUND_KIND_LABEL[round.kind]}；考核周期：${round.periodFrom}至${round.periodTo}；` +
        `考核方案：${round.schemeName}（第${round.schemeVersion}版），满分${points(round.maxTotal)}分，` +
        `优秀≥${points(round.excellentFrom)}分，合格≥${points(round.qualifiedFrom)}分，` +
        `基本合格≥${points(round.basicFrom)}分。`,
      `参评工作室${round.assessments}个。${resultsSentence('本轮', round)}`,
    ],
    tables: [ranking, distribution],
    charts: gradeChart(`${name}·等级构成`, round),
  };
}

/**
 * The round's results in rank order, each with its scores: `scores` lists a result's scores
 * right after the one before it, in the same order as `results`, so one pass over each suffices.
 */
async function* rankingRows(
  input: ChapterInput,
  round: AssessmentRoundEntry,
  indicators: IndicatorEntry[],
  studios: StudioDirectory,
): AsyncIterable<Row> {
  const scores = new Lookahead(
    ofRound(input.data.rows<IndicatorScoreEntry>('evaluation', 'scores'), round.id),
  );
  for await (const result of ofRound(
    input.data.rows<AssessmentResultEntry>('evaluation', 'results'),
    round.id,
  )) {
    const row: Row = {
      rank: result.rank,
      studio: studios.get(result.workshopId)?.name ?? result.workshopId,
      county: input.regions.name(result.countyCode),
    };
    for (const indicator of indicators) row[indicatorKey(indicator.code)] = null;
    for (
      let score = await scores.peek();
      score?.assessmentId === result.assessmentId;
      score = await scores.peek()
    ) {
      row[indicatorKey(score.indicatorCode)] = points(score.score);
      await scores.next();
    }
    row.total = points(result.total);
    row.grade = GRADE_LABEL[result.grade];
    row.state = result.final ? '最终结果' : '申诉期内';
    yield row;
  }
  if (await scores.peek())
    throw new Error(`The scores of round ${round.id} are not in the order of its results`);
}

/**
 * Rows read afresh from the section file each time they are iterated, so the same document can be
 * rendered more than once (to XLSX and then PDF) without holding the rows.
 */
function rereadable<T>(read: () => AsyncIterable<T>): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: () => read()[Symbol.asyncIterator]() };
}

/** A ranking table's column of one C-level indicator, by its code. */
function indicatorKey(code: string): string {
  return `c:${code}`;
}

async function* ofRound<T extends { roundId: string }>(
  rows: AsyncIterable<T>,
  roundId: string,
): AsyncIterable<T> {
  for await (const row of rows) if (row.roundId === roundId) yield row;
}

/** An async iterator one can look one item ahead in. */
class Lookahead<T> {
  private readonly iterator: AsyncIterator<T>;
  private ahead: Promise<IteratorResult<T>> | null = null;

  constructor(items: AsyncIterable<T>) {
    this.iterator = items[Symbol.asyncIterator]();
  }

  async peek(): Promise<T | undefined> {
    this.ahead ??= this.iterator.next();
    const item = await this.ahead;
    return item.done ? undefined : item.value;
  }

  async next(): Promise<void> {
    await this.peek();
    this.ahead = null;
  }
}

function gradeCountColumns(): Column[] {
  return [
    { key: 'results', title: '考核结果数', kind: 'integer' },
    ...GRADES.map(({ key, label }): Column => ({ key, title: label, kind: 'integer' })),
    { key: 'excellentShare', title: '优秀率', kind: 'ratio' },
  ];
}

function gradeCountCells(counts: GradeCounts): Row {
  return {
    results: counts.results,
    ...Object.fromEntries(GRADES.map(({ key }) => [key, counts[key]])),
    excellentShare: share(counts.excellent, counts),
  };
}

/** A fraction of the results; none when there are no results. */
function share(count: number, counts: GradeCounts): number | null {
  return counts.results === 0 ? null : count / counts.results;
}

/** e.g. 本轮共有考核结果4个：优秀1个、合格2个、基本合格0个、不合格1个；其中… */
function resultsSentence(period: string, counts: GradeCounts): string {
  if (counts.results === 0) return `${period}尚无考核结果。`;
  const grades = GRADES.map(({ key, label }) => `${label}${counts[key]}个`).join('、');
  const pending = counts.results - counts.final;
  const finality =
    pending === 0
      ? '均已过申诉期，为最终结果'
      : `其中${counts.final}个已过申诉期为最终结果，${pending}个尚在申诉期内，复核后可能变更`;
  return `${period}共有考核结果${counts.results}个：${grades}；${finality}。`;
}

/** The grades as a pie; none when there are no results to draw. */
function gradeChart(title: string, counts: GradeCounts): Chart[] {
  if (counts.results === 0) return [];
  return [
    {
      title,
      type: 'pie',
      categories: GRADES.map(({ label }) => label),
      series: [{ name: '工作室数', values: GRADES.map(({ key }) => counts[key]) }],
    },
  ];
}
