import { Counter, Histogram } from 'prom-client';
import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import { metricsRegistry } from '@mingshi/telemetry';

/**
 * The SQL statements this process has sent, by transaction: a GraphQL request's (`request`) or
 * anything else's (`other`: outbox relays, consumers, section workers, health checks). Split so
 * that statements per request can be read off a running service while its relay polls.
 */
const TOTAL = 'mingshi_sql_statements_total';

export const sqlStatementsTotal = new Counter({
  name: TOTAL,
  help: 'SQL statements sent to PostgreSQL, by transaction: a GraphQL request\'s ("request") or any other ("other")',
  labelNames: ['transaction'] as const,
  registers: [],
});

/** How many statements one GraphQL request's transaction sent, from its start to its commit. */
export const sqlStatementsPerRequest = new Histogram({
  name: 'mingshi_sql_statements_per_request',
  help: "SQL statements of one GraphQL request's transaction (0 when it needed none)",
  buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89],
  registers: [],
});

/**
 * Puts the statement metrics on this process's /metrics; createDataSource calls it, so only a
 * process that talks to PostgreSQL reports them (the gateway does not).
 */
export function reportStatementMetrics(): void {
  if (metricsRegistry.getSingleMetric(TOTAL)) return;
  metricsRegistry.registerMetric(sqlStatementsTotal);
  metricsRegistry.registerMetric(sqlStatementsPerRequest);
}

// Bound once: a label lookup per statement would hash the labels every time.
const requestStatements = sqlStatementsTotal.labels('request');
const otherStatements = sqlStatementsTotal.labels('other');

/** A request transaction's running count of statements. */
export interface StatementTally {
  statements: number;
}

/** Runners of GraphQL requests' transactions (RequestTransaction); weak, so released runners go. */
const requestRunners = new WeakMap<QueryRunner, StatementTally>();

/** Counts the runner's statements as a GraphQL request's, in `tally` as well as in the totals. */
export function countAsRequestStatements(runner: QueryRunner, tally: StatementTally): void {
  requestRunners.set(runner, tally);
}

/**
 * The TypeORM logger every DataSource gets (createDataSource): it counts each statement as TypeORM
 * sends it, then hands everything to the logger the caller asked for, if any (a QueryCounter).
 */
export class StatementMetricsLogger implements TypeOrmLogger {
  constructor(private readonly inner?: TypeOrmLogger) {}

  logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    const tally = queryRunner && requestRunners.get(queryRunner);
    if (tally) {
      tally.statements += 1;
      requestStatements.inc();
    } else {
      otherStatements.inc();
    }
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
