import { regionRange } from '@mingshi/auth';
import { runMigrations, withScopedTransaction } from '@mingshi/db';
import { TestSystem } from '../../../test/harness/system';
import { foundStudio, type Studio } from '../../../test/harness/workshop-fixtures';
import { WORKSHOP_SCHEMA, workshopDataSource } from '../src/data-source';
import { workshopMigrations } from '../src/migrations';
import { ChildRowsCarryTheirStudio1732400000000 } from '../src/migrations/1732400000000-child-rows-carry-their-studio';

/**
 * Activity participants and outcome authors are admitted by the studio they carry: a county's
 * session reads and writes only its own studios' rows, whatever SQL asks, and the studio a row
 * carries cannot differ from its parent's.
 */
describe('row-level security on participants and authors', () => {
  let system: TestSystem;
  let west: Studio;
  let east: Studio;
  const activities: Record<string, string> = {};

  async function recordWork(studio: Studio): Promise<string> {
    const activity = await system.gql(
      studio.hostCaller,
      `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`,
      {
        input: {
          workshopId: studio.id,
          type: 'TEAM_STUDY',
          title: '团队研修',
          date: '2024-05-15',
          place: '本校',
          hoursCredited: 2,
          participantIds: [studio.host.id],
        },
      },
    );
    const outcome = await system.gql(
      studio.hostCaller,
      `mutation ($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id } }`,
      {
        input: {
          workshopId: studio.id,
          kind: 'PAPER',
          title: '课堂提问的设计',
          level: 'COUNTY',
          achievedOn: '2024-06-01',
          authorIds: [studio.host.id],
        },
      },
    );
    expect([activity.errors, outcome.errors]).toEqual([undefined, undefined]);
    return activity.data!.recordActivity.id;
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    west = await foundStudio(system, { countyCode: '510403' });
    east = await foundStudio(system, { countyCode: '510402' });
    activities.west = await recordWork(west);
    activities.east = await recordWork(east);
  });
  afterAll(() => system?.stop());

  const scoped = <T>(
    region: string,
    work: (query: (sql: string, params?: unknown[]) => Promise<T>) => Promise<T>,
  ) =>
    withScopedTransaction(system.workshop.db, regionRange(region), (manager) =>
      work((sql, params) => manager.query(sql, params)),
    );

  it("returns only the county's own studios' rows to SQL with no WHERE clause", async () => {
    for (const table of ['activity_participant', 'outcome_author']) {
      const rows = await scoped('510403', (query) =>
        query(`SELECT DISTINCT workshop_id FROM workshop.${table}`),
      );
      expect(rows).toEqual([{ workshop_id: west.id }]);
    }
  });

  it("refuses to add a participant to another county's activity", async () => {
    await expect(
      scoped('510403', (query) =>
        query(
          `INSERT INTO workshop.activity_participant (activity_id, workshop_id, activity_date, activity_type, teacher_id)
           VALUES ($1, $2, '2024-05-15', 'TEAM_STUDY', $3)`,
          [activities.east, east.id, west.host.id],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('refuses a participant row that names another studio than its activity’s', async () => {
    // The city sees both studios, so only the foreign key stands in the way.
    await expect(
      scoped('510400', (query) =>
        query(
          `INSERT INTO workshop.activity_participant (activity_id, workshop_id, activity_date, activity_type, teacher_id)
           VALUES ($1, $2, '2024-05-15', 'TEAM_STUDY', $3)`,
          [activities.east, west.id, west.host.id],
        ),
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it('refuses a participant row whose date or type is not its activity’s', async () => {
    for (const [date, type] of [
      ['2024-05-16', 'TEAM_STUDY'],
      ['2024-05-15', 'OUTREACH'],
    ]) {
      await expect(
        scoped('510403', (query) =>
          query(
            `INSERT INTO workshop.activity_participant (activity_id, workshop_id, activity_date, activity_type, teacher_id)
             VALUES ($1, $2, $3, $4, $5)`,
            [activities.west, west.id, date, type, east.host.id],
          ),
        ),
      ).rejects.toThrow(/foreign key/);
    }
  });

  it('migrates down and up again with the rows kept and their studio, date, type and count filled in', async () => {
    const owner = workshopDataSource(system.database.ownerUrl);
    await owner.initialize();
    try {
      // Migrations added since are undone first, then the one under test.
      const undone =
        workshopMigrations.length - workshopMigrations.indexOf(ChildRowsCarryTheirStudio1732400000000);
      for (let i = 0; i < undone; i++) await owner.undoLastMigration({ transaction: 'each' });
      const columns = await owner.query(
        `SELECT column_name FROM information_schema.columns
         WHERE table_schema = 'workshop' AND table_name = 'activity_participant' ORDER BY column_name`,
      );
      expect(columns.map((c: { column_name: string }) => c.column_name)).toEqual([
        'activity_id',
        'teacher_id',
      ]);
      await runMigrations(owner, WORKSHOP_SCHEMA);
    } finally {
      await owner.destroy();
    }
    const rows = await scoped('510400', (query) =>
      query(`SELECT (p.workshop_id, p.activity_date, p.activity_type, 1) = (a.workshop_id, a.date, a.type, a.participant_count)
                    AS same, count(*)::int AS n
             FROM workshop.activity_participant p JOIN workshop.activity a ON a.id = p.activity_id GROUP BY 1`),
    );
    expect(rows).toEqual([{ same: true, n: 2 }]);
  });
});
