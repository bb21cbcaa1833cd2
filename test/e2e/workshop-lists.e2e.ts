import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { recordActivity, setFoundedAt } from '../harness/stats-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

/**
 * The lists analysts page through, ordered as asked and narrowed to dates. 西区 (510403) sees five
 * studios: A, B and E of its own, C of 攀枝花市, D of 四川省; F of 东区 is not its to see.
 *
 * | studio | level | cycle | founded |
 * |---|---|---|---|
 * | A | COUNTY | 2024 | 2024-01-10 09:00 (China) |
 * | B | COUNTY | 2023 | the same instant as A |
 * | C | CITY | 2024 | 2023-05-01 |
 * | D | PROVINCE | 2024 | 2022-09-01 |
 * | E | COUNTY | 2025 | 2025-02-01 |
 */
const WORKSHOPS = `query ($filter: WorkshopFilter, $orderBy: [WorkshopOrder!], $first: Int, $after: String) {
  workshops(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    nodes { id name } pageInfo { hasNextPage endCursor }
  }
}`;
const ACTIVITIES = `query ($filter: ActivityListFilter, $orderBy: [ActivityOrder!], $first: Int, $after: String) {
  activities(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    nodes { id title } totalCount pageInfo { hasNextPage endCursor }
  }
}`;

const WEST = officeOf('COUNTY', '510403');
const CITY = officeOf('CITY', '510403');

interface Row {
  id: string;
  name?: string;
  title?: string;
}

