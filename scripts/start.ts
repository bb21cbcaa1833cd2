import path from 'node:path';
import { Role, mintDevToken } from '@mingshi/auth';
import { bootstrapDatabase } from '@mingshi/db';
import { DEV_DEFAULTS } from '@mingshi/config';
import { startEmbeddedPostgres } from './lib/embedded-postgres';
import { ensureRedis } from './lib/redis-server';
import { startSystemProcesses } from './lib/system-processes';
import { generate } from './seed/generate';
import { streamProgress } from './seed/progress';
import { migrateAll } from './service-databases';

/**
 * `npm start`: the whole system on this machine with demo data. PostgreSQL is DATABASE_URL (a
 * role that may create roles and databases) or an embedded server under .data/postgres; Redis is
 * REDIS_URL, one already on 127.0.0.1:6379, or a redis-server started here with its AOF under
 * .data/redis (installed first with apt-get on a fresh Debian machine, as root). Then migrations,
 * the demo seed, the subgraphs and the gateway. Ctrl-C (SIGINT) or SIGTERM stops all it started.
 */

const ROOT = path.join(__dirname, '..');
/** Not 5432, so that it never meets a PostgreSQL installed on the machine. */
const EMBEDDED_POSTGRES_PORT = 54329;
const DATABASE = 'mingshi';

const SAMPLE_CALLERS = [
  { role: Role.COUNTY_OFFICE, region: '510403', label: '攀枝花市西区' },
  { role: Role.CITY_OFFICE, region: '530800', label: '普洱市' },
  { role: Role.PROVINCE_OFFICE, region: '520000', label: '贵州省' },
  { role: Role.ANALYST, region: '520000', label: '贵州省, read-only, personal data masked' },
  { role: Role.FINANCE_SYSTEM, region: '510400', label: '攀枝花市 finance system: funds and fund events' },
];
const FIRST_QUERY =
  '{ teachers(first: 5) { nodes { name school { name } region { fullName } nationalId } } }';

/** What was started, stopped in reverse order. */
const teardown: { name: string; stop: () => Promise<void> }[] = [];
let shuttingDown = false;

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutDown(signal, 0));

  const env = process.env;
  const secrets = {
    JWT_SECRET: env.JWT_SECRET ?? DEV_DEFAULTS.JWT_SECRET,
    GATEWAY_IDENTITY_SECRET: env.GATEWAY_IDENTITY_SECRET ?? DEV_DEFAULTS.GATEWAY_IDENTITY_SECRET,
  };

  let adminUrl = env.DATABASE_URL;
  if (adminUrl) {
    console.log(`PostgreSQL: DATABASE_URL (${new URL(adminUrl).host})`);
  } else {
    console.log(`PostgreSQL: embedded, data in .data/postgres, port ${EMBEDDED_POSTGRES_PORT}`);
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(ROOT, '.data', 'postgres'),
      port: EMBEDDED_POSTGRES_PORT,
    });
    teardown.push({ name: 'PostgreSQL', stop: postgres.stop });
    adminUrl = postgres.adminUrl;
  }
  const { ownerUrl, appUrl } = await bootstrapDatabase(adminUrl, DATABASE, {
    ownerPassword: env.DB_OWNER_PASSWORD ?? DEV_DEFAULTS.DB_OWNER_PASSWORD,
    appPassword: env.DB_APP_PASSWORD ?? DEV_DEFAULTS.DB_APP_PASSWORD,
  });

  const redis = await ensureRedis(env, { dataDir: path.join(ROOT, '.data', 'redis') });
  teardown.push({ name: 'Redis', stop: redis.stop });
  console.log(`Redis: ${redis.url}`);

  const applied = await migrateAll(ownerUrl);
  console.log(applied.length ? `migrations applied:\n  ${applied.join('\n  ')}` : 'migrations: up to date');

  console.log('demo data:');
  const seed = await generate(ownerUrl, 'demo', { progress: streamProgress(process.stdout) });
  const inserted = Object.values(seed.tables).reduce((sum, table) => sum + table.inserted, 0);
  console.log(`demo data: ${inserted ? `${inserted} rows inserted` : 'already loaded'} (${seed.seconds} s)`);

  const system = await startSystemProcesses({
    appDatabaseUrl: appUrl,
    redisUrl: redis.url,
    env: { ...secrets, REPORT_STORE_DIR: env.REPORT_STORE_DIR ?? path.join(ROOT, '.data', 'report-files') },
    subgraphEnv: {
      reports: { REPORT_DOWNLOAD_SECRET: env.REPORT_DOWNLOAD_SECRET ?? DEV_DEFAULTS.REPORT_DOWNLOAD_SECRET },
    },
  });
  teardown.push({ name: 'services', stop: system.stop });
  void system.exited.then(({ description }) => {
    console.error(`\n${description}\nstopping everything`);
    void shutDown('a service ended', 1);
  });

  await printWelcome(system.gatewayUrl, secrets.JWT_SECRET);
}

async function printWelcome(gatewayUrl: string, jwtSecret: string): Promise<void> {
  const tokens = await Promise.all(
    SAMPLE_CALLERS.map(async (caller) => ({
      ...caller,
      token: await mintDevToken(
        {
          userId: `dev-${caller.role.toLowerCase()}-${caller.region}`,
          roles: [caller.role],
          regionCode: caller.region,
        },
        jwtSecret,
      ),
    })),
  );
  const body = JSON.stringify({ query: FIRST_QUERY });
  console.log(`
Mingshi Graph is running.
  GraphQL   ${gatewayUrl}
  Explorer  ${gatewayUrl.replace(/graphql$/, '')}   (paste a token below)

Sample tokens, valid 12 h (more: npm run token -- --role <ROLE> --region <code>):
${tokens.map((t) => `  ${t.role} ${t.region} (${t.label})\n    ${t.token}`).join('\n')}

A first query, as the ${tokens[0]!.label} county bureau:
  curl -s ${gatewayUrl} -H 'content-type: application/json' \\
    -H 'authorization: Bearer ${tokens[0]!.token}' \\
    -d '${body}'

Ctrl-C stops everything.`);
}

async function shutDown(reason: string, exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`\n${reason}: stopping`);
  for (const step of teardown.reverse()) {
    try {
      await step.stop();
    } catch (error) {
      console.error(`could not stop ${step.name}: ${(error as Error).message}`);
    }
  }
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void shutDown('start-up failed', 1);
});
