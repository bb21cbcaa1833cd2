import type { Logger as TypeOrmLogger } from 'typeorm';
import { createDataSource } from '@mingshi/db';
import { workshopEntities } from './entities';
import { workshopMigrations } from './migrations';

export const WORKSHOP_SCHEMA = 'workshop';

/** The workshop DataSource: the app role for serving, the owner role for migrations. */
export function workshopDataSource(url: string, logger?: TypeOrmLogger) {
  return createDataSource({
    url,
    schema: WORKSHOP_SCHEMA,
    entities: workshopEntities,
    migrations: workshopMigrations,
    logger,
    applicationName: 'workshop',
  });
}
