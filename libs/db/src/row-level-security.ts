import type { QueryRunner } from 'typeorm';
import { appRole } from './database-roles';

const IN_SCOPE = (column: string) =>
  `${column} BETWEEN current_setting('mingshi.scope_lo', true) AND current_setting('mingshi.scope_hi', true)`;

/** The SQL condition "this region code is in the caller's range". */
export const inScope = (column = 'region_code') => IN_SCOPE(column);

/** The SQL condition "this region code is a jurisdiction above the caller's range". */
export const aboveScope = (column = 'region_code') =>
  `${column} = ANY (string_to_array(NULLIF(current_setting('mingshi.scope_ancestors', true), ''), ','))`;

/**
 * Migration helper for records visible downwards (studios), with separate conditions for reading
 * and for changing: reads admit `readable`, every write (insert, update, delete) only `writable`.
 * PostgreSQL ORs permissive policies per command, so SELECT sees either and writes see the second.
 */
export async function enableReadWritePolicies(
  runner: QueryRunner,
  table: string,
  readable: string,
  writable: string,
): Promise<void> {
  await runner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await runner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await runner.query(`CREATE POLICY region_read ON ${table} FOR SELECT USING (${readable})`);
  await runner.query(`CREATE POLICY region_write ON ${table} USING (${writable}) WITH CHECK (${writable})`);
}

/**
 * Migration helper: admits only rows whose region code lies in the caller's range (see
 * request-transaction.ts), for reads and writes alike, and grants the app role DML on the table.
 */
export async function enableRegionScope(
  runner: QueryRunner,
  table: string,
  column = 'region_code',
): Promise<void> {
  await enablePolicy(runner, table, IN_SCOPE(column));
}

/**
 * Migration helper for child rows that carry no region themselves: admits a row when `condition`
 * (typically an EXISTS on a region-scoped parent, itself filtered by that parent's policy) holds.
 */
export async function enablePolicy(runner: QueryRunner, table: string, condition: string): Promise<void> {
  await runner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await runner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await runner.query(`CREATE POLICY region_scope ON ${table} USING (${condition}) WITH CHECK (${condition})`);
}

/** Grants the app role what it needs on a schema's tables; migrations call it after creating them. */
export async function grantAppRole(runner: QueryRunner, schema: string): Promise<void> {
  const role = appRole();
  await runner.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
  await runner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
  await runner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
}
