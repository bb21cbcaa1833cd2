/**
 * The two login roles, by name. Roles belong to a whole PostgreSQL server, not to a database, so
 * processes sharing a server but not a deployment (the tests and the bench beside `npm start`)
 * name roles of their own through these variables; bootstrapping resets a role's password, and
 * sharing one would lock the other side out. Read when used, so that migrations grant to the role
 * of the process running them. Unset, they are `mingshi_owner` and `mingshi_app`.
 */
export const ROLE_VARIABLES = { owner: 'DB_OWNER_ROLE', app: 'DB_APP_ROLE' } as const;

const DEFAULT_ROLES = { owner: 'mingshi_owner', app: 'mingshi_app' } as const;

/** Role names go into SQL unquoted (GRANT … TO name), so only plain lower-case identifiers pass. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The role that owns every service schema and runs migrations. */
export function ownerRole(env: NodeJS.ProcessEnv = process.env): string {
  return roleName('owner', env);
}

/** The login role services run as. It owns nothing, so FORCE ROW LEVEL SECURITY binds it. */
export function appRole(env: NodeJS.ProcessEnv = process.env): string {
  return roleName('app', env);
}

function roleName(kind: keyof typeof DEFAULT_ROLES, env: NodeJS.ProcessEnv): string {
  const variable = ROLE_VARIABLES[kind];
  const name = env[variable] || DEFAULT_ROLES[kind];
  if (!ROLE_NAME.test(name)) {
    throw new Error(`${variable} must be a lower-case PostgreSQL identifier (a-z, 0-9, _), not "${name}"`);
  }
  return name;
}
