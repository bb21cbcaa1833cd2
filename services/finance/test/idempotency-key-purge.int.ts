import type { DataSource } from 'typeorm';
import { NATIONWIDE } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import { createTestDatabase, type TestDatabase } from '@mingshi/testing';
import { financeDataSource } from '../src/data-source';
import { IDEMPOTENCY_KEY_RETENTION_HOURS, purgeExpiredIdempotencyKeys } from '../src/services/idempotency';

/**
 * Every replica running finance's graph purges expired idempotency keys on its own timer; one
 * purges at a time, the others skip their turn instead of waiting on its row locks.
 */
describe('the idempotency-key purge', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ template: process.env.MINGSHI_TEST_TEMPLATE });
    db = await financeDataSource(database.appUrl).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const system = <T>(work: Parameters<typeof withScopedTransaction<T>>[2]) =>
    withScopedTransaction(db, NATIONWIDE, work);
  const keys = async () =>
    (
      (await system((m) => m.query(`SELECT key FROM finance.idempotency_key ORDER BY key`))) as {
        key: string;
      }[]
    ).map((row) => row.key);

  it('forgets the keys past retention, keeps the others, and skips while another replica purges', async () => {
    await system((m) =>
      m.query(
        `INSERT INTO finance.idempotency_key (user_id, key, operation, request_hash, created_at) VALUES
           ('u', 'expired', 'allocateFunds', repeat('0', 64), now() - make_interval(hours => $1 + 1)),
           ('u', 'kept', 'allocateFunds', repeat('0', 64), now() - make_interval(hours => $1 - 1))`,
        [IDEMPOTENCY_KEY_RETENTION_HOURS],
      ),
    );
    // One replica is in the middle of its purge, its transaction still open …
    let purging!: () => void;
    let finish!: () => void;
    const inside = new Promise<void>((resolve) => (purging = resolve));
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const first = system(async (manager) => {
      const purged = await purgeExpiredIdempotencyKeys(manager);
      purging();
      await finished;
      return purged;
    });
    await inside;
    // … so another one's turn answers at once, having done nothing.
    expect(await system(purgeExpiredIdempotencyKeys)).toBe(false);
    finish();
    expect(await first).toBe(true);
    expect(await keys()).toEqual(['kept']);
    expect(await system(purgeExpiredIdempotencyKeys)).toBe(true);
  });
});
