import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import {
  FINALISE,
  assigned,
  evaluator,
  expertOnlyContent,
  openedRound,
  publishedScheme,
  scored,
} from '../harness/evaluation-fixtures';
import { answered, refusedFields } from '../harness/answers';
import { schoolAdminOf } from '../harness/finance-fixtures';
import { asSuperuser } from '../harness/stats-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

const STATS = `query ($filter: GradeStatsFilter, $groupBy: [GradeDimension!]) {
  gradeStats(filter: $filter, groupBy: $groupBy) {
    city { code } county { code } level type roundKind year grade
    total excellent qualified basic unqualified averageScore
  }
}`;

const PROVINCE = { role: Role.PROVINCE_OFFICE, region: '510000' };
const CITY = { role: Role.CITY_OFFICE, region: '510400' };
const WEST = { role: Role.COUNTY_OFFICE, region: '510403' };
const WEST_ANALYST = { role: Role.ANALYST, region: '510403' };

const NONE = {
  city: null,
  county: null,
  level: null,
  type: null,
  roundKind: null,
  year: null,
  grade: null,
};

/** A group's results: how many, how many of each grade (优秀, 合格, 基本合格, 不合格), their average total. */
function results(total: number, [excellent, qualified, basic, unqualified]: number[], averageScore: string) {
  return { total, excellent, qualified, basic, unqualified, averageScore };
}

/**
 * Results counted as analysts group them, on a world whose every result is stated here (totals of
 * an experts-only scheme of 100 points: 优秀 ≥ 85, 合格 ≥ 70, 基本合格 ≥ 60):
 *
 * | county (city)     | studios                    | round            | totals                          |
 * |-------------------|----------------------------|------------------|---------------------------------|
 * | 西区 510403 (攀枝花) | 3 county 名师               | ANNUAL 2025      | 90.00 优秀, 80.00 合格, 60.02 基本合格 |
 * | 西区 510403        | the same 3                 | ANNUAL 2024      | 50.00 不合格, 70.00 合格, 85.00 优秀   |
 * | 东区 510402 (攀枝花) | 1 county 名校长             | ANNUAL 2025      | 72.00 合格                       |
 * | 东区 510402        | 1 city 名师 of 攀枝花 hosted here | MIDTERM 2025 | 88.00 优秀                       |
 * | 自流井区 510302 (自贡) | 1 county 名师             | ANNUAL 2025      | 40.00 不合格                      |
 */
