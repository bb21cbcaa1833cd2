import { randomBytes } from 'node:crypto';
import { ROLE_VARIABLES, bootstrapDatabase, dropDatabase } from '@mingshi/db';

/**
 * Test databases. A run migrates one template database once (jest globalSetup); each test file then
 * gets its own copy (CREATE DATABASE … TEMPLATE, a file copy, far faster than migrating), so files
 * run in parallel without seeing each other's rows, and runs never collide.
 */
export const TEST_LOGINS = { ownerPassword: 'mingshi-owner-test', appPassword: 'mingshi-app-test' };

/**
 * The roles tests (and the bench) bootstrap, own and grant to: their own, so that resetting their
 * passwords never locks out an `npm start` or a deployment using the same PostgreSQL server.
 */
export const TEST_ROLES = { owner: 'mingshi_test_owner', app: 'mingshi_test_app' } as const;

/**
 * Makes this process, and the processes it starts (jest's workers, the bench's subgraphs), use
 * the test roles: bootstrapDatabase creates them and migrations grant to them.
 */
export function useTestRoles(): void {
  process.env[ROLE_VARIABLES.owner] = TEST_ROLES.owner;
  process.env[ROLE_VARIABLES.app] = TEST_ROLES.app;
}

export function adminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
}

export function redisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export interface TestDatabase {
  name: string;
  ownerUrl: string;
  appUrl: string;
  /**
   * The superuser in this database. Row-level security is forced on the owner too, so this is how
   * a test sees every row that was really stored (or was not).
   */
  superuserUrl: string;
  drop: () => Promise<void>;
}

/** The admin (superuser) connection, pointed at one database. */
export function superuserUrlOf(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh database, empty or copied from `template`, owned by the test roles. */
export async function createTestDatabase(
  options: { template?: string; name?: string } = {},
): Promise<TestDatabase> {
  useTestRoles();
  const name = options.name ?? uniqueName('mingshi_test');
  const { ownerUrl, appUrl } = await bootstrapDatabase(adminUrl(), name, TEST_LOGINS, options);
  return {
    name,
    ownerUrl,
    appUrl,
    superuserUrl: superuserUrlOf(name),
    drop: () => dropDatabase(adminUrl(), name),
  };
}
