import { Webhook } from 'standardwebhooks';
import { sequenceFundEvents } from '../../services/finance/src/services/event-sequencer';
import { fanOutFundEvents } from '../../services/finance/src/webhooks/fan-out';
import { appendEvent, eventually, financeSystem } from '../harness/fund-event-fixtures';
import { TestSystem } from '../harness/system';
import { WebhookReceiver, type ReceivedWebhook } from '../harness/webhook-receiver';

const OWNER = financeSystem('510403', 'finance-system-a');

const REGISTER = `mutation ($input: RegisterWebhookEndpointInput!) {
  registerWebhookEndpoint(input: $input) { secret endpoint { id url status deliveredThrough eventTypes region { code } } }
}`;
const ENDPOINT = `query ($id: ID!) {
  webhookEndpoint(id: $id) {
    id status disabledReason deliveredThrough previousSecretExpiresAt
    deliveries(first: 100) {
      id status nextAttemptAt event { id position type }
      attempts { statusCode durationMs responseSnippet attemptedAt }
    }
  }
}`;
const INPUT_TYPES: Record<string, string> = { replayFundEvents: 'ReplayFundEventsInput' };
const endpointMutation = (name: string, fields = 'id status deliveredThrough disabledReason') =>
  `mutation ($input: ${INPUT_TYPES[name] ?? 'WebhookEndpointInput'}!) { ${name}(input: $input) { ${fields} } }`;

interface Delivery {
  id: string;
  status: string;
  event: { id: string; position: string };
  attempts: { statusCode: number | null; durationMs: number; responseSnippet: string | null }[];
}

