import { NATIONWIDE } from '@mingshi/auth';
import { ServiceUnavailableError, TimeoutError } from '@mingshi/graphql';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@mingshi/testing';
import type { DataSource, EntityManager } from 'typeorm';
import { createDataSource, createReadDataSource } from './data-source';
import { ReadOnlyRequestError, RequestTransaction } from './request-transaction';

/** A test database of its own with a pool of one connection, for the life of the enclosing describe. */
function onePooledConnection(): { database: () => TestDatabase; dataSource: () => DataSource } {
  let database: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await createDataSource({
      url: database.appUrl,
      schema: 'public',
      entities: [],
      poolSize: 1,
    }).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });
  return { database: () => database, dataSource: () => dataSource };
}

/**
 * A request waits for a pooled connection no longer than its budget: under overload requests would
 * otherwise queue for the pool for ever, long after their callers gave up.
 */
describe('a request transaction when the pool is exhausted', () => {
  const one = onePooledConnection();

  it('answers TIMEOUT at its deadline, and gives back a connection that comes too late', async () => {
    const holder = one.dataSource().createQueryRunner();
    await holder.connect();
    const waiting = new RequestTransaction(one.dataSource(), NATIONWIDE, 300);
    const started = Date.now();
    await expect(waiting.manager()).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
    await waiting.finish(false);

    // The only connection comes back; the late one it was handed is released, not kept.
    await holder.release();
    const next = new RequestTransaction(one.dataSource(), NATIONWIDE, 5_000);
    const manager = await next.manager();
    expect(await manager.query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    await next.finish(true);
  });
});

/**
 * A request sent to the read replicas' pool: READ ONLY there, under the scope set by the same code
 * as on the primary, and never for a mutation. No replica here: the read pool is a second pool on
 * the same database, told apart by its application name.
 */
describe('a request transaction on the read replicas’ pool', () => {
  const COUNTY = { lo: '510403', hi: '510403', ancestors: ['510400', '510000'] };
  let database: TestDatabase;
  let primary: DataSource;
  let read: DataSource;

  const settingsOf = (manager: EntityManager) =>
    manager.query(
      `SELECT current_setting('application_name') AS pool,
              current_setting('transaction_read_only') AS read_only,
              current_setting('mingshi.scope_lo') AS lo, current_setting('mingshi.scope_hi') AS hi,
              current_setting('mingshi.scope_ancestors') AS ancestors,
              current_setting('statement_timeout') <> '0' AS bounded`,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    primary = await createDataSource({
      url: database.appUrl,
      schema: 'public',
      entities: [],
      applicationName: 'personnel',
    }).initialize();
    read = await createReadDataSource(primary, database.appUrl).initialize();
  });
  afterAll(async () => {
    await read?.destroy();
    await primary?.destroy();
    await database?.drop();
  });

  it('reads READ ONLY from the read pool, in the same scope the primary would set', async () => {
    const onPrimary = new RequestTransaction(primary, COUNTY, 5_000, read);
    const onReplicas = new RequestTransaction(primary, COUNTY, 5_000, read);
    expect(onReplicas.readFromReplicas()).toBe(true);
    try {
      const [primarySettings] = await settingsOf(await onPrimary.manager());
      const [replicaSettings] = await settingsOf(await onReplicas.manager());
      expect(primarySettings).toEqual({
        pool: 'personnel',
        read_only: 'off',
        lo: '510403',
        hi: '510403',
        ancestors: '510400,510000',
        bounded: true,
      });
      expect(replicaSettings).toEqual({ ...primarySettings, pool: 'personnel-read', read_only: 'on' });
      expect(onReplicas.readsReplicas).toBe(true);
    } finally {
      await onPrimary.finish(true);
      await onReplicas.finish(true);
    }
  });

  it('fails a write that reaches the read pool, cleanly, and refuses a mutation before any SQL', async () => {
    const tx = new RequestTransaction(primary, COUNTY, 5_000, read);
    tx.readFromReplicas();
    try {
      const manager = await tx.manager();
      await expect(manager.query(`CREATE TABLE public.stray (id int)`)).rejects.toThrow(
        /cannot execute CREATE TABLE in a read-only transaction/,
      );
      await expect(tx.atomically(() => Promise.resolve('written'))).rejects.toBeInstanceOf(
        ReadOnlyRequestError,
      );
    } finally {
      await tx.finish(false);
    }
  });

  it('stays where it is once open, and on the primary when there is no read pool', async () => {
    const opened = new RequestTransaction(primary, COUNTY, 5_000, read);
    const alone = new RequestTransaction(primary, COUNTY, 5_000);
    try {
      await opened.manager();
      expect(opened.readFromReplicas()).toBe(false);
      expect(alone.readFromReplicas()).toBe(false);
      for (const tx of [opened, alone]) {
        const [settings] = await settingsOf(await tx.manager());
        expect(settings).toMatchObject({ pool: 'personnel', read_only: 'off' });
        await expect(tx.atomically(() => Promise.resolve('written'))).resolves.toBe('written');
      }
    } finally {
      await opened.finish(false);
      await alone.finish(false);
    }
  });
});

/**
 * A database that goes away under a request (a restart ends every session) is the request's
 * SERVICE_UNAVAILABLE, which a client may retry, not an internal error; the next request finds a
 * new connection.
 */
describe('a request transaction when the database ends its session', () => {
  const one = onePooledConnection();

  /** What a fast shutdown does to every session: 57P01 admin_shutdown. */
  async function endSessionOf(request: RequestTransaction): Promise<void> {
    const manager = await request.manager();
    const [{ pid }] = (await manager.query(`SELECT pg_backend_pid() AS pid`)) as { pid: number }[];
    const admin = new Client({ connectionString: one.database().superuserUrl });
    await admin.connect();
    await admin.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await admin.end();
  }

  it('answers SERVICE_UNAVAILABLE, and the next request is served', async () => {
    const request = new RequestTransaction(one.dataSource(), NATIONWIDE, 5_000);
    const manager = await request.manager();
    await endSessionOf(request);

    const failure = await manager.query(`SELECT 1`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceUnavailableError);
    expect((failure as Error).message).toMatch(/database is unavailable/);
    await request.finish(false);

    const next = new RequestTransaction(one.dataSource(), NATIONWIDE, 5_000);
    expect(await (await next.manager()).query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    await next.finish(true);
  });

  it('answers SERVICE_UNAVAILABLE to a commit the database is no longer there for', async () => {
    const request = new RequestTransaction(one.dataSource(), NATIONWIDE, 5_000);
    await endSessionOf(request);
    // The session's end reaches the client a moment after the terminating statement returns.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(request.finish(true)).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});
