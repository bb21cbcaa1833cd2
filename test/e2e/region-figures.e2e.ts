import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import { placeTeam, recordActivities, seedStudioGrid } from '../harness/stats-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, officeOf } from '../harness/workshop-fixtures';

/**
 * A region's own figures, asked of many regions at once: `regions` is personnel's, the figures
 * workshop's, joined by the gateway. 攀枝花市 (510400) has studios in 西区 (510403, two), 东区
 * (510402) and 仁和区 (510411), and one of its own; 米易县 and 盐边县 have none.
 */
const PERIOD = { from: '2024-01-01', to: '2024-12-31' };
const STATS_FIELDS = `
  workshopStats(groupBy: [LEVEL]) { level workshopCount memberCount }
  activityStats(period: $period, groupBy: [MONTH]) { month activityCount teachersReached participantHours }
  workshopMetrics(period: $period) { workshopCount activityCount teachersReached participantHours }`;
const REGIONS = `query ($parent: ID!, $period: PeriodInput!) {
  regions(parentCode: $parent) { code name ${STATS_FIELDS} }
}`;
const ROOT = `query ($code: ID!, $period: PeriodInput!) {
  workshopStats(filter: { regionCode: $code }, groupBy: [LEVEL]) { level workshopCount memberCount }
  activityStats(filter: { workshop: { regionCode: $code } }, period: $period, groupBy: [MONTH]) {
    month activityCount teachersReached participantHours
  }
  workshopMetrics(filter: { regionCode: $code }, period: $period) {
    workshopCount activityCount teachersReached participantHours
  }
}`;

const CITY = officeOf('CITY', '510403');
const PANZHIHUA_COUNTIES = ['510402', '510403', '510411', '510421', '510422'];

/** Statements that computed each kind of figure, told apart by what only that kind's SQL holds. */
function figureStatements(statements: string[]) {
  const count = (marker: string) => statements.filter((sql) => sql.includes(marker)).length;
  return {
    workshopStats: count(`FILTER (WHERE m.role = 'HOST')`),
    activityStats: count('active_workshop_count'),
    workshopMetrics: count('jsonb_object_agg'),
  };
}

interface RegionAnswer {
  code: string;
  workshopStats: unknown;
  activityStats: unknown;
  workshopMetrics: unknown;
}

