import type { Logger as TypeOrmLogger } from 'typeorm';
import { createDataSource } from '@mingshi/db';
import { financeEntities } from './entities';
import { financeMigrations } from './migrations';

export const FINANCE_SCHEMA = 'finance';

/** The finance DataSource: the app role for serving, the owner role for migrations. */
export function financeDataSource(
  url: string,
  logger?: TypeOrmLogger,
  options: { poolSize?: number; applicationName?: string } = {},
) {
  return createDataSource({
    url,
    schema: FINANCE_SCHEMA,
    entities: financeEntities,
    migrations: financeMigrations,
    logger,
    applicationName: options.applicationName ?? 'finance',
    poolSize: options.poolSize,
  });
}

/**
 * The fund-event pipeline's own small pool: a surge of requests that fills the service's pool must
 * not stop events being numbered and delivered, nor can the pipeline take connections requests need.
 */
export function fundEventPipelineDataSource(url: string) {
  return financeDataSource(url, undefined, { poolSize: 4, applicationName: 'finance-fund-events' });
}
