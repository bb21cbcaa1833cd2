import type { Logger as TypeOrmLogger } from 'typeorm';
import { createDataSource } from '@mingshi/db';
import { financeEntities } from './entities';
import { financeMigrations } from './migrations';

export const FINANCE_SCHEMA = 'finance';

/** The finance DataSource: the app role for serving, the owner role for migrations. */
export function financeDataSource(url: string, logger?: TypeOrmLogger) {
  return createDataSource({
    url,
    schema: FINANCE_SCHEMA,
    entities: financeEntities,
    migrations: financeMigrations,
    logger,
    applicationName: 'finance',
  });
}
