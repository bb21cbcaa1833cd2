import { appRole, ownerRole } from './database-roles';

describe('database roles', () => {
  it('are mingshi_owner and mingshi_app unless the environment names others', () => {
    expect([ownerRole({}), appRole({})]).toEqual(['mingshi_owner', 'mingshi_app']);
    expect([ownerRole({ DB_OWNER_ROLE: 'ci_owner' }), appRole({ DB_APP_ROLE: 'ci_app' })]).toEqual([
      'ci_owner',
      'ci_app',
    ]);
  });

  it('refuse names that would not be plain SQL identifiers', () => {
    expect(() => appRole({ DB_APP_ROLE: 'app; DROP ROLE x' })).toThrow(/DB_APP_ROLE must be/);
    expect(() => ownerRole({ DB_OWNER_ROLE: 'Owner' })).toThrow(/DB_OWNER_ROLE must be/);
  });
});
