import type { MigrationInterface, QueryRunner } from 'typeorm';
import { NATIONWIDE } from '@mingshi/auth';
import { applyScope } from '@mingshi/db';

/**
 * Figures over a period that a province can ask for in well under a second. Counting a year's
 * distinct teachers reached meant joining every participation row to its activity to learn the
 * activity's date, so a province's year read all five million participations of every year and
 * grouped a million of them (docs/performance.md: 6.7 s for workshopMetrics).
 *
 * - Participations carry their activity's date and type, and an index by studio and date covers
 *   the columns a count of teachers needs, so a period's participations are read from it alone,
 *   without the activity table. A composite foreign key to the activity's (id, studio, date,
 *   type), ON UPDATE CASCADE, keeps the copies equal to the activity's in the same statement that
 *   would change them (today neither changes once recorded).
 * - Activities carry their participant count, written in the same transaction as their
 *   participant rows, so participations and participant hours are sums over the period's
 *   activities instead of over their participations.
 *
 * - Activities are indexed by date, so the root activity list pages newest first across a
 *   province by reading the index backwards, and a period's activities are an index range.
 *
 * Both copies are backfilled here: on a province's five million participations this rewrites
 * both tables once (minutes, under the migration's locks); a VACUUM afterwards returns the old
 * row versions' space.
 */
export class ParticipationsCarryTheirActivity1732600000000 implements MigrationInterface {
  name = 'ParticipationsCarryTheirActivity1732600000000';

  async up(q: QueryRunner): Promise<void> {
    // Row-level security binds the owner too: the backfill must see every region's rows.
    await applyScope(q, NATIONWIDE);
    await q.query(
      `ALTER TABLE workshop.activity ADD COLUMN participant_count integer NOT NULL DEFAULT 0
         CHECK (participant_count >= 0)`,
    );
    await q.query(`
      UPDATE workshop.activity a SET participant_count = p.n
        FROM (SELECT activity_id, count(*) AS n FROM workshop.activity_participant GROUP BY activity_id) p
       WHERE p.activity_id = a.id`);

    await q.query(
      `ALTER TABLE workshop.activity_participant ADD COLUMN activity_date date, ADD COLUMN activity_type varchar(32)`,
    );
    await q.query(`
      UPDATE workshop.activity_participant p SET activity_date = a.date, activity_type = a.type
        FROM workshop.activity a WHERE a.id = p.activity_id`);
    await q.query(
      `ALTER TABLE workshop.activity_participant ALTER COLUMN activity_date SET NOT NULL,
                                                ALTER COLUMN activity_type SET NOT NULL`,
    );
    await q.query(
      `ALTER TABLE workshop.activity ADD CONSTRAINT activity_participation_key UNIQUE (id, workshop_id, date, type)`,
    );
    await q.query(
      `ALTER TABLE workshop.activity_participant DROP CONSTRAINT activity_participant_activity_fkey`,
    );
    await q.query(`
      ALTER TABLE workshop.activity_participant ADD CONSTRAINT activity_participant_activity_fkey
        FOREIGN KEY (activity_id, workshop_id, activity_date, activity_type)
        REFERENCES workshop.activity (id, workshop_id, date, type) ON DELETE CASCADE ON UPDATE CASCADE`);
    // Only the old foreign key used it; the new key's index covers the same lookups.
    await q.query(`ALTER TABLE workshop.activity DROP CONSTRAINT activity_id_workshop_key`);
    // A studio's participations in a period are one range of it; a province's, one per studio.
    await q.query(`
      CREATE INDEX activity_participant_workshop_date_idx ON workshop.activity_participant
        (workshop_id, activity_date, teacher_id) INCLUDE (activity_type)`);
    await q.query(`CREATE INDEX activity_date_idx ON workshop.activity (date, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX workshop.activity_date_idx`);
    await q.query(`DROP INDEX workshop.activity_participant_workshop_date_idx`);
    await q.query(
      `ALTER TABLE workshop.activity ADD CONSTRAINT activity_id_workshop_key UNIQUE (id, workshop_id)`,
    );
    await q.query(
      `ALTER TABLE workshop.activity_participant DROP CONSTRAINT activity_participant_activity_fkey`,
    );
    await q.query(`
      ALTER TABLE workshop.activity_participant ADD CONSTRAINT activity_participant_activity_fkey
        FOREIGN KEY (activity_id, workshop_id) REFERENCES workshop.activity (id, workshop_id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE workshop.activity DROP CONSTRAINT activity_participation_key`);
    await q.query(
      `ALTER TABLE workshop.activity_participant DROP COLUMN activity_date, DROP COLUMN activity_type`,
    );
    await q.query(`ALTER TABLE workshop.activity DROP COLUMN participant_count`);
  }
}
