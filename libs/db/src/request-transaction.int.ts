import { NATIONWIDE } from '@mingshi/auth';
import { ServiceUnavailableError, TimeoutError } from '@mingshi/graphql';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@mingshi/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { RequestTransaction } from './request-transaction';

/**
 * A request waits for a pooled connection no longer than its budget: under overload requests would
 * otherwise queue for the pool for ever, long after their callers gave up.
 */
describe('a request transaction when the pool is exhausted', () => {
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

  it('answers TIMEOUT at its deadline, and gives back a connection that comes too late', async () => {
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    const waiting = new RequestTransaction(dataSource, NATIONWIDE, 300);
    const started = Date.now();
    await expect(waiting.manager()).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
    await waiting.finish(false);

    // The only connection comes back; the late one it was handed is released, not kept.
    await holder.release();
    const next = new RequestTransaction(dataSource, NATIONWIDE, 5_000);
    const manager = await next.manager();
    expect(await manager.query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    await next.finish(true);
  });
});

/**
 * A database that goes away under a request (a restart ends every session) is the request's
 * SERVICE_UNAVAILABLE, which a client may retry, not an internal error; the next request finds a
 * new connection.
 */
describe('a request transaction when the database ends its session', () => {
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

  /** What a fast shutdown does to every session: 57P01 admin_shutdown. */
  async function endSessionOf(request: RequestTransaction): Promise<void> {
    const manager = await request.manager();
    const [{ pid }] = (await manager.query(`SELECT pg_backend_pid() AS pid`)) as { pid: number }[];
    const admin = new Client({ connectionString: database.superuserUrl });
    await admin.connect();
    await admin.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await admin.end();
  }

  it('answers SERVICE_UNAVAILABLE, and the next request is served', async () => {
    const request = new RequestTransaction(dataSource, NATIONWIDE, 5_000);
    const manager = await request.manager();
    await endSessionOf(request);

    const failure = await manager.query(`SELECT 1`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceUnavailableError);
    expect((failure as Error).message).toMatch(/database is unavailable/);
    await request.finish(false);

    const next = new RequestTransaction(dataSource, NATIONWIDE, 5_000);
    expect(await (await next.manager()).query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    await next.finish(true);
  });

  it('answers SERVICE_UNAVAILABLE to a commit the database is no longer there for', async () => {
    const request = new RequestTransaction(dataSource, NATIONWIDE, 5_000);
    await endSessionOf(request);
    // The session's end reaches the client a moment after the terminating statement returns.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(request.finish(true)).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});
