import { Role } from '@mingshi/auth';
import {
  FINALISE,
  assigned,
  evaluator,
  expertOnlyContent,
  openedRound,
  publishedScheme,
  scored,
} from '../harness/evaluation-fixtures';
import { TestSystem } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

const RANKING = `query ($roundId: ID!, $first: Int, $after: String) {
  roundRanking(roundId: $roundId, first: $first, after: $after) {
    nodes { rank total grade assessment { workshop { id } } }
    pageInfo { hasNextPage endCursor } totalCount } }`;

const DISTRIBUTION = `query ($filter: GradeDistributionFilter!, $groupBy: GradeGrouping) {
  gradeDistribution(filter: $filter, groupBy: $groupBy) {
    region { code } level type total excellent qualified basic unqualified } }`;

/** Rankings and grade distributions, counted in SQL over what the caller may see. */
describe('rankings and grade distributions', () => {
  let system: TestSystem;
  let roundId: string;
  let studios: Studio[];
  const YEAR = 2025;

  /** A county's round with the studios scored `points` each (of an experts-only 100). */
  async function assessedCounty(
    countyCode: string,
    points: string[],
    type?: 'PRINCIPAL',
  ): Promise<{ round: string; studios: Studio[] }> {
    const founded: Studio[] = [];
    for (const _ of points)
      founded.push(await foundStudio(system, { countyCode, ...(type ? { type } : {}) }));
    const schemeId = await publishedScheme(system, founded[0]!.office, expertOnlyContent());
    const round = await openedRound(system, founded[0]!.office, schemeId, { year: YEAR });
    const expert = await evaluator(system, countyCode);
    for (const [i, studio] of founded.entries()) {
      const assessmentId = round.assessments.get(studio.id)!;
      await assigned(system, studio.office, assessmentId, [expert]);
      await scored(system, expert, assessmentId, points[i]!);
      await system.gql(studio.office, FINALISE, { id: assessmentId });
    }
    return { round: round.id, studios: founded };
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    // 东区: each of the two expert indicators gets the points: totals 80, 80, 60 and 90.
    const east = await assessedCounty('510402', ['40', '40', '30', '45']);
    roundId = east.round;
    studios = east.studios;
    await assessedCounty('510403', ['20', '36'], 'PRINCIPAL');
  }, 180_000);
  afterAll(() => system?.stop());

  it('ranks a round by total, equal totals sharing a rank, page by page', async () => {
    const office = { role: Role.COUNTY_OFFICE, region: '510402' };
    const first = await system.gql(office, RANKING, { roundId, first: 2 });
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.roundRanking;
    expect(page1.totalCount).toBe(4);
    expect(page1.nodes.map((n: any) => [n.rank, n.total, n.grade])).toEqual([
      [1, '90.00', 'EXCELLENT'],
      [2, '80.00', 'QUALIFIED'],
    ]);
    const second = await system.gql(office, RANKING, { roundId, first: 2, after: page1.pageInfo.endCursor });
    expect(second.data!.roundRanking.nodes.map((n: any) => [n.rank, n.total])).toEqual([
      [2, '80.00'],
      [4, '60.00'],
    ]);
    expect(second.data!.roundRanking.pageInfo.hasNextPage).toBe(false);
    expect(page1.nodes[0].assessment.workshop.id).toBe(studios[3]!.id);
  });

  it('counts grades by county, level and type for the city and only its own for a county', async () => {
    const city = { role: Role.CITY_OFFICE, region: '510400' };
    const byCounty = await system.gql(city, DISTRIBUTION, { filter: { year: YEAR }, groupBy: 'COUNTY' });
    expect(byCounty.errors).toBeUndefined();
    expect(byCounty.data!.gradeDistribution).toEqual([
      {
        region: { code: '510402' },
        level: null,
        type: null,
        total: 4,
        excellent: 1,
        qualified: 2,
        basic: 1,
        unqualified: 0,
      },
      {
        region: { code: '510403' },
        level: null,
        type: null,
        total: 2,
        excellent: 0,
        qualified: 1,
        basic: 0,
        unqualified: 1,
      },
    ]);
    const byType = await system.gql(city, DISTRIBUTION, { filter: { year: YEAR }, groupBy: 'TYPE' });
    expect(byType.data!.gradeDistribution.map((g: any) => [g.type, g.total])).toEqual([
      ['PRINCIPAL', 2],
      ['TEACHER', 4],
    ]);
    const byLevel = await system.gql({ role: Role.ANALYST, region: '510400' }, DISTRIBUTION, {
      filter: { year: YEAR, level: 'COUNTY' },
      groupBy: 'LEVEL',
    });
    expect(byLevel.data!.gradeDistribution).toMatchObject([{ level: 'COUNTY', total: 6 }]);

    const county = { role: Role.COUNTY_OFFICE, region: '510403' };
    const own = await system.gql(county, DISTRIBUTION, { filter: { year: YEAR } });
    expect(own.data!.gradeDistribution).toMatchObject([{ total: 2, qualified: 1, unqualified: 1 }]);
    const other = await system.gql(county, DISTRIBUTION, { filter: { year: YEAR, regionCode: '510402' } });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'filter.regionCode' });
    const otherYear = await system.gql(city, DISTRIBUTION, { filter: { year: YEAR - 1 } });
    expect(otherYear.data!.gradeDistribution).toEqual([]);
  });

  it('refuses rankings and distributions to a host, and another county’s round to a county', async () => {
    const host = studios[0]!.hostCaller;
    const hostRanking = await system.gql(host, RANKING, { roundId });
    expect(hostRanking.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const hostCounts = await system.gql(host, DISTRIBUTION, { filter: { year: YEAR } });
    expect(hostCounts.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const neighbour = await system.gql({ role: Role.COUNTY_OFFICE, region: '510403' }, RANKING, { roundId });
    expect(neighbour.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'roundId' });
  });
});
