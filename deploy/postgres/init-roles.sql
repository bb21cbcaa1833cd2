-- Creates the Mingshi Graph database and its two login roles, with the same outcome as
-- bootstrapDatabase() in libs/db/src/database-bootstrap.ts:
--
--   mingshi_owner  owns database `mingshi` and every service schema; runs migrations only.
--   mingshi_app    what the services connect as. Owns nothing, so FORCE ROW LEVEL SECURITY binds
--                  it; NOSUPERUSER NOBYPASSRLS so nothing lets it step around the policies.
--                  Table privileges come from the migrations (grantAppRole).
--
-- Passwords come from the environment: DB_OWNER_PASSWORD and DB_APP_PASSWORD. Needs psql 15+
-- (\getenv). Idempotent: re-running it resets the passwords and attributes.
--
-- docker-compose.yml mounts it into /docker-entrypoint-initdb.d/, where the postgres image runs
-- it once, as the superuser, when the data volume is first initialised. Against any other server
-- (managed PostgreSQL, an existing volume) run it yourself as an administrator:
--
--   DB_OWNER_PASSWORD=… DB_APP_PASSWORD=… psql "$ADMIN_URL" -v ON_ERROR_STOP=1 -f deploy/postgres/init-roles.sql

\set ON_ERROR_STOP on

\getenv owner_password DB_OWNER_PASSWORD
\getenv app_password DB_APP_PASSWORD

\if :{?owner_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'DB_OWNER_PASSWORD is not set'; END $$;
\endif
\if :{?app_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'DB_APP_PASSWORD is not set'; END $$;
\endif

SELECT length(:'owner_password') >= 8 AND length(:'app_password') >= 8 AS passwords_long_enough \gset
\if :passwords_long_enough
\else
  DO $$ BEGIN RAISE EXCEPTION 'DB_OWNER_PASSWORD and DB_APP_PASSWORD must be at least 8 characters'; END $$;
\endif

-- CREATE or ALTER, so a rerun repairs the roles instead of failing.
SELECT format(
         '%s ROLE mingshi_owner LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE PASSWORD %L',
         CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mingshi_owner') THEN 'ALTER' ELSE 'CREATE' END,
         :'owner_password')
\gexec

SELECT format(
         '%s ROLE mingshi_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE PASSWORD %L',
         CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mingshi_app') THEN 'ALTER' ELSE 'CREATE' END,
         :'app_password')
\gexec

-- CREATE DATABASE cannot run inside a function or transaction block, hence \gexec. If the
-- database already existed (say POSTGRES_DB=mingshi made it), it is handed to the owner role.
SELECT 'CREATE DATABASE mingshi OWNER mingshi_owner'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'mingshi')
\gexec
ALTER DATABASE mingshi OWNER TO mingshi_owner;

GRANT CONNECT ON DATABASE mingshi TO mingshi_app;
