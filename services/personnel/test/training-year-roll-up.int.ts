import { Client } from 'pg';
import { Role, regionRange } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import { createSchool, createTeacher } from '../../../test/harness/fixtures';
import { TestSystem } from '../../../test/harness/system';

const TRAIN = `mutation ($input: RecordTrainingHoursInput!) { recordTrainingHours(input: $input) { id } }`;
const MOVE = `mutation ($id: ID!, $input: UpdateTeacherInput!) { updateTeacher(id: $id, input: $input) { id } }`;

/**
 * The teacher-year roll-up (`personnel.training_year`) is the database's own: whatever writes a
 * training record, or moves a teacher, keeps it true, and it is scoped like the teacher.
 */
describe('the training-year roll-up', () => {
  let system: TestSystem;
  let admin: Client;
  let teacher: { id: string };
  let east: { id: string };

  /** The teacher's years as stored, read past row-level security. */
  async function years(): Promise<{ year: number; region_code: string; hours: string; records: number }[]> {
    const r = await admin.query(
      `SELECT year, region_code, hours::text AS hours, records FROM personnel.training_year
        WHERE teacher_id = $1 ORDER BY year`,
      [teacher.id],
    );
    return r.rows;
  }

  async function credit(year: number, hours: number) {
    const r = await system.gql({ role: Role.COUNTY_OFFICE, region: '510403' }, TRAIN, {
      input: { teacherId: teacher.id, year, hours, source: 'EXTERNAL_TRAINING', description: '外出培训' },
    });
    expect(r.errors).toBeUndefined();
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    admin = new Client({ connectionString: system.database.superuserUrl });
    await admin.connect();
    teacher = await createTeacher(system, await createSchool(system, '510403'), '510403');
    east = await createSchool(system, '510402');
  });
  afterAll(async () => {
    await admin?.end();
    await system?.stop();
  });

  it('sums each year of records as they are recorded', async () => {
    await credit(2024, 30);
    await credit(2024, 12.5);
    await credit(2023, 8);
    expect(await years()).toEqual([
      { year: 2023, region_code: '510403', hours: '8.0', records: 1 },
      { year: 2024, region_code: '510403', hours: '42.5', records: 2 },
    ]);
  });

  it('follows a record changed or removed', async () => {
    await admin.query(
      `UPDATE personnel.training_record SET year = 2023 WHERE teacher_id = $1 AND hours = 12.5`,
      [teacher.id],
    );
    expect(await years()).toMatchObject([
      { year: 2023, hours: '20.5', records: 2 },
      { year: 2024, hours: '30.0', records: 1 },
    ]);
    await admin.query(`DELETE FROM personnel.training_record WHERE teacher_id = $1 AND hours = 8`, [
      teacher.id,
    ]);
    expect(await years()).toMatchObject([
      { year: 2023, hours: '12.5', records: 1 },
      { year: 2024, hours: '30.0', records: 1 },
    ]);
  });

  it('moves with the teacher to another county, and out of the old county’s sight', async () => {
    const r = await system.gql({ role: Role.CITY_OFFICE, region: '510400' }, MOVE, {
      id: teacher.id,
      input: { schoolId: east.id },
    });
    expect(r.errors).toBeUndefined();
    expect((await years()).map((y) => y.region_code)).toEqual(['510402', '510402']);
    const seenBy = (county: string) =>
      withScopedTransaction(system.personnelDb, regionRange(county), (m) =>
        m.query(`SELECT count(*)::int AS n FROM personnel.training_year WHERE teacher_id = $1`, [teacher.id]),
      );
    expect(await seenBy('510403')).toEqual([{ n: 0 }]);
    expect(await seenBy('510402')).toEqual([{ n: 2 }]);
  });
});
