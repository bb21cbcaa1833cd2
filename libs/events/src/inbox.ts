import type { QueryRunner } from 'typeorm';
import { appRole } from '@mingshi/db';

/**
 * Migration helper: the table in which a consuming service remembers the events it has handled,
 * so a redelivered event is recognised and skipped.
 */
export async function createInboxTable(runner: QueryRunner, schema: string): Promise<void> {
  await runner.query(`
    CREATE TABLE ${schema}.inbox (
      event_id uuid PRIMARY KEY,
      type varchar(100) NOT NULL,
      handled_at timestamptz NOT NULL DEFAULT now()
    )`);
  await runner.query(`GRANT SELECT, INSERT ON ${schema}.inbox TO ${appRole()}`);
}
