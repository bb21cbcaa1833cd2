import type { MigrationInterface, QueryRunner } from 'typeorm';
import { NATIONWIDE } from '@mingshi/auth';
import { appRole, applyScope, enableRegionScope } from '@mingshi/db';

const GRAM_COLUMNS = 'gram, name, teacher_id, region_code, subject, stage, rank';

/**
 * A name index that row-level security does not block (`personnel.teacher_name_gram`): one row per
 * teacher and distinct one- or two-character substring of the name, kept by the database on every
 * write of a teacher, so that a search for 王 reads its 28,000 teachers of a province by index
 * instead of every teacher (issue 13).
 *
 * Why not the trigram index the teacher table had: a condition the policy does not know to be
 * leakproof (LIKE, pg_trgm's operators, an array's @>) is evaluated only after the policy's, so
 * the planner never used that index for the services' role; and pg_trgm takes no trigram from a
 * one-character pattern, which a surname search is. Only a superuser can declare a function
 * LEAKPROOF, and migrations run as the owner. Here a search is `gram = …` (texteq, leakproof) on
 * an index that is ordered by (gram, name, teacher_id): the first page of a search is the first
 * rows of one index range, in the list's own order.
 *
 * Each row carries what the policy and the common search filters read — the teacher's county,
 * subject, stage and rank — so that a search's totalCount is counted in the index alone, without
 * visiting each teacher. The rows are the teacher's, so the table has the teacher's policy.
 *
 * The triggers run as whoever writes the teacher, under the same row-level security: grams are
 * written and removed where the teacher is. No foreign key to the teacher: checking one per gram
 * would cost the province's seed some ten seconds, and the triggers remove a teacher's grams
 * with the teacher.
 */
export class IndexTeacherNameGrams1733013000000 implements MigrationInterface {
  name = 'IndexTeacherNameGrams1733013000000';

  async up(q: QueryRunner): Promise<void> {
    // Every distinct substring of one or two characters, each once: a search for a longer text
    // looks up its first two characters and checks the rest with LIKE. Characters as PostgreSQL
    // counts them (code points), the same as LIKE's.
    await q.query(`
      CREATE FUNCTION personnel.name_grams(teacher_name text) RETURNS SETOF text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      BEGIN ATOMIC
        SELECT substr(teacher_name, i, n)
          FROM generate_series(1, char_length(teacher_name)) AS i, generate_series(1, 2) AS n
         WHERE i + n - 1 <= char_length(teacher_name)
           AND strpos(teacher_name, substr(teacher_name, i, n)) = i;
      END`);
    await q.query(`
      CREATE TABLE personnel.teacher_name_gram (
        gram varchar(2) NOT NULL,
        name varchar(50) NOT NULL,
        teacher_id uuid NOT NULL,
        region_code varchar(6) NOT NULL,
        subject varchar(32) NOT NULL,
        stage varchar(32) NOT NULL,
        rank varchar(32) NOT NULL
      )`);

    // Without JIT: the planner takes name_grams for 1,000 rows a name and would compile a bulk
    // insert's statement, for more time than it saves.
    await q.query(`
      CREATE FUNCTION personnel.index_new_teacher_names() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp SET jit = off AS $$
      BEGIN
        -- In the index's order: a bulk insert (the seed's) then fills the index's pages in turn,
        -- in about half the time of inserting in the teachers' order.
        INSERT INTO personnel.teacher_name_gram (${GRAM_COLUMNS})
        SELECT g.gram, t.name, t.id, t.region_code, t.subject, t.stage, t.rank
          FROM new_teachers t, personnel.name_grams(t.name) AS g (gram)
         ORDER BY 1, 2, 3;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER teacher_names_indexed AFTER INSERT ON personnel.teacher
      REFERENCING NEW TABLE AS new_teachers
      FOR EACH STATEMENT EXECUTE FUNCTION personnel.index_new_teacher_names()`);

    // Teachers change one at a time (updateTeacher); the old grams are found by their key.
    await q.query(`
      CREATE FUNCTION personnel.reindex_teacher_name() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        DELETE FROM personnel.teacher_name_gram
         WHERE gram IN (SELECT personnel.name_grams(OLD.name)) AND name = OLD.name AND teacher_id = OLD.id;
        IF TG_OP = 'UPDATE' THEN
          INSERT INTO personnel.teacher_name_gram (${GRAM_COLUMNS})
          SELECT g.gram, NEW.name, NEW.id, NEW.region_code, NEW.subject, NEW.stage, NEW.rank
            FROM personnel.name_grams(NEW.name) AS g (gram);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER teacher_name_changed AFTER UPDATE ON personnel.teacher FOR EACH ROW
      WHEN ((OLD.name, OLD.region_code, OLD.subject, OLD.stage, OLD.rank)
            IS DISTINCT FROM (NEW.name, NEW.region_code, NEW.subject, NEW.stage, NEW.rank))
      EXECUTE FUNCTION personnel.reindex_teacher_name()`);
    await q.query(`
      CREATE TRIGGER teacher_name_removed AFTER DELETE ON personnel.teacher FOR EACH ROW
      EXECUTE FUNCTION personnel.reindex_teacher_name()`);
    await q.query(`
      CREATE FUNCTION personnel.clear_teacher_names() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        TRUNCATE personnel.teacher_name_gram;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER teacher_names_cleared AFTER TRUNCATE ON personnel.teacher
      FOR EACH STATEMENT EXECUTE FUNCTION personnel.clear_teacher_names()`);

    // The triggers hold a lock on the teacher table until this transaction commits, so no write
    // slips between the backfill and them. The rows go in in the index's order, so that a search
    // reads few pages even before VACUUM lets it read the index alone; the key is built after
    // them: one sort, not 1.75 million insertions, at province scale.
    await applyScope(q, NATIONWIDE);
    await q.query(`
      INSERT INTO personnel.teacher_name_gram (${GRAM_COLUMNS})
      SELECT g.gram, t.name, t.id, t.region_code, t.subject, t.stage, t.rank
        FROM personnel.teacher t, personnel.name_grams(t.name) AS g (gram)
       ORDER BY 1, 2, 3`);
    await q.query(`
      ALTER TABLE personnel.teacher_name_gram
        ADD PRIMARY KEY (gram, name, teacher_id) INCLUDE (region_code, subject, stage, rank)`);
    await q.query(`ANALYZE personnel.teacher_name_gram`);

    await enableRegionScope(q, 'personnel.teacher_name_gram');
    await q.query(`GRANT SELECT, INSERT, DELETE ON personnel.teacher_name_gram TO ${appRole()}`);

    // Under row-level security the planner could never use it for the services (see above), and
    // every teacher written paid for it.
    await q.query(`DROP INDEX personnel.teacher_name_trgm_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX teacher_name_trgm_idx ON personnel.teacher USING gin (name gin_trgm_ops)`);
    await q.query(`DROP TRIGGER teacher_names_cleared ON personnel.teacher`);
    await q.query(`DROP TRIGGER teacher_name_removed ON personnel.teacher`);
    await q.query(`DROP TRIGGER teacher_name_changed ON personnel.teacher`);
    await q.query(`DROP TRIGGER teacher_names_indexed ON personnel.teacher`);
    await q.query(`DROP FUNCTION personnel.clear_teacher_names()`);
    await q.query(`DROP FUNCTION personnel.reindex_teacher_name()`);
    await q.query(`DROP FUNCTION personnel.index_new_teacher_names()`);
    await q.query(`DROP TABLE personnel.teacher_name_gram`);
    await q.query(`DROP FUNCTION personnel.name_grams(text)`);
  }
}
