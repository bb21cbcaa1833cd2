import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import { recordActivities, seedMonthlyActivities } from '../harness/stats-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

/**
 * Activities counted in groups, against a world counted by hand in 攀枝花市 (510400). Studios A
 * (名师) and B (名校长) of 西区 (510403), C (名班主任) of 东区 (510402), D of the city, P of the
 * province. 2024's activities (hours × participants):
 *
 * | studio | date | type | hours | participants | school |
 * |---|---|---|---|---|---|
 * | C | 01-01 | TEAM_STUDY | 2 | u1 u2 | |
 * | D | 03-01 | EXPERT_LECTURE | 1 | t1 u1 | |
 * | A | 03-15 | THEMED_RESEARCH | 3 | t1 t2 t3 | |
 * | A | 03-20 | OUTREACH | 6 | t1 t4 | rural |
 * | A | 06-01 | OUTREACH | 2 | — | rural |
 * | B | 06-30 | LIVE_STREAM | 1.5 | t2 t5 | |
 * | B | 12-31 | OUTREACH | 4 | t5 | weak |
 * | P | 05-05 | TEAM_STUDY | 1 | t1 | |
 *
 * and, a day outside 2024 on each side, A's THEMED_RESEARCH of 2023-12-31 and B's TEAM_STUDY of
 * 2025-01-01 (2 hours, t6 each).
 */
const STATS = `query ($filter: ActivityStatsFilter, $period: PeriodInput!, $groupBy: [ActivityDimension!]) {
  activityStats(filter: $filter, period: $period, groupBy: $groupBy) {
    city { code } county { code } level workshopType workshop { id name } type month year
    activityCount activeWorkshopCount participations teachersReached participantHours
    outreachCount outreachSchoolCount
  }
}`;

const Y2024 = { from: '2024-01-01', to: '2024-12-31' };
const CITY = officeOf('CITY', '510403');
const WEST = officeOf('COUNTY', '510403');
const PROVINCE = officeOf('PROVINCE', '510403');
/** Where the activities for a grouping past the bound are, away from the counted world. */
const GRID_COUNTY = '520102';

type Group = Record<string, unknown>;

/**
 * A group as the API answers it: every dimension null unless given, then activities, studios
 * active, participations, teachers reached, hours, outreach and outreach schools.
 */
function group(dimensions: Group, m: [number, number, number, number, number, number, number]): Group {
  const [activityCount, activeWorkshopCount, participations, teachersReached, participantHours] = m;
  return {
    city: null,
    county: null,
    level: null,
    workshopType: null,
    workshop: null,
    type: null,
    month: null,
    year: null,
    ...dimensions,
    activityCount,
    activeWorkshopCount,
    participations,
    teachersReached,
    participantHours,
    outreachCount: m[5],
    outreachSchoolCount: m[6],
  };
}

const NOTHING: [number, number, number, number, number, number, number] = [0, 0, 0, 0, 0, 0, 0];
/** The city's 2024: t1–t5, u1, u2 reached; 9 + 12 + 0 + 3 + 4 + 4 + 2 hours. */
const CITY_2024: [number, number, number, number, number, number, number] = [7, 4, 12, 7, 34, 3, 2];

