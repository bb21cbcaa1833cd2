import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createInboxTable } from '@mingshi/events';

/** Workshop consumes events (assessment results deciding a studio's status); the inbox remembers which it has handled. */
export class CreateWorkshopInbox1732500000000 implements MigrationInterface {
  name = 'CreateWorkshopInbox1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await createInboxTable(q, 'workshop');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workshop.inbox`);
  }
}
