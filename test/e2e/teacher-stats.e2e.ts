import { Role } from '@mingshi/auth';
import { chinaToday } from '@mingshi/graphql';
import { errorCodes } from '@mingshi/testing';
import { composeNationalId } from '../../services/personnel/src/rules/national-id';
import { createSchool, createTeacher } from '../harness/fixtures';
import { asSuperuser } from '../harness/stats-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { awardTitle } from '../harness/workshop-fixtures';

/**
 * Teacher figures on a world counted by hand. 四川省 holds the statistics world: 西区 (510403) has
 * schools W1 (rural, weak) and W2; 东区 (510402) has E1 (rural); 锦江区 (510104, another city) has
 * C1 (weak). Seven teachers, hours in 2024 (and 2023), titles awarded by year:
 *
 *   a W1 MATHEMATICS PRIMARY          SENIOR           F  72  (40 + 32; 2023: 10)  BACKBONE county 2020, city 2023; SUBJECT_LEADER city 2023
 *   b W1 CHINESE     PRIMARY          FIRST_GRADE      M  71.9                     BACKBONE county 2022
 *   c W2 MATHEMATICS JUNIOR_SECONDARY FIRST_GRADE      F  0                        TEACHING_NOVICE county 2025
 *   d W2 ENGLISH     JUNIOR_SECONDARY SECOND_GRADE     M  80  (2023: 100)
 *   e E1 MATHEMATICS PRIMARY          SENIOR           F  100                      TEACHING_MASTER county 2021
 *   f E1 CHINESE     PRIMARY          UNRANKED         F  10
 *   g C1 PHYSICS     SENIOR_SECONDARY SENIOR_PROFESSOR M  72                       SPECIAL_GRADE province 2019
 *
 * In 2024 a, d, e and g reach 72 hours; b, c and f do not. 延平区 (350702) holds the ordering world
 * and 安宁市 (530181) the thousand groups; neither is in 四川省, so neither moves its counts.
 */
const SICHUAN = { role: Role.PROVINCE_OFFICE, region: '510000' };
const WEST_ANALYST = { role: Role.ANALYST, region: '510403' };
const FINANCE = { role: Role.FINANCE_SYSTEM, region: '510000' };
const YANPING = { role: Role.COUNTY_OFFICE, region: '350702' };

const MEASURES = 'teacherCount hours meetingRequirement belowRequirement complianceRate';
const STATS = `query ($filter: TeacherFilter, $year: Int, $groupBy: [TeacherDimension!]) {
  teacherStats(filter: $filter, year: $year, groupBy: $groupBy) {
    city { code } county { code } school { name } subject stage rank gender titleKind titleLevel
    meetsHoursRequirement ruralSchool weakSchool year requiredHours ${MEASURES}
  }
}`;
const TRAIN = `mutation ($input: RecordTrainingHoursInput!) { recordTrainingHours(input: $input) { id } }`;

let idSequence = 0;

/** A national ID for a teacher born on `birthDate` (its digits carry the gender). */
function idFor(regionCode: string, birthDate: string, gender: 'MALE' | 'FEMALE'): string {
  return composeNationalId(regionCode, birthDate, ++idSequence, gender);
}

/** Measures as the API answers them, from counts stated by hand. */
function measures(teacherCount: number, hours: number, meeting: number) {
  return {
    teacherCount,
    hours,
    meetingRequirement: meeting,
    belowRequirement: teacherCount - meeting,
    complianceRate:
      teacherCount === 0 ? null : (Math.round((meeting / teacherCount) * 10000) / 10000).toFixed(4),
  };
}

