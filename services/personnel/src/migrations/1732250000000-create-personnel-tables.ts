import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appRole, enablePolicy, enableRegionScope, grantAppRole } from '@mingshi/db';

/**
 * Personnel tables, their indexes, and row-level security. School and teacher rows are admitted by
 * their own region code; titles and training records through their teacher, whose policy applies
 * inside the EXISTS as well.
 */
export class CreatePersonnelTables1732250000000 implements MigrationInterface {
  name = 'CreatePersonnelTables1732250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE personnel.region (
        code varchar(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
        name varchar(64) NOT NULL,
        level varchar(8) NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY')),
        parent_code varchar(6) REFERENCES personnel.region (code),
        full_name varchar(200) NOT NULL
      )`);
    await q.query(`CREATE INDEX region_parent_code_idx ON personnel.region (parent_code)`);

    await q.query(`
      CREATE TABLE personnel.school (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        region_code varchar(6) NOT NULL REFERENCES personnel.region (code),
        stages text[] NOT NULL CHECK (cardinality(stages) > 0),
        rural boolean NOT NULL,
        weak boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX school_region_code_idx ON personnel.school (region_code, name, id)`);
    await q.query(`CREATE INDEX school_name_id_idx ON personnel.school (name, id)`);
    await q.query(`CREATE INDEX school_name_trgm_idx ON personnel.school USING gin (name gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE personnel.teacher (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(50) NOT NULL,
        gender varchar(6) NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
        birth_date date NOT NULL,
        school_id uuid NOT NULL REFERENCES personnel.school (id),
        region_code varchar(6) NOT NULL REFERENCES personnel.region (code),
        subject varchar(32) NOT NULL,
        stage varchar(32) NOT NULL,
        rank varchar(32) NOT NULL,
        national_id varchar(18) NOT NULL,
        phone varchar(11) NOT NULL,
        rural_service jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT teacher_national_id_key UNIQUE (national_id)
      )`);
    await q.query(`CREATE INDEX teacher_region_name_idx ON personnel.teacher (region_code, name, id)`);
    await q.query(`CREATE INDEX teacher_name_id_idx ON personnel.teacher (name, id)`);
    await q.query(`CREATE INDEX teacher_school_idx ON personnel.teacher (school_id, name, id)`);
    await q.query(`CREATE INDEX teacher_name_trgm_idx ON personnel.teacher USING gin (name gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE personnel.talent_title (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        teacher_id uuid NOT NULL REFERENCES personnel.teacher (id),
        kind varchar(40) NOT NULL,
        level varchar(8) NOT NULL,
        year smallint NOT NULL,
        awarded_by_region_code varchar(6) NOT NULL REFERENCES personnel.region (code),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT talent_title_once_per_year UNIQUE (teacher_id, kind, level, year)
      )`);
    await q.query(`CREATE INDEX talent_title_kind_idx ON personnel.talent_title (kind, level, teacher_id)`);

    await q.query(`
      CREATE TABLE personnel.training_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        teacher_id uuid NOT NULL REFERENCES personnel.teacher (id),
        year smallint NOT NULL,
        hours numeric(5, 1) NOT NULL CHECK (hours > 0),
        source varchar(32) NOT NULL,
        description varchar(200) NOT NULL,
        source_ref varchar(100),
        recorded_by varchar(100) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX training_record_teacher_year_idx ON personnel.training_record (teacher_id, year)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX training_record_source_ref_key ON personnel.training_record (source_ref) WHERE source_ref IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE personnel.personal_data_access (
        id bigserial PRIMARY KEY,
        teacher_id uuid NOT NULL,
        field varchar(32) NOT NULL,
        actor_id varchar(100) NOT NULL,
        actor_roles text[] NOT NULL,
        request_id varchar(64) NOT NULL,
        accessed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX personal_data_access_teacher_idx ON personnel.personal_data_access (teacher_id, accessed_at)`,
    );

    await enableRegionScope(q, 'personnel.school');
    await enableRegionScope(q, 'personnel.teacher');
    const throughTeacher = `EXISTS (SELECT 1 FROM personnel.teacher t WHERE t.id = teacher_id)`;
    await enablePolicy(q, 'personnel.talent_title', throughTeacher);
    await enablePolicy(q, 'personnel.training_record', throughTeacher);

    await grantAppRole(q, 'personnel');
    // The audit log is append-only for services: they may record reads, never read or alter them.
    await q.query(`REVOKE SELECT, UPDATE, DELETE ON personnel.personal_data_access FROM ${appRole()}`);
    // Regions are reference data maintained by migrations only.
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON personnel.region FROM ${appRole()}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'personal_data_access',
      'training_record',
      'talent_title',
      'teacher',
      'school',
      'region',
    ]) {
      await q.query(`DROP TABLE personnel.${table}`);
    }
  }
}
