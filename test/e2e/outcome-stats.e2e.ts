import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import {
  placeTeam,
  recordOutcomes,
  registerProjects,
  seedStudioGrid,
  seedStudioWork,
} from '../harness/stats-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

/**
 * Outcomes (成果) and research projects (课题) counted in groups, against a world counted by hand
 * in 攀枝花市 (510400). Studios A (名师) and B (名校长) of 西区 (510403), C (名班主任) of 东区 (510402),
 * D of the city, P of the province; teachers t1–t4 of 西区 and u1 of 东区. Outcomes:
 *
 * | studio | achieved | kind | level | authors |
 * |---|---|---|---|---|
 * | A | 2024-01-01 | PAPER | CITY | t1 t2 |
 * | A | 2024-03-15 | AWARD | PROVINCE | t1 t2 t3 |
 * | A | 2024-12-31 | PAPER | COUNTY | t1 |
 * | B | 2024-06-30 | AWARD | COUNTY | t4 |
 * | B | 2024-07-01 | BOOK | NATIONAL | t2 t4 |
 * | C | 2024-05-01 | HONOUR | COUNTY | u1 |
 * | D | 2024-09-10 | RESOURCE | CITY | t1 u1 |
 * | P | 2024-04-04 | AWARD | PROVINCE | t3 |
 * | A | 2023-12-31 | PAPER | SCHOOL | t4 |
 * | B | 2025-01-01 | AWARD | CITY | t1 |
 *
 * Research projects, led by the studio's host (hA …) or A's member m:
 *
 * | studio | level | status now | leader | started | ended | under way in 2024 |
 * |---|---|---|---|---|---|---|
 * | A | PROVINCE | IN_PROGRESS | m | 2023-09-01 | | yes |
 * | A | CITY | CONCLUDED | hA | 2024-02-01 | 2024-12-31 | yes, started and concluded in it |
 * | A | COUNTY | CONCLUDED | hA | 2022-03-01 | 2024-01-01 | yes, concluded on its first day |
 * | A | COUNTY | CONCLUDED | hA | 2022-03-01 | 2023-12-31 | no: the day before |
 * | B | COUNTY | TERMINATED | hB | 2024-05-01 | 2024-10-01 | yes, started in it |
 * | B | CITY | APPROVED | hB | | | no: not started |
 * | B | NATIONAL | IN_PROGRESS | hB | 2025-01-01 | | no: the day after |
 * | B | SCHOOL | DECLARED | hB | | | no |
 * | C | COUNTY | IN_PROGRESS | hC | 2024-12-31 | | yes, started on its last day |
 * | D | CITY | IN_PROGRESS | hD | 2024-06-01 | | yes |
 * | P | PROVINCE | IN_PROGRESS | hP | 2024-03-01 | | yes |
 */
const OUTCOMES = `query ($filter: OutcomeStatsFilter, $period: PeriodInput!, $groupBy: [OutcomeDimension!]) {
  outcomeStats(filter: $filter, period: $period, groupBy: $groupBy) {
    city { code } county { code } level workshopType workshop { id name } kind achievementLevel year
    outcomeCount workshopCount authorships authorCount
  }
}`;
const PROJECTS = `query ($filter: ResearchProjectStatsFilter, $period: PeriodInput!, $groupBy: [ResearchProjectDimension!]) {
  researchProjectStats(filter: $filter, period: $period, groupBy: $groupBy) {
    city { code } county { code } level workshopType workshop { id name } achievementLevel status year
    projectCount workshopCount startedCount concludedCount leaderCount
  }
}`;
const METRICS = `query ($filter: WorkshopFilter, $period: PeriodInput!) {
  workshopMetrics(filter: $filter, period: $period) {
    outcomesByLevel { level count }
    researchProjectCount
    researchProjectsByLevelAndStatus { level status count }
  }
}`;

