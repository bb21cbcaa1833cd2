import { Client } from 'pg';
import { IDENTITY_HEADER, Role, regionRange, signIdentity, type Principal } from '@mingshi/auth';
import { RequestTransaction } from '@mingshi/db';
import { SECTION_SESSION_SETTINGS } from '@mingshi/reports';
import { createTestDatabase, httpRequest, postGraphQL, redisUrl, type TestDatabase } from '@mingshi/testing';
import { createSchool, createTeacher } from '../harness/fixtures';
import { finished, requested } from '../harness/report-fixtures';
import { startServiceProcess, type ServiceProcess } from '../harness/service-process';
import { TEST_SECRETS, TestSystem, type ServiceUnderTest, type TokenRequest } from '../harness/system';

/**
 * DATABASE_READ_URL: analysts' queries and report sections read from the read replicas, everything
 * else from the primary, and with it unset nothing changes. There is no replica here: the read
 * pools are second pools on the same database, told apart by their application name
 * (`<service>-read`) and their own statement counters.
 */
const WEST = '510403';
const EAST = '510402';
const WEST_ANALYST = { role: Role.ANALYST, region: WEST };
const WEST_OFFICE = { role: Role.COUNTY_OFFICE, region: WEST };
const SERVICES_WITH_READ_POOLS = ['personnel', 'workshop', 'finance', 'evaluation'] as const;

interface Counties {
  west: { id: string; name: string; nationalId: string };
  east: { id: string; name: string };
}

/** A teacher in each of two sibling counties of 攀枝花市. */
async function twoCounties(system: TestSystem): Promise<Counties> {
  const west = await createTeacher(system, await createSchool(system, WEST), WEST, { name: '西区老师' });
  const east = await createTeacher(system, await createSchool(system, EAST), EAST, { name: '东区老师' });
  return { west, east };
}

/** What a county analyst is shown of teachers, whichever pool it reads from: its county, masked. */
async function expectAnalystView(system: TestSystem, { west }: Counties): Promise<void> {
  const r = await system.gql(
    WEST_ANALYST,
    `{ teachers(first: 100) { nodes { id name nationalId } totalCount } }`,
  );
  expect(r.errors).toBeUndefined();
  expect(r.data?.teachers).toEqual({
    nodes: [
      {
        id: west.id,
        name: '西区老师',
        nationalId: `${west.nationalId.slice(0, 4)}**********${west.nationalId.slice(-4)}`,
      },
    ],
    totalCount: 1,
  });
}

