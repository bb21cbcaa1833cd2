import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `personnel.rebuild_teacher_name_grams()` recounts the name index (migration 1733013000000) from
 * the teachers in one statement: for a bulk load that ran with its insert trigger disabled (the
 * seed, filling an empty teacher table), as `workshop.rebuild_participation_years()` does for the
 * studios' roll-up.
 *
 * The rows go in grouped by gram, so that a search reads one gram's few pages even before VACUUM
 * lets it read the index alone. Grouped, not in the index's whole order: sorting 1.75 million
 * rows on (gram, name, teacher) took longer than making them, and a search for one gram reads the
 * same pages either way.
 */
export class RebuildTeacherNameGrams1733100000000 implements MigrationInterface {
  name = 'RebuildTeacherNameGrams1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION personnel.rebuild_teacher_name_grams() RETURNS void
      LANGUAGE sql SET search_path = pg_catalog, pg_temp SET jit = off AS $$
        DELETE FROM personnel.teacher_name_gram;
        INSERT INTO personnel.teacher_name_gram (gram, name, teacher_id, region_code, subject, stage, rank)
        SELECT g.gram, t.name, t.id, t.region_code, t.subject, t.stage, t.rank
          FROM personnel.teacher t, personnel.name_grams(t.name) AS g (gram)
         ORDER BY g.gram COLLATE "C";
      $$`);
    // For the seed (as the owner), not for the services.
    await q.query(`REVOKE EXECUTE ON FUNCTION personnel.rebuild_teacher_name_grams() FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION personnel.rebuild_teacher_name_grams()`);
  }
}
