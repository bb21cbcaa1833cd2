import 'reflect-metadata';
import { DataSource, type Logger as TypeOrmLogger, type MixedList, type EntitySchema } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { SnakeNamingStrategy } from './naming-strategy';
import { StatementMetricsLogger, reportStatementMetrics } from './statement-metrics';

export interface DataSourceOptions {
  url: string;
  /** The PostgreSQL schema this service owns; no other service reads it. */
  schema: string;
  // TypeORM's own option type: entity classes are constructors of any shape.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  logger?: TypeOrmLogger;
  poolSize?: number;
  applicationName?: string;
  /** PostgreSQL settings for every session of this DataSource (`jit: 'off'`), at connection time. */
  sessionSettings?: Record<string, string>;
}

/** Connections one DataSource keeps at most, unless told otherwise (deploy/cdk8s sizes max_connections by it). */
export const DEFAULT_POOL_SIZE = 10;

/**
 * One DataSource per service and role. Schema changes only ever come from migrations:
 * `synchronize` stays off so production never alters tables behind a migration's back.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  reportStatementMetrics();
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: options.logger ? 'all' : false,
    // Always a logger: it counts statements for /metrics (statement-metrics.ts), then passes on.
    logger: new StatementMetricsLogger(options.logger),
    applicationName: options.applicationName,
    extra: {
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      ...(options.sessionSettings
        ? {
            options: Object.entries(options.sessionSettings)
              .map(([name, value]) => `-c ${name}=${value}`)
              .join(' '),
          }
        : {}),
    },
  });
}

/**
 * The service's pool on the read replicas (DATABASE_READ_URL): its primary DataSource's entities,
 * schema, pool size and session settings on another URL, under its own application name
 * (`<the primary's>-read`) so that pg_stat_activity tells the two apart. No migrations: nothing runs them there. Its transactions
 * are opened READ ONLY (RequestTransaction, runSection).
 */
export function createReadDataSource(
  primary: DataSource,
  url: string,
  /** Also told every statement (a QueryCounter in tests); the statements are counted for /metrics either way. */
  logger?: TypeOrmLogger,
): DataSource {
  const options = primary.options as PostgresConnectionOptions;
  return new DataSource({
    ...options,
    url,
    migrations: [],
    applicationName: `${options.applicationName ?? 'mingshi'}-read`,
    logging: logger ? 'all' : false,
    logger: new StatementMetricsLogger(logger),
  });
}

/**
 * Runs a service's pending migrations as the schema owner. The schema is created first because
 * TypeORM keeps its migrations table inside it.
 */
export async function runMigrations(dataSource: DataSource, schema: string): Promise<string[]> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}