const Y2024 = { from: '2024-01-01', to: '2024-12-31' };
const CITY = officeOf('CITY', '510403');
const WEST = officeOf('COUNTY', '510403');
const PROVINCE = officeOf('PROVINCE', '510403');
const WEST_ANALYST: TokenRequest = { role: Role.ANALYST, region: '510403' };
/** Where the studios for a grouping past the bound are, away from the counted world. */
const GRID_COUNTY = '520102';

type Group = Record<string, unknown>;

const NO_DIMENSIONS = {
  city: null,
  county: null,
  level: null,
  workshopType: null,
  workshop: null,
  achievementLevel: null,
  year: null,
};

/** An outcome group as the API answers it: outcomes, studios, author credits and distinct authors. */
function outcomes(
  dimensions: Group,
  [outcomeCount, workshopCount, authorships, authorCount]: number[],
): Group {
  return {
    ...NO_DIMENSIONS,
    kind: null,
    ...dimensions,
    outcomeCount,
    workshopCount,
    authorships,
    authorCount,
  };
}

/** A project group as the API answers it: projects, studios, started, concluded and distinct leaders. */
function projects(
  dimensions: Group,
  [projectCount, workshopCount, startedCount, concludedCount, leaderCount]: number[],
): Group {
  return {
    ...NO_DIMENSIONS,
    status: null,
    ...dimensions,
    projectCount,
    workshopCount,
    startedCount,
    concludedCount,
    leaderCount,
  };
}

/** The city's 2024: seven outcomes of A, B, C and D; twelve credits to t1–t4 and u1. */
const CITY_OUTCOMES = [7, 4, 12, 5];
/** The city's 2024: six projects of A, B, C and D, four started and two concluded in it; m, hA–hD leading. */
const CITY_PROJECTS = [6, 4, 4, 2, 5];

