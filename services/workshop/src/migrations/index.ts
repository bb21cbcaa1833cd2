import { CreateWorkshopTables1732300000000 } from './1732300000000-create-workshop-tables';
import { ChildRowsCarryTheirStudio1732400000000 } from './1732400000000-child-rows-carry-their-studio';
import { CreateWorkshopInbox1732500000000 } from './1732500000000-create-workshop-inbox';
import { ParticipationsCarryTheirActivity1732600000000 } from './1732600000000-participations-carry-their-activity';
import { RollUpTeachersReached1733040000000 } from './1733040000000-roll-up-teachers-reached';
import { OutboxTraceContext1736000000000 } from './1736000000000-outbox-trace-context';

/** In order; TypeORM records each in workshop.migrations and runs only the new ones. */
export const workshopMigrations = [
  CreateWorkshopTables1732300000000,
  ChildRowsCarryTheirStudio1732400000000,
  CreateWorkshopInbox1732500000000,
  ParticipationsCarryTheirActivity1732600000000,
  RollUpTeachersReached1733040000000,
  OutboxTraceContext1736000000000,
];
