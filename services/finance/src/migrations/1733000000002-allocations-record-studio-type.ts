import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Allocations record their studio's type (名师 / 名校长 / 名班主任), which never changes after founding,
 * so fund summaries group by type in SQL. Finance reads no workshop table, so allocations made before
 * this keep a null type (summaries show them without one) rather than a guess.
 */
export class AllocationsRecordStudioType1733000000002 implements MigrationInterface {
  name = 'AllocationsRecordStudioType1733000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE finance.fund_allocation ADD COLUMN workshop_type varchar(16)
        CHECK (workshop_type IN ('TEACHER', 'PRINCIPAL', 'HEAD_TEACHER'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE finance.fund_allocation DROP COLUMN workshop_type`);
  }
}
