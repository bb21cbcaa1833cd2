import { QueryFailedError } from 'typeorm';

/** Whether a query failed on a unique constraint (optionally a specific one), so a service can
 * report CONFLICT instead of an internal error. Uniqueness holds across row-level security, so
 * this is how a county learns a national ID is already registered elsewhere. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (!constraint || driverError.constraint === constraint);
}

/** Whether PostgreSQL cancelled the statement (statement_timeout, or a cancel request). */
export function isQueryCanceled(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '57014';
}

/** Whether a write broke a CHECK constraint (optionally a specific one): a rule the database holds. */
export function isCheckViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23514' && (!constraint || driverError.constraint === constraint);
}
