import { Role, type Principal } from '@mingshi/auth';
import {
  ReportKind,
  SectionRefusedError,
  type EvaluationDatasets,
  type SectionHandler,
  type SectionOutput,
  type StudioEntry,
} from '@mingshi/reports';
import { evaluationSectionHandlers } from '../../services/evaluation/src/report-sections';
import {
  annualGradesChapter,
  assessmentResultsChapters,
} from '../../services/reports/src/assembly/evaluation-chapters';
import { RegionNames, type ChapterInput } from '../../services/reports/src/assembly/section-data';
import type { Chapter, Row, Table } from '../../services/reports/src/render/report-document';
import {
  ASSIGN,
  FINALISE,
  REOPEN,
  SCORE,
  evaluator,
  openedRound,
  publishedScheme,
  schemeContent,
} from '../harness/evaluation-fixtures';
import { SectionBench } from '../harness/report-sections';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

const YEAR = 2025;
const EAST = '510402';
const WEST = '510403';
const CITY = '510400';

/**
 * Three C-level indicators, 100 points: two scored by experts (40 each) and one from the
 * period's activities (20, linear to 4 activities). 优秀 ≥ 85, 合格 ≥ 70, 基本合格 ≥ 60.
 */
const CONTENT = schemeContent({
  indicators: [
    {
      title: '团队建设',
      children: [
        {
          title: '研修与活动',
          children: [
            { title: '团队研修质量', maxScore: '40', source: 'EXPERT' },
            {
              title: '研修活动次数',
              maxScore: '20',
              source: 'COMPUTED',
              rule: { metric: 'ACTIVITIES', method: 'LINEAR', target: 4 },
            },
          ],
        },
      ],
    },
    {
      title: '示范辐射',
      children: [
        { title: '引领作用', children: [{ title: '示范引领成效', maxScore: '40', source: 'EXPERT' }] },
      ],
    },
  ],
});

const RECORD_ACTIVITY = `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`;

/** One studio of the fixture: what its experts give, how many activities, and the hand-computed result. */
interface Planned {
  name: string;
  county: string;
  activities: number;
  /** Points for A1.B1.C1 and A2.B1.C1. */
  expert: [string, string];
  /** Finalised once with `expert`, then reopened and finalised again with these. */
  reopenedWith?: [string, string];
  /** Hand-computed: hundredths of each C-level indicator in scheme order, total, grade, rank. */
  scores: [number, number, number];
  total: number;
  grade: 'EXCELLENT' | 'QUALIFIED' | 'BASIC' | 'UNQUALIFIED';
  rank: number;
}

const PLAN: Planned[] = [
  // 东区, an annual round with a 15-day appeal window: nothing is final yet.
  // 35.5 + 10 (2 of 4 activities) + 30 = 75.5
  {
    name: '东区甲名师工作室',
    county: EAST,
    activities: 2,
    expert: ['35.5', '30'],
    scores: [3550, 1000, 3000],
    total: 7550,
    grade: 'QUALIFIED',
    rank: 2,
  },
  // 30 + 10 + 35.5 = 75.5: the same total, the same rank.
  {
    name: '东区乙名师工作室',
    county: EAST,
    activities: 2,
    expert: ['30', '35.5'],
    scores: [3000, 1000, 3550],
    total: 7550,
    grade: 'QUALIFIED',
    rank: 2,
  },
  // 40 + 20 (4 of 4) + 38 = 98
  {
    name: '东区丙名师工作室',
    county: EAST,
    activities: 4,
    expert: ['40', '38'],
    scores: [4000, 2000, 3800],
    total: 9800,
    grade: 'EXCELLENT',
    rank: 1,
  },
  // First 30 + 0 + 30 = 60 (基本合格); reopened and rescored 20 + 0 + 25 = 45: rank 4 after the tie.
  {
    name: '东区丁名师工作室',
    county: EAST,
    activities: 0,
    expert: ['30', '30'],
    reopenedWith: ['20', '25'],
    scores: [2000, 0, 2500],
    total: 4500,
    grade: 'UNQUALIFIED',
    rank: 4,
  },
  // 西区, a midterm round with no appeal window: both results are final.
  // 36 + 0 + 34 = 70, exactly 合格.
  {
    name: '西区甲名师工作室',
    county: WEST,
    activities: 0,
    expert: ['36', '34'],
    scores: [3600, 0, 3400],
    total: 7000,
    grade: 'QUALIFIED',
    rank: 1,
  },
  // 20 + 0 + 15 = 35
  {
    name: '西区乙名师工作室',
    county: WEST,
    activities: 0,
    expert: ['20', '15'],
    scores: [2000, 0, 1500],
    total: 3500,
    grade: 'UNQUALIFIED',
    rank: 2,
  },
];

