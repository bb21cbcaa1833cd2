import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  aboveScope,
  appRole,
  enablePolicy,
  enableReadWritePolicies,
  enableRegionScope,
  grantAppRole,
  inScope,
} from '@mingshi/db';
import { createInboxTable } from '@mingshi/events';
import { MONEY_ROW } from './finance-policies';

const CATEGORIES = `'RESEARCH_ACTIVITY','TRAINING_TRAVEL','OUTREACH','EXPERT_LECTURE','LECTURE_FEE','EQUIPMENT_MATERIALS','OTHER'`;
const LEVELS = `'PROVINCE','CITY','COUNTY'`;
const EVENT_TYPES = `'ALLOCATED','ADJUSTED','DISBURSED','EXPENSE_SUBMITTED','EXPENSE_APPROVED','EXPENSE_REJECTED','EXPENSE_REVERSED','FUNDS_FROZEN','FUNDS_UNFROZEN'`;

/** The region columns every row of money carries (see finance-policies.ts). */
const MONEY_REGIONS = `
  region_code varchar(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  host_region_code varchar(6) NOT NULL CHECK (host_region_code ~ '^[0-9]{6}$')`;

/**
 * Finance tables. The money rules that must survive concurrent requests are held by the database:
 * each allocation row keeps its running totals, and CHECK constraints refuse any update that would
 * take approved spending past the amount or lecture fees past the cap, so two approvals racing on
 * one allocation serialise on its row lock and the second one to commit fails instead of both
 * passing. The fund-event log takes an insertion number inside the writing transaction and a
 * position from the sequencer after commit (services/event-sequencer.ts), which is what makes the
 * feed gap-free.
 */
export class CreateFinanceTables1733000000000 implements MigrationInterface {
  name = 'CreateFinanceTables1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE finance.fund_policy (
        region_code varchar(6) PRIMARY KEY CHECK (region_code ~ '^[0-9]{6}$'),
        level varchar(8) NOT NULL CHECK (level IN (${LEVELS})),
        allowed_categories varchar(32)[] NOT NULL CHECK (allowed_categories <@ ARRAY[${CATEGORIES}]::varchar[]),
        lecture_fee_cap_percent smallint NOT NULL CHECK (lecture_fee_cap_percent BETWEEN 0 AND 100),
        updated_by varchar(100) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // An office's policy is a published rule: read by its region and the regions below it.
    await enableReadWritePolicies(q, 'finance.fund_policy', `(${inScope()} OR ${aboveScope()})`, inScope());

    await q.query(`
      CREATE TABLE finance.fund_allocation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workshop_id uuid NOT NULL,
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        source_level varchar(8) NOT NULL CHECK (source_level IN (${LEVELS})),
        source_region_code varchar(6) NOT NULL,
        ${MONEY_REGIONS},
        host_school_id uuid NOT NULL,
        document_number varchar(100) NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        disbursed_fen bigint NOT NULL DEFAULT 0 CHECK (disbursed_fen >= 0),
        approved_fen bigint NOT NULL DEFAULT 0 CHECK (approved_fen >= 0),
        pending_fen bigint NOT NULL DEFAULT 0 CHECK (pending_fen >= 0),
        lecture_fee_fen bigint NOT NULL DEFAULT 0 CHECK (lecture_fee_fen >= 0),
        allowed_categories varchar(32)[] NOT NULL,
        lecture_fee_cap_percent smallint NOT NULL CHECK (lecture_fee_cap_percent BETWEEN 0 AND 100),
        status varchar(8) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'FROZEN')),
        frozen_reason varchar(500),
        allocated_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fund_allocation_one_per_source UNIQUE (workshop_id, year, source_level),
        CONSTRAINT fund_allocation_within_amount CHECK (approved_fen <= amount_fen),
        CONSTRAINT fund_allocation_disbursed_within_amount CHECK (disbursed_fen <= amount_fen),
        CONSTRAINT fund_allocation_lecture_fee_cap CHECK (lecture_fee_fen * 100 <= amount_fen * lecture_fee_cap_percent),
        CONSTRAINT fund_allocation_frozen_has_reason CHECK ((status = 'FROZEN') = (frozen_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX fund_allocation_region_idx ON finance.fund_allocation (region_code, year)`);
    await q.query(
      `CREATE INDEX fund_allocation_host_region_idx ON finance.fund_allocation (host_region_code, year)`,
    );
    await q.query(`CREATE INDEX fund_allocation_workshop_idx ON finance.fund_allocation (workshop_id, year)`);
    await q.query(
      `CREATE INDEX fund_allocation_page_idx ON finance.fund_allocation (year DESC, workshop_id, id)`,
    );
    await enablePolicy(q, 'finance.fund_allocation', MONEY_ROW);

