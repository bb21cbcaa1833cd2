import { NATIONWIDE } from '@mingshi/auth';
import { TimeoutError } from '@mingshi/graphql';
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
