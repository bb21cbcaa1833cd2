import type { MigrationInterface, QueryRunner } from 'typeorm';
import { aboveScope, enablePolicy, enableReadWritePolicies, grantAppRole, inScope } from '@mingshi/db';
import { createOutboxTable } from '@mingshi/events';
import {
  OWN_WORKSHOP_BY_EXISTS as OWN_WORKSHOP,
  VISIBLE_WORKSHOP_BY_EXISTS as VISIBLE_WORKSHOP,
} from './studio-policies';

/**
 * Studio tables. The studio row carries its founding jurisdiction; every child row is admitted
 * through its studio (whose policy applies inside the EXISTS). Constraints hold the rules that must
 * survive races: one open host per studio, one open studio per host, one open membership per
 * teacher and studio, one live application per teacher and studio, one certificate per trainee
 * and cycle.
 */
export class CreateWorkshopTables1732300000000 implements MigrationInterface {
  name = 'CreateWorkshopTables1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE workshop.workshop (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        type varchar(16) NOT NULL CHECK (type IN ('TEACHER', 'PRINCIPAL', 'HEAD_TEACHER')),
        level varchar(8) NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY')),
        subject varchar(32) NOT NULL,
        stage varchar(32) NOT NULL,
        region_code varchar(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        host_school_id uuid NOT NULL,
        cycle_start_year smallint NOT NULL,
        status varchar(16) NOT NULL,
        rectification_deadline date,
        founded_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX workshop_region_name_idx ON workshop.workshop (region_code, name, id)`);
    await q.query(`CREATE INDEX workshop_name_id_idx ON workshop.workshop (name, id)`);
    await q.query(`CREATE INDEX workshop_host_school_idx ON workshop.workshop (host_school_id)`);
    await q.query(`CREATE INDEX workshop_name_trgm_idx ON workshop.workshop USING gin (name gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE workshop.workshop_status_change (
        id bigserial PRIMARY KEY,
        workshop_id uuid NOT NULL REFERENCES workshop.workshop (id),
        from_status varchar(16),
        to_status varchar(16) NOT NULL,
        reason varchar(500) NOT NULL,
        changed_by varchar(100) NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX workshop_status_change_workshop_idx ON workshop.workshop_status_change (workshop_id, id)`,
    );

    await q.query(`
      CREATE TABLE workshop.membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workshop_id uuid NOT NULL REFERENCES workshop.workshop (id),
        teacher_id uuid NOT NULL,
        role varchar(8) NOT NULL CHECK (role IN ('HOST', 'MEMBER', 'TRAINEE')),
        joined_on date NOT NULL,
        left_on date,
        end_reason varchar(500),
        CHECK (left_on IS NULL OR left_on >= joined_on)
      )`);
    await q.query(
      `CREATE INDEX membership_workshop_idx ON workshop.membership (workshop_id, role, joined_on)`,
    );
    await q.query(`CREATE INDEX membership_teacher_idx ON workshop.membership (teacher_id)`);
    await q.query(
      `CREATE UNIQUE INDEX membership_one_open_host_per_workshop ON workshop.membership (workshop_id) WHERE role = 'HOST' AND left_on IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX membership_one_open_workshop_per_host ON workshop.membership (teacher_id) WHERE role = 'HOST' AND left_on IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX membership_one_open_per_teacher ON workshop.membership (workshop_id, teacher_id) WHERE left_on IS NULL`,
    );

    await q.query(`
      CREATE TABLE workshop.trainee_application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workshop_id uuid NOT NULL REFERENCES workshop.workshop (id),
        teacher_id uuid NOT NULL,
        status varchar(16) NOT NULL,
        statement varchar(1000) NOT NULL,
        host_rating smallint CHECK (host_rating BETWEEN 1 AND 5),
        host_comment varchar(500),
        responded_at timestamptz,
        responded_by varchar(100),
        office_comment varchar(500),
        decided_at timestamptz,
        decided_by varchar(100),
        membership_id uuid REFERENCES workshop.membership (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX trainee_application_workshop_idx ON workshop.trainee_application (workshop_id, created_at)`,
    );
    await q.query(
      `CREATE INDEX trainee_application_teacher_idx ON workshop.trainee_application (teacher_id, created_at)`,
    );
    // Live = still waiting for the host or the office. A confirmed application is history: its
    // trainee holds an open membership (itself unique), and once that membership ends — the trainee
    // left, or the studio was reorganised — the teacher may apply again.
    await q.query(
      `CREATE UNIQUE INDEX trainee_application_one_live ON workshop.trainee_application (workshop_id, teacher_id)
       WHERE status IN ('PENDING', 'ACCEPTED')`,
    );

    await q.query(`
      CREATE TABLE workshop.activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workshop_id uuid NOT NULL REFERENCES workshop.workshop (id),
        type varchar(32) NOT NULL,
        title varchar(200) NOT NULL,
        date date NOT NULL,
        place varchar(200) NOT NULL,
        hours_credited numeric(4, 1) NOT NULL CHECK (hours_credited >= 0),
        target_school_id uuid,
        resources jsonb NOT NULL DEFAULT '[]',
        view_count integer NOT NULL DEFAULT 0 CHECK (view_count >= 0),
        recorded_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX activity_workshop_date_idx ON workshop.activity (workshop_id, date DESC, id)`,
    );
    await q.query(`
      CREATE TABLE workshop.activity_participant (
        activity_id uuid NOT NULL REFERENCES workshop.activity (id) ON DELETE CASCADE,
        teacher_id uuid NOT NULL,
        PRIMARY KEY (activity_id, teacher_id)
      )`);
    await q.query(
      `CREATE INDEX activity_participant_teacher_idx ON workshop.activity_participant (teacher_id)`,
    );

    await q.query(`
      CREATE TABLE workshop.research_project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workshop_id uuid NOT NULL REFERENCES workshop.workshop (id),
        title varchar(200) NOT NULL,
        level varchar(8) NOT NULL,
        status varchar(16) NOT NULL,
        leader_id uuid NOT NULL,
        started_on date,
        concluded_on date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX research_project_workshop_idx ON workshop.research_project (workshop_id)`);

    await q.query(`
      CREATE TABLE workshop.outcome (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workshop_id uuid NOT NULL REFERENCES workshop.workshop (id),
        kind varchar(16) NOT NULL,
        title varchar(200) NOT NULL,
        level varchar(8) NOT NULL,
        achieved_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX outcome_workshop_idx ON workshop.outcome (workshop_id, achieved_on)`);
    await q.query(`
      CREATE TABLE workshop.outcome_author (
        outcome_id uuid NOT NULL REFERENCES workshop.outcome (id) ON DELETE CASCADE,
        teacher_id uuid NOT NULL,
        PRIMARY KEY (outcome_id, teacher_id)
      )`);

    await q.query(`
      CREATE TABLE workshop.support_agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workshop_id uuid NOT NULL REFERENCES workshop.workshop (id),
        school_id uuid NOT NULL,
        content varchar(2000) NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL CHECK (ends_on >= starts_on),
        visits_per_term smallint NOT NULL CHECK (visits_per_term > 0),
        agreed_results varchar(2000) NOT NULL,
        status varchar(16) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX support_agreement_workshop_idx ON workshop.support_agreement (workshop_id)`);

    await q.query(`
      CREATE TABLE workshop.certificate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number varchar(32) NOT NULL UNIQUE,
        workshop_id uuid NOT NULL REFERENCES workshop.workshop (id),
        teacher_id uuid NOT NULL,
        cycle_start_year smallint NOT NULL,
        hours numeric(5, 1) NOT NULL CHECK (hours > 0),
        year smallint NOT NULL,
        issued_on date NOT NULL,
        issued_by varchar(100) NOT NULL,
        CONSTRAINT certificate_once_per_cycle UNIQUE (workshop_id, teacher_id, cycle_start_year)
      )`);
    await q.query(`CREATE INDEX certificate_teacher_idx ON workshop.certificate (teacher_id)`);
    // Certificate numbers count up per region and year, a row per pair bumped atomically. No row
    // level security: numbering must see every number issued, and a counter reveals nothing.
    await q.query(`
      CREATE TABLE workshop.certificate_counter (
        region_code varchar(6) NOT NULL,
        year smallint NOT NULL,
        last_number integer NOT NULL,
        PRIMARY KEY (region_code, year)
      )`);

    // Studios are read downwards (a county sees its city's and province's studios) but changed only
    // within the caller's range. Applications are the exception: a teacher applies to (and withdraws
    // from) a studio founded above their county.
    await enableReadWritePolicies(q, 'workshop.workshop', `${inScope()} OR ${aboveScope()}`, inScope());
    for (const table of [
      'workshop_status_change',
      'membership',
      'activity',
      'research_project',
      'outcome',
      'support_agreement',
      'certificate',
    ]) {
      await enableReadWritePolicies(q, `workshop.${table}`, VISIBLE_WORKSHOP, OWN_WORKSHOP);
    }
    await enablePolicy(q, 'workshop.trainee_application', VISIBLE_WORKSHOP);
    await enableReadWritePolicies(
      q,
      'workshop.activity_participant',
      `EXISTS (SELECT 1 FROM workshop.activity a WHERE a.id = activity_id)`,
      `EXISTS (SELECT 1 FROM workshop.activity a JOIN workshop.workshop w ON w.id = a.workshop_id
               WHERE a.id = activity_id AND ${inScope('w.region_code')})`,
    );
    await enableReadWritePolicies(
      q,
      'workshop.outcome_author',
      `EXISTS (SELECT 1 FROM workshop.outcome o WHERE o.id = outcome_id)`,
      `EXISTS (SELECT 1 FROM workshop.outcome o JOIN workshop.workshop w ON w.id = o.workshop_id
               WHERE o.id = outcome_id AND ${inScope('w.region_code')})`,
    );
    await createOutboxTable(q, 'workshop');
    await grantAppRole(q, 'workshop');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'outbox',
      'certificate_counter',
      'certificate',
      'support_agreement',
      'outcome_author',
      'outcome',
      'research_project',
      'activity_participant',
      'activity',
      'trainee_application',
      'membership',
      'workshop_status_change',
      'workshop',
    ]) {
      await q.query(`DROP TABLE workshop.${table}`);
    }
  }
}
