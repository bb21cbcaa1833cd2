import type { MigrationInterface, QueryRunner } from 'typeorm';
import { NATIONWIDE } from '@mingshi/auth';
import { appRole, applyScope, enableReadWritePolicies } from '@mingshi/db';
import { OWN_WORKSHOP, VISIBLE_WORKSHOP } from './studio-policies';

/** The month bit of a participation's activity date: bit 0 for January … bit 11 for December. */
const MONTH_BIT = (date: string) => `1 << (date_part('month', ${date})::int - 1)`;
const YEAR = (date: string) => `date_part('year', ${date})::smallint`;

/** Each (year, studio, teacher) of `participations`, with the months the teacher took part in. */
const ROLL_UP = (participations: string) => `
  SELECT ${YEAR('p.activity_date')}, p.workshop_id, p.teacher_id, bit_or(${MONTH_BIT('p.activity_date')})
    FROM ${participations} p
   GROUP BY 1, 2, 3`;

/** The (year, studio, teacher) rows that the transition tables `changed` touch, each once. */
const TOUCHED = (changed: string[]) =>
  `(SELECT DISTINCT ${YEAR('c.activity_date')} AS year, c.workshop_id, c.teacher_id
      FROM (${changed.map((t) => `SELECT activity_date, workshop_id, teacher_id FROM ${t}`).join(' UNION ALL ')}) c)`;

/** Participation `p` falls in the (year, studio, teacher) row `t`. */
const IN_ROW = (p: string, t: string) =>
  `${p}.teacher_id = ${t}.teacher_id AND ${p}.workshop_id = ${t}.workshop_id
   AND ${p}.activity_date BETWEEN make_date(${t}.year, 1, 1) AND make_date(${t}.year, 12, 31)`;

/**
 * The rows `changed` touch, recounted from the participations as they are now (months null when
 * none is left): a month keeps its bit only while a participation of that month remains, which no
 * arithmetic on the old row can tell. One index lookup per touched row (LATERAL), so that a
 * correction of a few participations never hashes all five million.
 */
const RECOUNTED = (changed: string[]) => `
  SELECT t.year, t.workshop_id, t.teacher_id, x.months
    FROM ${TOUCHED(changed)} t
   CROSS JOIN LATERAL (SELECT bit_or(${MONTH_BIT('p.activity_date')}) AS months
                         FROM workshop.activity_participant p WHERE ${IN_ROW('p', 't')}) x`;

/** Rows left with a participation are rewritten, the others deleted: two independent statements. */
const RECOUNT = (changed: string[]) => `
    INSERT INTO workshop.participation_year AS y (year, workshop_id, teacher_id, months)
    SELECT r.year, r.workshop_id, r.teacher_id, r.months FROM (${RECOUNTED(changed)}) r WHERE r.months IS NOT NULL
    ON CONFLICT (year, workshop_id, teacher_id) DO UPDATE SET months = EXCLUDED.months
     WHERE y.months <> EXCLUDED.months;
    DELETE FROM workshop.participation_year y USING (${RECOUNTED(changed)}) r
     WHERE r.months IS NULL AND y.year = r.year AND y.workshop_id = r.workshop_id AND y.teacher_id = r.teacher_id;`;

/**
 * Distinct teachers reached without sorting every participation (issue 13). Counting a province
 * year's `teachersReached` grouped its 1.16 million participations into (group, teacher) pairs,
 * over a second of the statement. `workshop.participation_year` keeps one row per year, studio and
 * teacher — 255k for that year, a fifth — with the months of that year in which the teacher took
 * part (a 12-bit mask), so a distinct count over whole months is a hash of those rows, and by
 * MONTH a hash of one row per teacher and year followed by counting bits. Days of a period that
 * do not make whole months are still read from the participations (teachers-reached.ts).
 *
 * Kept by the database on every write of a participation, as personnel's training_year is, so no
 * writer (the mutations, a cascaded date or studio change, the seed) can forget it: inserts fold
 * into the rows (months OR'd in), while removals and changes recount the rows they touch from the
 * participations. Statement triggers with transition tables make a multi-row insert one upsert.
 * They run as the writer, under row-level security; the roll-up's policies are the
 * participations' own (readable where the studio is visible, written where it is in range), so a
 * county neither reads nor counts another county's studios through it.
 *
 * No foreign key to the studio: the rows are derived, and a key would check every row of a bulk
 * load. `workshop.rebuild_participation_years()` recounts the whole table: the backfill here, and
 * for a bulk load that ran with the insert trigger disabled.
 */
