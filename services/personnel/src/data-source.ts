import type { Logger as TypeOrmLogger } from 'typeorm';
import { createDataSource } from '@mingshi/db';
import { personnelEntities } from './entities';
import { personnelMigrations } from './migrations';

export const PERSONNEL_SCHEMA = 'personnel';

/** The personnel DataSource: the app role for serving, the owner role for migrations. */
export function personnelDataSource(url: string, logger?: TypeOrmLogger) {
  return createDataSource({
    url,
    schema: PERSONNEL_SCHEMA,
    entities: personnelEntities,
    migrations: personnelMigrations,
    logger,
    applicationName: 'personnel',
  });
}