describe("a region's figures, for many regions in one request", () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start();
    const school = await createSchool(system, '510403');
    const teachers: string[] = [];
    for (let i = 0; i < 4; i++) teachers.push((await createTeacher(system, school, '510403')).id);
    const [t1, t2, t3, t4] = teachers as [string, string, string, string];
    const west1 = await foundStudio(system, { name: '西区一' });
    const west2 = await foundStudio(system, { name: '西区二' });
    const east = await foundStudio(system, { name: '东区', countyCode: '510402' });
    const renhe = await foundStudio(system, { name: '仁和区', countyCode: '510411' });
    const city = await foundStudio(system, { name: '攀枝花市', level: 'CITY' });
    await placeTeam(system, west1, [{ teacherId: t1, role: 'MEMBER' }]);
    await placeTeam(system, city, [
      { teacherId: t2, role: 'MEMBER' },
      { teacherId: t3, role: 'MEMBER' },
    ]);
    await recordActivities(system, [
      [west1, '2024-03-01', 'TEAM_STUDY', 2, [t1, t2]],
      [west2, '2024-03-09', 'TEAM_STUDY', 1, [t2, t3]],
      [east, '2024-05-01', 'THEMED_RESEARCH', 3, []],
      [renhe, '2024-05-02', 'TEAM_STUDY', 1, []],
      // The city's office records for its own studio, whose team spans the city's counties.
      [{ ...city, hostCaller: city.office }, '2024-03-20', 'EXPERT_LECTURE', 1.5, [t1, t4]],
    ]);
  });
  afterAll(() => system?.stop());

  it('answers each county of a city what the root fields answer for it, in one statement per field', async () => {
    system.workshop.queries.reset();
    const r = await system.gql(CITY, REGIONS, { parent: '510400', period: PERIOD });
    expect(r.errors).toBeUndefined();
    expect(figureStatements(system.workshop.queries.statements)).toEqual({
      workshopStats: 1,
      activityStats: 1,
      workshopMetrics: 1,
    });
    const regions = r.data!.regions as RegionAnswer[];
    expect(regions.map((region) => region.code)).toEqual(PANZHIHUA_COUNTIES);
    for (const region of regions) {
      const root = await system.gql(CITY, ROOT, { code: region.code, period: PERIOD });
      expect(root.errors).toBeUndefined();
      expect({ code: region.code, ...root.data }).toEqual({
        code: region.code,
        workshopStats: region.workshopStats,
        activityStats: region.activityStats,
        workshopMetrics: region.workshopMetrics,
      });
    }
    const west = regions.find((region) => region.code === '510403')!;
    expect(west.workshopStats).toEqual([{ level: 'COUNTY', workshopCount: 2, memberCount: 1 }]);
    expect(west.activityStats).toEqual([
      { month: '2024-03', activityCount: 2, teachersReached: 3, participantHours: 6 },
    ]);
    const miyi = regions.find((region) => region.code === '510421')!;
    expect(miyi).toMatchObject({
      workshopStats: [],
      activityStats: [],
      workshopMetrics: { workshopCount: 0, activityCount: 0, teachersReached: 0, participantHours: 0 },
    });
  });

  it("sends no more statements for a province's 21 cities than for one region", async () => {
    const province = officeOf('PROVINCE', '510403');
    system.workshop.queries.reset();
    const r = await system.gql(province, REGIONS, { parent: '510000', period: PERIOD });
    expect(r.errors).toBeUndefined();
    expect(r.data!.regions).toHaveLength(21);
    expect(figureStatements(system.workshop.queries.statements)).toEqual({
      workshopStats: 1,
      activityStats: 1,
      workshopMetrics: 1,
    });
    const panzhihua = (r.data!.regions as RegionAnswer[]).find((region) => region.code === '510400')!;
    expect(panzhihua.workshopStats).toEqual([
      { level: 'CITY', workshopCount: 1, memberCount: 2 },
      { level: 'COUNTY', workshopCount: 4, memberCount: 1 },
    ]);
    expect(panzhihua.workshopMetrics).toEqual({
      workshopCount: 5,
      activityCount: 5,
      teachersReached: 4,
      participantHours: 2 * 2 + 1 * 2 + 1.5 * 2,
    });
  });

  it("gives null, not an error, for the regions outside the caller's scope", async () => {
    const r = await system.gql(officeOf('COUNTY', '510403'), REGIONS, { parent: '510400', period: PERIOD });
    expect(r.errors).toBeUndefined();
    for (const region of r.data!.regions as RegionAnswer[]) {
      const nulls = [region.workshopStats, region.activityStats, region.workshopMetrics].map(
        (v) => v === null,
      );
      expect({ code: region.code, nulls }).toEqual({
        code: region.code,
        nulls: region.code === '510403' ? [false, false, false] : [true, true, true],
      });
    }
    // A county analyst asking for another county by the gateway's region lookup.
    const analyst: TokenRequest = { role: Role.ANALYST, region: '510403' };
    const other = await system.gql(
      analyst,
      `query { region(code: "510402") { name workshopStats { workshopCount } workshopMetrics(period: { from: "2024-01-01", to: "2024-12-31" }) { workshopCount } } }`,
    );
    expect(other.errors).toBeUndefined();
    expect(other.data?.region).toEqual({ name: '东区', workshopStats: null, workshopMetrics: null });
    // The city above it: only the county's own share.
    const above = await system.gql(
      analyst,
      `query { region(code: "510400") { workshopStats { workshopCount } } }`,
    );
    expect(above.data?.region).toEqual({ workshopStats: [{ workshopCount: 2 }] });
  });

  it("refuses a region of the filter's own under a region, and bad arguments, as the root fields do", async () => {
    const cases: [string, string][] = [
      ['workshopStats(filter: { regionCode: "510403" }) { workshopCount }', 'filter.regionCode'],
      [
        'activityStats(filter: { workshop: { regionCode: "510403" } }, period: { from: "2024-01-01", to: "2024-12-31" }) { activityCount }',
        'filter.workshop.regionCode',
      ],
      ['workshopStats(groupBy: [LEVEL, LEVEL]) { workshopCount }', 'groupBy'],
      ['workshopMetrics(period: { from: "2024-12-31", to: "2024-01-01" }) { workshopCount }', 'period.to'],
    ];
    for (const [field, named] of cases) {
      const r = await system.gql(CITY, `query { region(code: "510403") { ${field} } }`);
      expect({ field, codes: errorCodes(r), named: r.errors?.[0]?.extensions?.field }).toEqual({
        field,
        codes: ['BAD_USER_INPUT'],
        named,
      });
    }
  });

  it("refuses one region's grouping past the bound without failing its neighbours", async () => {
    const school = await createSchool(system, '520102');
    await seedStudioGrid(system, '520102', school.id, [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    const r = await system.gql(
      officeOf('PROVINCE', '520102'),
      `query { regions(parentCode: "520000") { code workshopStats(groupBy: [SUBJECT, STAGE, CYCLE]) { workshopCount } } }`,
    );
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.path).toEqual(['regions', 0, 'workshopStats']);
    const regions = r.data!.regions as { code: string; workshopStats: unknown }[];
    expect(regions[0]).toEqual({ code: '520100', workshopStats: null });
    expect(regions.slice(1).every((region) => Array.isArray(region.workshopStats))).toBe(true);
  });
});
