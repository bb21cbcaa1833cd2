import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createInboxTable } from '@mingshi/events';

/** Personnel consumes events (certificate hours); the inbox remembers which it has handled. */
export class CreatePersonnelInbox1732250000002 implements MigrationInterface {
  name = 'CreatePersonnelInbox1732250000002';

  async up(q: QueryRunner): Promise<void> {
    await createInboxTable(q, 'personnel');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE personnel.inbox`);
  }
}
