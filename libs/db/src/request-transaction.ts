import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { PrincipalScope, RegionRange } from '@mingshi/auth';
import { ServiceUnavailableError, TimeoutError } from '@mingshi/graphql';
import { isDatabaseUnavailable, isQueryCanceled } from './pg-errors';
import { countAsRequestStatements, sqlStatementsPerRequest, type StatementTally } from './statement-metrics';

/** How a scoped transaction is bounded, besides its scope. */
export interface TransactionLimits {
  /** Bounds each statement of the transaction. */
  statementTimeoutMs?: number;
  /**
   * READ ONLY (`SET LOCAL transaction_read_only`, as SET TRANSACTION READ ONLY): every transaction
   * on a read replica's pool, so that a write sent there by mistake fails at once, with
   * PostgreSQL's "cannot execute … in a read-only transaction", on any server.
   */
  readOnly?: boolean;
}

/**
 * Sets the caller's region range (and the jurisdictions above it) for row-level security on this
 * transaction only, with its limits, in one round trip. The policies read these settings; unset,
 * they admit no rows, so a path that forgets to scope fails closed.
 */
export async function applyScope(
  /** A TypeORM runner or manager, or a plain `pg` client (the seed, migrations' backfills). */
  runner:
    | Pick<QueryRunner | EntityManager, 'query'>
    | { query: (sql: string, params: unknown[]) => Promise<unknown> },
  scope: RegionRange & Partial<Pick<PrincipalScope, 'ancestors'>>,
  limits: TransactionLimits = {},
): Promise<void> {
  const params: unknown[] = [scope.lo, scope.hi, (scope.ancestors ?? []).join(',')];
  const settings = [
    `set_config('mingshi.scope_lo', $1, true)`,
    `set_config('mingshi.scope_hi', $2, true)`,
    `set_config('mingshi.scope_ancestors', $3, true)`,
  ];
  if (limits.statementTimeoutMs) {
    params.push(String(limits.statementTimeoutMs));
    settings.push(`set_config('statement_timeout', $${params.length}, true)`);
  }
  if (limits.readOnly) settings.push(`set_config('transaction_read_only', 'on', true)`);
  await runner.query(`SELECT ${settings.join(', ')}`, params);
}

/** How long one request may keep the database busy, unless a service says otherwise. */
export const DEFAULT_REQUEST_BUDGET_MS = 10_000;

/** A change asked of a request that reads from the replicas: a routing mistake, refused before any SQL. */
export class ReadOnlyRequestError extends Error {
  readonly code = 'READ_ONLY_REQUEST';
  constructor() {
    super('This request reads from the read replicas, read-only: it cannot change anything');
    this.name = 'ReadOnlyRequestError';
  }
}

/**
 * One database transaction per GraphQL request, opened on first use. Every read of the request
 * goes through it, so row-level security sees the caller's scope; each mutation runs in a
 * savepoint inside it so a failed mutation leaves nothing half-written. Committed when the
 * response is ready.
 *
 * The request has a time budget from the moment it is created: each statement runs under a
 * PostgreSQL statement_timeout of what is left when the transaction opens, and no statement starts
 * after the budget is spent. Past it the request answers TIMEOUT and its writes are rolled back.
 *
 * It opens on the primary unless, before it opens, it is sent to the read replicas' pool
 * (`readFromReplicas`): then it is READ ONLY there, under the same scope set by the same code.
 */
