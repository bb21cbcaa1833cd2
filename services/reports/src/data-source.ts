import type { Logger as TypeOrmLogger } from 'typeorm';
import { createDataSource } from '@mingshi/db';
import { reportsEntities } from './entities';
import { reportsMigrations } from './migrations';

export const REPORTS_SCHEMA = 'reports';

/** The reports DataSource: the app role for serving, the owner role for migrations. */
export function reportsDataSource(url: string, logger?: TypeOrmLogger) {
  return createDataSource({
    url,
    schema: REPORTS_SCHEMA,
    entities: reportsEntities,
    migrations: reportsMigrations,
    logger,
    applicationName: 'reports',
  });
}