export class RollUpTeachersReached1733040000000 implements MigrationInterface {
  name = 'RollUpTeachersReached1733040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workshop.participation_year (
        year smallint NOT NULL,
        workshop_id uuid NOT NULL,
        teacher_id uuid NOT NULL,
        months integer NOT NULL CHECK (months > 0 AND months < 4096),
        PRIMARY KEY (year, workshop_id, teacher_id) INCLUDE (months)
      )`);

    await q.query(`
      CREATE FUNCTION workshop.roll_up_participations() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO workshop.participation_year AS y (year, workshop_id, teacher_id, months)
          ${ROLL_UP('new_participations')}
          ON CONFLICT (year, workshop_id, teacher_id) DO UPDATE SET months = y.months | EXCLUDED.months
           WHERE y.months | EXCLUDED.months <> y.months;
        ELSIF TG_OP = 'UPDATE' THEN
          ${RECOUNT(['old_participations', 'new_participations'])}
        ELSE
          ${RECOUNT(['old_participations'])}
        END IF;
        RETURN NULL;
      END $$`);
    // PostgreSQL allows transition tables on single-event triggers only: one trigger per event.
    await q.query(`
      CREATE TRIGGER participations_inserted AFTER INSERT ON workshop.activity_participant
      REFERENCING NEW TABLE AS new_participations
      FOR EACH STATEMENT EXECUTE FUNCTION workshop.roll_up_participations()`);
    await q.query(`
      CREATE TRIGGER participations_updated AFTER UPDATE ON workshop.activity_participant
      REFERENCING OLD TABLE AS old_participations NEW TABLE AS new_participations
      FOR EACH STATEMENT EXECUTE FUNCTION workshop.roll_up_participations()`);
    await q.query(`
      CREATE TRIGGER participations_deleted AFTER DELETE ON workshop.activity_participant
      REFERENCING OLD TABLE AS old_participations
      FOR EACH STATEMENT EXECUTE FUNCTION workshop.roll_up_participations()`);

    await q.query(`
      CREATE FUNCTION workshop.rebuild_participation_years() RETURNS void
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
        DELETE FROM workshop.participation_year;
        INSERT INTO workshop.participation_year (year, workshop_id, teacher_id, months)
        ${ROLL_UP('workshop.activity_participant')};
      $$`);
    // For the migration and the seed (as the owner), not for the services.
    await q.query(`REVOKE EXECUTE ON FUNCTION workshop.rebuild_participation_years() FROM PUBLIC`);

    await enableReadWritePolicies(q, 'workshop.participation_year', VISIBLE_WORKSHOP, OWN_WORKSHOP);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON workshop.participation_year TO ${appRole()}`);

    // Row-level security binds the owner too: the backfill must see every region's rows.
    await applyScope(q, NATIONWIDE);
    await q.query(`SELECT workshop.rebuild_participation_years()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const event of ['inserted', 'updated', 'deleted']) {
      await q.query(`DROP TRIGGER participations_${event} ON workshop.activity_participant`);
    }
    await q.query(`DROP FUNCTION workshop.rebuild_participation_years()`);
    await q.query(`DROP FUNCTION workshop.roll_up_participations()`);
    await q.query(`DROP TABLE workshop.participation_year`);
  }
}