describe('teacher statistics', () => {
  let system: TestSystem;
  const t: Record<string, { id: string; name: string }> = {};
  const school: Record<string, { id: string; name: string }> = {};

  async function ok(caller: TokenRequest, query: string, variables: Record<string, unknown> = {}) {
    const r = await system.gql(caller, query, variables);
    expect(r.errors).toBeUndefined();
    return r.data!;
  }

  async function stats(caller: TokenRequest, variables: Record<string, unknown>) {
    return (await ok(caller, STATS, variables)).teacherStats as Record<string, unknown>[];
  }

  async function credit(teacherId: string, year: number, hours: number) {
    await ok(SICHUAN, TRAIN, {
      input: { teacherId, year, hours, source: 'ONLINE_COURSE', description: '网络研修' },
    });
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    school.W1 = await createSchool(system, '510403', { name: '统计1西区农村小学', rural: true, weak: true });
    school.W2 = await createSchool(system, '510403', { name: '统计2西区实验学校' });
    school.E1 = await createSchool(system, '510402', { name: '统计3东区农村小学', rural: true });
    school.C1 = await createSchool(system, '510104', { name: '统计4锦江区薄弱学校', weak: true });
    const teacher = async (
      key: string,
      at: string,
      county: string,
      fields: { subject: string; stage: string; rank: string; gender: 'MALE' | 'FEMALE'; born: string },
    ) => {
      t[key] = await createTeacher(system, school[at]!, county, {
        name: `统计教师${key}`,
        subject: fields.subject,
        stage: fields.stage,
        rank: fields.rank,
        nationalId: idFor(county, fields.born, fields.gender),
      });
    };
    const F = 'FEMALE';
    const M = 'MALE';
    await teacher('a', 'W1', '510403', {
      subject: 'MATHEMATICS',
      stage: 'PRIMARY',
      rank: 'SENIOR',
      gender: F,
      born: '1980-03-01',
    });
    await teacher('b', 'W1', '510403', {
      subject: 'CHINESE',
      stage: 'PRIMARY',
      rank: 'FIRST_GRADE',
      gender: M,
      born: '1985-06-15',
    });
    await teacher('c', 'W2', '510403', {
      subject: 'MATHEMATICS',
      stage: 'JUNIOR_SECONDARY',
      rank: 'FIRST_GRADE',
      gender: F,
      born: '1990-01-01',
    });
    await teacher('d', 'W2', '510403', {
      subject: 'ENGLISH',
      stage: 'JUNIOR_SECONDARY',
      rank: 'SECOND_GRADE',
      gender: M,
      born: '1995-12-31',
    });
    await teacher('e', 'E1', '510402', {
      subject: 'MATHEMATICS',
      stage: 'PRIMARY',
      rank: 'SENIOR',
      gender: F,
      born: '1988-08-08',
    });
    await teacher('f', 'E1', '510402', {
      subject: 'CHINESE',
      stage: 'PRIMARY',
      rank: 'UNRANKED',
      gender: F,
      born: '2000-02-29',
    });
    await teacher('g', 'C1', '510104', {
      subject: 'PHYSICS',
      stage: 'SENIOR_SECONDARY',
      rank: 'SENIOR_PROFESSOR',
      gender: M,
      born: '1975-05-05',
    });
    await credit(t.a!.id, 2024, 40);
    await credit(t.a!.id, 2024, 32);
    await credit(t.a!.id, 2023, 10);
    await credit(t.b!.id, 2024, 71.9);
    await credit(t.d!.id, 2024, 80);
    await credit(t.d!.id, 2023, 100);
    await credit(t.e!.id, 2024, 100);
    await credit(t.f!.id, 2024, 10);
    await credit(t.g!.id, 2024, 72);
    await awardTitle(system, t.a!.id, '510403', 'BACKBONE_TEACHER', 'COUNTY', 2020);
    await awardTitle(system, t.a!.id, '510403', 'BACKBONE_TEACHER', 'CITY', 2023);
    await awardTitle(system, t.a!.id, '510403', 'SUBJECT_LEADER', 'CITY', 2023);
    await awardTitle(system, t.b!.id, '510403', 'BACKBONE_TEACHER', 'COUNTY', 2022);
    await awardTitle(system, t.c!.id, '510403', 'TEACHING_NOVICE', 'COUNTY', 2025);
    await awardTitle(system, t.e!.id, '510402', 'TEACHING_MASTER', 'COUNTY', 2021);
    await awardTitle(system, t.g!.id, '510104', 'SPECIAL_GRADE_TEACHER', 'PROVINCE', 2019);
  });
  afterAll(() => system?.stop());

  describe('grouped by each dimension', () => {
    it('answers the totals as one group, with the year and the requirement it read', async () => {
      expect(await stats(SICHUAN, { year: 2024 })).toEqual([
        {
          city: null,
          county: null,
          school: null,
          subject: null,
          stage: null,
          rank: null,
          gender: null,
          titleKind: null,
          titleLevel: null,
          meetsHoursRequirement: null,
          ruralSchool: null,
          weakSchool: null,
          year: 2024,
          requiredHours: 72,
          ...measures(7, 405.9, 4),
        },
      ]);
      expect(await stats(SICHUAN, { year: 2023 })).toMatchObject([measures(7, 110, 1)]);
    });

    it('reads this year in China when no year is given, and `filter.year` when only it is', async () => {
      const thisYear = Number(chinaToday().slice(0, 4));
      expect(await stats(SICHUAN, {})).toMatchObject([{ year: thisYear, ...measures(7, 0, 0) }]);
      expect(await stats(SICHUAN, { filter: { year: 2023 } })).toMatchObject([
        { year: 2023, ...measures(7, 110, 1) },
      ]);
    });

    it('answers one all-zero group when nothing matches', async () => {
      expect(await stats(SICHUAN, { year: 2024, filter: { subject: 'MUSIC' } })).toMatchObject([
        { ...measures(0, 0, 0), complianceRate: null },
      ]);
      expect(await stats(SICHUAN, { year: 2024, filter: { subject: 'MUSIC' }, groupBy: ['COUNTY'] })).toEqual(
        [],
      );
    });

    it('groups by city and by county, ordered by code', async () => {
      expect(await stats(SICHUAN, { year: 2024, groupBy: ['CITY'] })).toMatchObject([
        { city: { code: '510100' }, county: null, ...measures(1, 72, 1) },
        { city: { code: '510400' }, county: null, ...measures(6, 333.9, 3) },
      ]);
      expect(await stats(SICHUAN, { year: 2024, groupBy: ['COUNTY'] })).toMatchObject([
        { county: { code: '510104' }, ...measures(1, 72, 1) },
        { county: { code: '510402' }, ...measures(2, 110, 1) },
        { county: { code: '510403' }, ...measures(4, 223.9, 2) },
      ]);
    });

    it('groups by school, ordered by name, and by the schools’ rural and weak flags', async () => {
      expect(await stats(SICHUAN, { year: 2024, groupBy: ['SCHOOL'] })).toMatchObject([
        { school: { name: school.W1!.name }, ...measures(2, 143.9, 1) },
        { school: { name: school.W2!.name }, ...measures(2, 80, 1) },
        { school: { name: school.E1!.name }, ...measures(2, 110, 1) },
        { school: { name: school.C1!.name }, ...measures(1, 72, 1) },
      ]);
      expect(await stats(SICHUAN, { year: 2024, groupBy: ['RURAL_SCHOOL', 'WEAK_SCHOOL'] })).toMatchObject([
        { ruralSchool: false, weakSchool: false, ...measures(2, 80, 1) },
        { ruralSchool: false, weakSchool: true, ...measures(1, 72, 1) },
        { ruralSchool: true, weakSchool: false, ...measures(2, 110, 1) },
        { ruralSchool: true, weakSchool: true, ...measures(2, 143.9, 1) },
      ]);
    });

    it('groups by subject, stage, rank and gender in the order the enums declare', async () => {
      expect(await stats(SICHUAN, { year: 2024, groupBy: ['SUBJECT'] })).toMatchObject([
        { subject: 'CHINESE', ...measures(2, 81.9, 0) },
        { subject: 'MATHEMATICS', ...measures(3, 172, 2) },
        { subject: 'ENGLISH', ...measures(1, 80, 1) },
        { subject: 'PHYSICS', ...measures(1, 72, 1) },
      ]);
      expect(await stats(SICHUAN, { year: 2024, groupBy: ['STAGE'] })).toMatchObject([
        { stage: 'PRIMARY', ...measures(4, 253.9, 2) },
        { stage: 'JUNIOR_SECONDARY', ...measures(2, 80, 1) },
        { stage: 'SENIOR_SECONDARY', ...measures(1, 72, 1) },
      ]);
      expect(await stats(SICHUAN, { year: 2024, groupBy: ['RANK'] })).toMatchObject([
        { rank: 'SENIOR_PROFESSOR', ...measures(1, 72, 1) },
        { rank: 'SENIOR', ...measures(2, 172, 2) },
        { rank: 'FIRST_GRADE', ...measures(2, 71.9, 0) },
        { rank: 'SECOND_GRADE', ...measures(1, 80, 1) },
        { rank: 'UNRANKED', ...measures(1, 10, 0) },
      ]);
      expect(await stats(SICHUAN, { year: 2024, groupBy: ['GENDER'] })).toMatchObject([
        { gender: 'MALE', ...measures(3, 223.9, 2) },
        { gender: 'FEMALE', ...measures(4, 182, 2) },
      ]);
    });

    it('counts a teacher once per title kind held by the end of the year, the untitled in the null group', async () => {
      const kinds = await stats(SICHUAN, { year: 2024, groupBy: ['TITLE_KIND'] });
      expect(kinds).toMatchObject([
        { titleKind: 'SPECIAL_GRADE_TEACHER', ...measures(1, 72, 1) },
        { titleKind: 'TEACHING_MASTER', ...measures(1, 100, 1) },
        { titleKind: 'SUBJECT_LEADER', ...measures(1, 72, 1) },
        // a holds it at two levels and counts once
        { titleKind: 'BACKBONE_TEACHER', ...measures(2, 143.9, 1) },
        // c's title came in 2025
        { titleKind: null, ...measures(3, 90, 1) },
      ]);
      // a counts under two kinds, so the groups add up to more than the seven teachers
      expect(kinds.reduce((sum, g) => sum + (g.teacherCount as number), 0)).toBe(8);
      expect(
        (await stats(SICHUAN, { year: 2025, groupBy: ['TITLE_KIND'] })).map((g) => [
          g.titleKind,
          g.teacherCount,
        ]),
      ).toEqual([
        ['SPECIAL_GRADE_TEACHER', 1],
        ['TEACHING_MASTER', 1],
        ['SUBJECT_LEADER', 1],
        ['BACKBONE_TEACHER', 2],
        ['TEACHING_NOVICE', 1],
        [null, 2],
      ]);
    });

    it('counts title levels the same way, and kinds with levels once per pair held', async () => {
      expect(await stats(SICHUAN, { year: 2024, groupBy: ['TITLE_LEVEL'] })).toMatchObject([
        { titleLevel: 'PROVINCE', ...measures(1, 72, 1) },
        { titleLevel: 'CITY', ...measures(1, 72, 1) },
        { titleLevel: 'COUNTY', ...measures(3, 243.9, 2) },
        { titleLevel: null, ...measures(3, 90, 1) },
      ]);
      expect(
        (await stats(SICHUAN, { year: 2024, groupBy: ['TITLE_KIND', 'TITLE_LEVEL'] })).map((g) => [
          g.titleKind,
          g.titleLevel,
          g.teacherCount,
        ]),
      ).toEqual([
        ['SPECIAL_GRADE_TEACHER', 'PROVINCE', 1],
        ['TEACHING_MASTER', 'COUNTY', 1],
        ['SUBJECT_LEADER', 'CITY', 1],
        ['BACKBONE_TEACHER', 'CITY', 1],
        ['BACKBONE_TEACHER', 'COUNTY', 2],
        [null, null, 3],
      ]);
    });

    it('splits by the 72-hour requirement, false before true, and combines dimensions in groupBy order', async () => {
      expect(await stats(SICHUAN, { year: 2024, groupBy: ['MEETS_HOURS_REQUIREMENT'] })).toMatchObject([
        { meetsHoursRequirement: false, ...measures(3, 81.9, 0) },
        { meetsHoursRequirement: true, ...measures(4, 324, 4) },
      ]);
      const byCounty = await stats(SICHUAN, { year: 2024, groupBy: ['COUNTY', 'MEETS_HOURS_REQUIREMENT'] });
      expect(
        byCounty.map((g) => [(g.county as { code: string }).code, g.meetsHoursRequirement, g.teacherCount]),
      ).toEqual([
        ['510104', true, 1],
        ['510402', false, 1],
        ['510402', true, 1],
        ['510403', false, 2],
        ['510403', true, 2],
      ]);
      const reversed = await stats(SICHUAN, { year: 2024, groupBy: ['MEETS_HOURS_REQUIREMENT', 'COUNTY'] });
      expect(reversed.map((g) => [g.meetsHoursRequirement, (g.county as { code: string }).code])).toEqual([
        [false, '510402'],
        [false, '510403'],
        [true, '510104'],
        [true, '510402'],
        [true, '510403'],
      ]);
    });
  });

  describe('the filter', () => {
    it('narrows statistics and lists alike, the requirement read for filter.year', async () => {
      expect(
        await stats(SICHUAN, { year: 2024, filter: { meetsHoursRequirement: false, year: 2024 } }),
      ).toMatchObject([measures(3, 81.9, 0)]);
      // Teachers who met it in 2023 (d only), measured by their 2024 hours.
      expect(
        await stats(SICHUAN, { year: 2024, filter: { meetsHoursRequirement: true, year: 2023 } }),
      ).toMatchObject([{ year: 2024, ...measures(1, 80, 1) }]);
      const below = await ok(
        SICHUAN,
        `{ teachers(filter: { meetsHoursRequirement: false, year: 2024 }) { nodes { id } totalCount } }`,
      );
      expect(below.teachers.totalCount).toBe(3);
      expect(new Set(below.teachers.nodes.map((n: { id: string }) => n.id))).toEqual(
        new Set([t.b!.id, t.c!.id, t.f!.id]),
      );
    });

    it('applies to the teachers of a region and of a school too', async () => {
      const data = await ok(
        SICHUAN,
        `query ($s: ID!) {
          region(code: "510403") { teachers(filter: { meetsHoursRequirement: true, year: 2024 }) { nodes { id } } }
          school(id: $s) { teachers(filter: { meetsHoursRequirement: false, year: 2024 }) { nodes { id } } }
        }`,
        { s: school.E1!.id },
      );
      expect(new Set(data.region.teachers.nodes.map((n: { id: string }) => n.id))).toEqual(
        new Set([t.a!.id, t.d!.id]),
      );
      expect(data.school.teachers.nodes).toEqual([{ id: t.f!.id }]);
    });

    it('reads the requirement for this year when the filter names none', async () => {
      const data = await ok(
        SICHUAN,
        `{ met: teachers(filter: { meetsHoursRequirement: true }) { totalCount } }`,
      );
      expect(data.met.totalCount).toBe(0);
    });

    it('narrows statistics by birth date, both ends included', async () => {
      // c (1990-01-01), d (1995-12-31), f (2000-02-29) were born from 1990 on
      expect(
        await stats(SICHUAN, { year: 2024, filter: { bornFrom: '1990-01-01', bornTo: '2000-02-29' } }),
      ).toMatchObject([measures(3, 90, 1)]);
    });
  });

  describe('by region', () => {
    const REGION_STATS = `query ($code: ID!, $filter: TeacherFilter) {
      region(code: $code) { teacherStats(year: 2024, filter: $filter, groupBy: [SUBJECT]) { subject ${MEASURES} } }
    }`;
    const ROOT_STATS = `query ($filter: TeacherFilter) {
      teacherStats(year: 2024, filter: $filter, groupBy: [SUBJECT]) { subject ${MEASURES} }
    }`;

    it('equals the root statistics with the region as filter.regionCode', async () => {
      for (const code of ['510000', '510400', '510403', '510402', '510104', '510411']) {
        const nested = await ok(SICHUAN, REGION_STATS, { code, filter: { rank: 'SENIOR' } });
        const root = await ok(SICHUAN, ROOT_STATS, { filter: { rank: 'SENIOR', regionCode: code } });
        expect(nested.region.teacherStats).toEqual(root.teacherStats);
      }
      const west = await ok(SICHUAN, REGION_STATS, { code: '510403' });
      expect(west.region.teacherStats.map((g: { subject: string }) => g.subject)).toEqual([
        'CHINESE',
        'MATHEMATICS',
        'ENGLISH',
      ]);
    });

    it('answers every region under a parent, with totals for those without teachers', async () => {
      const data = await ok(
        SICHUAN,
        `{ regions(parentCode: "510400") { code teacherStats(year: 2024) { ${MEASURES} } } }`,
      );
      const byCode = Object.fromEntries(
        data.regions.map((r: { code: string; teacherStats: unknown[] }) => [r.code, r.teacherStats]),
      );
      expect(byCode['510402']).toEqual([measures(2, 110, 1)]);
      expect(byCode['510403']).toEqual([measures(4, 223.9, 2)]);
      expect(byCode['510411']).toEqual([measures(0, 0, 0)]);
    });

    it('sends one SQL statement for the figures of many regions as of few', async () => {
      const QUERY = (parent: string) =>
        `{ regions(parentCode: "${parent}") { code teacherStats(year: 2024, groupBy: [MEETS_HOURS_REQUIREMENT]) {
             meetsHoursRequirement teacherCount hours complianceRate } } }`;
      const statementsFor = async (parent: string) => {
        system.personnelQueries.reset();
        const data = await ok(SICHUAN, QUERY(parent));
        return { data, statements: [...system.personnelQueries.statements] };
      };
      const few = await statementsFor('510400');
      const many = await statementsFor('510000');
      expect(few.data.regions.length).toBeLessThan(many.data.regions.length);
      expect(many.data.regions.length).toBeGreaterThan(15);
      expect(many.statements.length).toBe(few.statements.length);
      // begin, scope, the regions, the figures of all of them, commit
      expect(many.statements.filter((s) => s.includes('training_year'))).toHaveLength(1);
      expect(many.statements.length).toBeLessThanOrEqual(5);
      const panzhihua = many.data.regions.find((r: { code: string }) => r.code === '510400');
      expect(panzhihua.teacherStats).toEqual([
        { meetsHoursRequirement: false, teacherCount: 3, hours: 81.9, complianceRate: '0.0000' },
        { meetsHoursRequirement: true, teacherCount: 3, hours: 252, complianceRate: '1.0000' },
      ]);
    });

    it('counts the same without an hours measure asked for, and then reads no training year', async () => {
      system.personnelQueries.reset();
      const data = await ok(
        SICHUAN,
        `{ teacherStats(year: 2024, groupBy: [COUNTY]) { county { code } teacherCount year }
           region(code: "510400") { teacherStats(year: 2024, groupBy: [SCHOOL]) { ...Counted } } }
         fragment Counted on TeacherStatsGroup { school { name } teacherCount }`,
      );
      expect(data.teacherStats).toEqual([
        { county: { code: '510104' }, teacherCount: 1, year: 2024 },
        { county: { code: '510402' }, teacherCount: 2, year: 2024 },
        { county: { code: '510403' }, teacherCount: 4, year: 2024 },
      ]);
      expect(data.region.teacherStats).toEqual([
        { school: { name: school.W1!.name }, teacherCount: 2 },
        { school: { name: school.W2!.name }, teacherCount: 2 },
        { school: { name: school.E1!.name }, teacherCount: 2 },
      ]);
      const counted = system.personnelQueries.statements.filter((s) => s.includes('teacher_count'));
      expect(counted).toHaveLength(2);
      for (const statement of counted) expect(statement).not.toMatch(/training_year/);
      // Split by the requirement, the groups still read the year, whatever the measures.
      const split = await ok(
        SICHUAN,
        `{ teacherStats(year: 2024, groupBy: [MEETS_HOURS_REQUIREMENT]) { meetsHoursRequirement teacherCount } }`,
      );
      expect(split.teacherStats).toEqual([
        { meetsHoursRequirement: false, teacherCount: 3 },
        { meetsHoursRequirement: true, teacherCount: 4 },
      ]);
    });
  });

  describe('who may ask', () => {
    it('lets an analyst count its own county, and refuses a filter on another', async () => {
      expect(await stats(WEST_ANALYST, { year: 2024 })).toMatchObject([measures(4, 223.9, 2)]);
      const refused = await system.gql(WEST_ANALYST, STATS, { filter: { regionCode: '510402' } });
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
      expect(refused.errors?.[0]?.extensions?.field).toBe('filter.regionCode');
      const typo = await system.gql(WEST_ANALYST, STATS, { filter: { regionCode: '5104' } });
      expect(errorCodes(typo)).toEqual(['BAD_USER_INPUT']);
    });

    it('answers null for a region outside the scope and its share for a region around it', async () => {
      const data = await ok(
        WEST_ANALYST,
        `{ east: region(code: "510402") { name teacherStats { teacherCount } }
           city: region(code: "510400") { teacherStats(year: 2024) { teacherCount } }
           regions(parentCode: "510400") { code teacherStats(year: 2024) { teacherCount } } }`,
      );
      expect(data.east).toEqual({ name: '东区', teacherStats: null });
      expect(data.city.teacherStats).toEqual([{ teacherCount: 4 }]);
      for (const region of data.regions) {
        expect(region.teacherStats).toEqual(region.code === '510403' ? [{ teacherCount: 4 }] : null);
      }
    });

    it('refuses the finance system, which reads no teachers, and nulls its regions’ figures', async () => {
      expect(errorCodes(await system.gql(FINANCE, STATS, {}))).toEqual(['FORBIDDEN']);
      const data = await ok(FINANCE, `{ region(code: "510403") { teacherStats { teacherCount } } }`);
      expect(data.region.teacherStats).toBeNull();
    });

    it('lets every other role count its scope', async () => {
      const callers: TokenRequest[] = [
        { role: Role.COUNTY_OFFICE, region: '510403' },
        { role: Role.SCHOOL_ADMIN, region: '510403', schoolId: school.W1!.id },
        { role: Role.TEACHER, region: '510403', teacherId: t.a!.id },
        { role: Role.EVALUATOR, region: '510403' },
      ];
      for (const caller of callers) {
        expect(await stats(caller, { year: 2024 })).toMatchObject([{ teacherCount: 4 }]);
      }
    });
  });

  describe('refused input', () => {
    async function refusal(variables: Record<string, unknown>) {
      const r = await system.gql(SICHUAN, STATS, variables);
      expect(r.data).toBeNull();
      return { code: r.errors?.[0]?.extensions?.code, field: r.errors?.[0]?.extensions?.field };
    }

    it('refuses a dimension named twice, a year out of range and a birth range ending before it starts', async () => {
      expect(await refusal({ groupBy: ['COUNTY', 'SUBJECT', 'COUNTY'] })).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'groupBy',
      });
      expect(await refusal({ year: 1900 })).toEqual({ code: 'BAD_USER_INPUT', field: 'year' });
      expect(await refusal({ filter: { year: 3000 } })).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'filter.year',
      });
      expect(await refusal({ filter: { bornFrom: '1990-01-01', bornTo: '1989-12-31' } })).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'filter.bornTo',
      });
    });

    it('refuses a region’s figures with a repeated dimension too', async () => {
      const r = await system.gql(
        SICHUAN,
        `{ region(code: "510403") { teacherStats(groupBy: [RANK, RANK]) { teacherCount } } }`,
      );
      expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('more than a thousand groups', () => {
    const ANNING = { role: Role.ANALYST, region: '530181' };
    const FINE = `query ($filter: TeacherFilter) {
      teacherStats(filter: $filter, groupBy: [SUBJECT, RANK, GENDER, STAGE]) { teacherCount }
    }`;

    /**
     * 1001 teachers of one school in 安宁市, each with a combination of subject, rank, gender and
     * stage of its own, born a day apart: written straight to the test's database, since 1001
     * registrations through the graph would only slow the test down.
     */
    beforeAll(async () => {
      await asSuperuser(
        system,
        `WITH s AS (
          INSERT INTO personnel.school (name, region_code, stages, rural, weak)
          VALUES ('安宁市千组学校', '530181', '{PRIMARY}', false, false) RETURNING id
        )
        INSERT INTO personnel.teacher (name, gender, birth_date, school_id, region_code, subject, stage,
                                       rank, national_id, phone)
        SELECT '千组教师' || i,
               (ARRAY['MALE', 'FEMALE'])[(i / 120) % 2 + 1],
               DATE '1970-01-01' + i,
               s.id, '530181',
               (ARRAY['CHINESE', 'MATHEMATICS', 'ENGLISH', 'PHYSICS', 'CHEMISTRY', 'BIOLOGY', 'HISTORY',
                      'GEOGRAPHY', 'POLITICS', 'SCIENCE', 'MUSIC', 'ART', 'PHYSICAL_EDUCATION',
                      'INFORMATION_TECHNOLOGY', 'PSYCHOLOGY', 'LABOUR', 'PRESCHOOL_EDUCATION',
                      'SPECIAL_EDUCATION', 'VOCATIONAL_SKILLS', 'GENERAL'])[i % 20 + 1],
               (ARRAY['PRESCHOOL', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL',
                      'SPECIAL'])[(i / 240) % 6 + 1],
               (ARRAY['SENIOR_PROFESSOR', 'SENIOR', 'FIRST_GRADE', 'SECOND_GRADE', 'THIRD_GRADE',
                      'UNRANKED'])[(i / 20) % 6 + 1],
               '530181' || lpad(i::text, 12, '0'),
               '139' || lpad(i::text, 8, '0')
          FROM s, generate_series(0, 1000) AS i`,
      );
    });

    it('answers a thousand groups', async () => {
      // The last-born teacher left out: 1000 teachers, 1000 groups.
      const data = await ok(ANNING, FINE, { filter: { bornTo: '1972-09-26' } });
      expect(data.teacherStats).toHaveLength(1000);
    });

    it('refuses the thousand and first, asking to narrow the question', async () => {
      const r = await system.gql(ANNING, FINE, {});
      expect(r.data).toBeNull();
      expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors?.[0]?.extensions?.field).toBe('groupBy');
      expect(r.errors?.[0]?.message).toMatch(/more than 1000 groups; narrow the filter/);
    });
  });
});

