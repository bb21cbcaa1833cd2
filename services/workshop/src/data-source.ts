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
    // Aggregates over a province's year cost PostgreSQL's planner enough to compile them (JIT),
    // which then takes longer than it saves: 0.5 to 1.5 s of a 4 s workshopMetrics (see
    // docs/performance.md). Every statement here is an index read or a hash aggregation.
    sessionSettings: { jit: 'off' },
  });
}
