import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import { placeTeam, seedStudioGrid, setFoundedAt } from '../harness/stats-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

/**
 * Studios counted in groups, against a world counted by hand, all in 攀枝花市 (510400) of 四川省
 * (510000):
 *
 * | studio | founded by | type | status | subject / stage | cycle | team now (members, trainees) |
 * |---|---|---|---|---|---|---|
 * | A | 西区 510403 | TEACHER | ACTIVE | MATHEMATICS / PRIMARY | 2024 | 1 (one more left), 2 (one more left) |
 * | B | 西区 | PRINCIPAL | PROPOSED | CHINESE / JUNIOR_SECONDARY | 2023 | 1, 0 |
 * | E | 西区 | TEACHER | REVOKED (host gone) | MATHEMATICS / PRIMARY | 2024 | 0, 0 |
 * | C | 东区 510402 | HEAD_TEACHER | ACTIVE | MATHEMATICS / PRIMARY | 2024 | 0, 1 |
 * | D | the city 510400 | TEACHER | ACTIVE | MATHEMATICS / PRIMARY | 2025 | 2, 1 |
 * | P | the province 510000 | TEACHER | ACTIVE | MATHEMATICS / PRIMARY | 2024 | 1, 0 |
 */
const STATS = `query ($filter: WorkshopFilter, $groupBy: [WorkshopDimension!]) {
  workshopStats(filter: $filter, groupBy: $groupBy) {
    city { code name } county { code name } level type status subject stage cycleStartYear
    workshopCount openCount hostCount memberCount traineeCount
  }
}`;

const CITY = officeOf('CITY', '510403');
const WEST = officeOf('COUNTY', '510403');
const PROVINCE = officeOf('PROVINCE', '510403');
/** Where the studios for a grouping past the bound are, away from the counted world. */
const GRID_COUNTY = '520102';

type Group = Record<string, unknown>;

/** A group as the API answers it: every dimension null unless given, then the measures. */
function group(dimensions: Group, measures: [number, number, number, number, number]): Group {
  const [workshopCount, openCount, hostCount, memberCount, traineeCount] = measures;
  return {
    city: null,
    county: null,
    level: null,
    type: null,
    status: null,
    subject: null,
    stage: null,
    cycleStartYear: null,
    ...dimensions,
    workshopCount,
    openCount,
    hostCount,
    memberCount,
    traineeCount,
  };
}

const PANZHIHUA = { code: '510400', name: '攀枝花市' };
const WEST_REGION = { code: '510403', name: '西区' };
const EAST_REGION = { code: '510402', name: '东区' };

