import type { MigrationInterface, QueryRunner } from 'typeorm';
import { aboveScope, enablePolicy, enableReadWritePolicies, grantAppRole, inScope } from '@mingshi/db';
import { createInboxTable, createOutboxTable } from '@mingshi/events';

const LEVELS = `'PROVINCE','CITY','COUNTY'`;
const GRADES = `'EXCELLENT','QUALIFIED','BASIC','UNQUALIFIED'`;
const REGION = (column: string) => `${column} varchar(6) NOT NULL CHECK (${column} ~ '^[0-9]{6}$')`;

/** An assessment's rows are the assessment's: its policy decides who sees them. */
const OF_VISIBLE_ASSESSMENT = `EXISTS (SELECT 1 FROM evaluation.assessment a WHERE a.id = assessment_id)`;

/**
 * Evaluation tables. What must never change after the fact is held by the database: a published
 * scheme version refuses every update and delete, and a finalised result (assessment_result) is
 * insert-only, so a reopened assessment adds a second result instead of rewriting the first.
 */
export class CreateEvaluationTables1734000000000 implements MigrationInterface {
  name = 'CreateEvaluationTables1734000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evaluation.assessment_scheme (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scheme_key uuid NOT NULL,
        version smallint NOT NULL CHECK (version >= 1),
        name varchar(100) NOT NULL,
        level varchar(8) NOT NULL CHECK (level IN (${LEVELS})),
        ${REGION('region_code')},
        status varchar(16) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'OPEN_FOR_COMMENT', 'PUBLISHED')),
        combination varchar(12) NOT NULL CHECK (combination IN ('MEAN', 'TRIMMED_MEAN')),
        indicators jsonb NOT NULL,
        total_points integer NOT NULL CHECK (total_points > 0),
        excellent_points integer NOT NULL,
        qualified_points integer NOT NULL,
        basic_points integer NOT NULL,
        comments_close_on date,
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_by varchar(100),
        published_at timestamptz,
        CONSTRAINT assessment_scheme_version UNIQUE (scheme_key, version),
        CONSTRAINT assessment_scheme_thresholds CHECK (
          total_points >= excellent_points AND excellent_points > qualified_points
          AND qualified_points > basic_points AND basic_points > 0),
        CONSTRAINT assessment_scheme_published CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX assessment_scheme_region_idx ON evaluation.assessment_scheme (region_code, created_at)`,
    );
    // A scheme is the rule its office's region and every region below it are assessed by.
    await enableReadWritePolicies(
      q,
      'evaluation.assessment_scheme',
      `(${inScope()} OR ${aboveScope()})`,
      inScope(),
    );
    await q.query(`
      CREATE FUNCTION evaluation.refuse_published_scheme_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'assessment scheme % is published and frozen', OLD.id USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER assessment_scheme_frozen BEFORE UPDATE OR DELETE ON evaluation.assessment_scheme
      FOR EACH ROW WHEN (OLD.status = 'PUBLISHED') EXECUTE FUNCTION evaluation.refuse_published_scheme_change()`);

    await q.query(`
      CREATE TABLE evaluation.scheme_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scheme_id uuid NOT NULL REFERENCES evaluation.assessment_scheme (id),
        ${REGION('scheme_region_code')},
        workshop_id uuid NOT NULL,
        ${REGION('workshop_region_code')},
        author_teacher_id uuid NOT NULL,
        indicator_code varchar(20),
        body varchar(2000) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX scheme_comment_scheme_idx ON evaluation.scheme_comment (scheme_id, created_at)`,
    );
    // Seen and written where the scheme applies: its region, the regions below it, the studio's own.
    await enablePolicy(
      q,
      'evaluation.scheme_comment',
      `(${inScope('scheme_region_code')} OR ${aboveScope('scheme_region_code')} OR ${inScope('workshop_region_code')})`,
    );

    await q.query(`
      CREATE TABLE evaluation.assessment_round (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scheme_id uuid NOT NULL REFERENCES evaluation.assessment_scheme (id),
        kind varchar(10) NOT NULL CHECK (kind IN ('ANNUAL', 'MIDTERM', 'TERM_END', 'FOLLOW_UP')),
        -- FOLLOW_UP rounds: the round whose BASIC results they assess again.
        follow_up_of uuid UNIQUE REFERENCES evaluation.assessment_round (id),
        title varchar(100) NOT NULL,
        level varchar(8) NOT NULL CHECK (level IN (${LEVELS})),
        ${REGION('region_code')},
        period_from date NOT NULL,
        period_to date NOT NULL,
        deadline date NOT NULL,
        appeal_window_days smallint NOT NULL CHECK (appeal_window_days BETWEEN 0 AND 60),
        rectification_days smallint NOT NULL CHECK (rectification_days BETWEEN 30 AND 365),
        reward_fen bigint CHECK (reward_fen > 0),
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT assessment_round_period CHECK (period_from <= period_to),
        CONSTRAINT assessment_round_follow_up CHECK ((kind = 'FOLLOW_UP') = (follow_up_of IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX assessment_round_region_idx ON evaluation.assessment_round (region_code, period_to)`,
    );
    await enableReadWritePolicies(
      q,
      'evaluation.assessment_round',
      `(${inScope()} OR ${aboveScope()})`,
      inScope(),
    );

    await q.query(`
      CREATE TABLE evaluation.assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES evaluation.assessment_round (id),
        workshop_id uuid NOT NULL,
        ${REGION('region_code')},
        ${REGION('host_region_code')},
        host_school_id uuid NOT NULL,
        workshop_level varchar(8) NOT NULL CHECK (workshop_level IN (${LEVELS})),
        workshop_type varchar(12) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'FINALISED', 'CONCLUDED')),
        total_points integer,
        grade varchar(12) CHECK (grade IN (${GRADES})),
        finalisations smallint NOT NULL DEFAULT 0 CHECK (finalisations BETWEEN 0 AND 2),
        appeal_closes_at timestamptz,
        reopened_reason varchar(500),
        reopened_by varchar(100),
        reopened_at timestamptz,
        concluded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT assessment_one_per_studio UNIQUE (round_id, workshop_id),
        CONSTRAINT assessment_result_when_finalised CHECK ((status = 'OPEN') = (grade IS NULL)),
        CONSTRAINT assessment_reopened_once CHECK (reopened_at IS NULL OR finalisations >= 1)
      )`);
    await q.query(`CREATE INDEX assessment_region_idx ON evaluation.assessment (region_code)`);
    await q.query(`CREATE INDEX assessment_host_region_idx ON evaluation.assessment (host_region_code)`);
    await q.query(`CREATE INDEX assessment_workshop_idx ON evaluation.assessment (workshop_id)`);
    await q.query(
      `CREATE INDEX assessment_ranking_idx ON evaluation.assessment (round_id, total_points DESC, id)`,
    );
    await q.query(
      `CREATE INDEX assessment_window_idx ON evaluation.assessment (appeal_closes_at) WHERE status = 'FINALISED'`,
    );
    // As a studio's money is: its founding jurisdiction and the county of its host school.
    const ASSESSMENT_ROW = `(${inScope('region_code')} OR ${inScope('host_region_code')})`;
    await enableReadWritePolicies(q, 'evaluation.assessment', ASSESSMENT_ROW, ASSESSMENT_ROW);

    await q.query(`
      CREATE TABLE evaluation.evaluator_assignment (
        assessment_id uuid NOT NULL REFERENCES evaluation.assessment (id),
        teacher_id uuid NOT NULL,
        assigned_by varchar(100) NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (assessment_id, teacher_id)
      )`);
    await q.query(
      `CREATE INDEX evaluator_assignment_teacher_idx ON evaluation.evaluator_assignment (teacher_id)`,
    );
    await enablePolicy(q, 'evaluation.evaluator_assignment', OF_VISIBLE_ASSESSMENT);

    await q.query(`
      CREATE TABLE evaluation.self_report (
        assessment_id uuid PRIMARY KEY REFERENCES evaluation.assessment (id),
        summary varchar(5000) NOT NULL,
        evidence jsonb NOT NULL,
        submitted_by varchar(100) NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await enablePolicy(q, 'evaluation.self_report', OF_VISIBLE_ASSESSMENT);

    await q.query(`
      CREATE TABLE evaluation.expert_score (
        assessment_id uuid NOT NULL REFERENCES evaluation.assessment (id),
        indicator_code varchar(20) NOT NULL,
        evaluator_teacher_id uuid NOT NULL,
        points integer NOT NULL CHECK (points >= 0),
        comment varchar(1000),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (assessment_id, indicator_code, evaluator_teacher_id)
      )`);
    await enablePolicy(q, 'evaluation.expert_score', OF_VISIBLE_ASSESSMENT);

    await q.query(`
      CREATE TABLE evaluation.assessment_result (
        assessment_id uuid NOT NULL REFERENCES evaluation.assessment (id),
        finalisation smallint NOT NULL CHECK (finalisation IN (1, 2)),
        total_points integer NOT NULL,
        grade varchar(12) NOT NULL CHECK (grade IN (${GRADES})),
        indicator_scores jsonb NOT NULL,
        finalised_by varchar(100) NOT NULL,
        finalised_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (assessment_id, finalisation)
      )`);
    await enablePolicy(q, 'evaluation.assessment_result', OF_VISIBLE_ASSESSMENT);
    await q.query(`
      CREATE FUNCTION evaluation.refuse_result_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'assessment results are never changed' USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER assessment_result_insert_only BEFORE UPDATE OR DELETE ON evaluation.assessment_result
      FOR EACH ROW EXECUTE FUNCTION evaluation.refuse_result_change()`);

    await q.query(`
      CREATE TABLE evaluation.consequence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assessment_id uuid NOT NULL REFERENCES evaluation.assessment (id),
        finalisation smallint NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('REWARD', 'REWARD_ALLOCATION', 'RECTIFY', 'FOLLOW_UP',
          'REVOKE', 'FREEZE_FUNDS', 'RETAIN', 'REORGANISE', 'RESTORE')),
        state varchar(10) NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENT', 'APPLIED', 'REFUSED', 'WITHDRAWN')),
        detail varchar(500),
        due_on date,
        amount_fen bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consequence_once UNIQUE (assessment_id, finalisation, kind)
      )`);
    await enablePolicy(q, 'evaluation.consequence', OF_VISIBLE_ASSESSMENT);

    await createOutboxTable(q, 'evaluation');
    await createInboxTable(q, 'evaluation');
    await grantAppRole(q, 'evaluation');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'inbox',
      'outbox',
      'consequence',
      'assessment_result',
      'expert_score',
      'self_report',
      'evaluator_assignment',
      'assessment',
      'assessment_round',
      'scheme_comment',
      'assessment_scheme',
    ]) {
      await q.query(`DROP TABLE IF EXISTS evaluation.${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS evaluation.refuse_result_change()`);
    await q.query(`DROP FUNCTION IF EXISTS evaluation.refuse_published_scheme_change()`);
  }
}
