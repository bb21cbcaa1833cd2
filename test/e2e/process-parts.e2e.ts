import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QueueName, createRedisConnection, hashTaggedPrefix } from '@mingshi/events';
import { httpRequest, postGraphQL, redisUrl, uniqueName } from '@mingshi/testing';
import {
  runServiceToExit,
  startServiceProcess,
  type OutputLines,
  type ServiceProcess,
} from '../harness/service-process';
import { TEST_SECRETS, TestSystem } from '../harness/system';
import { foundStudio } from '../harness/workshop-fixtures';

/**
 * MINGSHI_PARTS on real processes: a process runs the parts it is given and nothing else, a
 * worker without the graph still answers its probes and scrapes, parts split across processes
 * still carry an event end to end, and a part that does not exist stops the process at start.
 */
describe('process parts', () => {
  let system: TestSystem;
  let superuser: Client;
  const started: ServiceProcess[] = [];

  /** What every service process reads, pointed at this system's database and queues. */
  const serviceEnv = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: system.database.appUrl,
    REDIS_URL: redisUrl(),
    GATEWAY_IDENTITY_SECRET: TEST_SECRETS.identity,
    QUEUE_PREFIX: system.queuePrefix,
    REPORT_STORE_DIR: process.env.REPORT_STORE_DIR,
    ...env,
  });
  const start = async (service: string, env: NodeJS.ProcessEnv) => {
    const child = await startServiceProcess(service, serviceEnv(env));
    started.push(child);
    return child;
  };

  beforeAll(async () => {
    system = await TestSystem.start();
    superuser = new Client({ connectionString: system.database.superuserUrl });
    await superuser.connect();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(started.map((child) => child.stop()));
    await superuser?.end();
    await system?.stop();
  });

  it('serves probes and metrics, not GraphQL, and runs no worker in a relay-only process', async () => {
    // Queues of its own, so that the in-process system's workers are not counted.
    const prefix = hashTaggedPrefix(uniqueName('parts'));
    const relay = await start('finance', { MINGSHI_PARTS: 'relay', QUEUE_PREFIX: prefix });

    const graphql = await httpRequest(relay.url('/graphql'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(graphql.status).toBe(404);
    expect(graphql.body).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    expect(await httpRequest(relay.url('/healthz'))).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await httpRequest(relay.url('/readyz'))).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { postgres: 'ok', redis: 'ok' } },
    });
    const metrics = await httpRequest(relay.url('/metrics'));
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    // The relay's own statements, outside any GraphQL request, are counted.
    expect(metrics.body).toMatch(/^mingshi_sql_statements_total\{transaction="other"[^}]*\} [1-9]/m);

    const connection = createRedisConnection(redisUrl());
    try {
      for (const name of [
        QueueName.FINANCE_INBOX,
        QueueName.FINANCE_REPORT_SECTIONS,
        QueueName.FINANCE_WEBHOOKS,
      ]) {
        const queue = new Queue(name, { connection, prefix });
        expect([name, await queue.getWorkersCount()]).toEqual([name, 0]);
        await queue.close();
      }
    } finally {
      connection.disconnect();
    }
    expect(await relay.stop()).toBe(0);
  }, 60_000);

  it('carries an event from a graph-only workshop to its consumer through a relay-only one', async () => {
    const studio = await foundStudio(system, { status: 'PROPOSED' });
    const graph = await start('workshop', { MINGSHI_PARTS: 'graph', PERSONNEL_URL: system.personnelUrl });
    const gatewayUrl = await system.startGateway({ WORKSHOP_URL: graph.url('/graphql') });
    const activated = await postGraphQL(
      gatewayUrl,
      `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`,
      { input: { workshopId: studio.id, to: 'ACTIVE', reason: '批准成立' } },
      { authorization: `Bearer ${await system.token(studio.office)}` },
    );
    expect(activated.errors).toBeUndefined();
    expect(activated.data).toEqual({ changeWorkshopStatus: { status: 'ACTIVE' } });

    const event = async () =>
      (
        await superuser.query<{ event_id: string; published: boolean }>(
          `SELECT event_id, published_at IS NOT NULL AS published FROM workshop.outbox
           WHERE type = 'workshop.status-changed' AND payload->>'workshopId' = $1 AND payload->>'to' = 'ACTIVE'`,
          [studio.id],
        )
      ).rows;
    // The graph commits the event with the change and leaves publishing to the relay: three of
    // the relay's ticks later, nothing has taken it.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const [recorded] = await event();
    expect(recorded).toMatchObject({ published: false });

    await start('workshop', { MINGSHI_PARTS: 'relay' });
    // Finance's consumer (in the system) records the event in its inbox when it handles it.
    await waitFor(async () => {
      const handled = await superuser.query(`SELECT 1 FROM finance.inbox WHERE event_id = $1`, [
        recorded!.event_id,
      ]);
      return handled.rowCount === 1;
    });
    expect(await event()).toEqual([{ event_id: recorded!.event_id, published: true }]);
  }, 60_000);

  it('refuses to start with a part that does not exist, naming what the service runs', async () => {
    const lines: OutputLines = [];
    expect(await runServiceToExit('finance', serviceEnv({ MINGSHI_PARTS: 'relay,bogus' }), lines)).toBe(1);
    expect(lines.join('\n')).toContain(
      'MINGSHI_PARTS: "bogus" is not a part of finance; finance runs graph, consumer, relay, sections, webhooks',
    );
  }, 60_000);
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
