import { Client } from 'pg';
import { adminUrl, createTestDatabase, TEST_ROLES, type TestDatabase } from './test-database';

/**
 * Tests share their PostgreSQL server with whatever else runs on it, `npm start` included, whose
 * roles are the default ones: a test run must leave those roles exactly as it found them.
 */
describe('test databases', () => {
  const DEFAULT_ROLES = ['mingshi_owner', 'mingshi_app'];
  let admin: Client;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
  });

  afterAll(async () => {
    await database?.drop();
    await admin?.end();
  });

  /** Each default role's password hash and attributes, or its absence. */
  async function defaultRoles(): Promise<Record<string, unknown>[]> {
    const { rows } = await admin.query(
      `SELECT rolname, rolpassword, rolcanlogin, rolsuper, rolbypassrls FROM pg_authid
       WHERE rolname = ANY ($1) ORDER BY rolname`,
      [DEFAULT_ROLES],
    );
    return rows;
  }

  it('are bootstrapped without creating or re-passwording the default roles', async () => {
    const before = await defaultRoles();
    database = await createTestDatabase({ template: process.env.MINGSHI_TEST_TEMPLATE });
    expect(await defaultRoles()).toEqual(before);
    const owner = await admin.query(
      `SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1`,
      [database.name],
    );
    expect(owner.rows).toEqual([{ owner: TEST_ROLES.owner }]);
  });

  it('grant the migrated tables to the test app role alone', async () => {
    database ??= await createTestDatabase({ template: process.env.MINGSHI_TEST_TEMPLATE });
    expect(new URL(database.appUrl).username).toBe(TEST_ROLES.app);
    const app = new Client({ connectionString: database.appUrl });
    await app.connect();
    try {
      const { rows } = await app.query(
        `SELECT current_user AS role, has_table_privilege('personnel.teacher', 'SELECT') AS reads,
                has_table_privilege('workshop.outbox', 'INSERT') AS records_events`,
      );
      expect(rows).toEqual([{ role: TEST_ROLES.app, reads: true, records_events: true }]);
    } finally {
      await app.end();
    }
    // Grants live in each database's catalog: ask the test database itself, as the superuser.
    const superuser = new Client({ connectionString: database.superuserUrl });
    await superuser.connect();
    try {
      const { rows } = await superuser.query(
        `SELECT DISTINCT grantee FROM information_schema.role_table_grants
         WHERE table_schema IN ('personnel', 'workshop') AND grantee <> $1 ORDER BY grantee`,
        [TEST_ROLES.owner],
      );
      expect(rows).toEqual([{ grantee: TEST_ROLES.app }]);
    } finally {
      await superuser.end();
    }
  });
});
