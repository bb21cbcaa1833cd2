import { NATIONWIDE, regionRange } from '@mingshi/auth';
import { RequestTransaction, withScopedTransaction } from '@mingshi/db';
import { createSchool, createTeacher } from '../../../test/harness/fixtures';
import { TestSystem } from '../../../test/harness/system';

/**
 * Defence in depth: even SQL that forgets its region filter cannot return another county's rows,
 * because the service's database role is bound by row-level security set per request.
 */
describe('row-level security on personnel tables', () => {
  let system: TestSystem;
  let westSchool: { id: string };

  beforeAll(async () => {
    system = await TestSystem.start();
    westSchool = await createSchool(system, '510403');
    await createTeacher(system, westSchool, '510403');
    const east = await createSchool(system, '510402');
    await createTeacher(system, east, '510402');
  });
  afterAll(() => system?.stop());

  it('returns only the scoped county to a query with no WHERE clause at all', async () => {
    const tx = new RequestTransaction(system.personnelDb, regionRange('510403'));
    try {
      const manager = await tx.manager();
      const teachers = await manager.query(`SELECT region_code FROM personnel.teacher`);
      const schools = await manager.query(`SELECT region_code FROM personnel.school`);
      expect(teachers.map((t: { region_code: string }) => t.region_code)).toEqual(['510403']);
      expect(schools.map((s: { region_code: string }) => s.region_code)).toEqual(['510403']);
    } finally {
      await tx.finish(false);
    }
  });

  it('returns nothing at all when no scope was set', async () => {
    await expect(
      system.personnelDb.query(`SELECT count(*)::int AS n FROM personnel.teacher`),
    ).resolves.toEqual([{ n: 0 }]);
    await expect(
      system.personnelDb.query(`SELECT count(*)::int AS n FROM personnel.training_record`),
    ).resolves.toEqual([{ n: 0 }]);
  });

  it('refuses to write a row outside the scope', async () => {
    await expect(
      withScopedTransaction(system.personnelDb, regionRange('510403'), (manager) =>
        manager.query(`UPDATE personnel.school SET region_code = '510402' WHERE id = $1`, [westSchool.id]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('cannot be switched off by the service role', async () => {
    await expect(
      withScopedTransaction(system.personnelDb, regionRange('510403'), async (manager) => {
        await manager.query(`SET LOCAL row_security = off`);
        return manager.query(`SELECT * FROM personnel.teacher`);
      }),
    ).rejects.toThrow(/row-level security/);
    await expect(
      system.personnelDb.query(`ALTER TABLE personnel.teacher DISABLE ROW LEVEL SECURITY`),
    ).rejects.toThrow(/must be owner/);
  });

  it('shows everything only to the nationwide system scope', async () => {
    const all = await withScopedTransaction(system.personnelDb, NATIONWIDE, (m) =>
      m.query(`SELECT count(*)::int AS n FROM personnel.teacher`),
    );
    expect(all).toEqual([{ n: 2 }]);
  });
});
