import { Counter } from 'prom-client';
import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';

/**
 * The SQL statements this process has sent, by transaction: a GraphQL request's (`request`) or
 * anything else's (`other`: outbox relays, consumers, section workers, health checks). Split so
 * that statements per request can be read off a running service while its relay polls.
 */
export const sqlStatementsTotal = new Counter({
  name: 'mingshi_sql_statements_total',
  help: 'SQL statements sent to PostgreSQL, by transaction: a GraphQL request\'s ("request") or any other ("other")',
  labelNames: ['transaction'] as const,
  // Not prom-client's global registry: the process that serves the metrics registers it
  // (libs/subgraph-server's /metrics), so a seed or a test importing libs/db exposes nothing.
  registers: [],
});

// Bound once: a label lookup per statement would hash the labels every time.
const requestStatements = sqlStatementsTotal.labels('request');
const otherStatements = sqlStatementsTotal.labels('other');

/** Runners of GraphQL requests' transactions (RequestTransaction); weak, so released runners go. */
const requestRunners = new WeakSet<QueryRunner>();

/** Counts the runner's statements as a GraphQL request's. */
export function countAsRequestStatements(runner: QueryRunner): void {
  requestRunners.add(runner);
}

/**
 * The TypeORM logger every DataSource gets (createDataSource): it counts each statement as TypeORM
 * sends it, then hands everything to the logger the caller asked for, if any (a QueryCounter).
 */
export class StatementMetricsLogger implements TypeOrmLogger {
  constructor(private readonly inner?: TypeOrmLogger) {}

  logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    (queryRunner && requestRunners.has(queryRunner) ? requestStatements : otherStatements).inc();
    this.inner?.logQuery(query, parameters, queryRunner);
  }

  logQueryError(
    error: string | Error,
    query: string,
    parameters?: unknown[],
    queryRunner?: QueryRunner,
  ): void {
    this.inner?.logQueryError(error, query, parameters, queryRunner);
  }

  logQuerySlow(time: number, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.inner?.logQuerySlow(time, query, parameters, queryRunner);
  }

  logSchemaBuild(message: string, queryRunner?: QueryRunner): void {
    this.inner?.logSchemaBuild(message, queryRunner);
  }

  logMigration(message: string, queryRunner?: QueryRunner): void {
    this.inner?.logMigration(message, queryRunner);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown, queryRunner?: QueryRunner): void {
    this.inner?.log(level, message, queryRunner);
  }
}
