import { Client } from 'pg';
import { bootstrapDatabase, dropDatabase } from '@mingshi/db';
import { TEST_LOGINS, useTestRoles } from '@mingshi/testing';
import { generate, type Scale } from '../scripts/seed/generate';
import type { LoadProgress } from '../scripts/seed/progress';
import { migrateAll } from '../scripts/service-databases';

export interface BenchDatabase {
  name: string;
  appUrl: string;
  seed: { seconds: number; rowsInserted: number; peakMemoryMiB: number };
}

/**
 * The database for one scale (`name`, by default `mingshi_bench_<scale>`), migrated and seeded. It is kept between
 * runs and the generator inserts only what is missing, so a re-run skips the bulk of the work;
 * `fresh` drops it first. Roles are per server and bootstrapping resets their passwords, so the
 * bench uses the tests' roles and logins: a bench, `npm test` and `npm start` may then share a
 * server without locking each other out.
 */
export async function prepareDatabase(
  adminUrl: string,
  scale: Scale,
  options: { name?: string; fresh: boolean; progress: LoadProgress },
): Promise<BenchDatabase> {
  const name = options.name ?? `mingshi_bench_${scale}`;
  useTestRoles();
  if (options.fresh) await dropDatabase(adminUrl, name);
  const { ownerUrl, appUrl } = await bootstrapDatabase(adminUrl, name, TEST_LOGINS);
  await migrateAll(ownerUrl);
  const summary = await generate(ownerUrl, scale, { progress: options.progress });
  // Autovacuum would gather statistics after a bulk load too, but up to a minute later: mid-run.
  await asSuperuser(adminUrl, name, (client) => client.query('ANALYZE'));
  const rowsInserted = Object.values(summary.tables).reduce((sum, table) => sum + table.inserted, 0);
  return {
    name,
    appUrl,
    seed: { seconds: summary.seconds, rowsInserted, peakMemoryMiB: summary.peakMemoryMiB },
  };
}

/** A session on the bench database as the server's superuser, which row-level security does not bind. */
export async function asSuperuser<T>(
  adminUrl: string,
  database: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