    await q.query(`
      CREATE TABLE finance.fund_adjustment (
        id bigserial PRIMARY KEY,
        allocation_id uuid NOT NULL REFERENCES finance.fund_allocation (id),
        ${MONEY_REGIONS},
        previous_amount_fen bigint NOT NULL,
        new_amount_fen bigint NOT NULL CHECK (new_amount_fen > 0),
        reason varchar(500) NOT NULL,
        adjusted_by varchar(100) NOT NULL,
        adjusted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX fund_adjustment_allocation_idx ON finance.fund_adjustment (allocation_id, id)`,
    );
    await enablePolicy(q, 'finance.fund_adjustment', MONEY_ROW);

    await q.query(`
      CREATE TABLE finance.fund_disbursement (
        id bigserial PRIMARY KEY,
        allocation_id uuid NOT NULL REFERENCES finance.fund_allocation (id),
        ${MONEY_REGIONS},
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        voucher_number varchar(100) NOT NULL,
        paid_on date NOT NULL,
        recorded_by varchar(100) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fund_disbursement_one_voucher UNIQUE (allocation_id, voucher_number)
      )`);
    await q.query(
      `CREATE INDEX fund_disbursement_allocation_idx ON finance.fund_disbursement (allocation_id, id)`,
    );
    await enablePolicy(q, 'finance.fund_disbursement', MONEY_ROW);

    await q.query(`
      CREATE TABLE finance.expense (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        allocation_id uuid NOT NULL REFERENCES finance.fund_allocation (id),
        workshop_id uuid NOT NULL,
        ${MONEY_REGIONS},
        category varchar(32) NOT NULL CHECK (category IN (${CATEGORIES})),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        spent_on date NOT NULL,
        payee varchar(100) NOT NULL,
        voucher_number varchar(100) NOT NULL,
        description varchar(1000) NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('SUBMITTED', 'APPROVED', 'REJECTED', 'REVERSED')),
        submitted_by varchar(100) NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        decided_by varchar(100),
        decided_at timestamptz,
        decision_reason varchar(500),
        reversed_by varchar(100),
        reversed_at timestamptz,
        reversal_reason varchar(500)
      )`);
    await q.query(`CREATE INDEX expense_allocation_idx ON finance.expense (allocation_id, submitted_at)`);
    await q.query(`CREATE INDEX expense_workshop_idx ON finance.expense (workshop_id, submitted_at)`);
    await q.query(`CREATE INDEX expense_page_idx ON finance.expense (submitted_at DESC, id)`);
    // One voucher is one expense: a live expense (submitted or approved) may not share it.
    await q.query(
      `CREATE UNIQUE INDEX expense_one_live_voucher ON finance.expense (allocation_id, voucher_number)
       WHERE status IN ('SUBMITTED', 'APPROVED')`,
    );
    await enablePolicy(q, 'finance.expense', MONEY_ROW);

