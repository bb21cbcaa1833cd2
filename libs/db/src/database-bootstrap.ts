import { Client } from 'pg';
import { appRole, ownerRole } from './database-roles';

export interface DatabaseLogins {
  ownerPassword: string;
  appPassword: string;
}

/** Builds a connection URL for one of our roles from an admin URL's host and port. */
export function roleUrl(adminUrl: string, role: string, password: string, database: string): string {
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Creates (or repairs) the two login roles and the database, as a superuser: the owner that runs
 * migrations, and the app role services connect as, which owns nothing and cannot bypass
 * row-level security. Idempotent, so `npm start` and the test harness may call it every time.
 * The roles are those this process names (database-roles.ts); only their passwords are reset.
 */
export async function bootstrapDatabase(
  adminUrl: string,
  database: string,
  logins: DatabaseLogins,
  options: { template?: string } = {},
): Promise<{ ownerUrl: string; appUrl: string }> {
  const owner = ownerRole();
  const app = appRole();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Parallel callers (test files starting together) would otherwise collide on ALTER ROLE with
    // "tuple concurrently updated"; the lock is released when this session ends.
    await admin.query(`SELECT pg_advisory_lock(hashtext('mingshi.bootstrap'))`);
    for (const [role, password] of [
      [owner, logins.ownerPassword],
      [app, logins.appPassword],
    ] as const) {
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      await admin.query(
        `${verb} ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE PASSWORD ${literal(password)}`,
      );
    }
    const db = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!db.rowCount) {
      const template = options.template ? ` TEMPLATE "${options.template}"` : '';
      await admin.query(`CREATE DATABASE "${database}" OWNER ${owner}${template}`);
    }
    await admin.query(`GRANT CONNECT ON DATABASE "${database}" TO ${app}`);
  } finally {
    await admin.end();
  }
  return {
    ownerUrl: roleUrl(adminUrl, owner, logins.ownerPassword, database),
    appUrl: roleUrl(adminUrl, app, logins.appPassword, database),
  };
}

/** Drops a database, ending its sessions first (tests clean up after themselves). */
export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
