import type { Logger as TypeOrmLogger } from 'typeorm';
import { createDataSource } from '@mingshi/db';
import { evaluationEntities } from './entities';
import { evaluationMigrations } from './migrations';

export const EVALUATION_SCHEMA = 'evaluation';

/** The evaluation DataSource: the app role for serving, the owner role for migrations. */
export function evaluationDataSource(url: string, logger?: TypeOrmLogger) {
  return createDataSource({
    url,
    schema: EVALUATION_SCHEMA,
    entities: evaluationEntities,
    migrations: evaluationMigrations,
    logger,
    applicationName: 'evaluation',
  });
}
