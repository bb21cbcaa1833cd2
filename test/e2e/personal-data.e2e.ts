import { Client } from 'pg';
import { Role } from '@mingshi/auth';
import { createSchool, createTeacher } from '../harness/fixtures';
import { TestSystem } from '../harness/system';

const TEACHER = `query ($id: ID!) { teacher(id: $id) { id nationalId phone personalDataVisible } }`;

describe('personal data masking', () => {
  let system: TestSystem;
  let school: { id: string };
  let teacher: { id: string; nationalId: string; phone: string };

  beforeAll(async () => {
    system = await TestSystem.start();
    school = await createSchool(system, '510403');
    teacher = await createTeacher(system, school, '510403');
  });
  afterAll(() => system?.stop());

  const masked = () => ({
    id: teacher.id,
    nationalId: `${teacher.nationalId.slice(0, 4)}**********${teacher.nationalId.slice(-4)}`,
    phone: `${teacher.phone.slice(0, 3)}****${teacher.phone.slice(-4)}`,
    personalDataVisible: false,
  });
  const unmasked = () => ({
    id: teacher.id,
    nationalId: teacher.nationalId,
    phone: teacher.phone,
    personalDataVisible: true,
  });

  it.each([
    ['the county office', { role: Role.COUNTY_OFFICE, region: '510403' }],
    ['the city office', { role: Role.CITY_OFFICE, region: '510400' }],
    ['the province office', { role: Role.PROVINCE_OFFICE, region: '510000' }],
  ])('shows %s the national ID and phone unmasked', async (_who, caller) => {
    const r = await system.gql(caller, TEACHER, { id: teacher.id });
    expect(r.data?.teacher).toEqual(unmasked());
  });

  it("shows the teacher's own school administrator unmasked data, another school's administrator masked", async () => {
    const own = await system.gql(
      { role: Role.SCHOOL_ADMIN, region: '510403', schoolId: school.id },
      TEACHER,
      { id: teacher.id },
    );
    expect(own.data?.teacher).toEqual(unmasked());
    const other = await createSchool(system, '510403');
    const foreign = await system.gql(
      { role: Role.SCHOOL_ADMIN, region: '510403', schoolId: other.id },
      TEACHER,
      { id: teacher.id },
    );
    expect(foreign.data?.teacher).toEqual(masked());
  });

  it('shows the teacher their own data unmasked', async () => {
    const r = await system.gql({ role: Role.TEACHER, region: '510403', teacherId: teacher.id }, TEACHER, {
      id: teacher.id,
    });
    expect(r.data?.teacher).toEqual(unmasked());
  });

  it.each([
    ['an analyst', { role: Role.ANALYST, region: '510000' }],
    ['an evaluator', { role: Role.EVALUATOR, region: '510403' }],
    ['an analyst who is also an office', { role: [Role.ANALYST, Role.COUNTY_OFFICE], region: '510403' }],
  ])('masks personal data for %s', async (_who, caller) => {
    const r = await system.gql(caller, TEACHER, { id: teacher.id });
    expect(r.errors).toBeUndefined();
    expect(r.data?.teacher).toEqual(masked());
  });

  it('writes every unmasked read to the audit log, and no masked one', async () => {
    const db = new Client({ connectionString: system.database.ownerUrl });
    await db.connect();
    try {
      const count = async () =>
        Number(
          (
            await db.query(`SELECT count(*) FROM personnel.personal_data_access WHERE teacher_id = $1`, [
              teacher.id,
            ])
          ).rows[0].count,
        );
      const before = await count();
      await system.gql({ role: Role.ANALYST, region: '510000' }, TEACHER, { id: teacher.id });
      expect(await count()).toBe(before);
      await system.gql({ role: Role.COUNTY_OFFICE, region: '510403', userId: 'auditor-check' }, TEACHER, {
        id: teacher.id,
      });
      const rows = await db.query(
        `SELECT field, actor_id, actor_roles FROM personnel.personal_data_access WHERE teacher_id = $1 AND actor_id = 'auditor-check' ORDER BY field`,
        [teacher.id],
      );
      expect(rows.rows).toEqual([
        { field: 'nationalId', actor_id: 'auditor-check', actor_roles: ['COUNTY_OFFICE'] },
        { field: 'phone', actor_id: 'auditor-check', actor_roles: ['COUNTY_OFFICE'] },
      ]);
    } finally {
      await db.end();
    }
  });

  it('refuses the audit log to the services themselves', async () => {
    await expect(system.personnelDb.query('SELECT * FROM personnel.personal_data_access')).rejects.toThrow(
      /permission denied/,
    );
  });
});