    await q.query(`
      CREATE TABLE finance.fund_event (
        entry bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        position bigint UNIQUE,
        type varchar(24) NOT NULL CHECK (type IN (${EVENT_TYPES})),
        workshop_id uuid NOT NULL,
        allocation_id uuid NOT NULL REFERENCES finance.fund_allocation (id),
        expense_id uuid REFERENCES finance.expense (id),
        ${MONEY_REGIONS},
        amount_fen bigint,
        actor varchar(100) NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        sequenced_at timestamptz,
        CHECK ((position IS NULL) = (sequenced_at IS NULL))
      )`);
    await q.query(
      `CREATE INDEX fund_event_unsequenced_idx ON finance.fund_event (entry) WHERE position IS NULL`,
    );
    await q.query(`CREATE INDEX fund_event_region_idx ON finance.fund_event (region_code, position)`);
    await q.query(`CREATE INDEX fund_event_workshop_idx ON finance.fund_event (workshop_id, position)`);
    await enablePolicy(q, 'finance.fund_event', MONEY_ROW);

    // Keyed by the caller, never read across callers: no region to scope by.
    await q.query(`
      CREATE TABLE finance.idempotency_key (
        user_id varchar(100) NOT NULL,
        key varchar(100) NOT NULL,
        operation varchar(50) NOT NULL,
        request_hash char(64) NOT NULL,
        result_id varchar(100),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_key_created_idx ON finance.idempotency_key (created_at)`);

    await q.query(`
      CREATE TABLE finance.webhook_endpoint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id varchar(100) NOT NULL,
        region_code varchar(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        url varchar(2000) NOT NULL,
        event_types varchar(24)[] NOT NULL DEFAULT '{}',
        description varchar(500),
        status varchar(8) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'PAUSED', 'DISABLED')),
        disabled_reason varchar(500),
        secret varchar(200) NOT NULL,
        previous_secret varchar(200),
        previous_secret_expires_at timestamptz,
        delivered_through bigint NOT NULL DEFAULT 0,
        failing_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX webhook_endpoint_owner_idx ON finance.webhook_endpoint (owner_id, created_at)`,
    );
    await enableRegionScope(q, 'finance.webhook_endpoint');

    await q.query(`
      CREATE TABLE finance.webhook_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES finance.webhook_endpoint (id),
        region_code varchar(6) NOT NULL,
        event_id uuid NOT NULL REFERENCES finance.fund_event (id),
        position bigint NOT NULL,
        status varchar(8) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SUCCEEDED', 'RETRYING', 'FAILED')),
        attempt_count smallint NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX webhook_delivery_endpoint_idx ON finance.webhook_delivery (endpoint_id, created_at DESC)`,
    );
    await enableRegionScope(q, 'finance.webhook_delivery');

    await q.query(`
      CREATE TABLE finance.webhook_attempt (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES finance.webhook_delivery (id),
        region_code varchar(6) NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now(),
        status_code smallint,
        duration_ms integer NOT NULL,
        response_snippet varchar(500)
      )`);
    await q.query(`CREATE INDEX webhook_attempt_delivery_idx ON finance.webhook_attempt (delivery_id, id)`);
    await enableRegionScope(q, 'finance.webhook_attempt');

    await createInboxTable(q, 'finance');
    await grantAppRole(q, 'finance');
    // The log is appended to, never edited, except for the sequencer's one stamp of its position.
    await q.query(`REVOKE UPDATE, DELETE ON finance.fund_event FROM ${appRole()}`);
    await q.query(`GRANT UPDATE (position, sequenced_at) ON finance.fund_event TO ${appRole()}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'inbox',
      'webhook_attempt',
      'webhook_delivery',
      'webhook_endpoint',
      'idempotency_key',
      'fund_event',
      'expense',
      'fund_disbursement',
      'fund_adjustment',
      'fund_allocation',
      'fund_policy',
    ]) {
      await q.query(`DROP TABLE IF EXISTS finance.${table}`);
    }
  }
}