describe('ordered teacher lists', () => {
  let system: TestSystem;
  const t: Record<string, string> = {};

  /**
   * 延平区's five teachers. By name (code points): 林丙 twice (by id), 陈乙, 陈甲, 黄丁. In 2024 陈乙
   * and the first 林丙 have 80 hours each and the same rank and birth date: only their names part
   * them.
   */
  const PEOPLE = [
    { key: 'chenJia', name: '陈甲', rank: 'SENIOR', born: '1980-01-01', hours: 50 },
    { key: 'chenYi', name: '陈乙', rank: 'FIRST_GRADE', born: '1985-01-01', hours: 80 },
    { key: 'linBing1', name: '林丙', rank: 'FIRST_GRADE', born: '1985-01-01', hours: 80 },
    { key: 'linBing2', name: '林丙', rank: 'FIRST_GRADE', born: '1990-07-01', hours: 0 },
    { key: 'huangDing', name: '黄丁', rank: 'UNRANKED', born: '1999-12-31', hours: 72 },
  ];

  const PAGE = `query ($orderBy: [TeacherOrder!], $filter: TeacherFilter, $after: String, $first: Int) {
    teachers(orderBy: $orderBy, filter: $filter, first: $first, after: $after) {
      nodes { id } pageInfo { hasNextPage endCursor }
    }
  }`;

  async function page(variables: Record<string, unknown>) {
    const r = await system.gql(YANPING, PAGE, { filter: { regionCode: '350702' }, ...variables });
    expect(r.errors).toBeUndefined();
    return r.data!.teachers as {
      nodes: { id: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
  }

  /** Every teacher, read `first` at a time through the cursors. */
  async function readAll(variables: Record<string, unknown>, first = 2): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p = await page({ ...variables, first, after });
      ids.push(...p.nodes.map((n) => n.id));
      if (!p.pageInfo.hasNextPage) return ids;
      after = p.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    const school = await createSchool(system, '350702');
    for (const person of PEOPLE) {
      const teacher = await createTeacher(system, school, '350702', {
        name: person.name,
        rank: person.rank,
        nationalId: idFor('350702', person.born, 'FEMALE'),
      });
      t[person.key] = teacher.id;
      if (person.hours > 0) {
        const r = await system.gql({ role: Role.PROVINCE_OFFICE, region: '350000' }, TRAIN, {
          input: {
            teacherId: teacher.id,
            year: 2024,
            hours: person.hours,
            source: 'SCHOOL_BASED',
            description: '校本研修',
          },
        });
        expect(r.errors).toBeUndefined();
      }
    }
  });
  afterAll(() => system?.stop());

  it('orders by name, then id, one row a page as well as all at once', async () => {
    const byId = [t.linBing1!, t.linBing2!].sort();
    const expected = [...byId, t.chenYi, t.chenJia, t.huangDing];
    expect(await readAll({}, 1)).toEqual(expected);
    expect(await readAll({ orderBy: [{ field: 'NAME' }] }, 1)).toEqual(expected);
    expect(await readAll({ orderBy: [{ field: 'NAME', direction: 'DESC' }] }, 10)).toEqual([
      t.huangDing,
      t.chenJia,
      t.chenYi,
      ...byId,
    ]);
  });

  it('orders by rank, then hours of the filter’s year descending, ties by name across a page boundary', async () => {
    const orderBy = [{ field: 'RANK' }, { field: 'HOURS', direction: 'DESC' }];
    const filter = { regionCode: '350702', year: 2024 };
    const expected = [t.chenJia, t.linBing1, t.chenYi, t.linBing2, t.huangDing];
    expect(await readAll({ orderBy, filter }, 2)).toEqual(expected);
    expect(await readAll({ orderBy, filter }, 1)).toEqual(expected);
    expect(await readAll({ orderBy, filter }, 5)).toEqual(expected);
  });

  it('orders by birth date, newest first, ties by name', async () => {
    expect(await readAll({ orderBy: [{ field: 'BIRTH_DATE', direction: 'DESC' }] }, 2)).toEqual([
      t.huangDing,
      t.linBing2,
      t.linBing1,
      t.chenYi,
      t.chenJia,
    ]);
  });

  it('takes a birth-date range, both ends included, with the order', async () => {
    const filter = { regionCode: '350702', bornFrom: '1985-01-01', bornTo: '1990-07-01' };
    expect(await readAll({ filter, orderBy: [{ field: 'BIRTH_DATE' }] }, 2)).toEqual([
      t.linBing1,
      t.chenYi,
      t.linBing2,
    ]);
  });

  it('refuses a cursor of another order, of another year, or a repeated key', async () => {
    const byRank = await page({ orderBy: [{ field: 'RANK' }], first: 1 });
    const other = await system.gql(YANPING, PAGE, {
      orderBy: [{ field: 'BIRTH_DATE' }],
      after: byRank.pageInfo.endCursor,
    });
    expect(errorCodes(other)).toEqual(['BAD_USER_INPUT']);
    expect(other.errors?.[0]?.extensions?.field).toBe('after');
    const byHours = await page({ orderBy: [{ field: 'HOURS' }], filter: { year: 2024 }, first: 1 });
    const otherYear = await system.gql(YANPING, PAGE, {
      orderBy: [{ field: 'HOURS' }],
      filter: { year: 2023 },
      after: byHours.pageInfo.endCursor,
    });
    expect(errorCodes(otherYear)).toEqual(['BAD_USER_INPUT']);
    const repeated = await system.gql(YANPING, PAGE, {
      orderBy: [{ field: 'RANK' }, { field: 'RANK', direction: 'DESC' }],
    });
    expect(errorCodes(repeated)).toEqual(['BAD_USER_INPUT']);
    expect(repeated.errors?.[0]?.extensions?.field).toBe('orderBy');
  });
});