describe('ordered and dated lists of studios and activities', () => {
  let system: TestSystem;
  const studios: Record<string, Studio> = {};
  /** Activity ids by title. */
  const activity: Record<string, string> = {};

  /** Every row of a list, page by page of `first`, checking each page's cursor leads to the next. */
  async function pageAll(
    caller: TokenRequest,
    query: string,
    field: 'workshops' | 'activities',
    variables: Record<string, unknown>,
    first: number,
  ): Promise<Row[]> {
    const rows: Row[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const r = await system.gql(caller, query, { ...variables, first, after });
      expect(r.errors).toBeUndefined();
      const list = r.data![field] as { nodes: Row[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      rows.push(...list.nodes);
      if (!list.pageInfo.hasNextPage) return rows;
      after = list.pageInfo.endCursor;
    }
    throw new Error('the list did not end');
  }

  const names = (rows: Row[]) => rows.map((row) => row.name);
  const titles = (rows: Row[]) => rows.map((row) => row.title);
  /** Names of studios in the order ties are broken: by id, the way the last order field runs. */
  const byId = (keys: string[], descending = false) =>
    [...keys].sort((x, y) => (studios[x]!.id < studios[y]!.id ? -1 : 1) * (descending ? -1 : 1));

  beforeAll(async () => {
    system = await TestSystem.start();
    studios.A = await foundStudio(system, { name: 'A', cycleStartYear: 2024 });
    studios.B = await foundStudio(system, { name: 'B', cycleStartYear: 2023 });
    studios.C = await foundStudio(system, { name: 'C', level: 'CITY', cycleStartYear: 2024 });
    studios.D = await foundStudio(system, { name: 'D', level: 'PROVINCE', cycleStartYear: 2024 });
    studios.E = await foundStudio(system, { name: 'E', cycleStartYear: 2025 });
    studios.F = await foundStudio(system, { name: 'F', countyCode: '510402' });
    const founded: Record<string, string> = {
      A: '2024-01-10T09:00:00.000+08:00',
      B: '2024-01-10T09:00:00.000+08:00',
      C: '2023-05-01T10:00:00.000+08:00',
      D: '2022-09-01T10:00:00.000+08:00',
      E: '2025-02-01T10:00:00.000+08:00',
      F: '2024-01-10T09:00:00.000+08:00',
    };
    for (const [key, instant] of Object.entries(founded))
      await setFoundedAt(system, studios[key]!.id, instant);

    const record = async (key: string, title: string, date: string, hours: number, viewCount: number) => {
      const studio = studios[key]!;
      activity[title] = await recordActivity(
        system,
        studio.level === 'COUNTY' ? studio : { ...studio, hostCaller: studio.office },
        {
          type: 'TEAM_STUDY',
          title,
          date,
          hours,
          participants: [],
          viewCount,
        },
      );
    };
    await record('A', 'a1', '2024-03-01', 2, 10);
    await record('A', 'a2', '2024-03-01', 3, 10);
    await record('A', 'a3', '2024-05-01', 1, 50);
    await record('C', 'c1', '2024-03-01', 2, 5);
    await record('D', 'd1', '2024-04-01', 4, 0);
    await record('F', 'f1', '2024-03-01', 1, 0);
  });
  afterAll(() => system?.stop());

  describe('studios', () => {
    it('keep their order by name unless asked, and page through it', async () => {
      expect(names(await pageAll(WEST, WORKSHOPS, 'workshops', {}, 2))).toEqual(['A', 'B', 'C', 'D', 'E']);
    });

    it('order by cycle year, either way, ties by id across pages', async () => {
      const up = await pageAll(WEST, WORKSHOPS, 'workshops', { orderBy: [{ field: 'CYCLE_START_YEAR' }] }, 1);
      expect(names(up)).toEqual(['B', ...byId(['A', 'C', 'D']), 'E']);
      const down = await pageAll(
        WEST,
        WORKSHOPS,
        'workshops',
        { orderBy: [{ field: 'CYCLE_START_YEAR', direction: 'DESC' }] },
        2,
      );
      expect(names(down)).toEqual(['E', ...byId(['A', 'C', 'D'], true), 'B']);
    });

    it('order by level as declared, then by name the other way, across pages', async () => {
      const rows = await pageAll(
        WEST,
        WORKSHOPS,
        'workshops',
        { orderBy: [{ field: 'LEVEL' }, { field: 'NAME', direction: 'DESC' }] },
        2,
      );
      expect(names(rows)).toEqual(['D', 'C', 'E', 'B', 'A']);
    });

    it('order by founding, the same instant broken by id, and narrow to founding days in China', async () => {
      const rows = await pageAll(WEST, WORKSHOPS, 'workshops', { orderBy: [{ field: 'CREATED_AT' }] }, 1);
      expect(names(rows)).toEqual(['D', 'C', ...byId(['A', 'B']), 'E']);
      const in2024 = await pageAll(
        WEST,
        WORKSHOPS,
        'workshops',
        { filter: { foundedFrom: '2024-01-10', foundedTo: '2024-12-31' }, orderBy: [{ field: 'NAME' }] },
        10,
      );
      expect(names(in2024)).toEqual(['A', 'B']);
      const before = await pageAll(WEST, WORKSHOPS, 'workshops', { filter: { foundedTo: '2024-01-09' } }, 10);
      expect(names(before)).toEqual(['C', 'D']);
    });

    it('refuse a field ordered twice, a cursor of another order and a founding range backwards', async () => {
      const byName = await system.gql(WEST, WORKSHOPS, { orderBy: [{ field: 'NAME' }], first: 1 });
      const cursor = byName.data?.workshops.pageInfo.endCursor;
      const defaultCursor = (await system.gql(WEST, WORKSHOPS, { first: 1 })).data?.workshops.pageInfo
        .endCursor;
      const cases: [Record<string, unknown>, string][] = [
        [{ orderBy: [{ field: 'NAME' }, { field: 'NAME', direction: 'DESC' }] }, 'orderBy'],
        [{ orderBy: [{ field: 'CYCLE_START_YEAR' }], after: cursor }, 'after'],
        [{ after: cursor }, 'after'],
        [{ orderBy: [{ field: 'NAME' }], after: defaultCursor }, 'after'],
        [{ filter: { foundedFrom: '2024-02-01', foundedTo: '2024-01-31' } }, 'filter.foundedTo'],
      ];
      for (const [variables, field] of cases) {
        const r = await system.gql(WEST, WORKSHOPS, variables);
        expect({ variables, codes: errorCodes(r), field: r.errors?.[0]?.extensions?.field }).toEqual({
          variables,
          codes: ['BAD_USER_INPUT'],
          field,
        });
      }
    });
  });

  describe('activities', () => {
    /** Titles of activities in the order ties are broken: by id, the way the last field runs. */
    const tied = (keys: string[], descending = false) =>
      [...keys].sort((x, y) => (activity[x]! < activity[y]! ? -1 : 1) * (descending ? -1 : 1));

    it("list the studios' a caller sees, newest first, its city's and province's included", async () => {
      const rows = await pageAll(WEST, ACTIVITIES, 'activities', {}, 2);
      expect(titles(rows)).toEqual(['a3', 'd1', ...tied(['a1', 'a2', 'c1'], true)]);
      const city = await pageAll(
        CITY,
        ACTIVITIES,
        'activities',
        { filter: { from: '2024-03-01', to: '2024-03-01' } },
        10,
      );
      expect(titles(city).sort()).toEqual(['a1', 'a2', 'c1', 'f1']);
    });

    it('narrow to dates, kind, studios and one studio', async () => {
      const march = await pageAll(
        WEST,
        ACTIVITIES,
        'activities',
        { filter: { from: '2024-03-01', to: '2024-04-01' } },
        10,
      );
      expect(titles(march)).toEqual(['d1', ...tied(['a1', 'a2', 'c1'], true)]);
      const own = await pageAll(
        WEST,
        ACTIVITIES,
        'activities',
        { filter: { workshop: { regionCode: '510403' } } },
        10,
      );
      expect(titles(own)).toEqual(['a3', ...tied(['a1', 'a2'], true)]);
      const cityLevel = await pageAll(
        WEST,
        ACTIVITIES,
        'activities',
        { filter: { workshop: { level: 'CITY' } } },
        10,
      );
      expect(titles(cityLevel)).toEqual(['c1']);
      const one = await pageAll(
        WEST,
        ACTIVITIES,
        'activities',
        { filter: { workshopId: studios.D!.id } },
        10,
      );
      expect(titles(one)).toEqual(['d1']);
      const none = await pageAll(WEST, ACTIVITIES, 'activities', { filter: { type: 'OUTREACH' } }, 10);
      expect(none).toEqual([]);
      const counted = await system.gql(WEST, ACTIVITIES, {
        filter: { from: '2024-03-01', to: '2024-03-31' },
        first: 1,
      });
      expect(counted.data?.activities.totalCount).toBe(3);
    });

    it('order by hours and by views, ties by id across pages', async () => {
      const hours = await pageAll(
        WEST,
        ACTIVITIES,
        'activities',
        { orderBy: [{ field: 'HOURS_CREDITED', direction: 'DESC' }] },
        1,
      );
      expect(titles(hours)).toEqual(['d1', 'a2', ...tied(['a1', 'c1'], true), 'a3']);
      const views = await pageAll(
        WEST,
        ACTIVITIES,
        'activities',
        { orderBy: [{ field: 'VIEW_COUNT', direction: 'DESC' }, { field: 'DATE' }] },
        2,
      );
      expect(titles(views)).toEqual(['a3', ...tied(['a1', 'a2']), 'c1', 'd1']);
    });

    it("refuse dates backwards, a studio the caller may not see, another county's region", async () => {
      const cases: [TokenRequest, Record<string, unknown>, string, string][] = [
        [WEST, { filter: { from: '2024-03-02', to: '2024-03-01' } }, 'BAD_USER_INPUT', 'filter.to'],
        [WEST, { orderBy: [{ field: 'DATE' }, { field: 'DATE' }] }, 'BAD_USER_INPUT', 'orderBy'],
        [WEST, { filter: { workshopId: studios.F!.id } }, 'NOT_FOUND', 'filter.workshopId'],
        [
          { role: Role.ANALYST, region: '510402' },
          { filter: { workshop: { regionCode: '510403' } } },
          'FORBIDDEN',
          'filter.workshop.regionCode',
        ],
      ];
      for (const [caller, variables, code, field] of cases) {
        const r = await system.gql(caller, ACTIVITIES, variables);
        expect({ variables, codes: errorCodes(r), field: r.errors?.[0]?.extensions?.field }).toEqual({
          variables,
          codes: [code],
          field,
        });
      }
    });
  });
});