describe('outcomeStats and researchProjectStats: studio outcomes and projects counted in groups', () => {
  let system: TestSystem;
  let a: Studio;
  let b: Studio;
  let c: Studio;
  let d: Studio;

  async function ask(
    query: string,
    caller: TokenRequest,
    variables: Record<string, unknown>,
  ): Promise<Group[]> {
    const r = await system.gql(caller, query, { period: Y2024, ...variables });
    expect(r.errors).toBeUndefined();
    return (r.data!.outcomeStats ?? r.data!.researchProjectStats) as Group[];
  }
  const outcomeStats = (caller: TokenRequest, variables: Record<string, unknown> = {}) =>
    ask(OUTCOMES, caller, variables);
  const projectStats = (caller: TokenRequest, variables: Record<string, unknown> = {}) =>
    ask(PROJECTS, caller, variables);

  beforeAll(async () => {
    system = await TestSystem.start();
    a = await foundStudio(system, { name: 'A 西区' });
    b = await foundStudio(system, { name: 'B 西区', type: 'PRINCIPAL' });
    c = await foundStudio(system, { name: 'C 东区', countyCode: '510402', type: 'HEAD_TEACHER' });
    d = await foundStudio(system, { name: 'D 攀枝花市', level: 'CITY' });
    const p = await foundStudio(system, { name: 'P 四川省', level: 'PROVINCE' });
    const westSchool = await createSchool(system, '510403');
    const eastSchool = await createSchool(system, '510402');
    const t: string[] = [];
    for (let i = 0; i < 5; i++) t.push((await createTeacher(system, westSchool, '510403')).id);
    const [t1, t2, t3, t4, m] = t as [string, string, string, string, string];
    const u1 = (await createTeacher(system, eastSchool, '510402')).id;
    await placeTeam(system, a, [{ teacherId: m, role: 'MEMBER' }]);

    // The city's office records for its studio: the city sees both counties' teachers.
    const dByOffice = { ...d, hostCaller: d.office };
    await recordOutcomes(system, [
      [a, '2024-01-01', 'PAPER', 'CITY', [t1, t2]],
      [a, '2024-03-15', 'AWARD', 'PROVINCE', [t1, t2, t3]],
      [a, '2024-12-31', 'PAPER', 'COUNTY', [t1]],
      [b, '2024-06-30', 'AWARD', 'COUNTY', [t4]],
      [b, '2024-07-01', 'BOOK', 'NATIONAL', [t2, t4]],
      [c, '2024-05-01', 'HONOUR', 'COUNTY', [u1]],
      [dByOffice, '2024-09-10', 'RESOURCE', 'CITY', [t1, u1]],
      [p, '2024-04-04', 'AWARD', 'PROVINCE', [t3]],
      [a, '2023-12-31', 'PAPER', 'SCHOOL', [t4]],
      [b, '2025-01-01', 'AWARD', 'CITY', [t1]],
    ]);
    await registerProjects(system, [
      [a, 'PROVINCE', 'IN_PROGRESS', m, '2023-09-01'],
      [a, 'CITY', 'CONCLUDED', a.host.id, '2024-02-01', '2024-12-31'],
      [a, 'COUNTY', 'CONCLUDED', a.host.id, '2022-03-01', '2024-01-01'],
      [a, 'COUNTY', 'CONCLUDED', a.host.id, '2022-03-01', '2023-12-31'],
      [b, 'COUNTY', 'TERMINATED', b.host.id, '2024-05-01', '2024-10-01'],
      [b, 'CITY', 'APPROVED', b.host.id],
      [b, 'NATIONAL', 'IN_PROGRESS', b.host.id, '2025-01-01'],
      [b, 'SCHOOL', 'DECLARED', b.host.id],
      [c, 'COUNTY', 'IN_PROGRESS', c.host.id, '2024-12-31'],
      [d, 'CITY', 'IN_PROGRESS', d.host.id, '2024-06-01'],
      [p, 'PROVINCE', 'IN_PROGRESS', p.host.id, '2024-03-01'],
    ]);

    // 南明区 of another province: 1080 studios with one outcome and one project each.
    const gridSchool = await createSchool(system, GRID_COUNTY);
    await seedStudioGrid(
      system,
      GRID_COUNTY,
      gridSchool.id,
      [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024],
    );
    await seedStudioWork(system, GRID_COUNTY);
  });
  afterAll(() => system?.stop());

  describe('outcomeStats', () => {
    it('answers the totals of the studios founded in the scope, equal to workshopMetrics by level', async () => {
      expect(await outcomeStats(CITY)).toEqual([outcomes({}, CITY_OUTCOMES)]);
      // 西区's own: not its city's resource or its province's award.
      expect(await outcomeStats(WEST)).toEqual([outcomes({}, [5, 2, 9, 4])]);
      expect(await outcomeStats(PROVINCE)).toEqual([outcomes({}, [8, 5, 13, 5])]);
      expect(await outcomeStats(CITY, { period: { from: '2019-01-01', to: '2019-12-31' } })).toEqual([
        outcomes({}, [0, 0, 0, 0]),
      ]);

      for (const caller of [CITY, WEST, PROVINCE]) {
        const metrics = await system.gql(caller, METRICS, { period: Y2024 });
        const byLevel = metrics.data!.workshopMetrics.outcomesByLevel as { level: string; count: number }[];
        const [totals] = await outcomeStats(caller);
        expect(byLevel.reduce((sum, l) => sum + l.count, 0)).toBe(totals!.outcomeCount);
        const grouped = await outcomeStats(caller, { groupBy: ['ACHIEVEMENT_LEVEL'] });
        expect(byLevel.filter((l) => l.count > 0)).toEqual(
          grouped.map((g) => ({ level: g.achievementLevel, count: g.outcomeCount })),
        );
      }
    });

    it('includes both ends of the period', async () => {
      expect(await outcomeStats(CITY, { period: { from: '2024-01-01', to: '2024-01-01' } })).toEqual([
        outcomes({}, [1, 1, 2, 2]),
      ]);
      // A's paper of 2024-12-31 and B's award of 2025-01-01, both t1's.
      expect(await outcomeStats(CITY, { period: { from: '2024-12-31', to: '2025-01-01' } })).toEqual([
        outcomes({}, [2, 2, 2, 1]),
      ]);
    });

    it('groups by kind as declared: authors are distinct within each kind, so kinds do not add up', async () => {
      const kinds = await outcomeStats(CITY, { groupBy: ['KIND'] });
      expect(kinds).toEqual([
        outcomes({ kind: 'PAPER' }, [2, 1, 3, 2]),
        outcomes({ kind: 'AWARD' }, [2, 2, 4, 4]),
        outcomes({ kind: 'HONOUR' }, [1, 1, 1, 1]),
        outcomes({ kind: 'RESOURCE' }, [1, 1, 2, 2]),
        outcomes({ kind: 'BOOK' }, [1, 1, 2, 2]),
      ]);
      const sum = (field: string) => kinds.reduce((total, g) => total + (g[field] as number), 0);
      expect([sum('outcomeCount'), sum('authorships')]).toEqual([7, 12]);
      expect(sum('authorCount')).toBe(11);
    });

    it("groups by the outcome's level and by year", async () => {
      expect(await outcomeStats(CITY, { groupBy: ['ACHIEVEMENT_LEVEL'] })).toEqual([
        outcomes({ achievementLevel: 'NATIONAL' }, [1, 1, 2, 2]),
        outcomes({ achievementLevel: 'PROVINCE' }, [1, 1, 3, 3]),
        outcomes({ achievementLevel: 'CITY' }, [2, 2, 4, 3]),
        outcomes({ achievementLevel: 'COUNTY' }, [3, 3, 3, 3]),
      ]);
      expect(
        await outcomeStats(CITY, { period: { from: '2023-01-01', to: '2025-12-31' }, groupBy: ['YEAR'] }),
      ).toEqual([
        outcomes({ year: 2023 }, [1, 1, 1, 1]),
        outcomes({ year: 2024 }, CITY_OUTCOMES),
        outcomes({ year: 2025 }, [1, 1, 1, 1]),
      ]);
    });

    it('groups by city, county, level and kind of studio, and by studio, none last', async () => {
      expect(await outcomeStats(PROVINCE, { groupBy: ['CITY'] })).toEqual([
        outcomes({ city: { code: '510400' } }, CITY_OUTCOMES),
        outcomes({ city: null }, [1, 1, 1, 1]),
      ]);
      expect(await outcomeStats(CITY, { groupBy: ['COUNTY'] })).toEqual([
        outcomes({ county: { code: '510402' } }, [1, 1, 1, 1]),
        outcomes({ county: { code: '510403' } }, [5, 2, 9, 4]),
        outcomes({ county: null }, [1, 1, 2, 2]),
      ]);
      expect(await outcomeStats(CITY, { groupBy: ['LEVEL'] })).toEqual([
        outcomes({ level: 'CITY' }, [1, 1, 2, 2]),
        outcomes({ level: 'COUNTY' }, [6, 3, 10, 5]),
      ]);
      expect(await outcomeStats(CITY, { groupBy: ['WORKSHOP_TYPE'] })).toEqual([
        // A and D: t1 t2 t3 u1.
        outcomes({ workshopType: 'TEACHER' }, [4, 2, 8, 4]),
        outcomes({ workshopType: 'PRINCIPAL' }, [2, 1, 3, 2]),
        outcomes({ workshopType: 'HEAD_TEACHER' }, [1, 1, 1, 1]),
      ]);
      const studio = (s: Studio, name: string) => ({ id: s.id, name });
      expect(await outcomeStats(CITY, { groupBy: ['WORKSHOP'] })).toEqual([
        outcomes({ workshop: studio(a, 'A 西区') }, [3, 1, 6, 3]),
        outcomes({ workshop: studio(b, 'B 西区') }, [2, 1, 3, 2]),
        outcomes({ workshop: studio(c, 'C 东区') }, [1, 1, 1, 1]),
        outcomes({ workshop: studio(d, 'D 攀枝花市') }, [1, 1, 2, 2]),
      ]);
    });

    it('combines dimensions in the order asked, and narrows by kind, level and studio', async () => {
      expect(await outcomeStats(CITY, { groupBy: ['COUNTY', 'KIND'] })).toEqual([
        outcomes({ county: { code: '510402' }, kind: 'HONOUR' }, [1, 1, 1, 1]),
        outcomes({ county: { code: '510403' }, kind: 'PAPER' }, [2, 1, 3, 2]),
        outcomes({ county: { code: '510403' }, kind: 'AWARD' }, [2, 2, 4, 4]),
        outcomes({ county: { code: '510403' }, kind: 'BOOK' }, [1, 1, 2, 2]),
        outcomes({ county: null, kind: 'RESOURCE' }, [1, 1, 2, 2]),
      ]);
      expect(await outcomeStats(CITY, { filter: { kind: 'AWARD' } })).toEqual([outcomes({}, [2, 2, 4, 4])]);
      expect(await outcomeStats(CITY, { filter: { level: 'COUNTY' } })).toEqual([outcomes({}, [3, 3, 3, 3])]);
      expect(await outcomeStats(CITY, { filter: { workshop: { type: 'PRINCIPAL' } } })).toEqual([
        outcomes({}, [2, 1, 3, 2]),
      ]);
      expect(await outcomeStats(CITY, { filter: { workshop: { regionCode: '510402' } } })).toEqual([
        outcomes({}, [1, 1, 1, 1]),
      ]);
    });
  });

  describe('researchProjectStats', () => {
    it('answers the totals of the projects under way, equal to workshopMetrics by level and status', async () => {
      expect(await projectStats(CITY)).toEqual([projects({}, CITY_PROJECTS)]);
      expect(await projectStats(WEST)).toEqual([projects({}, [4, 2, 2, 2, 3])]);
      expect(await projectStats(PROVINCE)).toEqual([projects({}, [7, 5, 5, 2, 6])]);
      expect(await projectStats(CITY, { period: { from: '2019-01-01', to: '2019-12-31' } })).toEqual([
        projects({}, [0, 0, 0, 0, 0]),
      ]);

      for (const caller of [CITY, WEST, PROVINCE]) {
        const metrics = (await system.gql(caller, METRICS, { period: Y2024 })).data!.workshopMetrics;
        const [totals] = await projectStats(caller);
        expect(totals!.projectCount).toBe(metrics.researchProjectCount);
        const grouped = await projectStats(caller, { groupBy: ['ACHIEVEMENT_LEVEL', 'STATUS'] });
        expect(metrics.researchProjectsByLevelAndStatus).toEqual(
          grouped.map((g) => ({ level: g.achievementLevel, status: g.status, count: g.projectCount })),
        );
      }
    });

    it('counts a project under way from the day it started to the day it ended, both included', async () => {
      const day = (date: string) => ({ period: { from: date, to: date } });
      // A's provincial project, and A's county project concluded that day.
      expect(await projectStats(CITY, day('2024-01-01'))).toEqual([projects({}, [2, 1, 0, 1, 2])]);
      // The same, and A's other county project concluded that day.
      expect(await projectStats(CITY, day('2023-12-31'))).toEqual([projects({}, [3, 1, 0, 1, 2])]);
      // A's provincial project, A's city project concluded that day, C's started that day, D's.
      expect(await projectStats(CITY, day('2024-12-31'))).toEqual([projects({}, [4, 3, 1, 1, 4])]);
      // A's provincial project, B's national one started that day.
      expect(await projectStats(WEST, day('2025-01-01'))).toEqual([projects({}, [2, 2, 1, 0, 2])]);
    });

    it("groups by the project's level and status as declared, and by the year it started", async () => {
      expect(await projectStats(CITY, { groupBy: ['ACHIEVEMENT_LEVEL'] })).toEqual([
        projects({ achievementLevel: 'PROVINCE' }, [1, 1, 0, 0, 1]),
        projects({ achievementLevel: 'CITY' }, [2, 2, 2, 1, 2]),
        projects({ achievementLevel: 'COUNTY' }, [3, 3, 2, 1, 3]),
      ]);
      expect(await projectStats(CITY, { groupBy: ['STATUS'] })).toEqual([
        projects({ status: 'IN_PROGRESS' }, [3, 3, 2, 0, 3]),
        projects({ status: 'CONCLUDED' }, [2, 1, 1, 2, 1]),
        projects({ status: 'TERMINATED' }, [1, 1, 1, 0, 1]),
      ]);
      // A project started before the period counts under its own year.
      expect(await projectStats(CITY, { groupBy: ['YEAR'] })).toEqual([
        projects({ year: 2022 }, [1, 1, 0, 1, 1]),
        projects({ year: 2023 }, [1, 1, 0, 0, 1]),
        projects({ year: 2024 }, [4, 4, 4, 1, 4]),
      ]);
      expect(
        await projectStats(CITY, { period: { from: '2022-01-01', to: '2025-12-31' }, groupBy: ['YEAR'] }),
      ).toEqual([
        projects({ year: 2022 }, [2, 1, 2, 2, 1]),
        projects({ year: 2023 }, [1, 1, 1, 0, 1]),
        projects({ year: 2024 }, [4, 4, 4, 1, 4]),
        projects({ year: 2025 }, [1, 1, 1, 0, 1]),
      ]);
    });

    it('groups by city, county, level and kind of studio, and by studio, none last', async () => {
      expect(await projectStats(PROVINCE, { groupBy: ['CITY'] })).toEqual([
        projects({ city: { code: '510400' } }, CITY_PROJECTS),
        projects({ city: null }, [1, 1, 1, 0, 1]),
      ]);
      expect(await projectStats(CITY, { groupBy: ['COUNTY'] })).toEqual([
        projects({ county: { code: '510402' } }, [1, 1, 1, 0, 1]),
        projects({ county: { code: '510403' } }, [4, 2, 2, 2, 3]),
        projects({ county: null }, [1, 1, 1, 0, 1]),
      ]);
      expect(await projectStats(CITY, { groupBy: ['LEVEL'] })).toEqual([
        projects({ level: 'CITY' }, [1, 1, 1, 0, 1]),
        projects({ level: 'COUNTY' }, [5, 3, 3, 2, 4]),
      ]);
      expect(await projectStats(CITY, { groupBy: ['WORKSHOP_TYPE'] })).toEqual([
        projects({ workshopType: 'TEACHER' }, [4, 2, 2, 2, 3]),
        projects({ workshopType: 'PRINCIPAL' }, [1, 1, 1, 0, 1]),
        projects({ workshopType: 'HEAD_TEACHER' }, [1, 1, 1, 0, 1]),
      ]);
      const studio = (s: Studio, name: string) => ({ id: s.id, name });
      expect(await projectStats(CITY, { groupBy: ['WORKSHOP'] })).toEqual([
        projects({ workshop: studio(a, 'A 西区') }, [3, 1, 1, 2, 2]),
        projects({ workshop: studio(b, 'B 西区') }, [1, 1, 1, 0, 1]),
        projects({ workshop: studio(c, 'C 东区') }, [1, 1, 1, 0, 1]),
        projects({ workshop: studio(d, 'D 攀枝花市') }, [1, 1, 1, 0, 1]),
      ]);
    });

    it('narrows by level, status and studio', async () => {
      expect(await projectStats(CITY, { filter: { status: 'CONCLUDED' } })).toEqual([
        projects({}, [2, 1, 1, 2, 1]),
      ]);
      expect(await projectStats(CITY, { filter: { level: 'COUNTY' } })).toEqual([
        projects({}, [3, 3, 2, 1, 3]),
      ]);
      expect(await projectStats(CITY, { filter: { workshop: { type: 'PRINCIPAL' } } })).toEqual([
        projects({}, [1, 1, 1, 0, 1]),
      ]);
      expect(await projectStats(CITY, { filter: { workshop: { regionCode: '510402' } } })).toEqual([
        projects({}, [1, 1, 1, 0, 1]),
      ]);
    });
  });

  describe("a region's own figures", () => {
    const REGION_FIELDS = `
      outcomeStats(period: $period, groupBy: [KIND]) { kind outcomeCount workshopCount authorships authorCount }
      researchProjectStats(period: $period, groupBy: [STATUS]) { status projectCount startedCount leaderCount }`;
    const REGIONS = `query ($parent: ID!, $period: PeriodInput!) { regions(parentCode: $parent) { code ${REGION_FIELDS} } }`;
    const ROOT = `query ($code: ID!, $period: PeriodInput!) {
      outcomeStats(filter: { workshop: { regionCode: $code } }, period: $period, groupBy: [KIND]) {
        kind outcomeCount workshopCount authorships authorCount
      }
      researchProjectStats(filter: { workshop: { regionCode: $code } }, period: $period, groupBy: [STATUS]) {
        status projectCount startedCount leaderCount
      }
    }`;
    interface RegionAnswer {
      code: string;
      outcomeStats: Group[] | null;
      researchProjectStats: Group[] | null;
    }

    /** Statements that computed each figure, told apart by a measure only its SQL names. */
    function figureStatements(statements: string[]) {
      const count = (marker: string) => statements.filter((sql) => sql.includes(marker)).length;
      return { outcomeStats: count('author_count'), researchProjectStats: count('leader_count') };
    }

    it('answers each county of a city what the root fields answer for it, in one statement per field', async () => {
      system.workshop.queries.reset();
      const r = await system.gql(CITY, REGIONS, { parent: '510400', period: Y2024 });
      expect(r.errors).toBeUndefined();
      expect(figureStatements(system.workshop.queries.statements)).toEqual({
        outcomeStats: 1,
        researchProjectStats: 1,
      });
      const regions = r.data!.regions as RegionAnswer[];
      expect(regions.map((region) => region.code)).toEqual([
        '510402',
        '510403',
        '510411',
        '510421',
        '510422',
      ]);
      for (const region of regions) {
        const root = await system.gql(CITY, ROOT, { code: region.code, period: Y2024 });
        expect(root.errors).toBeUndefined();
        expect({ code: region.code, ...root.data }).toEqual(region);
      }
      const west = regions.find((region) => region.code === '510403')!;
      expect(west.researchProjectStats).toEqual([
        { status: 'IN_PROGRESS', projectCount: 1, startedCount: 0, leaderCount: 1 },
        { status: 'CONCLUDED', projectCount: 2, startedCount: 1, leaderCount: 1 },
        { status: 'TERMINATED', projectCount: 1, startedCount: 1, leaderCount: 1 },
      ]);
      expect(regions.find((region) => region.code === '510421')).toEqual({
        code: '510421',
        outcomeStats: [],
        researchProjectStats: [],
      });
    });

    it("sends no more statements for a province's 21 cities than for one region", async () => {
      system.workshop.queries.reset();
      const r = await system.gql(PROVINCE, REGIONS, { parent: '510000', period: Y2024 });
      expect(r.errors).toBeUndefined();
      expect(r.data!.regions).toHaveLength(21);
      expect(figureStatements(system.workshop.queries.statements)).toEqual({
        outcomeStats: 1,
        researchProjectStats: 1,
      });
      const panzhihua = (r.data!.regions as RegionAnswer[]).find((region) => region.code === '510400')!;
      expect(panzhihua.outcomeStats!.map((g) => [g.kind, g.outcomeCount])).toEqual([
        ['PAPER', 2],
        ['AWARD', 2],
        ['HONOUR', 1],
        ['RESOURCE', 1],
        ['BOOK', 1],
      ]);
      expect(panzhihua.researchProjectStats!.map((g) => [g.status, g.projectCount])).toEqual([
        ['IN_PROGRESS', 3],
        ['CONCLUDED', 2],
        ['TERMINATED', 1],
      ]);
    });

    it("gives null, not an error, for another county through the gateway's region lookup", async () => {
      const r = await system.gql(
        WEST_ANALYST,
        `query ($period: PeriodInput!) {
          region(code: "510402") { name outcomeStats(period: $period) { outcomeCount } researchProjectStats(period: $period) { projectCount } }
          own: region(code: "510403") { outcomeStats(period: $period) { outcomeCount } researchProjectStats(period: $period) { projectCount } }
        }`,
        { period: Y2024 },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual({
        region: { name: '东区', outcomeStats: null, researchProjectStats: null },
        own: { outcomeStats: [{ outcomeCount: 5 }], researchProjectStats: [{ projectCount: 4 }] },
      });
    });

    it('refuses a region of its own in the filter, and bad arguments, as the root fields do', async () => {
      const period = 'period: { from: "2024-01-01", to: "2024-12-31" }';
      const cases: [string, string][] = [
        [
          `outcomeStats(filter: { workshop: { regionCode: "510403" } }, ${period}) { outcomeCount }`,
          'filter.workshop.regionCode',
        ],
        [
          `researchProjectStats(filter: { workshop: { regionCode: "510403" } }, ${period}) { projectCount }`,
          'filter.workshop.regionCode',
        ],
        [`outcomeStats(${period}, groupBy: [KIND, KIND]) { outcomeCount }`, 'groupBy'],
        [
          'researchProjectStats(period: { from: "2024-12-31", to: "2024-01-01" }) { projectCount }',
          'period.to',
        ],
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
  });

  it('refuses another county, a bad period, a repeated dimension, and more than 1000 groups', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['FORBIDDEN', { filter: { workshop: { regionCode: '510402' } } }, 'filter.workshop.regionCode'],
      ['BAD_USER_INPUT', { filter: { workshop: { regionCode: '5104' } } }, 'filter.workshop.regionCode'],
      ['BAD_USER_INPUT', { period: { from: '2024-12-31', to: '2024-01-01' } }, 'period.to'],
      ['BAD_USER_INPUT', { period: { from: '2019-01-01', to: '2024-01-01' } }, 'period.to'],
      ['BAD_USER_INPUT', { groupBy: ['YEAR', 'WORKSHOP', 'YEAR'] }, 'groupBy'],
      [
        'BAD_USER_INPUT',
        { filter: { workshop: { foundedFrom: '2024-02-01', foundedTo: '2024-01-01' } } },
        'filter.workshop.foundedTo',
      ],
    ];
    for (const query of [OUTCOMES, PROJECTS]) {
      for (const [code, variables, field] of cases) {
        const r = await system.gql(WEST_ANALYST, query, { period: Y2024, ...variables });
        expect({ variables, codes: errorCodes(r), field: r.errors?.[0]?.extensions?.field }).toEqual({
          variables,
          codes: [code],
          field,
        });
      }
    }

    // 1080 studios of 南明区 with work in 2024: one cycle year's 120 fit, all of them do not.
    const grid = officeOf('COUNTY', GRID_COUNTY);
    for (const [query, field] of [
      [OUTCOMES, 'outcomeStats'],
      [PROJECTS, 'researchProjectStats'],
    ] as const) {
      const fits = await system.gql(grid, query, {
        period: Y2024,
        filter: { workshop: { cycleStartYear: 2024 } },
        groupBy: ['WORKSHOP'],
      });
      expect(fits.errors).toBeUndefined();
      expect(fits.data?.[field]).toHaveLength(120);
      const tooMany = await system.gql(grid, query, { period: Y2024, groupBy: ['WORKSHOP'] });
      expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
      expect(tooMany.errors?.[0]?.extensions?.field).toBe('groupBy');
      expect(tooMany.errors?.[0]?.message).toMatch(
        /more than 1000 groups; narrow the filter or group by fewer/,
      );
    }
  });
});
