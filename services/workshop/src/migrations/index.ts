import { CreateWorkshopTables1732300000000 } from './1732300000000-create-workshop-tables';

/** In order; TypeORM records each in workshop.migrations and runs only the new ones. */
export const workshopMigrations = [CreateWorkshopTables1732300000000];
