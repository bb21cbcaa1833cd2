import { Client } from 'pg';
import { Role, regionRange } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import { createSchool, createTeacher } from '../../../test/harness/fixtures';
import { TestSystem } from '../../../test/harness/system';

const WEST = { role: Role.COUNTY_OFFICE, region: '510403' };
const EAST = { role: Role.COUNTY_OFFICE, region: '510402' };
/** Offices over several counties, whose searches read the name index (a county's read its teachers). */
const CITY = { role: Role.CITY_OFFICE, region: '510400' };
const OTHER_CITY = { role: Role.CITY_OFFICE, region: '510300' };
const PROVINCE = { role: Role.PROVINCE_OFFICE, region: '510000' };

const SEARCH = `query ($filter: TeacherFilter, $orderBy: [TeacherOrder!], $after: String) {
  teachers(first: 3, after: $after, filter: $filter, orderBy: $orderBy) {
    nodes { id name }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;
const UPDATE = `mutation ($id: ID!, $input: UpdateTeacherInput!) { updateTeacher(id: $id, input: $input) { id } }`;

type Caller = { role: Role; region: string };

interface Found {
  id: string;
  name: string;
}

/** Texts searched: one, two and three characters, LIKE's metacharacters, other scripts. */
const TEXTS = [
  '王',
  '芳',
  '王芳',
  '芳芳',
  '王王',
  '王小明',
  '欧阳王芳',
  '%',
  '_',
  '\\',
  '100%',
  '%王',
  '_明',
  'a\\b',
  'nn',
  'A',
  'ë',
  '·买',
  '𠀀',
  '𠀀王',
  '无此人',
];

/**
 * A name search finds exactly the teachers whose name contains the text, in name order, with the
 * count of them, whatever the text — read through the name index (migration 1733013000000) by
 * offices over several counties, through the teachers by a county — and only within the caller's
 * region.
 */
describe('searching teachers by name', () => {
  let system: TestSystem;
  let admin: Client;
  const ids = new Map<string, string>();
  let secondSchool: { id: string };
  let eastSchool: { id: string };
  let otherCitySchool: { id: string };

  /** Every page of a search, as the caller sees it, with the totalCount each page gave. */
  async function search(
    caller: Caller,
    filter: Record<string, unknown>,
    orderBy?: unknown[],
  ): Promise<{ found: Found[]; counts: number[] }> {
    const found: Found[] = [];
    const counts: number[] = [];
    let after: string | null = null;
    do {
      const r: any = await system.gql(caller, SEARCH, { filter, orderBy, after });
      expect(r.errors).toBeUndefined();
      found.push(...r.data.teachers.nodes);
      counts.push(r.data.teachers.totalCount);
      after = r.data.teachers.pageInfo.hasNextPage ? r.data.teachers.pageInfo.endCursor : null;
    } while (after);
    return { found, counts };
  }

  /**
   * What a search must answer, read past row-level security and without the name index or LIKE:
   * `strpos` over the teachers of the caller's region, in the list's order.
   */
  async function expected(
    caller: Caller,
    text: string,
    extra: { subject?: string; schoolId?: string; orderBy?: string } = {},
  ): Promise<Found[]> {
    const range = regionRange(caller.region);
    const r = await admin.query(
      `SELECT id, name FROM personnel.teacher
        WHERE region_code BETWEEN $1 AND $2 AND strpos(name, $3) > 0
          AND ($4::text IS NULL OR subject = $4) AND ($5::uuid IS NULL OR school_id = $5)
        ORDER BY ${extra.orderBy ?? 'name, id'}`,
      [range.lo, range.hi, text, extra.subject ?? null, extra.schoolId ?? null],
    );
    return r.rows;
  }

  /** Asks the search of each caller, page by page, and compares it with what it must answer. */
  async function expectSearch(
    callers: readonly Caller[],
    filter: { nameContains: string; subject?: string; schoolId?: string },
  ): Promise<Found[][]> {
    const answers: Found[][] = [];
    for (const caller of callers) {
      const want = await expected(caller, filter.nameContains, filter);
      const { found, counts } = await search(caller, filter);
      expect({ caller, filter, found, counts: [...new Set(counts)] }).toEqual({
        caller,
        filter,
        found: want,
        counts: [want.length],
      });
      answers.push(found);
    }
    return answers;
  }

  const idsOf = (found: Found[]) => found.map((t) => t.id);

  beforeAll(async () => {
    system = await TestSystem.start();
    admin = new Client({ connectionString: system.database.superuserUrl });
    await admin.connect();
    const west = await createSchool(system, '510403');
    secondSchool = await createSchool(system, '510403');
    eastSchool = await createSchool(system, '510402');
    otherCitySchool = await createSchool(system, '510302');
    const teachers: [string, { id: string }, string, Record<string, string>?][] = [
      ['王芳', west, '510403'],
      ['王芳芳', west, '510403', { subject: 'CHINESE' }],
      ['李王', west, '510403'],
      ['王小明', west, '510403', { subject: 'CHINESE', rank: 'SENIOR' }],
      ['王小明', secondSchool, '510403', { subject: 'CHINESE', rank: 'SENIOR' }],
      ['欧阳王芳', secondSchool, '510403'],
      ['王王', west, '510403'],
      ['张三', west, '510403'],
      ['100%王', west, '510403'],
      ['王_明', secondSchool, '510403'],
      ['a\\b王', west, '510403'],
      ['x%y', west, '510403'],
      ['Anna王', west, '510403'],
      ['anna', west, '510403'],
      ['Zoë', west, '510403'],
      ['阿依古丽·买买提', west, '510403'],
      ['𠀀王', west, '510403'],
      ['王东', eastSchool, '510402'],
      ['王芳', eastSchool, '510402', { subject: 'CHINESE' }],
      ['王芳', otherCitySchool, '510302'],
      ['王自贡', otherCitySchool, '510302'],
    ];
    for (const [name, school, region, fields] of teachers) {
      const teacher = await createTeacher(system, school, region, { name, ...fields });
      ids.set(`${region} ${name}`, teacher.id);
    }
  });
  afterAll(async () => {
    await admin?.end();
    await system?.stop();
  });

  it('finds exactly the names containing a text of any length or script, in name order, with their count', async () => {
    for (const text of TEXTS) await expectSearch([WEST, CITY, PROVINCE], { nameContains: text });
    const [wang] = await expectSearch([CITY], { nameContains: '王' });
    expect(wang!.length).toBeGreaterThan(10);
  });

  it('treats %, _ and \\ as the characters themselves', async () => {
    for (const caller of [WEST, CITY]) {
      expect((await search(caller, { nameContains: '%' })).found.map((t) => t.name).sort()).toEqual(
        ['100%王', 'x%y'].sort(),
      );
      expect((await search(caller, { nameContains: '_' })).found.map((t) => t.name)).toEqual(['王_明']);
      expect((await search(caller, { nameContains: '\\' })).found.map((t) => t.name)).toEqual(['a\\b王']);
    }
  });

  it('combines the search with the other filters, those the index carries and those it does not', async () => {
    await expectSearch([WEST, CITY, PROVINCE], { nameContains: '王', subject: 'CHINESE' });
    await expectSearch([WEST, CITY], { nameContains: '王小', subject: 'CHINESE' });
    await expectSearch([WEST, CITY], { nameContains: '王', schoolId: secondSchool.id });
    await expectSearch([WEST, CITY], { nameContains: '明', schoolId: secondSchool.id });
    for (const caller of [WEST, CITY]) {
      const senior = await search(caller, { nameContains: '王', subject: 'CHINESE', rank: 'SENIOR' });
      expect(senior.found.map((t) => t.name)).toEqual(['王小明', '王小明']);
      expect(senior.counts).toEqual([2]);
    }
    // Born at any time: a criterion the index does not carry, counted through the teachers.
    const born = await search(CITY, { nameContains: '王', bornFrom: '1900-01-01' });
    expect(born.found).toEqual(await expected(CITY, '王'));
    expect(born.counts[0]).toBe(born.found.length);
  });

  it('counts the same teachers in teacherStats as it lists', async () => {
    const STATS = `query ($filter: TeacherFilter) { teacherStats(filter: $filter, groupBy: [SUBJECT]) { subject teacherCount } }`;
    for (const caller of [WEST, CITY, PROVINCE]) {
      for (const nameContains of ['王', '王芳', '王小明', '%']) {
        const r: any = await system.gql(caller, STATS, { filter: { nameContains } });
        expect(r.errors).toBeUndefined();
        const counted = r.data.teacherStats.reduce(
          (n: number, g: { teacherCount: number }) => n + g.teacherCount,
          0,
        );
        expect({ caller, nameContains, counted }).toEqual({
          caller,
          nameContains,
          counted: (await expected(caller, nameContains)).length,
        });
      }
    }
  });

  it('keeps the search in another order than by name', async () => {
    for (const caller of [WEST, CITY]) {
      const want = await expected(caller, '王', { orderBy: 'birth_date, name, id' });
      const { found, counts } = await search(caller, { nameContains: '王' }, [{ field: 'BIRTH_DATE' }]);
      expect(found).toEqual(want);
      expect(counts[0]).toBe(want.length);
    }
  });

  it('shows an office none of the teachers outside its region', async () => {
    const [west] = await expectSearch([WEST], { nameContains: '王' });
    expect(idsOf(west!)).not.toContain(ids.get('510402 王东'));
    expect(idsOf(west!)).not.toContain(ids.get('510402 王芳'));
    const [east] = await expectSearch([EAST], { nameContains: '王' });
    expect(east!.map((t) => t.name)).toEqual(['王东', '王芳']);
    const [city, otherCity] = await expectSearch([CITY, OTHER_CITY], { nameContains: '王' });
    expect(idsOf(city!)).not.toContain(ids.get('510302 王芳'));
    expect(otherCity!.map((t) => t.name).sort()).toEqual(['王自贡', '王芳'].sort());
    await expectSearch([PROVINCE], { nameContains: '王芳' });

    // The index's own rows are scoped like the teachers': none of another county is read or written.
    const regions = await withScopedTransaction(system.personnelDb, regionRange('510402'), (m) =>
      m.query(`SELECT DISTINCT region_code FROM personnel.teacher_name_gram`),
    );
    expect(regions).toEqual([{ region_code: '510402' }]);
    await expect(
      withScopedTransaction(system.personnelDb, regionRange('510403'), (m) =>
        m.query(
          `INSERT INTO personnel.teacher_name_gram (gram, name, teacher_id, region_code, subject, stage, rank)
           VALUES ('王', '王东', $1, '510402', 'MATHEMATICS', 'PRIMARY', 'FIRST_GRADE')`,
          [ids.get('510402 王东')],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('finds a renamed teacher by the new name and not the old', async () => {
    const id = ids.get('510403 王芳')!;
    const r = await system.gql(WEST, UPDATE, { id, input: { name: '李芳' } });
    expect(r.errors).toBeUndefined();
    for (const found of await expectSearch([WEST, CITY], { nameContains: '王芳' })) {
      expect(idsOf(found)).not.toContain(id);
    }
    for (const found of await expectSearch([WEST, CITY], { nameContains: '李芳' })) {
      expect(idsOf(found)).toEqual([id]);
    }
    await expectSearch([WEST, CITY], { nameContains: '李' });
    const grams = await admin.query(
      `SELECT gram FROM personnel.teacher_name_gram WHERE teacher_id = $1 ORDER BY gram`,
      [id],
    );
    expect(grams.rows.map((g: { gram: string }) => g.gram)).toEqual(['李', '李芳', '芳'].sort());
  });

  it('follows a teacher to another city and a change of subject', async () => {
    const id = ids.get('510403 王王')!;
    const move = await system.gql(PROVINCE, UPDATE, {
      id,
      input: { schoolId: otherCitySchool.id, subject: 'CHINESE' },
    });
    expect(move.errors).toBeUndefined();
    const [west, city, otherCity] = await expectSearch([WEST, CITY, OTHER_CITY], { nameContains: '王王' });
    expect([west, city, otherCity].map((found) => idsOf(found!))).toEqual([[], [], [id]]);
    await expectSearch([CITY, OTHER_CITY, PROVINCE], { nameContains: '王', subject: 'CHINESE' });
  });

  it('forgets a teacher removed', async () => {
    const id = ids.get('510403 张三')!;
    await admin.query(`DELETE FROM personnel.teacher WHERE id = $1`, [id]);
    const left = await admin.query(
      `SELECT count(*)::int AS n FROM personnel.teacher_name_gram WHERE teacher_id = $1`,
      [id],
    );
    expect(left.rows).toEqual([{ n: 0 }]);
    await expectSearch([WEST, CITY], { nameContains: '张' });
  });
});
