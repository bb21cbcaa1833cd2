import { Client } from 'pg';
import { errorCodes } from '@mingshi/testing';
import { createSchool, nationalId } from '../harness/fixtures';
import { TestSystem } from '../harness/system';
import { officeOf } from '../harness/workshop-fixtures';

/**
 * Text reaches every resolver normalised the same way (NFC, trimmed of invisible characters) and
 * text PostgreSQL cannot store or that disguises itself is refused as BAD_USER_INPUT naming the
 * field — never an internal error, never stored as given.
 */
const WEST = officeOf('COUNTY', '510403');
const CREATE = `mutation ($input: CreateTeacherInput!) { createTeacher(input: $input) { id name } }`;

describe('text input', () => {
  let system: TestSystem;
  let school: { id: string };
  let admin: Client;

  beforeAll(async () => {
    system = await TestSystem.start();
    school = await createSchool(system, '510403');
    // The superuser, whom row-level security does not bind: the test reads what was really stored.
    admin = new Client({ connectionString: system.database.superuserUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await system?.stop();
  });

  const teacherInput = (fields: Record<string, unknown> = {}) => ({
    name: '李华',
    nationalId: nationalId('510403'),
    phone: '13800001111',
    schoolId: school.id,
    subject: 'MATHEMATICS',
    stage: 'PRIMARY',
    rank: 'FIRST_GRADE',
    ...fields,
  });

  async function teacherCount(): Promise<number> {
    return Number((await admin.query('SELECT count(*) FROM personnel.teacher')).rows[0].count);
  }

  it('refuses a NUL character in a search, a lookup and a region code as BAD_USER_INPUT naming the argument', async () => {
    for (const [query, variables, field] of [
      [
        `query ($f: TeacherFilter) { teachers(filter: $f) { totalCount } }`,
        { f: { nameContains: '王\u0000' } },
        'filter.nameContains',
      ],
      [
        `query ($f: WorkshopFilter) { workshops(filter: $f) { totalCount } }`,
        { f: { nameContains: '\u0000' } },
        'filter.nameContains',
      ],
      [`query ($c: ID!) { region(code: $c) { name } }`, { c: '5104\u000003' }, 'code'],
      [`query ($id: ID!) { teacher(id: $id) { name } }`, { id: '\u0000' }, 'id'],
    ] as const) {
      const r = await system.gql(WEST, query, variables);
      expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors?.[0]?.extensions?.field).toBe(field);
      expect(r.errors?.[0]?.message).toContain(field);
      expect(r.errors?.[0]?.message).not.toContain('\u0000');
    }
  });

  it('stores names composed (NFC) and trimmed of invisible characters', async () => {
    const r = await system.gql(WEST, CREATE, { input: teacherInput({ name: '\u200B Jose\u0301\uFEFF ' }) });
    expect(r).toMatchObject({ status: 200 });
    expect(r.data?.createTeacher.name).toBe('José');
    const stored = await admin.query('SELECT name FROM personnel.teacher WHERE id = $1', [
      r.data?.createTeacher.id,
    ]);
    expect(stored.rows[0].name).toBe('Jos\u00E9');
  });

  it('refuses names of nothing but zero-width spaces, direction overrides or control characters, storing nothing', async () => {
    const before = await teacherCount();
    for (const name of ['\u200B\u200B', '\u202E李华', '李\u0007华', 'x\uD800']) {
      const r = await system.gql(WEST, CREATE, { input: teacherInput({ name }) });
      expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors?.[0]?.extensions?.field).toMatch(/name$/);
    }
    expect(await teacherCount()).toBe(before);
  });

  it('reports every bad text field of an input at once', async () => {
    const r = await system.gql(WEST, CREATE, {
      input: teacherInput({ name: '李\u0000华', phone: '138\u0000', nationalId: '5104\u0000' }),
    });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    const fields = (r.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['input.name', 'input.nationalId', 'input.phone'].sort());
  });

  it('refuses a text of a million characters quickly, with a short message', async () => {
    const r = await system.gql(WEST, `query ($f: TeacherFilter) { teachers(filter: $f) { totalCount } }`, {
      f: { nameContains: '王'.repeat(300_000) },
    });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.message.length).toBeLessThan(200);
  });
});
