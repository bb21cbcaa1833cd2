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

/**
 * SQLSTATEs by which PostgreSQL says it cannot serve now: shutting down (57P01 admin_shutdown,
 * 57P02 crash_shutdown) or not yet accepting connections (57P03 cannot_connect_now); and class 08,
 * connection exceptions.
 */
const UNAVAILABLE_STATES = ['57P01', '57P02', '57P03'];
/** Socket errors of a connection to PostgreSQL refused, reset or gone. */
const UNAVAILABLE_SOCKETS = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'];
/** What pg says, by message only, of a connection that ended under it. */
const ENDED_CONNECTION = /Connection terminated|connection error and is not queryable/;

/**
 * Whether a statement or a connection failed because the database is not there right now
 * (restarting, failing over, unreachable) rather than because of the statement: a request can then
 * be answered SERVICE_UNAVAILABLE, which a client may retry, instead of an internal error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const cause = error instanceof QueryFailedError ? error.driverError : error;
  if (!(cause instanceof Error)) return false;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') || UNAVAILABLE_STATES.includes(code) || UNAVAILABLE_SOCKETS.includes(code))
      return true;
  }
  return ENDED_CONNECTION.test(cause.message);
}
