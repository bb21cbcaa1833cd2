import type { MigrationInterface, QueryRunner } from 'typeorm';
import { NATIONWIDE } from '@mingshi/auth';
import { applyScope, enablePolicy, enableReadWritePolicies, inScope } from '@mingshi/db';
import {
  OWN_WORKSHOP,
  OWN_WORKSHOP_BY_EXISTS,
  VISIBLE_WORKSHOP,
  VISIBLE_WORKSHOP_BY_EXISTS,
} from './studio-policies';

/** Rows that belonged to their studio only through a parent row, and the parent's key column. */
const GRANDCHILDREN = [
  { table: 'activity_participant', parent: 'activity', key: 'activity_id' },
  { table: 'outcome_author', parent: 'outcome', key: 'outcome_id' },
] as const;

/** Tables whose rows carry their studio, read where it is visible and changed where it is in range. */
const STUDIO_ROWS = [
  'workshop_status_change',
  'membership',
  'activity',
  'research_project',
  'outcome',
  'support_agreement',
  'certificate',
];

/**
 * Row-level security that scales to a province. Activity participants and outcome authors now
 * carry their studio's id, and every studio row's policy admits it by `workshop_id IN (visible
 * studios)`, which PostgreSQL hashes once per statement. Before, participants were admitted by
 * reading their activity (and through its policy the studio) for every row, and the studio rows'
 * correlated EXISTS could be planned per row too: a province's yearly metrics read about a million
 * participations and took seconds in the policies alone. A composite foreign key to the parent's
 * (id, workshop_id) keeps the copied studio equal to the parent's.
 */
export class ChildRowsCarryTheirStudio1732400000000 implements MigrationInterface {
  name = 'ChildRowsCarryTheirStudio1732400000000';

  async up(q: QueryRunner): Promise<void> {
    // Row-level security binds the owner too: the backfill must see every region's rows.
    await applyScope(q, NATIONWIDE);
    for (const { table, parent, key } of GRANDCHILDREN) {
      await q.query(
        `ALTER TABLE workshop.${parent} ADD CONSTRAINT ${parent}_id_workshop_key UNIQUE (id, workshop_id)`,
      );
      await q.query(`ALTER TABLE workshop.${table} ADD COLUMN workshop_id uuid`);
      await q.query(
        `UPDATE workshop.${table} c SET workshop_id = p.workshop_id FROM workshop.${parent} p WHERE p.id = c.${key}`,
      );
      await q.query(`ALTER TABLE workshop.${table} ALTER COLUMN workshop_id SET NOT NULL`);
      await q.query(`ALTER TABLE workshop.${table} DROP CONSTRAINT ${table}_${key}_fkey`);
      await q.query(
        `ALTER TABLE workshop.${table} ADD CONSTRAINT ${table}_${parent}_fkey FOREIGN KEY (${key}, workshop_id)
         REFERENCES workshop.${parent} (id, workshop_id) ON DELETE CASCADE`,
      );
    }
    for (const table of [...STUDIO_ROWS, ...GRANDCHILDREN.map((g) => g.table)]) {
      await replaceReadWritePolicies(q, table, VISIBLE_WORKSHOP, OWN_WORKSHOP);
    }
    await replaceApplicationPolicy(q, VISIBLE_WORKSHOP);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of STUDIO_ROWS) {
      await replaceReadWritePolicies(q, table, VISIBLE_WORKSHOP_BY_EXISTS, OWN_WORKSHOP_BY_EXISTS);
    }
    await replaceApplicationPolicy(q, VISIBLE_WORKSHOP_BY_EXISTS);
    for (const { table, parent, key } of GRANDCHILDREN) {
      await replaceReadWritePolicies(
        q,
        table,
        `EXISTS (SELECT 1 FROM workshop.${parent} p WHERE p.id = ${key})`,
        `EXISTS (SELECT 1 FROM workshop.${parent} p JOIN workshop.workshop w ON w.id = p.workshop_id
                 WHERE p.id = ${key} AND ${inScope('w.region_code')})`,
      );
      await q.query(`ALTER TABLE workshop.${table} DROP CONSTRAINT ${table}_${parent}_fkey`);
      await q.query(
        `ALTER TABLE workshop.${table} ADD CONSTRAINT ${table}_${key}_fkey FOREIGN KEY (${key})
         REFERENCES workshop.${parent} (id) ON DELETE CASCADE`,
      );
      await q.query(`ALTER TABLE workshop.${table} DROP COLUMN workshop_id`);
      await q.query(`ALTER TABLE workshop.${parent} DROP CONSTRAINT ${parent}_id_workshop_key`);
    }
  }
}

async function replaceReadWritePolicies(
  q: QueryRunner,
  table: string,
  readable: string,
  writable: string,
): Promise<void> {
  await q.query(`DROP POLICY region_read ON workshop.${table}`);
  await q.query(`DROP POLICY region_write ON workshop.${table}`);
  await enableReadWritePolicies(q, `workshop.${table}`, readable, writable);
}

/** Applications are read and written wherever the studio is visible: teachers apply upwards. */
async function replaceApplicationPolicy(q: QueryRunner, visible: string): Promise<void> {
  await q.query(`DROP POLICY region_scope ON workshop.trainee_application`);
  await enablePolicy(q, 'workshop.trainee_application', visible);
}