/** The application names connected to the system's database. */
async function poolsConnected(system: TestSystem): Promise<string[]> {
  const client = new Client({ connectionString: system.database.superuserUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT DISTINCT application_name AS name FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY 1`,
    );
    return rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

const statements = (service: { queries: { statements: string[] } }, marker: string) =>
  service.queries.statements.filter((sql) => sql.includes(marker)).length;

describe('with DATABASE_READ_URL set', () => {
  let system: TestSystem;
  let counties: Counties;
  let services: ServiceUnderTest[];
  const resetCounters = () => {
    for (const service of services) {
      service.queries.reset();
      service.read?.queries.reset();
    }
  };

  beforeAll(async () => {
    system = await TestSystem.start({ readReplicas: true });
    counties = await twoCounties(system);
    services = SERVICES_WITH_READ_POOLS.map((name) => system[name]);
  });
  afterAll(() => system?.stop());

  it('holds a read pool, under its own name, in each service analysts query across', async () => {
    const pools = await poolsConnected(system);
    expect(pools).toEqual(expect.arrayContaining(SERVICES_WITH_READ_POOLS.map((name) => `${name}-read`)));
    // Reports' graph reads the jobs its callers have just asked for: it stays on the primary.
    expect(pools).not.toContain('reports-read');
    expect(system.reports.read).toBeUndefined();
  });

  it("answers an analyst's query from the read pool, with the same scoped, masked data", async () => {
    resetCounters();
    await expectAnalystView(system, counties);
    expect(system.personnel.read!.queries.count).toBeGreaterThan(0);
    expect(system.personnel.queries.count).toBe(0);
  });

  it("still refuses a county analyst another county's teachers there", async () => {
    resetCounters();
    const filtered = await system.gql(
      WEST_ANALYST,
      `{ teachers(filter: { regionCode: "${EAST}" }) { nodes { id } } }`,
    );
    expect(filtered.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(filtered.data).toBeNull();
    const lookup = await system.gql(WEST_ANALYST, `query ($id: ID!) { teacher(id: $id) { name } }`, {
      id: counties.east.id,
    });
    expect(lookup.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(lookup.data).toEqual({ teacher: null });
    expect(JSON.stringify(lookup)).not.toContain('东区老师');
    expect(system.personnel.read!.queries.count).toBeGreaterThan(0);
    expect(system.personnel.queries.count).toBe(0);
  });

  it('binds the read pool by row-level security too, even for SQL with no filter', async () => {
    const tx = new RequestTransaction(
      system.personnelDb,
      regionRange(WEST),
      5_000,
      system.personnel.read!.db,
    );
    expect(tx.readFromReplicas()).toBe(true);
    try {
      const manager = await tx.manager();
      expect(await manager.query(`SELECT region_code FROM personnel.teacher`)).toEqual([
        { region_code: WEST },
      ]);
      expect(await manager.query(`SELECT current_setting('application_name') AS pool`)).toEqual([
        { pool: 'personnel-read' },
      ]);
    } finally {
      await tx.finish(false);
    }
  });

  it("writes an office's mutation, and an analyst-and-office's, on the primary", async () => {
    const update = `mutation ($id: ID!, $phone: String!) { updateTeacher(id: $id, input: { phone: $phone }) { phone } }`;
    const callers: [TokenRequest, string][] = [
      [WEST_OFFICE, '13800001111'],
      [{ role: [Role.ANALYST, Role.COUNTY_OFFICE], region: WEST }, '13800002222'],
    ];
    for (const [caller, phone] of callers) {
      resetCounters();
      const r = await system.gql(caller, update, { id: counties.west.id, phone });
      expect(r.errors).toBeUndefined();
      expect(r.data).toBeDefined();
      expect(statements(system.personnel, 'UPDATE')).toBeGreaterThan(0);
      expect(system.personnel.read!.queries.count).toBe(0);
    }
    // On this one database the analyst reads it at once; a real replica shows it a moment later.
    const office = await system.gql(WEST_OFFICE, `query ($id: ID!) { teacher(id: $id) { phone } }`, {
      id: counties.west.id,
    });
    expect(office.data).toEqual({ teacher: { phone: '13800002222' } });
  });

  it("computes an analyst's report sections on the read pools", async () => {
    resetCounters();
    const job = await requested(system, WEST_ANALYST, {
      kind: 'ANNUAL_SUMMARY',
      regionCode: WEST,
      year: new Date().getFullYear(),
      format: 'CSV',
    });
    expect(await finished(system, WEST_ANALYST, job.id)).toMatchObject({ status: 'SUCCEEDED' });
    for (const service of services) {
      expect(statements(service.read!, SECTION_SESSION_SETTINGS)).toBe(1);
      expect(statements(service, SECTION_SESSION_SETTINGS)).toBe(0);
    }
  });

  it("computes an office's unmasked personnel section on the primary, which records what it shows", async () => {
    resetCounters();
    const job = await requested(system, WEST_OFFICE, {
      kind: 'TRAINING_HOURS',
      regionCode: WEST,
      year: new Date().getFullYear(),
      format: 'CSV',
    });
    expect(await finished(system, WEST_OFFICE, job.id)).toMatchObject({ status: 'SUCCEEDED', masked: false });
    expect(statements(system.personnel, SECTION_SESSION_SETTINGS)).toBe(1);
    expect(statements(system.personnel, 'INSERT INTO personnel.personal_data_access')).toBeGreaterThan(0);
    expect(statements(system.personnel.read!, SECTION_SESSION_SETTINGS)).toBe(0);
  });
});

describe('with DATABASE_READ_URL unset', () => {
  let system: TestSystem;
  let counties: Counties;

  beforeAll(async () => {
    system = await TestSystem.start();
    counties = await twoCounties(system);
  });
  afterAll(() => system?.stop());

  it("answers an analyst's query from the one pool there is, as before", async () => {
    system.personnel.queries.reset();
    await expectAnalystView(system, counties);
    expect(system.personnel.queries.count).toBeGreaterThan(0);
    expect(system.personnel.read).toBeUndefined();
    expect((await poolsConnected(system)).filter((name) => name.endsWith('-read'))).toEqual([]);
  });
});

describe('a process with DATABASE_READ_URL', () => {
  let primary: TestDatabase;
  /** A stand-in for the replicas: a database of its own, so that it can go away on its own. */
  let replicas: TestDatabase;
  const started: ServiceProcess[] = [];

  const start = async (parts: string) => {
    const child = await startServiceProcess('personnel', {
      NODE_ENV: 'test',
      DATABASE_URL: primary.appUrl,
      DATABASE_READ_URL: replicas.appUrl,
      REDIS_URL: redisUrl(),
      GATEWAY_IDENTITY_SECRET: TEST_SECRETS.identity,
      MINGSHI_PARTS: parts,
    });
    started.push(child);
    return child;
  };
  const readPoolsOn = async (database: TestDatabase) => {
    const client = new Client({ connectionString: database.superuserUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'personnel-read'`,
      );
      return rows[0]!.n;
    } finally {
      await client.end();
    }
  };
  const readiness = async (process: ServiceProcess) => {
    const response = await httpRequest(process.url('/readyz'));
    return { status: response.status, checks: (response.body as { checks: Record<string, string> }).checks };
  };
  const ask = async (process: ServiceProcess, principal: Principal) =>
    postGraphQL(
      process.url('/graphql'),
      `{ region(code: "${WEST}") { name } }`,
      {},
      {
        [IDENTITY_HEADER]: await signIdentity(principal, TEST_SECRETS.identity),
      },
    );

  beforeAll(async () => {
    const template = process.env.MINGSHI_TEST_TEMPLATE;
    primary = await createTestDatabase({ template });
    replicas = await createTestDatabase({ template });
  });
  afterAll(async () => {
    await Promise.all(started.map((child) => child.stop()));
    await primary?.drop();
    await replicas?.drop();
  });

  it('opens a read pool only for the parts that read from it, and is ready only while it answers', async () => {
    const consumer = await start('consumer');
    expect(await readiness(consumer)).toEqual({ status: 200, checks: { postgres: 'ok', redis: 'ok' } });
    expect(await readPoolsOn(replicas)).toBe(0);

    const graph = await start('graph');
    expect(await readiness(graph)).toEqual({
      status: 200,
      checks: { postgres: 'ok', 'postgres-read': 'ok', redis: 'ok' },
    });
    const analyst = { userId: 'analyst', roles: [Role.ANALYST], regionCode: WEST };
    const office = { userId: 'office', roles: [Role.COUNTY_OFFICE], regionCode: WEST };
    expect((await ask(graph, analyst)).data).toEqual({ region: { name: '西区' } });
    expect(await readPoolsOn(replicas)).toBeGreaterThan(0);
    expect(await readPoolsOn(primary)).toBe(0);

    // The replicas go away: the process says so, analysts get a clear error, offices are served.
    await replicas.drop();
    expect(await readiness(graph)).toEqual({
      status: 503,
      checks: { postgres: 'ok', 'postgres-read': expect.stringMatching(/^unavailable: /), redis: 'ok' },
    });
    const refused = await ask(graph, analyst);
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect((await ask(graph, office)).data).toEqual({ region: { name: '西区' } });

    for (const child of started.splice(0)) expect(await child.stop()).toBe(0);
  }, 60_000);
});
