import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '@mingshi/auth';
import { Redis } from 'ioredis';
import { startRedisCluster, uniqueName, type TestRedisCluster } from '@mingshi/testing';
import { QUEUE_REDIS_ARGS, QueueName } from '@mingshi/events';
import { createSchool, createTeacher } from '../harness/fixtures';
import { DECIDE, READ_ALLOCATION, THIS_YEAR, allocated, submitted } from '../harness/finance-fixtures';
import { eventually, financeSystem, registeredEndpoint } from '../harness/fund-event-fixtures';
import { ProcessSystem } from '../harness/process-system';
import { finished } from '../harness/report-fixtures';
import { WebhookReceiver } from '../harness/webhook-receiver';
import { foundStudio } from '../harness/workshop-fixtures';

const HERE = '510403';
const COUNTY = { role: Role.COUNTY_OFFICE, region: HERE };
const FINANCE = financeSystem(HERE, 'finance-ledger-cluster');

/** Every key the node at `url` holds under `prefix`. */
async function keysOn(url: string, prefix: string): Promise<string[]> {
  const node = new Redis(url);
  try {
    return await node.keys(`${prefix}*`);
  } finally {
    node.disconnect();
  }
}

/**
 * The whole system as processes on a Redis Cluster spoken to directly (REDIS_CLUSTER=true, REDIS_URL
 * one of its nodes, not the one that holds the queues): every queue path works — the outbox relay into another service's inbox, fund
 * events to a webhook, a report's flow across the services' section queues — and every key of the
 * deployment lives on the one node that owns its prefix's slot.
 */
