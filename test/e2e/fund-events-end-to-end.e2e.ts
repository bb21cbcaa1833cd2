import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '@mingshi/auth';
import { Webhook } from 'standardwebhooks';
import { THIS_YEAR, allocated, approved, schoolAdminOf, submitted } from '../harness/finance-fixtures';
import { eventually, financeSystem, readFeed } from '../harness/fund-event-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { WebhookReceiver } from '../harness/webhook-receiver';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

const HERE = '510403';
const NEIGHBOUR = '510402';
const FINANCE = financeSystem(HERE, 'finance-ledger-west');

const LIVE = `subscription ($after: String) {
  fundEvents(after: $after) { id position type amount workshop { id name } allocation { id year } }
}`;

interface LiveEvent {
  id: string;
  position: string;
  type: string;
  amount: string | null;
  workshop: { id: string; name: string } | null;
  allocation: { id: string; year: number } | null;
}

/**
 * The finance system's three ways to the fund-event log, fed by real changes to money made through
 * the gateway: the feed, Standard Webhooks to a receiver on loopback, and a graphql-ws subscription
 * through the gateway. All three carry the same events in the same order, and resume from a cursor.
 */
describe('fund events from the money mutations to the finance system', () => {
  let system: TestSystem;
  let receiver: WebhookReceiver;
  let studio: Studio;
  let secret: string;
  const clients: Client[] = [];

  const subscriptionUrl = () => system.gatewayUrl.replace(/^http/, 'ws');

  async function connect(as: TokenRequest | null): Promise<Client> {
    const token = as ? await system.token(as) : null;
    const client = createClient({
      url: subscriptionUrl(),
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  }

  /** Collects what a subscription sends until `until` holds (or it ends or fails). */
  function follow(client: Client, variables: Record<string, unknown> = {}) {
    const events: LiveEvent[] = [];
    const errors: unknown[] = [];
    let ended = false;
    const unsubscribe = client.subscribe<{ fundEvents: LiveEvent }>(
      { query: LIVE, variables },
      {
        next: (message) => {
          if (message.errors) errors.push(...message.errors);
          if (message.data) events.push(message.data.fundEvents);
        },
        error: (error) => {
          errors.push(error);
          ended = true;
        },
        complete: () => {
          ended = true;
        },
      },
    );
    return { events, errors, ended: () => ended, unsubscribe };
  }

  /** An allocation (one per studio and year, so each round funds another year), an expense, its approval. */
  let yearsBack = 0;
  async function moneyChanges(): Promise<void> {
    const year = THIS_YEAR - yearsBack++;
    const allocation = await allocated(system, studio, '20000.00', { year });
    const expense = await submitted(system, studio, allocation.id, '1200.00', { spentOn: `${year}-03-02` });
    await approved(system, studio, expense.id);
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    receiver = await WebhookReceiver.start();
    studio = await foundStudio(system, { countyCode: HERE, name: '西区经费事件工作室' });
    const registered = await system.gql(
      FINANCE,
      `mutation ($input: RegisterWebhookEndpointInput!) {
        registerWebhookEndpoint(input: $input) { secret endpoint { id } } }`,
      { input: { url: `${receiver.baseUrl}/ledger`, description: '区财政局总账' } },
    );
    expect(registered.errors).toBeUndefined();
    secret = registered.data!.registerWebhookEndpoint.secret;
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await receiver?.stop();
    await system?.stop();
  });

  it('carries each change to the feed, the webhook and the subscription, once and in the same order', async () => {
    const live = follow(await connect(FINANCE));
    await moneyChanges();
    await system.fundEvents.drain();

    const feed = await readFeed(system, FINANCE);
    expect(feed.map((e) => e.type)).toEqual(['ALLOCATED', 'EXPENSE_SUBMITTED', 'EXPENSE_APPROVED']);
    expect(feed.map((e) => e.amount)).toEqual(['20000.00', '1200.00', '1200.00']);

    const delivered = await eventually(
      async () => receiver.accepted('/ledger'),
      (accepted) => accepted.length >= feed.length,
      30_000,
      'every event delivered',
    );
    const verifier = new Webhook(secret);
    const bodies = delivered.map(
      (request) => verifier.verify(request.body, request.headers) as { id: string; position: string },
    );
    expect(bodies.map((b) => b.id)).toEqual(feed.map((e) => e.id));
    expect(delivered.map((r) => r.headers['webhook-id'])).toEqual(feed.map((e) => e.id));

    await eventually(
      async () => live.events.length,
      (count) => count >= feed.length,
      30_000,
      'every event on the subscription',
    );
    expect(live.errors).toEqual([]);
    expect(live.events.map((e) => e.id)).toEqual(feed.map((e) => e.id));
    expect(live.events.map((e) => e.position)).toEqual(feed.map((e) => e.position));
    // Other subgraphs' fields resolve in the payload, through the query planner.
    expect(live.events[0]).toMatchObject({
      workshop: { id: studio.id, name: '西区经费事件工作室' },
      allocation: { year: expect.any(Number) },
    });
    live.unsubscribe();
  });

  it('resumes a subscription after a cursor, then goes on live', async () => {
    const before = await readFeed(system, FINANCE);
    const resumed = follow(await connect(FINANCE), { after: before[0]!.position });
    await eventually(
      async () => resumed.events.length,
      (count) => count >= before.length - 1,
      30_000,
      'the events after the cursor',
    );
    expect(resumed.events.map((e) => e.id)).toEqual(before.slice(1).map((e) => e.id));

    await moneyChanges();
    await system.fundEvents.drain();
    const now = await readFeed(system, FINANCE);
    await eventually(
      async () => resumed.events.length,
      (count) => count >= now.length - 1,
      30_000,
      'the new events, live',
    );
    expect(resumed.events.map((e) => e.id)).toEqual(now.slice(1).map((e) => e.id));
    resumed.unsubscribe();
  });

  it("gives the host school's finance its own studio's events and a neighbouring county none", async () => {
    const all = await readFeed(system, FINANCE);
    expect(await readFeed(system, schoolAdminOf(studio))).toEqual(all);
    const otherSchool = { ...schoolAdminOf(studio), schoolId: '00000000-0000-4000-8000-00000000beef' };
    expect(await readFeed(system, otherSchool)).toEqual([]);

    const neighbour = follow(await connect(financeSystem(NEIGHBOUR)));
    await moneyChanges();
    await system.fundEvents.drain();
    // Give the neighbour's tail the same chance to see them that the owner's had.
    const mine = follow(await connect(FINANCE), { after: all.at(-1)!.position });
    await eventually(
      async () => mine.events.length,
      (count) => count >= 3,
      30_000,
    );
    expect(neighbour.events).toEqual([]);
    expect(neighbour.errors).toEqual([]);
    neighbour.unsubscribe();
    mine.unsubscribe();
  });

  it('refuses a subscription without a valid token, and one a teacher may not read', async () => {
    const anonymous = follow(await connect(null));
    await eventually(async () => anonymous.ended(), Boolean, 10_000, 'the anonymous socket closed');
    expect(anonymous.events).toEqual([]);
    // graphql-ws closes the socket with 4403 Forbidden.
    expect(anonymous.errors).toEqual([expect.objectContaining({ code: 4403 })]);

    const teacher = follow(
      await connect({ role: Role.TEACHER, region: HERE, teacherId: '00000000-0000-4000-8000-000000000001' }),
    );
    await eventually(async () => teacher.ended(), Boolean, 10_000, "the teacher's subscription ended");
    expect(teacher.events).toEqual([]);
    expect(teacher.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
  });

  it('refuses what it does not serve over the socket, naming the problem', async () => {
    const client = await connect(FINANCE);
    const refused = await new Promise<unknown[]>((resolve) => {
      client.subscribe(
        { query: `query { fundEvents { nodes { id } } }` },
        { next: () => undefined, error: (error) => resolve(error as unknown[]), complete: () => resolve([]) },
      );
    });
    expect(JSON.stringify(refused)).toMatch(/Only subscriptions/);
  });
});
