import type { MigrationInterface, QueryRunner } from 'typeorm';
import { NATIONWIDE } from '@mingshi/auth';
import { appRole, applyScope, enableRegionScope } from '@mingshi/db';

/**
 * Each teacher's continuing-education year summed (`personnel.training_year`), kept by the database
 * on every write so that no writer (the mutation, the certificate consumer, the seed) can forget it.
 *
 * Why: a training record is admitted by row-level security through its teacher, a correlated
 * EXISTS PostgreSQL runs once per record. A province's year is ~270,000 records, and counting its
 * teachers against the 72-hour requirement spent over two seconds in that policy alone; ordering a
 * province's teachers by hours, as long. The roll-up has one row per teacher and year, carries the
 * teacher's county (moved with the teacher) so its own policy is a range on an indexed column, and
 * is read by index: a year's rows of a region are one index range.
 *
 * Statement triggers with transition tables fold a bulk insert into one upsert. They run as whoever
 * writes the record, under the same row-level security: a record is admitted where its teacher is,
 * and so is the teacher's year.
 */
export class RollUpTrainingYears1732250000003 implements MigrationInterface {
  name = 'RollUpTrainingYears1732250000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE personnel.training_year (
        teacher_id uuid NOT NULL REFERENCES personnel.teacher (id),
        year smallint NOT NULL,
        region_code varchar(6) NOT NULL REFERENCES personnel.region (code),
        hours numeric(8, 1) NOT NULL,
        records integer NOT NULL,
        PRIMARY KEY (teacher_id, year)
      )`);
    await q.query(
      `CREATE INDEX training_year_region_idx ON personnel.training_year (year, region_code) INCLUDE (teacher_id, hours)`,
    );

    await q.query(`
      CREATE FUNCTION personnel.roll_up_training_records() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE personnel.training_year y
             SET hours = y.hours - o.hours, records = y.records - o.records
            FROM (SELECT teacher_id, year, sum(hours) AS hours, count(*) AS records
                    FROM old_records GROUP BY teacher_id, year) o
           WHERE y.teacher_id = o.teacher_id AND y.year = o.year;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO personnel.training_year AS y (teacher_id, year, region_code, hours, records)
          SELECT n.teacher_id, n.year, t.region_code, sum(n.hours), count(*)
            FROM new_records n JOIN personnel.teacher t ON t.id = n.teacher_id
           GROUP BY n.teacher_id, n.year, t.region_code
          ON CONFLICT (teacher_id, year) DO UPDATE
             SET hours = y.hours + EXCLUDED.hours, records = y.records + EXCLUDED.records;
        END IF;
        RETURN NULL;
      END $$`);
    // PostgreSQL allows transition tables on single-event triggers only: one trigger per event.
    await q.query(`
      CREATE TRIGGER training_record_inserted AFTER INSERT ON personnel.training_record
      REFERENCING NEW TABLE AS new_records
      FOR EACH STATEMENT EXECUTE FUNCTION personnel.roll_up_training_records()`);
    await q.query(`
      CREATE TRIGGER training_record_updated AFTER UPDATE ON personnel.training_record
      REFERENCING OLD TABLE AS old_records NEW TABLE AS new_records
      FOR EACH STATEMENT EXECUTE FUNCTION personnel.roll_up_training_records()`);
    await q.query(`
      CREATE TRIGGER training_record_deleted AFTER DELETE ON personnel.training_record
      REFERENCING OLD TABLE AS old_records
      FOR EACH STATEMENT EXECUTE FUNCTION personnel.roll_up_training_records()`);

    // A teacher moving to another county's school takes their years along, as their records go.
    await q.query(`
      CREATE FUNCTION personnel.move_training_years() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        UPDATE personnel.training_year SET region_code = NEW.region_code WHERE teacher_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER teacher_moved AFTER UPDATE OF region_code ON personnel.teacher
      FOR EACH ROW WHEN (OLD.region_code IS DISTINCT FROM NEW.region_code)
      EXECUTE FUNCTION personnel.move_training_years()`);

    await enableRegionScope(q, 'personnel.training_year');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON personnel.training_year TO ${appRole()}`);

    // Row-level security binds the owner too: the backfill must see every region's rows.
    await applyScope(q, NATIONWIDE);
    await q.query(`
      INSERT INTO personnel.training_year (teacher_id, year, region_code, hours, records)
      SELECT r.teacher_id, r.year, t.region_code, sum(r.hours), count(*)
        FROM personnel.training_record r JOIN personnel.teacher t ON t.id = r.teacher_id
       GROUP BY r.teacher_id, r.year, t.region_code`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER teacher_moved ON personnel.teacher`);
    for (const event of ['inserted', 'updated', 'deleted']) {
      await q.query(`DROP TRIGGER training_record_${event} ON personnel.training_record`);
    }
    await q.query(`DROP FUNCTION personnel.move_training_years()`);
    await q.query(`DROP FUNCTION personnel.roll_up_training_records()`);
    await q.query(`DROP TABLE personnel.training_year`);
  }
}