describe('grade statistics', () => {
  let system: TestSystem;
  let westHost: TokenRequest;
  let westStudio: Studio;

  async function stats(caller: TokenRequest, filter: Record<string, unknown>, groupBy: string[] = []) {
    const data = await answered(system, caller, STATS, { filter, groupBy });
    return data.gradeStats as Record<string, unknown>[];
  }

  /** A round of the studios' office for `year`, each studio given `points` per expert indicator. */
  async function graded(
    studios: Studio[],
    schemeId: string,
    expert: TokenRequest & { teacherId: string },
    points: string[],
    options: { year: number; kind?: string },
  ): Promise<void> {
    const round = await openedRound(system, studios[0]!.office, schemeId, options);
    for (const [i, studio] of studios.entries()) {
      const assessmentId = round.assessments.get(studio.id)!;
      await assigned(system, studio.office, assessmentId, [expert]);
      await scored(system, expert, assessmentId, points[i]!);
      const finalised = await system.gql(studio.office, FINALISE, { id: assessmentId });
      expect(finalised.errors).toBeUndefined();
    }
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    const west: Studio[] = [];
    for (let i = 0; i < 3; i++) west.push(await foundStudio(system, { countyCode: '510403' }));
    westStudio = west[0]!;
    westHost = westStudio.hostCaller;
    const westScheme = await publishedScheme(system, westStudio.office, expertOnlyContent());
    const westExpert = await evaluator(system, '510403');
    await graded(west, westScheme, westExpert, ['45', '40', '30.01'], { year: 2025 });
    await graded(west, westScheme, westExpert, ['25', '35', '42.5'], { year: 2024 });

    const east = await foundStudio(system, { countyCode: '510402', type: 'PRINCIPAL' });
    const eastScheme = await publishedScheme(system, east.office, expertOnlyContent());
    await graded([east], eastScheme, await evaluator(system, '510402'), ['36'], { year: 2025 });

    const city = await foundStudio(system, { countyCode: '510402', level: 'CITY' });
    const cityScheme = await publishedScheme(system, city.office, expertOnlyContent());
    const cityExpert = await evaluator(system, '510402', '510400');
    await graded([city], cityScheme, cityExpert, ['44'], { year: 2025, kind: 'MIDTERM' });

    const zigong = await foundStudio(system, { countyCode: '510302' });
    const zigongScheme = await publishedScheme(system, zigong.office, expertOnlyContent());
    await graded([zigong], zigongScheme, await evaluator(system, '510302'), ['20'], { year: 2025 });
  }, 240_000);
  afterAll(() => system?.stop());

  it('counts the province’s results as one group with their average, and zeros for a year without any', async () => {
    expect(await stats(PROVINCE, {})).toEqual([
      { ...NONE, total: 9, excellent: 3, qualified: 3, basic: 1, unqualified: 2, averageScore: '70.56' },
    ]);
    expect(await stats(PROVINCE, { year: 2025 })).toEqual([
      { ...NONE, total: 6, excellent: 2, qualified: 2, basic: 1, unqualified: 1, averageScore: '71.67' },
    ]);
    expect(await stats(PROVINCE, { year: 2019 })).toEqual([
      { ...NONE, total: 0, excellent: 0, qualified: 0, basic: 0, unqualified: 0, averageScore: null },
    ]);
  });

  it('groups by the city and county a studio is hosted in, the city’s studio counted in its county', async () => {
    const byCity = await system.gql(
      PROVINCE,
      `{ gradeStats(filter: { year: 2025 }, groupBy: [CITY]) { city { code name } total excellent qualified basic unqualified averageScore } }`,
    );
    expect(byCity.errors).toBeUndefined();
    expect(byCity.data!.gradeStats).toEqual([
      {
        city: { code: '510300', name: '自贡市' },
        ...results(1, [0, 0, 0, 1], '40.00'),
      },
      {
        city: { code: '510400', name: '攀枝花市' },
        ...results(5, [2, 2, 1, 0], '78.00'),
      },
    ]);
    expect(await stats(CITY, { year: 2025 }, ['COUNTY'])).toEqual([
      {
        ...NONE,
        county: { code: '510402' },
        ...results(2, [1, 1, 0, 0], '80.00'),
      },
      {
        ...NONE,
        county: { code: '510403' },
        ...results(3, [1, 1, 1, 0], '76.67'),
      },
    ]);
  });

  it('groups by level, type, round kind, year and grade, in declaration order', async () => {
    const pick = async (dimension: string, key: string, filter: Record<string, unknown> = { year: 2025 }) =>
      (await stats(PROVINCE, filter, [dimension])).map((g) => [g[key], g.total, g.averageScore]);
    expect(await pick('LEVEL', 'level')).toEqual([
      ['CITY', 1, '88.00'],
      ['COUNTY', 5, '68.40'],
    ]);
    expect(await pick('TYPE', 'type')).toEqual([
      ['TEACHER', 5, '71.60'],
      ['PRINCIPAL', 1, '72.00'],
    ]);
    expect(await pick('ROUND_KIND', 'roundKind')).toEqual([
      ['ANNUAL', 5, '68.40'],
      ['MIDTERM', 1, '88.00'],
    ]);
    expect(await pick('YEAR', 'year', {})).toEqual([
      [2024, 3, '68.33'],
      [2025, 6, '71.67'],
    ]);
    expect(await stats(PROVINCE, { year: 2025 }, ['GRADE'])).toEqual([
      {
        ...NONE,
        grade: 'EXCELLENT',
        ...results(2, [2, 0, 0, 0], '89.00'),
      },
      {
        ...NONE,
        grade: 'QUALIFIED',
        ...results(2, [0, 2, 0, 0], '76.00'),
      },
      {
        ...NONE,
        grade: 'BASIC',
        ...results(1, [0, 0, 1, 0], '60.02'),
      },
      {
        ...NONE,
        grade: 'UNQUALIFIED',
        ...results(1, [0, 0, 0, 1], '40.00'),
      },
    ]);
    const yearByGrade = await stats(WEST, { fromYear: 2024, toYear: 2025 }, ['YEAR', 'GRADE']);
    expect(yearByGrade.map((g) => [g.year, g.grade, g.averageScore])).toEqual([
      [2024, 'EXCELLENT', '85.00'],
      [2024, 'QUALIFIED', '70.00'],
      [2024, 'UNQUALIFIED', '50.00'],
      [2025, 'EXCELLENT', '90.00'],
      [2025, 'QUALIFIED', '80.00'],
      [2025, 'BASIC', '60.02'],
    ]);
  });

  it('filters by kind, level, type and years', async () => {
    const totals = async (filter: Record<string, unknown>) => (await stats(PROVINCE, filter))[0]!.total;
    expect(await totals({ kind: 'MIDTERM' })).toBe(1);
    expect(await totals({ level: 'COUNTY', type: 'TEACHER' })).toBe(7);
    expect(await totals({ type: 'PRINCIPAL', year: 2025 })).toBe(1);
    expect(await totals({ fromYear: 2025 })).toBe(6);
    expect(await totals({ toYear: 2024 })).toBe(3);
    expect(await totals({ regionCode: '510302' })).toBe(1);
  });

  it('counts what the grade distribution counts, and takes one dimension written alone', async () => {
    const distribution = await system.gql(
      CITY,
      `{ gradeDistribution(filter: { year: 2025 }, groupBy: COUNTY) { region { code } total excellent qualified basic unqualified } }`,
    );
    const grouped = await system.gql(
      CITY,
      `{ gradeStats(filter: { year: 2025 }, groupBy: COUNTY) { county { code } total excellent qualified basic unqualified } }`,
    );
    expect(grouped.errors).toBeUndefined();
    expect(
      (grouped.data!.gradeStats as { county: unknown }[]).map(({ county, ...counts }) => ({
        region: county,
        ...counts,
      })),
    ).toEqual(distribution.data!.gradeDistribution);
  });

  it('answers a region’s results on the region, equal to the root field, for many regions in one statement', async () => {
    system.evaluation.queries.reset();
    const r = await system.gql(
      PROVINCE,
      `{ regions(parentCode: "510000") { code gradeStats(filter: { fromYear: 2025, toYear: 2025 }) { total averageScore } } }`,
    );
    expect(r.errors).toBeUndefined();
    const statements = [...system.evaluation.queries.statements];
    const byCode = new Map(
      (r.data!.regions as { code: string; gradeStats: unknown }[]).map((region) => [
        region.code,
        region.gradeStats,
      ]),
    );
    expect(byCode.size).toBeGreaterThan(20);
    expect(byCode.get('510300')).toEqual([{ total: 1, averageScore: '40.00' }]);
    expect(byCode.get('510400')).toEqual([{ total: 5, averageScore: '78.00' }]);
    expect(byCode.get('510100')).toEqual([{ total: 0, averageScore: null }]);
    // Begin, the caller's scope, one statement for the 21 cities' results, commit.
    expect(statements).toHaveLength(4);
    expect(statements.filter((sql) => sql.includes('evaluation.assessment'))).toHaveLength(1);

    const fields = 'county { code } grade total averageScore';
    const onRegion = await system.gql(
      CITY,
      `{ region(code: "510400") { gradeStats(filter: { year: 2025 }, groupBy: [COUNTY, GRADE]) { ${fields} } } }`,
    );
    const root = await system.gql(
      CITY,
      `{ gradeStats(filter: { year: 2025, regionCode: "510400" }, groupBy: [COUNTY, GRADE]) { ${fields} } }`,
    );
    expect(onRegion.errors).toBeUndefined();
    expect(root.data!.gradeStats).toHaveLength(5);
    expect(onRegion.data!.region.gradeStats).toEqual(root.data!.gradeStats);
  });

  it('answers null, not an error, on a region outside the caller’s scope or to a role that reads no scope', async () => {
    const r = await system.gql(
      WEST_ANALYST,
      `{ regions(parentCode: "510400") { code gradeStats { total } } }`,
    );
    expect(r.errors).toBeUndefined();
    const answered = (r.data!.regions as { code: string; gradeStats: unknown }[]).filter(
      (g) => g.gradeStats !== null,
    );
    expect(answered).toEqual([{ code: '510403', gradeStats: [{ total: 6 }] }]);
    const neighbour = await system.gql(WEST_ANALYST, `{ region(code: "510402") { gradeStats { total } } }`);
    expect(neighbour.errors).toBeUndefined();
    expect(neighbour.data!.region).toEqual({ gradeStats: null });
    const host = await system.gql(westHost, `{ region(code: "510403") { gradeStats { total } } }`);
    expect(host.errors).toBeUndefined();
    expect(host.data!.region).toEqual({ gradeStats: null });
  });

  it('refuses another county, roles that read no scope, repeated dimensions and years that do not make a range', async () => {
    const neighbour = await system.gql(WEST_ANALYST, STATS, { filter: { regionCode: '510402' } });
    expect(neighbour.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'filter.regionCode',
    });
    expect(neighbour.data).toBeNull();
    const finance = { role: Role.FINANCE_SYSTEM, region: '510403' };
    for (const caller of [westHost, schoolAdminOf(westStudio), finance]) {
      expect(errorCodes(await system.gql(caller, STATS, {}))).toEqual(['FORBIDDEN']);
    }
    const refused = (variables: Record<string, unknown>, query = STATS) =>
      refusedFields(system, WEST, query, variables);
    expect(await refused({ groupBy: ['GRADE', 'YEAR', 'GRADE'] })).toEqual(['groupBy']);
    expect(await refused({ filter: { fromYear: 2025, toYear: 2024 } })).toEqual(['filter.toYear']);
    expect(await refused({ filter: { year: 2025, toYear: 2025 } })).toEqual(['filter.year']);
    expect(await refused({ filter: { regionCode: '51040' } })).toEqual(['filter.regionCode']);
    expect(
      await refused(
        {},
        `{ region(code: "510403") { gradeStats(filter: { regionCode: "510403" }) { total } } }`,
      ),
    ).toEqual(['filter.regionCode']);
  });

  it('refuses a grouping of more than 1000 groups', async () => {
    // 100 counties of 云南 × 11 years of a province round, straight into the test's database.
    await asSuperuser(
      system,
      `WITH scheme AS (
        INSERT INTO evaluation.assessment_scheme (scheme_key, version, name, level, region_code, status,
          combination, indicators, total_points, excellent_points, qualified_points, basic_points,
          created_by, published_by, published_at)
        VALUES (gen_random_uuid(), 1, '云南省工作室考核方案', 'PROVINCE', '530000', 'PUBLISHED', 'MEAN', '[]',
                10000, 8500, 7000, 6000, 'seed', 'seed', now())
        RETURNING id),
      rounds AS (
        INSERT INTO evaluation.assessment_round (scheme_id, kind, title, level, region_code, period_from,
          period_to, deadline, appeal_window_days, rectification_days, created_by)
        SELECT scheme.id, 'ANNUAL', y || '年度考核', 'PROVINCE', '530000', make_date(y, 1, 1),
               make_date(y, 12, 31), make_date(y, 12, 31), 15, 90, 'seed'
          FROM scheme, generate_series(2015, 2025) AS y
        RETURNING id)
      INSERT INTO evaluation.assessment (round_id, workshop_id, region_code, host_region_code, host_school_id,
        workshop_level, workshop_type, status, total_points, grade, finalisations)
      SELECT rounds.id, gen_random_uuid(), '530000', county.code, gen_random_uuid(), 'PROVINCE', 'TEACHER',
             'FINALISED', 8000, 'QUALIFIED', 1
        FROM rounds,
             (SELECT code FROM personnel.region WHERE code LIKE '53%' AND code NOT LIKE '____00'
               ORDER BY code LIMIT 100) AS county`,
    );
    const yunnan = { role: Role.PROVINCE_OFFICE, region: '530000' };
    const query = `query ($filter: GradeStatsFilter) { gradeStats(filter: $filter, groupBy: [COUNTY, YEAR]) { total } }`;
    expect((await system.gql(yunnan, query, { filter: { fromYear: 2016 } })).data!.gradeStats).toHaveLength(
      1000,
    );
    const tooMany = await system.gql(yunnan, query, {});
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors![0]!.message).toMatch(/more than 1000 groups/);
    const onRegion = await system.gql(
      yunnan,
      `{ region(code: "530000") { code gradeStats(groupBy: [COUNTY, YEAR]) { total } } }`,
    );
    expect(errorCodes(onRegion)).toEqual(['BAD_USER_INPUT']);
    expect(onRegion.data!.region).toEqual({ code: '530000', gradeStats: null });
  });
});
