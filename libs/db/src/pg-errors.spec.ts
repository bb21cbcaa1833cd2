import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './pg-errors';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

function failedQuery(driverError: Error): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], driverError);
}

describe('isDatabaseUnavailable', () => {
  it('knows a database that is shutting down, starting up or unreachable', () => {
    expect(isDatabaseUnavailable(failedQuery(withCode('terminating connection', '57P01')))).toBe(true);
    expect(isDatabaseUnavailable(failedQuery(withCode('the database system is starting up', '57P03')))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(failedQuery(withCode('connection failure', '08006')))).toBe(true);
    expect(isDatabaseUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(failedQuery(new Error('Connection terminated unexpectedly')))).toBe(true);
  });

  it('does not take a statement that failed on its own for an outage', () => {
    expect(isDatabaseUnavailable(failedQuery(withCode('duplicate key', '23505')))).toBe(false);
    expect(isDatabaseUnavailable(failedQuery(withCode('canceling statement', '57014')))).toBe(false);
    expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