export class RequestTransaction {
  private runner: QueryRunner | null = null;
  private opening: Promise<QueryRunner> | null = null;
  private savepoints = 0;
  private readonly deadline: number;
  /** Set once a statement ran out of time; PostgreSQL then refuses everything but ending the transaction. */
  private timedOut = false;
  /** Set once the request's transaction has ended: nothing may open another for it. */
  private ended = false;
  /** Its statements so far, for mingshi_sql_statements_per_request when it ends. */
  private readonly tally: StatementTally = { statements: 0 };
  private onReplicas = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: RegionRange & Partial<Pick<PrincipalScope, 'ancestors'>>,
    private readonly budgetMs: number = DEFAULT_REQUEST_BUDGET_MS,
    /** The read replicas' pool (DATABASE_READ_URL), when the service has one. */
    private readonly readDataSource?: DataSource,
  ) {
    this.deadline = Date.now() + budgetMs;
  }

  /**
   * Sends this request to the read replicas' pool, READ ONLY, when there is one; answers whether
   * it did. Only a request that cannot write may be sent (read-routing.ts decides which), and only
   * before its transaction opens: once open, it stays where it is.
   */
  readFromReplicas(): boolean {
    if (this.readDataSource && !this.opening && !this.ended) this.onReplicas = true;
    return this.onReplicas;
  }

  /** Whether this request reads from the read replicas (and so can change nothing). */
  get readsReplicas(): boolean {
    return this.onReplicas;
  }

  /** The request's EntityManager, opening the transaction if needed. */
  async manager(): Promise<EntityManager> {
    return (await this.open()).manager;
  }

  /** Runs `work` atomically: on any error its writes are rolled back and the error rethrown. */
  async atomically<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // Every mutation comes through here: one sent to a replica is a bug, stopped before it starts.
    if (this.onReplicas) throw new ReadOnlyRequestError();
    const runner = await this.open();
    const name = `mutation_${++this.savepoints}`;
    await runner.query(`SAVEPOINT ${name}`);
    try {
      const result = await work(runner.manager);
      await runner.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await runner.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }

  /**
   * Commits (or, with `ok` false, rolls back) and returns the connection to the pool. A commit the
   * database was not there for throws SERVICE_UNAVAILABLE.
   */
  async finish(ok: boolean): Promise<void> {
    const first = !this.ended;
    this.ended = true;
    try {
      await this.end(ok);
    } finally {
      // Counted with its COMMIT or ROLLBACK, as mingshi_sql_statements_total counts them.
      if (first) sqlStatementsPerRequest.observe(this.tally.statements);
    }
  }

  private async end(ok: boolean): Promise<void> {
    const runner = this.opening ? await this.opening.catch(() => null) : null;
    if (!runner) return;
    try {
      // Released before its end, the runner lost its connection: PostgreSQL rolled the work back.
      if (runner.isReleased) {
        if (ok) throw databaseUnavailable();
        return;
      }
      if (ok) await runner.commitTransaction();
      else await runner.rollbackTransaction();
    } finally {
      await runner.release();
      this.runner = null;
      this.opening = null;
    }
  }

  private open(): Promise<QueryRunner> {
    if (this.runner) return Promise.resolve(this.runner);
    // graphql-js answers as soon as a non-null field fails, while that field's siblings may still
    // be running: one of them asking for the database then would open a second transaction that
    // nobody ends, holding a pooled connection for ever (the pool then starves every request).
    if (this.ended)
      return Promise.reject(new Error('The request has been answered; its transaction is over'));
    this.opening ??= (async () => {
      const pool = this.onReplicas && this.readDataSource ? this.readDataSource : this.dataSource;
      const runner = this.withinBudget(serialized(pool.createQueryRunner()));
      countAsRequestStatements(runner, this.tally);
      await this.connectWithinBudget(runner);
      await runner.startTransaction();
      await applyScope(runner, this.scope, {
        statementTimeoutMs: Math.max(1, this.deadline - Date.now()),
        readOnly: this.onReplicas,
      });
      this.runner = runner;
      return runner;
    })();
    return this.opening;
  }

  /**
   * Waits for a pooled connection no longer than the budget allows. Under overload every request
   * waits for the pool; without a bound they would queue for ever, long after their callers gave
   * up, and the service would never catch up. A connection that comes after the deadline goes
   * straight back to the pool.
   */
  private async connectWithinBudget(runner: QueryRunner): Promise<void> {
    const connecting = runner.connect();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), Math.max(0, this.deadline - Date.now()));
    });
    try {
      const first = await Promise.race([
        connecting.then(
          () => 'connected' as const,
          (error: unknown) => {
            throw isDatabaseUnavailable(error) ? databaseUnavailable() : error;
          },
        ),
        deadline,
      ]);
      if (first === 'late') {
        this.timedOut = true;
        void connecting.then(
          () => runner.release(),
          () => undefined,
        );
        throw new TimeoutError(this.budgetMs);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Refuses statements past the deadline and turns PostgreSQL's cancellation into TIMEOUT, and a
   * database that is not there (restarting, unreachable) into SERVICE_UNAVAILABLE.
   */
  private withinBudget(runner: QueryRunner): QueryRunner {
    const query = runner.query.bind(runner);
    runner.query = (async (...args: Parameters<QueryRunner['query']>) => {
      // Ending the transaction is always allowed: it is how a timed-out request lets go of its work.
      const ending = /^\s*(COMMIT|ROLLBACK)/i.test(args[0]);
      if (!ending && (this.timedOut || Date.now() >= this.deadline)) {
        this.timedOut = true;
        throw new TimeoutError(this.budgetMs);
      }
      try {
        return await query(...args);
      } catch (error) {
        // TypeORM lets go of a runner whose connection failed; only then is it released before the end.
        if (isDatabaseUnavailable(error) || (runner.isReleased && !this.ended)) throw databaseUnavailable();
        if (!isQueryCanceled(error)) throw error;
        this.timedOut = true;
        throw new TimeoutError(this.budgetMs);
      }
    }) as QueryRunner['query'];
    // The manager's raw query refuses a released runner before reaching it (DataSource.query), so
    // it is sent to the runner itself, whose refusal the wrapper above understands.
    runner.manager.query = ((sql: string, parameters?: unknown[]) =>
      runner.query(sql, parameters)) as EntityManager['query'];
    return runner;
  }
}

/** The request's transaction is gone with its connection, so nothing it changed was kept. */
function databaseUnavailable(): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'The database is unavailable right now (restarting or unreachable); nothing this request changed was kept. Try again shortly',
  );
}

/**
 * Resolvers of one request run concurrently and share its one connection, which runs one statement
 * at a time; pg queues overlapping calls today but deprecates it (removed in pg 9). So statements
 * of a request are chained explicitly, in the order they were issued.
 */
function serialized(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const next = tail.then(() => query(...args));
    tail = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
  return runner;
}

/** Runs work in its own scoped transaction, for code outside a GraphQL request (consumers, seeds). */
export async function withScopedTransaction<T>(
  dataSource: DataSource,
  range: RegionRange,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await applyScope(manager, range);
    return work(manager);
  });
}