const CODES = ['A1.B1.C1', 'A1.B1.C2', 'A2.B1.C1'] as const;

interface Assessed extends Planned {
  studio: Studio;
  assessmentId: string;
  roundId: string;
  schemeId: string;
}

function office(role: Role, regionCode: string): Principal {
  return { userId: `${role.toLowerCase()}-${regionCode}`, roles: [role], regionCode };
}

/**
 * The workshop section's `studios` as this test needs them, read from the workshop database by
 * runSection in the requester's scope: the studios founded in the report's range.
 */
const studiosSection: SectionHandler<{ studios: StudioEntry }> = async (ctx) => {
  const rows = (await ctx.manager.query(
    `SELECT id, name, region_code AS "regionCode", level, type, status, subject, stage,
            cycle_start_year AS "cycleStartYear", NULL AS "hostTeacherId", host_school_id AS "hostSchoolId"
       FROM workshop.workshop WHERE region_code BETWEEN $1 AND $2 ORDER BY name, id`,
    [ctx.range.lo, ctx.range.hi],
  )) as StudioEntry[];
  for (const row of rows) await ctx.emit('studios', row);
};

/** Evaluation's report sections, computed as its section worker would, and read back as the assembler does. */
describe('evaluation report sections', () => {
  let system: TestSystem;
  let bench: SectionBench;
  let regions: RegionNames;
  let countyNames: Record<string, string>;
  const assessed: Assessed[] = [];
  const rounds: Record<string, { id: string; schemeId: string; title: string; kind: string }> = {};

  async function recordActivities(studio: Studio, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const r = await system.gql(studio.hostCaller, RECORD_ACTIVITY, {
        input: {
          type: 'THEMED_RESEARCH',
          title: `主题教研${i + 1}`,
          date: `${YEAR}-05-10`,
          place: '本校',
          workshopId: studio.id,
          hoursCredited: 2,
          participantIds: [studio.host.id],
        },
      });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    }
  }

  async function expertScores(expert: TokenRequest, assessmentId: string, points: [string, string]) {
    const r = await system.gql(expert, SCORE, {
      input: {
        assessmentId,
        scores: [
          { indicatorCode: CODES[0], score: points[0] },
          { indicatorCode: CODES[2], score: points[1] },
        ],
      },
    });
    if (r.errors) throw new Error(`scoreAssessment failed: ${JSON.stringify(r.errors)}`);
  }

  async function finalised(as: TokenRequest, id: string): Promise<void> {
    const r = await system.gql(as, FINALISE, { id });
    if (r.errors) throw new Error(`finaliseAssessment failed: ${JSON.stringify(r.errors)}`);
  }

  /** A county's studios founded, its scheme published, its round opened, scored and finalised. */
  async function assessCounty(
    county: string,
    round: { kind: string; title: string; appealWindowDays: number },
  ) {
    const planned = PLAN.filter((p) => p.county === county);
    const studios: Studio[] = [];
    for (const p of planned) studios.push(await foundStudio(system, { countyCode: county, name: p.name }));
    for (const [i, p] of planned.entries()) await recordActivities(studios[i]!, p.activities);
    const countyOffice = studios[0]!.office;
    const schemeId = await publishedScheme(system, countyOffice, CONTENT);
    const opened = await openedRound(system, countyOffice, schemeId, { ...round, year: YEAR });
    rounds[county] = { id: opened.id, schemeId, ...round };
    const expert = await evaluator(system, county);
    for (const [i, p] of planned.entries()) {
      const studio = studios[i]!;
      const assessmentId = opened.assessments.get(studio.id)!;
      const assign = await system.gql(countyOffice, ASSIGN, {
        input: { assessmentId, teacherIds: [expert.teacherId] },
      });
      if (assign.errors) throw new Error(JSON.stringify(assign.errors));
      await expertScores(expert, assessmentId, p.expert);
      await finalised(countyOffice, assessmentId);
      if (p.reopenedWith) {
        const reopened = await system.gql(countyOffice, REOPEN, {
          id: assessmentId,
          reason: '申诉复核：材料补充',
        });
        if (reopened.errors) throw new Error(JSON.stringify(reopened.errors));
        await expertScores(expert, assessmentId, p.reopenedWith);
        await finalised(countyOffice, assessmentId);
      }
      assessed.push({ ...p, studio, assessmentId, roundId: opened.id, schemeId });
    }
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    bench = await SectionBench.create();
    await assessCounty(EAST, { kind: 'ANNUAL', title: `${YEAR}年度工作室年度考核`, appealWindowDays: 15 });
    await assessCounty(WEST, { kind: 'MIDTERM', title: `${YEAR}年度工作室中期考核`, appealWindowDays: 0 });
    // 西区's windows are closed at once: their results become final.
    expect(await system.concludeAssessments()).toBe(2);
    const names = (await system.personnelDb.query(
      `SELECT code, name FROM personnel.region WHERE code = ANY($1)`,
      [[EAST, WEST, CITY]],
    )) as { code: string; name: string }[];
    countyNames = Object.fromEntries(names.map((r) => [r.code, r.name]));
    regions = new RegionNames(new Map(Object.entries(countyNames)));
  }, 300_000);

  afterAll(async () => {
    await bench?.dispose();
    await system?.stop();
  });

  const handlers = () => evaluationSectionHandlers();

  async function evaluationSection(
    kind: ReportKind,
    requester: Principal,
    regionCode = requester.regionCode,
  ) {
    return bench.compute({
      service: 'evaluation',
      dataSource: system.evaluation.db,
      handler: handlers()[kind]!,
      request: { kind, regionCode, year: YEAR, masked: true },
      requester,
    });
  }

  async function datasets(
    output: SectionOutput,
  ): Promise<{ [K in keyof EvaluationDatasets]: EvaluationDatasets[K][] }> {
    const data = bench.data([output]);
    return {
      gradeDistribution: await data.all('evaluation', 'gradeDistribution'),
      gradeTotals: await data.all('evaluation', 'gradeTotals'),
      rounds: await data.all('evaluation', 'rounds'),
      indicators: await data.all('evaluation', 'indicators'),
      results: await data.all('evaluation', 'results'),
      scores: await data.all('evaluation', 'scores'),
    };
  }

  /** The county's results in ranking order: by rank, equal ranks by assessment id. */
  function ranked(county: string): Assessed[] {
    return assessed
      .filter((a) => a.county === county)
      .sort((x, y) => x.rank - y.rank || (x.assessmentId < y.assessmentId ? -1 : 1));
  }

  function expectedRound(county: string) {
    const east = county === EAST;
    return {
      id: rounds[county]!.id,
      kind: rounds[county]!.kind,
      title: rounds[county]!.title,
      periodFrom: `${YEAR}-01-01`,
      periodTo: `${YEAR}-12-31`,
      followUpOf: null,
      officeLevel: 'COUNTY',
      officeRegionCode: county,
      schemeId: rounds[county]!.schemeId,
      schemeName: '工作室年度考核方案',
      schemeVersion: 1,
      maxTotal: 10000,
      excellentFrom: 8500,
      qualifiedFrom: 7000,
      basicFrom: 6000,
      assessments: east ? 4 : 2,
      results: east ? 4 : 2,
      excellent: east ? 1 : 0,
      qualified: east ? 2 : 1,
      basic: 0,
      unqualified: 1,
      final: east ? 0 : 2,
    };
  }

  function expectedIndicators(county: string) {
    const schemeId = rounds[county]!.schemeId;
    return [
      {
        schemeId,
        position: 1,
        code: 'A1.B1.C1',
        title: '团队研修质量',
        parentTitles: ['团队建设', '研修与活动'],
        maxScore: 4000,
        source: 'EXPERT',
      },
      {
        schemeId,
        position: 2,
        code: 'A1.B1.C2',
        title: '研修活动次数',
        parentTitles: ['团队建设', '研修与活动'],
        maxScore: 2000,
        source: 'COMPUTED',
      },
      {
        schemeId,
        position: 3,
        code: 'A2.B1.C1',
        title: '示范引领成效',
        parentTitles: ['示范辐射', '引领作用'],
        maxScore: 4000,
        source: 'EXPERT',
      },
    ];
  }

  function expectedResults(county: string) {
    return ranked(county).map((a) => ({
      assessmentId: a.assessmentId,
      roundId: a.roundId,
      workshopId: a.studio.id,
      countyCode: county,
      total: a.total,
      grade: a.grade,
      rank: a.rank,
      final: county === WEST,
      finalisation: a.reopenedWith ? 2 : 1,
    }));
  }

  function expectedScores(county: string) {
    return ranked(county).flatMap((a) =>
      CODES.map((indicatorCode, i) => ({
        assessmentId: a.assessmentId,
        roundId: a.roundId,
        indicatorCode,
        score: a.scores[i],
      })),
    );
  }

  it('lists a city’s rounds, indicators, ranked results with ties and every indicator score', async () => {
    const city = await datasets(
      await evaluationSection(ReportKind.ASSESSMENT_RESULTS, office(Role.CITY_OFFICE, CITY)),
    );
    // Both rounds end with the year; the annual one is listed before the midterm one.
    expect(city.rounds).toEqual([expectedRound(EAST), expectedRound(WEST)]);
    const byScheme = (rows: { schemeId: string }[]) =>
      [...rows].sort((x, y) => (x.schemeId < y.schemeId ? -1 : x.schemeId > y.schemeId ? 1 : 0));
    expect(byScheme(city.indicators)).toEqual(
      byScheme([...expectedIndicators(EAST), ...expectedIndicators(WEST)]),
    );
    expect(city.results).toEqual([...expectedResults(EAST), ...expectedResults(WEST)]);
    expect(city.results.map((r) => r.rank)).toEqual([1, 2, 2, 4, 1, 2]);
    expect(city.scores).toEqual([...expectedScores(EAST), ...expectedScores(WEST)]);
    expect(city.gradeDistribution).toEqual([]);
  });

  it('gives a county office its own county’s assessments only, whatever region it asks for', async () => {
    const east = office(Role.COUNTY_OFFICE, EAST);
    for (const region of [EAST, CITY]) {
      const own = await datasets(await evaluationSection(ReportKind.ASSESSMENT_RESULTS, east, region));
      expect(own.rounds).toEqual([expectedRound(EAST)]);
      expect(own.indicators).toEqual(expectedIndicators(EAST));
      expect(own.results).toEqual(expectedResults(EAST));
      expect(own.scores).toEqual(expectedScores(EAST));
      const west = new Set(assessed.filter((a) => a.county === WEST).map((a) => a.assessmentId));
      expect(own.scores.some((s) => west.has(s.assessmentId))).toBe(false);
    }
    await expect(evaluationSection(ReportKind.ASSESSMENT_RESULTS, east, WEST)).rejects.toBeInstanceOf(
      SectionRefusedError,
    );
  });

  it('counts the year’s current results by round kind and county for the annual summary', async () => {
    const city = await datasets(
      await evaluationSection(ReportKind.ANNUAL_SUMMARY, office(Role.CITY_OFFICE, CITY)),
    );
    // 东丁 counts once, with its second result (不合格), not its first (基本合格).
    expect(city.gradeDistribution).toEqual([
      {
        roundKind: 'ANNUAL',
        countyCode: EAST,
        results: 4,
        excellent: 1,
        qualified: 2,
        basic: 0,
        unqualified: 1,
        final: 0,
      },
      {
        roundKind: 'MIDTERM',
        countyCode: WEST,
        results: 2,
        excellent: 0,
        qualified: 1,
        basic: 0,
        unqualified: 1,
        final: 2,
      },
    ]);
    expect(city.gradeTotals).toEqual([
      { results: 6, excellent: 1, qualified: 3, basic: 0, unqualified: 2, final: 2 },
    ]);
    expect(city.results).toEqual([]);

    const west = await datasets(
      await evaluationSection(ReportKind.ANNUAL_SUMMARY, office(Role.COUNTY_OFFICE, WEST)),
    );
    expect(west.gradeDistribution).toEqual([
      {
        roundKind: 'MIDTERM',
        countyCode: WEST,
        results: 2,
        excellent: 0,
        qualified: 1,
        basic: 0,
        unqualified: 1,
        final: 2,
      },
    ]);
    expect(west.gradeTotals).toEqual([
      { results: 2, excellent: 0, qualified: 1, basic: 0, unqualified: 1, final: 2 },
    ]);

    const lastYear = await bench.compute({
      service: 'evaluation',
      dataSource: system.evaluation.db,
      handler: handlers()[ReportKind.ANNUAL_SUMMARY]!,
      request: { kind: ReportKind.ANNUAL_SUMMARY, regionCode: CITY, year: YEAR - 1, masked: true },
      requester: office(Role.CITY_OFFICE, CITY),
    });
    const none = await datasets(lastYear);
    expect(none.gradeDistribution).toEqual([]);
    expect(none.gradeTotals).toEqual([
      { results: 0, excellent: 0, qualified: 0, basic: 0, unqualified: 0, final: 0 },
    ]);
  });

  async function rowsOf(table: Table): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const row of table.rows) rows.push(row);
    return rows;
  }

  async function chapterInput(kind: ReportKind, requester: Principal): Promise<ChapterInput> {
    const request = { kind, regionCode: requester.regionCode, year: YEAR, masked: true };
    const evaluation = await evaluationSection(kind, requester);
    const workshop = await bench.compute({
      service: 'workshop',
      dataSource: system.workshop.db,
      handler: studiosSection,
      request,
      requester,
    });
    return { request, data: bench.data([evaluation, workshop]), regions };
  }

  it('builds a ranking, a grade table and a pie chart per round for 考核结果', async () => {
    const chapters = await assessmentResultsChapters(
      await chapterInput(ReportKind.ASSESSMENT_RESULTS, office(Role.CITY_OFFICE, CITY)),
    );
    const eastName = `${countyNames[EAST]}${YEAR}年度工作室年度考核`;
    const westName = `${countyNames[WEST]}${YEAR}年度工作室中期考核`;
    expect(chapters.map((c) => c.heading)).toEqual([eastName, westName]);
    const [east, west] = chapters as [Chapter, Chapter];
    expect(east.paragraphs).toEqual([
      `考核类型：年度考核；考核周期：${YEAR}-01-01至${YEAR}-12-31；考核方案：工作室年度考核方案（第1版），满分100分，优秀≥85分，合格≥70分，基本合格≥60分。`,
      '参评工作室4个。本轮共有考核结果4个：优秀1个、合格2个、基本合格0个、不合格1个；其中0个已过申诉期为最终结果，4个尚在申诉期内，复核后可能变更。',
    ]);
    expect(west.paragraphs![1]).toBe(
      '参评工作室2个。本轮共有考核结果2个：优秀0个、合格1个、基本合格0个、不合格1个；均已过申诉期，为最终结果。',
    );

    const [ranking, grades] = east.tables as [Table, Table];
    expect(ranking.title).toBe(`${eastName}·考核结果排名`);
    expect(ranking.columns.map((c) => [c.title, c.kind])).toEqual([
      ['排名', 'integer'],
      ['工作室', 'text'],
      ['区县', 'text'],
      ['A1.B1.C1 团队研修质量', 'decimal'],
      ['A1.B1.C2 研修活动次数', 'decimal'],
      ['A2.B1.C1 示范引领成效', 'decimal'],
      ['总分', 'decimal'],
      ['等级', 'text'],
      ['结果状态', 'text'],
    ]);
    const values = (rows: Row[]) => rows.map((row) => ranking.columns.map((c) => row[c.key]));
    // The tie is listed by assessment id; each row shows its own indicator scores.
    const tie: Record<string, number[]> = {
      东区甲名师工作室: [35.5, 10, 30],
      东区乙名师工作室: [30, 10, 35.5],
    };
    const eastCounty = countyNames[EAST]!;
    expect(values(await rowsOf(ranking))).toEqual([
      [1, '东区丙名师工作室', eastCounty, 40, 20, 38, 98, '优秀', '申诉期内'],
      ...ranked(EAST)
        .filter((a) => a.rank === 2)
        .map((a) => [2, a.name, eastCounty, ...tie[a.name]!, 75.5, '合格', '申诉期内']),
      [4, '东区丁名师工作室', eastCounty, 20, 0, 25, 45, '不合格', '申诉期内'],
    ]);
    expect(grades.title).toBe(`${eastName}·等级分布`);
    expect(await rowsOf(grades)).toEqual([
      { grade: '优秀', count: 1, share: 0.25 },
      { grade: '合格', count: 2, share: 0.5 },
      { grade: '基本合格', count: 0, share: 0 },
      { grade: '不合格', count: 1, share: 0.25 },
    ]);
    expect(grades.totals).toEqual({ grade: '合计', count: 4, share: 1 });
    expect(east.charts).toEqual([
      {
        title: `${eastName}·等级构成`,
        type: 'pie',
        categories: ['优秀', '合格', '基本合格', '不合格'],
        series: [{ name: '工作室数', values: [1, 2, 0, 1] }],
      },
    ]);

    const westCounty = countyNames[WEST]!;
    const westRanking = west.tables[0]!;
    const westRows = values(await rowsOf(westRanking));
    expect(westRows).toEqual([
      [1, '西区甲名师工作室', westCounty, 36, 0, 34, 70, '合格', '最终结果'],
      [2, '西区乙名师工作室', westCounty, 20, 0, 15, 35, '不合格', '最终结果'],
    ]);
    // Rows are read from the section file each time they are asked for: read twice, the same.
    expect(values(await rowsOf(westRanking))).toEqual(westRows);
  });

  it('shows a county office’s report with its own round alone', async () => {
    const chapters = await assessmentResultsChapters(
      await chapterInput(ReportKind.ASSESSMENT_RESULTS, office(Role.COUNTY_OFFICE, WEST)),
    );
    expect(chapters.map((c) => c.heading)).toEqual([`${countyNames[WEST]}${YEAR}年度工作室中期考核`]);
    const rows = await rowsOf(chapters[0]!.tables[0]!);
    expect(rows.map((r) => r.studio)).toEqual(['西区甲名师工作室', '西区乙名师工作室']);
  });

  it('builds the annual summary’s grades chapter: by round kind and county, with totals and a pie', async () => {
    const [chapter, ...rest] = await annualGradesChapter(
      await chapterInput(ReportKind.ANNUAL_SUMMARY, office(Role.CITY_OFFICE, CITY)),
    );
    expect(rest).toEqual([]);
    expect(chapter!.heading).toBe('考核结果');
    expect(chapter!.paragraphs).toEqual([
      `${YEAR}年度共有考核结果6个：优秀1个、合格3个、基本合格0个、不合格2个；其中2个已过申诉期为最终结果，4个尚在申诉期内，复核后可能变更。`,
    ]);
    const table = chapter!.tables[0]!;
    expect(table.columns.map((c) => [c.title, c.kind])).toEqual([
      ['考核类型', 'text'],
      ['区县', 'text'],
      ['考核结果数', 'integer'],
      ['优秀', 'integer'],
      ['合格', 'integer'],
      ['基本合格', 'integer'],
      ['不合格', 'integer'],
      ['优秀率', 'ratio'],
    ]);
    expect(await rowsOf(table)).toEqual([
      {
        kind: '年度考核',
        county: countyNames[EAST],
        results: 4,
        excellent: 1,
        qualified: 2,
        basic: 0,
        unqualified: 1,
        excellentShare: 0.25,
      },
      {
        kind: '中期考核',
        county: countyNames[WEST],
        results: 2,
        excellent: 0,
        qualified: 1,
        basic: 0,
        unqualified: 1,
        excellentShare: 0,
      },
    ]);
    expect(table.totals).toEqual({
      kind: '合计',
      county: null,
      results: 6,
      excellent: 1,
      qualified: 3,
      basic: 0,
      unqualified: 2,
      excellentShare: 1 / 6,
    });
    expect(chapter!.charts).toEqual([
      {
        title: '考核等级构成',
        type: 'pie',
        categories: ['优秀', '合格', '基本合格', '不合格'],
        series: [{ name: '工作室数', values: [1, 3, 0, 2] }],
      },
    ]);
  });
});