describe('workshopStats: studios counted in groups', () => {
  let system: TestSystem;

  async function stats(caller: TokenRequest, variables: Record<string, unknown>): Promise<Group[]> {
    const r = await system.gql(caller, STATS, variables);
    expect(r.errors).toBeUndefined();
    return r.data!.workshopStats;
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    const school = await createSchool(system, '510403');
    const teachers: { id: string }[] = [];
    for (let i = 0; i < 12; i++) teachers.push(await createTeacher(system, school, '510403'));
    const [m1, m2, m3, m4, m5, m6, t1, t2, t3, t4, t5] = teachers.map((t) => t.id) as string[];

    const a = await foundStudio(system, { name: 'A 西区', cycleStartYear: 2024 });
    const b = await foundStudio(system, {
      name: 'B 西区',
      type: 'PRINCIPAL',
      status: 'PROPOSED',
      cycleStartYear: 2023,
    });
    const e = await foundStudio(system, { name: 'E 西区', cycleStartYear: 2024 });
    const c = await foundStudio(system, { name: 'C 东区', countyCode: '510402', type: 'HEAD_TEACHER' });
    const d = await foundStudio(system, { name: 'D 攀枝花市', level: 'CITY', cycleStartYear: 2025 });
    const p = await foundStudio(system, { name: 'P 四川省', level: 'PROVINCE' });
    const updated = await system.gql(
      b.office,
      `mutation ($id: ID!, $input: UpdateWorkshopInput!) { updateWorkshop(id: $id, input: $input) { id } }`,
      { id: b.id, input: { subject: 'CHINESE', stage: 'JUNIOR_SECONDARY' } },
    );
    expect(updated.errors).toBeUndefined();
    const revoked = await system.gql(
      e.office,
      `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`,
      { input: { workshopId: e.id, to: 'REVOKED', reason: '考核不合格' } },
    );
    expect(revoked.errors).toBeUndefined();

    const team: [Studio, Parameters<typeof placeTeam>[2]][] = [
      [
        a,
        [
          { teacherId: m1!, role: 'MEMBER' },
          { teacherId: m2!, role: 'MEMBER', leftOn: '2024-06-30' },
          { teacherId: t1!, role: 'TRAINEE' },
          { teacherId: t2!, role: 'TRAINEE' },
          { teacherId: t3!, role: 'TRAINEE', leftOn: '2024-06-30' },
        ],
      ],
      [b, [{ teacherId: m3!, role: 'MEMBER' }]],
      [c, [{ teacherId: t4!, role: 'TRAINEE' }]],
      [
        d,
        [
          { teacherId: m4!, role: 'MEMBER' },
          { teacherId: m5!, role: 'MEMBER' },
          { teacherId: t5!, role: 'TRAINEE' },
        ],
      ],
      [p, [{ teacherId: m6!, role: 'MEMBER' }]],
    ];
    for (const [studio, places] of team) await placeTeam(system, studio, places);
    // Founded on days of their own: B half an hour into 1 March in China (29 February in UTC).
    await setFoundedAt(system, a.id, '2024-03-02T09:00:00+08:00');
    await setFoundedAt(system, b.id, '2024-03-01T00:30:00+08:00');

    // 南明区 of another province: 20 subjects × 6 stages × 9 cycle years = 1080 studios.
    const grid = await createSchool(system, GRID_COUNTY);
    await seedStudioGrid(
      system,
      GRID_COUNTY,
      grid.id,
      [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024],
    );
  });
  afterAll(() => system?.stop());

  it('answers one group of totals without groupBy, over the studios founded in the scope', async () => {
    expect(await stats(CITY, {})).toEqual([group({}, [5, 4, 4, 4, 4])]);
    // A county counts its own three, not its city's or province's studios it may see in lists.
    expect(await stats(WEST, {})).toEqual([group({}, [3, 2, 2, 2, 2])]);
    expect(await stats(PROVINCE, {})).toEqual([group({}, [6, 5, 5, 5, 4])]);
    // Nothing matching is still one group, of zeros.
    expect(await stats(CITY, { filter: { status: 'DISSOLVED' } })).toEqual([group({}, [0, 0, 0, 0, 0])]);
    expect(await stats(CITY, { filter: { status: 'DISSOLVED' }, groupBy: ['LEVEL'] })).toEqual([]);
  });

  it('groups by city and by county, with none last', async () => {
    expect(await stats(PROVINCE, { groupBy: ['CITY'] })).toEqual([
      group({ city: PANZHIHUA }, [5, 4, 4, 4, 4]),
      group({ city: null }, [1, 1, 1, 1, 0]),
    ]);
    expect(await stats(CITY, { groupBy: ['COUNTY'] })).toEqual([
      group({ county: EAST_REGION }, [1, 1, 1, 0, 1]),
      group({ county: WEST_REGION }, [3, 2, 2, 2, 2]),
      group({ county: null }, [1, 1, 1, 2, 1]),
    ]);
  });

  it('groups by level, type, status, subject, stage and cycle, each in its declared or natural order', async () => {
    expect(await stats(CITY, { groupBy: ['LEVEL'] })).toEqual([
      group({ level: 'CITY' }, [1, 1, 1, 2, 1]),
      group({ level: 'COUNTY' }, [4, 3, 3, 2, 3]),
    ]);
    expect(await stats(CITY, { groupBy: ['TYPE'] })).toEqual([
      group({ type: 'TEACHER' }, [3, 2, 2, 3, 3]),
      group({ type: 'PRINCIPAL' }, [1, 1, 1, 1, 0]),
      group({ type: 'HEAD_TEACHER' }, [1, 1, 1, 0, 1]),
    ]);
    expect(await stats(CITY, { groupBy: ['STATUS'] })).toEqual([
      group({ status: 'PROPOSED' }, [1, 1, 1, 1, 0]),
      group({ status: 'ACTIVE' }, [3, 3, 3, 3, 4]),
      group({ status: 'REVOKED' }, [1, 0, 0, 0, 0]),
    ]);
    expect(await stats(CITY, { groupBy: ['SUBJECT', 'STAGE'] })).toEqual([
      group({ subject: 'CHINESE', stage: 'JUNIOR_SECONDARY' }, [1, 1, 1, 1, 0]),
      group({ subject: 'MATHEMATICS', stage: 'PRIMARY' }, [4, 3, 3, 3, 4]),
    ]);
    expect(await stats(CITY, { groupBy: ['CYCLE'] })).toEqual([
      group({ cycleStartYear: 2023 }, [1, 1, 1, 1, 0]),
      group({ cycleStartYear: 2024 }, [3, 2, 2, 1, 3]),
      group({ cycleStartYear: 2025 }, [1, 1, 1, 2, 1]),
    ]);
  });

  it('orders combined groups by the dimensions in the order asked', async () => {
    expect(await stats(CITY, { groupBy: ['LEVEL', 'COUNTY'] })).toEqual([
      group({ level: 'CITY', county: null }, [1, 1, 1, 2, 1]),
      group({ level: 'COUNTY', county: EAST_REGION }, [1, 1, 1, 0, 1]),
      group({ level: 'COUNTY', county: WEST_REGION }, [3, 2, 2, 2, 2]),
    ]);
    expect(await stats(CITY, { groupBy: ['COUNTY', 'LEVEL'] })).toEqual([
      group({ county: EAST_REGION, level: 'COUNTY' }, [1, 1, 1, 0, 1]),
      group({ county: WEST_REGION, level: 'COUNTY' }, [3, 2, 2, 2, 2]),
      group({ county: null, level: 'CITY' }, [1, 1, 1, 2, 1]),
    ]);
  });

  it('narrows by the filter: region, attributes and founding days', async () => {
    expect(await stats(CITY, { filter: { regionCode: '510403' }, groupBy: ['TYPE'] })).toEqual([
      group({ type: 'TEACHER' }, [2, 1, 1, 1, 2]),
      group({ type: 'PRINCIPAL' }, [1, 1, 1, 1, 0]),
    ]);
    // Asking for the whole city narrows to a county's own scope.
    expect(await stats(WEST, { filter: { regionCode: '510400' } })).toEqual([group({}, [3, 2, 2, 2, 2])]);
    expect(await stats(CITY, { filter: { level: 'COUNTY', cycleStartYear: 2024 } })).toEqual([
      group({}, [3, 2, 2, 1, 3]),
    ]);
    // Founding days are China's: B's half hour past midnight is 1 March, not 29 February.
    expect(await stats(CITY, { filter: { foundedFrom: '2024-03-01', foundedTo: '2024-03-01' } })).toEqual([
      group({}, [1, 1, 1, 1, 0]),
    ]);
    expect(await stats(CITY, { filter: { foundedTo: '2024-02-29' } })).toEqual([group({}, [0, 0, 0, 0, 0])]);
    expect(await stats(CITY, { filter: { foundedFrom: '2024-03-02', foundedTo: '2024-12-31' } })).toEqual([
      group({}, [1, 1, 1, 1, 2]),
    ]);
  });

  it('gives an analyst the figures its office would see', async () => {
    expect(await stats({ role: Role.ANALYST, region: '510400' }, { groupBy: ['COUNTY'] })).toEqual(
      await stats(CITY, { groupBy: ['COUNTY'] }),
    );
  });

  it('refuses another county, a repeated dimension, a bad code or founding range', async () => {
    const analyst: TokenRequest = { role: Role.ANALYST, region: '510403' };
    const cases: [string, Record<string, unknown>, string][] = [
      ['FORBIDDEN', { filter: { regionCode: '510402' } }, 'filter.regionCode'],
      ['BAD_USER_INPUT', { filter: { regionCode: '5104' } }, 'filter.regionCode'],
      ['BAD_USER_INPUT', { groupBy: ['LEVEL', 'COUNTY', 'LEVEL'] }, 'groupBy'],
      [
        'BAD_USER_INPUT',
        { filter: { foundedFrom: '2024-02-01', foundedTo: '2024-01-31' } },
        'filter.foundedTo',
      ],
      ['BAD_USER_INPUT', { filter: { cycleStartYear: 1900 } }, 'filter.cycleStartYear'],
    ];
    for (const [code, variables, field] of cases) {
      const r = await system.gql(analyst, STATS, variables);
      expect({ variables, codes: errorCodes(r), field: r.errors?.[0]?.extensions?.field }).toEqual({
        variables,
        codes: [code],
        field,
      });
    }
  });

  it('refuses a grouping of more than 1000 groups, asking to narrow it', async () => {
    const office = officeOf('COUNTY', GRID_COUNTY);
    const r = await system.gql(office, STATS, { groupBy: ['SUBJECT', 'STAGE', 'CYCLE'] });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.message).toMatch(/more than 1000 groups/);
    expect(r.errors?.[0]?.extensions?.field).toBe('groupBy');
    // Fewer dimensions fit.
    const fewer = await stats(office, { groupBy: ['SUBJECT', 'STAGE'] });
    expect(fewer).toHaveLength(120);
    expect(fewer[0]).toEqual(group({ subject: 'CHINESE', stage: 'PRESCHOOL' }, [9, 9, 0, 0, 0]));
  });
});