describe('the system on a Redis Cluster', () => {
  let cluster: TestRedisCluster;
  let webhooks: WebhookReceiver;
  let system: ProcessSystem;
  const prefix = `{${uniqueName('cluster')}}`;

  beforeAll(async () => {
    cluster = await startRedisCluster({ args: () => QUEUE_REDIS_ARGS });
    // Named by a node that does not hold the queues, as a configuration endpoint would be: a client
    // that did not follow the cluster's redirections would fail at once.
    const owner = await cluster.ownerOf(`${prefix}:any`);
    webhooks = await WebhookReceiver.start();
    system = await ProcessSystem.start({
      REDIS_URL: cluster.nodes.find((node) => node !== owner)!,
      REDIS_CLUSTER: 'true',
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'info',
      REPORT_TRACK_INTERVAL_MS: '200',
      // A subscription then hears of a new fund event only by the cluster's pub/sub in time.
      SUBSCRIPTION_POLL_MS: '60000',
    });
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await webhooks?.stop();
    await cluster?.stop();
  });

  it('starts every process ready, finding every primary set up for queues', () => {
    const problems = system.lines.filter((line) =>
      /not set up for queues|could not read the settings/.test(line.text),
    );
    expect(problems.map((line) => `${line.process}: ${line.text}`)).toEqual([]);
    // Nor does any process complain of a key in the wrong slot (CROSSSLOT) or a moved one it failed to follow.
    expect(system.lines.filter((line) => /CROSSSLOT|MOVED|ClusterAllFailedError/.test(line.text))).toEqual(
      [],
    );
  });

  it("carries a workshop event through the outbox relay into finance's inbox", async () => {
    const studio = await foundStudio(system, { countyCode: HERE, name: '西区集群工作室' });
    const allocation = await allocated(system, studio, '500.00');
    const revoke = await system.gql(
      studio.office,
      `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`,
      { input: { workshopId: studio.id, to: 'REVOKED', reason: '考核不合格' } },
    );
    expect(revoke.errors).toBeUndefined();
    const read = await eventually(
      async () => (await system.gql(COUNTY, READ_ALLOCATION, { id: allocation.id })).data?.fundAllocation,
      (found) => found?.status === 'FROZEN',
      20_000,
      "finance's freezing of the revoked studio's allocation",
    );
    expect(read.frozenReason).toMatch(/撤销/);
  });

  it('delivers an approval’s fund event to the finance system’s webhook', async () => {
    const studio = await foundStudio(system, { countyCode: HERE, name: '西区集群经费工作室' });
    await registeredEndpoint(system, FINANCE, {
      url: `${webhooks.baseUrl}/cluster`,
      description: '集群测试',
      eventTypes: ['EXPENSE_APPROVED'],
    });
    const allocation = await allocated(system, studio, '20000.00');
    const expense = await submitted(system, studio, allocation.id, '800.00', {
      spentOn: `${THIS_YEAR}-02-03`,
    });
    const approval = await system.gql(studio.office, DECIDE, {
      input: { expenseId: expense.id, decision: 'APPROVE' },
    });
    expect(approval.errors).toBeUndefined();
    const received = await eventually(
      async () => webhooks.at('/cluster'),
      (found) => found.length > 0,
      30_000,
      'the webhook delivery of the approval',
    );
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'EXPENSE_APPROVED' });
  });

  it('wakes a fund-event subscription at the gateway by pub/sub across the cluster', async () => {
    const studio = await foundStudio(system, { countyCode: HERE, name: '西区集群订阅工作室' });
    const allocation = await allocated(system, studio, '20000.00');
    const token = await system.token(FINANCE);
    const client = createClient({
      url: system.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const events: { type: string; allocation: { id: string } | null }[] = [];
    const unsubscribe = client.subscribe<{ fundEvents: (typeof events)[number] }>(
      { query: 'subscription { fundEvents { type allocation { id } } }' },
      {
        next: (message) => message.data && events.push(message.data.fundEvents),
        error: () => {},
        complete: () => {},
      },
    );
    const ofAllocation = (type: string) => () =>
      Promise.resolve(events.some((e) => e.type === type && e.allocation?.id === allocation.id));
    try {
      // The allocation's event comes with the log so far: the subscription is live after it.
      await eventually(ofAllocation('ALLOCATED'), Boolean, 20_000, 'the log so far');
      const expense = await submitted(system, studio, allocation.id, '300.00', {
        spentOn: `${THIS_YEAR}-03-04`,
      });
      await system.gql(studio.office, DECIDE, { input: { expenseId: expense.id, decision: 'APPROVE' } });
      await eventually(
        ofAllocation('EXPENSE_APPROVED'),
        Boolean,
        15_000,
        'the approval, woken by its notification',
      );
    } finally {
      unsubscribe();
      await client.dispose();
    }
  });

  it("generates a report, its flow spanning the services' section queues", async () => {
    const school = await createSchool(system, HERE);
    await createTeacher(system, school, HERE);
    const response = await system.gql(
      COUNTY,
      `mutation ($input: RequestReportInput!) { requestReport(input: $input) { id status } }`,
      {
        input: {
          kind: 'ANNUAL_SUMMARY',
          regionCode: HERE,
          period: { year: THIS_YEAR },
          format: 'CSV',
          options: { regenerate: true },
        },
      },
    );
    expect(response.errors).toBeUndefined();
    const job = await finished(system, COUNTY, response.data!.requestReport.id, 60_000);
    expect(job.status).toBe('SUCCEEDED');
  });

  it("keeps every key of the deployment on the one node that owns its prefix's slot", async () => {
    const byNode = await Promise.all(cluster.nodes.map((url) => keysOn(url, prefix)));
    const holding = byNode.filter((keys) => keys.length > 0);
    expect(holding).toHaveLength(1);
    // The queues of every path above are there, sections of every service among them.
    const queues = new Set(holding[0]!.map((key) => key.slice(prefix.length + 1).split(':')[0]));
    expect([...queues].sort()).toEqual(
      expect.arrayContaining([
        QueueName.FINANCE_INBOX,
        QueueName.FINANCE_WEBHOOKS,
        QueueName.PERSONNEL_REPORT_SECTIONS,
        QueueName.WORKSHOP_REPORT_SECTIONS,
        QueueName.FINANCE_REPORT_SECTIONS,
        QueueName.EVALUATION_REPORT_SECTIONS,
        QueueName.REPORT_ASSEMBLY,
      ]),
    );
  });
});