describe('activityStats: activities counted in groups', () => {
  let system: TestSystem;
  let a: Studio;
  let b: Studio;
  let c: Studio;
  let d: Studio;

  async function stats(caller: TokenRequest, variables: Record<string, unknown>): Promise<Group[]> {
    const r = await system.gql(caller, STATS, { period: Y2024, ...variables });
    expect(r.errors).toBeUndefined();
    return r.data!.activityStats;
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    a = await foundStudio(system, { name: 'A 西区' });
    b = await foundStudio(system, { name: 'B 西区', type: 'PRINCIPAL' });
    c = await foundStudio(system, { name: 'C 东区', countyCode: '510402', type: 'HEAD_TEACHER' });
    d = await foundStudio(system, { name: 'D 攀枝花市', level: 'CITY' });
    const p = await foundStudio(system, { name: 'P 四川省', level: 'PROVINCE' });
    const westSchool = await createSchool(system, '510403');
    const eastSchool = await createSchool(system, '510402');
    const rural = await createSchool(system, '510403', { rural: true });
    const weak = await createSchool(system, '510403', { weak: true });
    const t: string[] = [];
    for (let i = 0; i < 7; i++) t.push((await createTeacher(system, westSchool, '510403')).id);
    const [, t1, t2, t3, t4, t5, t6] = t as [string, string, string, string, string, string, string];
    const u1 = (await createTeacher(system, eastSchool, '510402')).id;
    const u2 = (await createTeacher(system, eastSchool, '510402')).id;

    // The city's office records for its studio: the city sees both counties' teachers.
    const dByOffice = { ...d, hostCaller: d.office };
    await recordActivities(system, [
      [c, '2024-01-01', 'TEAM_STUDY', 2, [u1, u2]],
      [dByOffice, '2024-03-01', 'EXPERT_LECTURE', 1, [t1, u1]],
      [a, '2024-03-15', 'THEMED_RESEARCH', 3, [t1, t2, t3]],
      [a, '2024-03-20', 'OUTREACH', 6, [t1, t4], rural.id],
      [a, '2024-06-01', 'OUTREACH', 2, [], rural.id],
      [b, '2024-06-30', 'LIVE_STREAM', 1.5, [t2, t5]],
      [b, '2024-12-31', 'OUTREACH', 4, [t5], weak.id],
      [p, '2024-05-05', 'TEAM_STUDY', 1, [t1]],
      [a, '2023-12-31', 'THEMED_RESEARCH', 2, [t6]],
      [b, '2025-01-01', 'TEAM_STUDY', 2, [t6]],
    ]);

    // 南明区 of another province: 9 types × 60 months, for a grouping past the bound.
    const grid = await foundStudio(system, { name: '网格', countyCode: GRID_COUNTY });
    await seedMonthlyActivities(system, grid, '2019-01', 60);
  });
  afterAll(() => system?.stop());

  it('answers the totals of the studios founded in the scope, equal to workshopMetrics', async () => {
    expect(await stats(CITY, {})).toEqual([group({}, CITY_2024)]);
    // 西区's own: not its city's lecture or its province's team study.
    expect(await stats(WEST, {})).toEqual([group({}, [5, 2, 8, 5, 28, 3, 2])]);
    expect(await stats(PROVINCE, {})).toEqual([group({}, [8, 5, 13, 7, 35, 3, 2])]);
    expect(await stats(CITY, { period: { from: '2019-01-01', to: '2019-12-31' } })).toEqual([
      group({}, NOTHING),
    ]);

    const metrics = await system.gql(
      CITY,
      `query ($period: PeriodInput!) { workshopMetrics(period: $period) { activityCount outreachCount teachersReached participantHours } }`,
      { period: Y2024 },
    );
    expect(metrics.data?.workshopMetrics).toEqual({
      activityCount: 7,
      outreachCount: 3,
      teachersReached: 7,
      participantHours: 34,
    });
  });

  it('groups by month: teachers are distinct within each month, so months do not add up to the year', async () => {
    const months = await stats(CITY, { groupBy: ['MONTH'] });
    expect(months).toEqual([
      group({ month: '2024-01' }, [1, 1, 2, 2, 4, 0, 0]),
      group({ month: '2024-03' }, [3, 2, 7, 5, 23, 1, 1]),
      group({ month: '2024-06' }, [2, 2, 2, 2, 3, 1, 1]),
      group({ month: '2024-12' }, [1, 1, 1, 1, 4, 1, 1]),
    ]);
    const sum = (field: string) => months.reduce((total, g) => total + (g[field] as number), 0);
    expect([
      sum('activityCount'),
      sum('participations'),
      sum('participantHours'),
      sum('outreachCount'),
    ]).toEqual([7, 12, 34, 3]);
    expect(sum('teachersReached')).toBe(10);
  });

  it('groups by year over a longer period', async () => {
    expect(
      await stats(CITY, { period: { from: '2023-01-01', to: '2025-12-31' }, groupBy: ['YEAR'] }),
    ).toEqual([
      group({ year: 2023 }, [1, 1, 1, 1, 2, 0, 0]),
      group({ year: 2024 }, CITY_2024),
      group({ year: 2025 }, [1, 1, 1, 1, 2, 0, 0]),
    ]);
  });

  it('groups by city, county, level and kind of studio, none last', async () => {
    expect(await stats(PROVINCE, { groupBy: ['CITY'] })).toEqual([
      group({ city: { code: '510400' } }, CITY_2024),
      group({ city: null }, [1, 1, 1, 1, 1, 0, 0]),
    ]);
    expect(await stats(CITY, { groupBy: ['COUNTY'] })).toEqual([
      group({ county: { code: '510402' } }, [1, 1, 2, 2, 4, 0, 0]),
      group({ county: { code: '510403' } }, [5, 2, 8, 5, 28, 3, 2]),
      group({ county: null }, [1, 1, 2, 2, 2, 0, 0]),
    ]);
    expect(await stats(CITY, { groupBy: ['LEVEL'] })).toEqual([
      group({ level: 'CITY' }, [1, 1, 2, 2, 2, 0, 0]),
      group({ level: 'COUNTY' }, [6, 3, 10, 7, 32, 3, 2]),
    ]);
    expect(await stats(CITY, { groupBy: ['WORKSHOP_TYPE'] })).toEqual([
      // A and D: t1 t2 t3 t4 u1.
      group({ workshopType: 'TEACHER' }, [4, 2, 7, 5, 23, 2, 1]),
      group({ workshopType: 'PRINCIPAL' }, [2, 1, 3, 2, 7, 1, 1]),
      group({ workshopType: 'HEAD_TEACHER' }, [1, 1, 2, 2, 4, 0, 0]),
    ]);
  });

  it('groups by studio, ordered by name, and by kind of activity as declared', async () => {
    const studio = (s: Studio, name: string) => ({ id: s.id, name });
    expect(await stats(CITY, { groupBy: ['WORKSHOP'] })).toEqual([
      group({ workshop: studio(a, 'A 西区') }, [3, 1, 5, 4, 21, 2, 1]),
      group({ workshop: studio(b, 'B 西区') }, [2, 1, 3, 2, 7, 1, 1]),
      group({ workshop: studio(c, 'C 东区') }, [1, 1, 2, 2, 4, 0, 0]),
      group({ workshop: studio(d, 'D 攀枝花市') }, [1, 1, 2, 2, 2, 0, 0]),
    ]);
    expect(await stats(CITY, { groupBy: ['TYPE'] })).toEqual([
      group({ type: 'THEMED_RESEARCH' }, [1, 1, 3, 3, 9, 0, 0]),
      group({ type: 'TEAM_STUDY' }, [1, 1, 2, 2, 4, 0, 0]),
      group({ type: 'OUTREACH' }, [3, 2, 3, 3, 16, 3, 2]),
      group({ type: 'EXPERT_LECTURE' }, [1, 1, 2, 2, 2, 0, 0]),
      group({ type: 'LIVE_STREAM' }, [1, 1, 2, 2, 3, 0, 0]),
    ]);
  });

  it('combines dimensions in the order asked', async () => {
    expect(await stats(CITY, { groupBy: ['COUNTY', 'MONTH'] })).toEqual([
      group({ county: { code: '510402' }, month: '2024-01' }, [1, 1, 2, 2, 4, 0, 0]),
      group({ county: { code: '510403' }, month: '2024-03' }, [2, 1, 5, 4, 21, 1, 1]),
      group({ county: { code: '510403' }, month: '2024-06' }, [2, 2, 2, 2, 3, 1, 1]),
      group({ county: { code: '510403' }, month: '2024-12' }, [1, 1, 1, 1, 4, 1, 1]),
      group({ county: null, month: '2024-03' }, [1, 1, 2, 2, 2, 0, 0]),
    ]);
  });

  it('narrows by kind of activity and by the studios', async () => {
    // Outreach (送教下乡): to 2 schools, t1 t4 t5 reached.
    expect(await stats(CITY, { filter: { type: 'OUTREACH' } })).toEqual([group({}, [3, 2, 3, 3, 16, 3, 2])]);
    expect(await stats(CITY, { filter: { type: 'OUTREACH' }, groupBy: ['MONTH'] })).toEqual([
      group({ month: '2024-03' }, [1, 1, 2, 2, 12, 1, 1]),
      group({ month: '2024-06' }, [1, 1, 0, 0, 0, 1, 1]),
      group({ month: '2024-12' }, [1, 1, 1, 1, 4, 1, 1]),
    ]);
    expect(await stats(CITY, { filter: { workshop: { level: 'COUNTY', type: 'PRINCIPAL' } } })).toEqual([
      group({}, [2, 1, 3, 2, 7, 1, 1]),
    ]);
    expect(await stats(CITY, { filter: { workshop: { regionCode: '510402' } } })).toEqual([
      group({}, [1, 1, 2, 2, 4, 0, 0]),
    ]);
  });

  it('counts the same without teachersReached asked for, and then reads no participation', async () => {
    system.workshop.queries.reset();
    const r = await system.gql(
      CITY,
      `query ($period: PeriodInput!) {
        activityStats(period: $period, groupBy: [MONTH]) { month activityCount participations participantHours }
      }`,
      { period: Y2024 },
    );
    expect(r.data?.activityStats).toEqual([
      { month: '2024-01', activityCount: 1, participations: 2, participantHours: 4 },
      { month: '2024-03', activityCount: 3, participations: 7, participantHours: 23 },
      { month: '2024-06', activityCount: 2, participations: 2, participantHours: 3 },
      { month: '2024-12', activityCount: 1, participations: 1, participantHours: 4 },
    ]);
    const statements = system.workshop.queries.statements.filter((sql) => sql.includes('workshop.activity'));
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toMatch(/activity_participant/);
  });

  it('refuses another county, a bad period, a repeated dimension, and more than 1000 groups', async () => {
    const analyst: TokenRequest = { role: Role.ANALYST, region: '510403' };
    const cases: [string, Record<string, unknown>, string][] = [
      ['FORBIDDEN', { filter: { workshop: { regionCode: '510402' } } }, 'filter.workshop.regionCode'],
      ['BAD_USER_INPUT', { period: { from: '2024-12-31', to: '2024-01-01' } }, 'period.to'],
      ['BAD_USER_INPUT', { period: { from: '2019-01-01', to: '2024-01-01' } }, 'period.to'],
      ['BAD_USER_INPUT', { groupBy: ['MONTH', 'MONTH'] }, 'groupBy'],
      [
        'BAD_USER_INPUT',
        { filter: { workshop: { cycleStartYear: 1900 } } },
        'filter.workshop.cycleStartYear',
      ],
    ];
    for (const [code, variables, field] of cases) {
      const r = await system.gql(analyst, STATS, { period: Y2024, ...variables });
      expect({ variables, codes: errorCodes(r), field: r.errors?.[0]?.extensions?.field }).toEqual({
        variables,
        codes: [code],
        field,
      });
    }
    // One studio's 60 months × 9 types are 540 groups; with a second studio's, 1080.
    const grid = officeOf('COUNTY', GRID_COUNTY);
    const period = { from: '2019-01-01', to: '2023-12-31' };
    const fits = await system.gql(grid, STATS, { period, groupBy: ['WORKSHOP', 'MONTH', 'TYPE'] });
    expect(fits.errors).toBeUndefined();
    expect(fits.data?.activityStats).toHaveLength(540);
    const second = await foundStudio(system, { name: '网格二', countyCode: GRID_COUNTY });
    await seedMonthlyActivities(system, second, '2019-01', 60);
    const tooMany = await system.gql(grid, STATS, { period, groupBy: ['WORKSHOP', 'MONTH', 'TYPE'] });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors?.[0]?.message).toMatch(
      /more than 1000 groups; narrow the filter or group by fewer/,
    );
  });
});