describe('fund events as Standard Webhooks', () => {
  let system: TestSystem;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    system = await TestSystem.start();
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await system.stop();
    await receiver.stop();
  });

  async function register(path: string, extra: Record<string, unknown> = {}) {
    const r = await system.gql(OWNER, REGISTER, { input: { url: `${receiver.baseUrl}${path}`, ...extra } });
    expect(r.errors).toBeUndefined();
    return r.data!.registerWebhookEndpoint as {
      secret: string;
      endpoint: { id: string; deliveredThrough: string };
    };
  }

  async function endpoint(id: string) {
    const r = await system.gql(OWNER, ENDPOINT, { id });
    expect(r.errors).toBeUndefined();
    return r.data!.webhookEndpoint as {
      status: string;
      disabledReason: string | null;
      deliveredThrough: string;
      previousSecretExpiresAt: string | null;
      deliveries: Delivery[];
    };
  }

  async function act(name: string, input: Record<string, unknown>, fields?: string) {
    const r = await system.gql(OWNER, endpointMutation(name, fields), { input });
    expect(r.errors).toBeUndefined();
    return r.data![name];
  }

  const verify = (secret: string, request: ReceivedWebhook) =>
    new Webhook(secret).verify(request.body, request.headers) as { id: string; position: string };

  it('delivers every event once, signed, through 500s and a 429 with Retry-After', async () => {
    const { secret, endpoint: created } = await register('/retrying');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    receiver.answer = (request, earlier) => {
      if (request.path !== '/retrying') return { status: 200 };
      if (earlier.length === 0) return { status: 500, body: 'database down' };
      if (earlier.length === 1) return { status: 429, headers: { 'retry-after': '1' } };
      return { status: 204 };
    };
    const events = [];
    for (let i = 0; i < 4; i++)
      events.push(await appendEvent(system.finance.db, { amountFen: 1_000n + BigInt(i) }));
    await system.fundEvents.drain();

    const requests = receiver.at('/retrying');
    for (const request of requests) expect(() => verify(secret, request)).not.toThrow();
    // Retries interleave with later events (a failing one holds nothing back), so the successes
    // come in any order; after deduplication each event is there once.
    expect(
      receiver
        .accepted('/retrying')
        .map((r) => r.headers['webhook-id'])
        .sort(),
    ).toEqual(events.map((e) => e.id).sort());
    // Attempts go in log order: the first attempts of the events arrive by position.
    const firsts = events.map((e) => requests.find((r) => r.headers['webhook-id'] === e.id)!);
    const positions = firsts.map((r) => Number(verify(secret, r).position));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // The 429 asked for a second: the next attempt waited for it (the test schedule alone is 200 ms).
    for (const event of events) {
      const mine = requests.filter((r) => r.headers['webhook-id'] === event.id);
      expect(mine.map((r) => r.status)).toEqual([500, 429, 204]);
      expect(mine[2]!.receivedAt - mine[1]!.receivedAt).toBeGreaterThanOrEqual(950);
    }
    const body = JSON.parse(requests[0]!.body);
    expect(body).toMatchObject({
      id: events[0]!.id,
      type: 'ALLOCATED',
      amount: '10.00',
      regionCode: '510403',
    });

    const seen = await endpoint(created.id);
    expect(seen.deliveries).toHaveLength(4);
    for (const delivery of seen.deliveries) {
      expect(delivery.status).toBe('SUCCEEDED');
      expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 429, 204]);
      expect(delivery.attempts[0]!.responseSnippet).toBe('database down');
    }
    await act('pauseWebhookEndpoint', { endpointId: created.id });
  });

  it('holds events while paused and catches up on resume, in order', async () => {
    const { secret, endpoint: created } = await register('/pausing');
    receiver.answer = () => ({ status: 200 });
    expect(await act('pauseWebhookEndpoint', { endpointId: created.id })).toMatchObject({ status: 'PAUSED' });
    const events = [await appendEvent(system.finance.db), await appendEvent(system.finance.db)];
    await system.fundEvents.drain();
    expect(receiver.at('/pausing')).toHaveLength(0);

    expect(await act('resumeWebhookEndpoint', { endpointId: created.id })).toMatchObject({
      status: 'ACTIVE',
    });
    await system.fundEvents.drain();
    const got = receiver.accepted('/pausing');
    expect(got.map((r) => r.headers['webhook-id'])).toEqual(events.map((e) => e.id));
    for (const request of got) verify(secret, request);
    await act('pauseWebhookEndpoint', { endpointId: created.id });
  });

  it('signs with both secrets while a rotation is under way', async () => {
    const { secret: oldSecret, endpoint: created } = await register('/rotating');
    const rotated = await act(
      'rotateWebhookSecret',
      { endpointId: created.id },
      'secret endpoint { previousSecretExpiresAt }',
    );
    expect(rotated.secret).not.toBe(oldSecret);
    const expires = Date.parse(rotated.endpoint.previousSecretExpiresAt);
    expect(Math.abs(expires - Date.now() - 24 * 3600_000)).toBeLessThan(120_000);

    const event = await appendEvent(system.finance.db);
    await system.fundEvents.drain();
    const [request] = receiver.at('/rotating');
    expect(request!.headers['webhook-id']).toBe(event.id);
    expect(request!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verify(oldSecret, request!).id).toBe(event.id);
    expect(verify(rotated.secret, request!).id).toBe(event.id);
    expect(() => verify(`whsec_${Buffer.alloc(24, 1).toString('base64')}`, request!)).toThrow();
    await act('pauseWebhookEndpoint', { endpointId: created.id });
  });

  it('disables an endpoint that answers 410 Gone, without retrying, until it is resumed', async () => {
    const { endpoint: created } = await register('/gone');
    receiver.answer = (request) => (request.path === '/gone' ? { status: 410 } : { status: 200 });
    await appendEvent(system.finance.db);
    const disabled = await eventually(
      () => endpoint(created.id),
      (e) => e.status === 'DISABLED',
      30_000,
      'the endpoint disabled',
    );
    expect(disabled.disabledReason).toMatch(/410/);
    expect(disabled.deliveries.map((d) => [d.status, d.attempts.length])).toEqual([['FAILED', 1]]);

    await appendEvent(system.finance.db);
    await system.fundEvents.drain();
    expect(receiver.at('/gone')).toHaveLength(1);

    receiver.answer = () => ({ status: 200 });
    expect(await act('resumeWebhookEndpoint', { endpointId: created.id })).toMatchObject({
      status: 'ACTIVE',
      disabledReason: null,
    });
    await system.fundEvents.drain();
    // The event that came while it was disabled is sent now; the refused one stays refused.
    expect(receiver.accepted('/gone')).toHaveLength(1);
    await act('pauseWebhookEndpoint', { endpointId: created.id });
  });

  it('redelivers one event with the same webhook-id, and replays from a cursor in order', async () => {
    const { secret, endpoint: created } = await register('/replaying');
    receiver.answer = () => ({ status: 200 });
    const events = [];
    for (let i = 0; i < 3; i++) events.push(await appendEvent(system.finance.db));
    await system.fundEvents.drain();
    expect(receiver.at('/replaying')).toHaveLength(3);

    const redelivered = await system.gql(
      OWNER,
      `mutation ($input: RedeliverFundEventInput!) { redeliverFundEvent(input: $input) { id status event { id } } }`,
      { input: { endpointId: created.id, eventId: events[1]!.id } },
    );
    expect(redelivered.errors).toBeUndefined();
    expect(redelivered.data!.redeliverFundEvent.event.id).toBe(events[1]!.id);
    await system.fundEvents.drain();
    const again = receiver.at('/replaying').slice(3);
    expect(again.map((r) => r.headers['webhook-id'])).toEqual([events[1]!.id]);

    const positions = receiver
      .at('/replaying')
      .slice(0, 3)
      .map((r) => verify(secret, r).position);
    await act('replayFundEvents', { endpointId: created.id, after: positions[0] }, 'id deliveredThrough');
    await system.fundEvents.drain();
    const replayed = receiver.at('/replaying').slice(4);
    expect(replayed.map((r) => r.headers['webhook-id'])).toEqual([events[1]!.id, events[2]!.id]);

    const refused = await system.gql(OWNER, endpointMutation('replayFundEvents', 'id'), {
      input: { endpointId: created.id, after: '-1' },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.after' });
    await act('pauseWebhookEndpoint', { endpointId: created.id });
  });

  it('loses nothing when the pipeline is down between the money change and the queue', async () => {
    const { secret } = await register('/crash');
    receiver.answer = () => ({ status: 200 });
    await system.fundEvents.stop();
    const events = [];
    for (let i = 0; i < 3; i++) events.push(await appendEvent(system.finance.db));
    // A crash after the fan-out committed the deliveries of the first two, before any reached the queue.
    await sequenceFundEvents(system.finance.db);
    await fanOutFundEvents(system.finance.db, 2);
    events.push(await appendEvent(system.finance.db));
    await system.fundEvents.start();
    await system.fundEvents.drain();
    const got = receiver.accepted('/crash');
    expect(got.map((r) => r.headers['webhook-id'])).toEqual(events.map((e) => e.id));
    const positions = got.map((r) => Number(verify(secret, r).position));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

describe('an endpoint that never succeeds', () => {
  let system: TestSystem;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    // Five days, shrunk: the endpoint is disabled once it has failed for 300 ms without a success.
    system = await TestSystem.start({ fundEvents: { disableAfterMs: 300 } });
    receiver = await WebhookReceiver.start();
    receiver.answer = () => ({ status: 503, body: 'maintenance' });
  });
  afterAll(async () => {
    await system.stop();
    await receiver.stop();
  });

  it('is disabled after failing continuously for the whole period', async () => {
    const r = await system.gql(OWNER, REGISTER, { input: { url: `${receiver.baseUrl}/down` } });
    const id = r.data!.registerWebhookEndpoint.endpoint.id as string;
    await appendEvent(system.finance.db);
    const disabled = await eventually(
      () =>
        system.gql(
          OWNER,
          `query ($id: ID!) { webhookEndpoint(id: $id) { status disabledReason deliveries(status: FAILED) { attempts { statusCode } } } }`,
          { id },
        ),
      (answer) => answer.data?.webhookEndpoint?.status === 'DISABLED',
      30_000,
      'the endpoint disabled',
    );
    expect(disabled.data!.webhookEndpoint.disabledReason).toMatch(/failed since/);
    const [delivery] = disabled.data!.webhookEndpoint.deliveries;
    expect(delivery.attempts.length).toBeGreaterThan(1);
    expect(delivery.attempts.every((a: { statusCode: number }) => a.statusCode === 503)).toBe(true);
  });
});
