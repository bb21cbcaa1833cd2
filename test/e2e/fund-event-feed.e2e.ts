import { Role } from '@mingshi/auth';
import { FUND_EVENTS_QUERY, appendEvent, financeSystem, readFeed } from '../harness/fund-event-fixtures';
import { TestSystem } from '../harness/system';

const HERE = '510403';
const NEIGHBOUR = '510402';
const OWNER = financeSystem(HERE, 'finance-system-here');

describe('the fund-event feed and who may follow it', () => {
  let system: TestSystem;
  let endpointId: string;
  const events: { id: string }[] = [];

  beforeAll(async () => {
    system = await TestSystem.start();
    const registered = await system.gql(
      OWNER,
      `mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }`,
      { input: { url: 'http://127.0.0.1:9/unused', description: 'ledger' } },
    );
    expect(registered.errors).toBeUndefined();
    endpointId = registered.data!.registerWebhookEndpoint.endpoint.id;
    await system.gql(
      OWNER,
      `mutation ($input: WebhookEndpointInput!) { pauseWebhookEndpoint(input: $input) { id } }`,
      { input: { endpointId } },
    );
    for (const type of [
      'ALLOCATED',
      'DISBURSED',
      'EXPENSE_SUBMITTED',
      'EXPENSE_APPROVED',
      'ADJUSTED',
    ] as const) {
      events.push(await appendEvent(system.finance.db, { regionCode: HERE, type, amountFen: 300_000n }));
    }
    await system.fundEvents.drain();
  });
  afterAll(async () => {
    await system.stop();
  });

  it('pages the log in position order and resumes after a cursor', async () => {
    const first = await system.gql(OWNER, FUND_EVENTS_QUERY, { first: 2 });
    expect(first.errors).toBeUndefined();
    const page = first.data!.fundEvents;
    expect(page.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
      events[0]!.id,
      events[1]!.id,
    ]);
    expect(page.edges.map((e: { cursor: string }) => e.cursor)).toEqual(['1', '2']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: '2' });
    expect(page.edges[0].node).toMatchObject({ type: 'ALLOCATED', amount: '3000.00', position: '1' });

    const rest = await readFeed(system, OWNER, page.pageInfo.endCursor);
    expect(rest.map((e) => e.id)).toEqual(events.slice(2).map((e) => e.id));
    expect(await readFeed(system, OWNER, '5')).toEqual([]);
  });

  it('filters by type and region, and resolves the region and the allocation', async () => {
    const r = await system.gql(
      OWNER,
      `query { fundEvents(filter: { types: [DISBURSED, ADJUSTED], regionCode: "${HERE}" }) {
        nodes { id type region { code } allocation { id year } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.fundEvents.nodes.map((n: { id: string }) => n.id)).toEqual([events[1]!.id, events[4]!.id]);
    expect(r.data!.fundEvents.nodes[0]).toMatchObject({ region: { code: HERE }, allocation: { year: 2026 } });
  });

  it('refuses a cursor or page that is not one, naming the argument', async () => {
    for (const [vars, field] of [
      [{ after: 'abc' }, 'after'],
      [{ after: '-1' }, 'after'],
      [{ first: 0 }, 'first'],
      [{ filter: { regionCode: '51' } }, 'filter.regionCode'],
      [{ filter: { workshopId: 'x' } }, 'filter.workshopId'],
    ] as const) {
      const r = await system.gql(OWNER, FUND_EVENTS_QUERY, vars);
      expect(r.data).toBeNull();
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it("shows a neighbouring county's finance system and office none of this county's events", async () => {
    for (const caller of [financeSystem(NEIGHBOUR), { role: Role.COUNTY_OFFICE, region: NEIGHBOUR }]) {
      expect(await readFeed(system, caller)).toEqual([]);
      const asked = await system.gql(caller, FUND_EVENTS_QUERY, { filter: { regionCode: HERE } });
      expect(asked.data).toBeNull();
      expect(asked.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'filter.regionCode' });
    }
  });

  it("never shows one finance system another's endpoint or deliveries", async () => {
    const query = `query ($id: ID!) { webhookEndpoint(id: $id) { id url deliveries { id } } }`;
    for (const caller of [financeSystem(NEIGHBOUR), financeSystem(HERE, 'another-finance-system')]) {
      const one = await system.gql(caller, query, { id: endpointId });
      expect(one.data?.webhookEndpoint ?? null).toBeNull();
      expect(one.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const all = await system.gql(caller, `query { webhookEndpoints { id } }`);
      expect(all.data!.webhookEndpoints).toEqual([]);
      for (const mutation of ['pauseWebhookEndpoint', 'resumeWebhookEndpoint', 'rotateWebhookSecret']) {
        const fields = mutation === 'rotateWebhookSecret' ? 'secret' : 'id';
        const r = await system.gql(
          caller,
          `mutation ($input: WebhookEndpointInput!) { ${mutation}(input: $input) { ${fields} } }`,
          { input: { endpointId } },
        );
        expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.endpointId' });
      }
      const redeliver = await system.gql(
        caller,
        `mutation ($input: RedeliverFundEventInput!) { redeliverFundEvent(input: $input) { id } }`,
        { input: { endpointId, eventId: events[0]!.id } },
      );
      expect(redeliver.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it("will not redeliver another county's event to one's own endpoint", async () => {
    const neighbour = financeSystem(NEIGHBOUR, 'finance-system-neighbour');
    const own = await system.gql(
      neighbour,
      `mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id region { code } } } }`,
      { input: { url: 'http://127.0.0.1:9/neighbour' } },
    );
    expect(own.data!.registerWebhookEndpoint.endpoint.region).toEqual({ code: NEIGHBOUR });
    const r = await system.gql(
      neighbour,
      `mutation ($input: RedeliverFundEventInput!) { redeliverFundEvent(input: $input) { id } }`,
      { input: { endpointId: own.data!.registerWebhookEndpoint.endpoint.id, eventId: events[0]!.id } },
    );
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.eventId' });
  });

  it('refuses a teacher the feed and the endpoints', async () => {
    const teacher = { role: Role.TEACHER, region: HERE, teacherId: '00000000-0000-4000-8000-000000000001' };
    const feed = await system.gql(teacher, FUND_EVENTS_QUERY);
    expect(feed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(feed.data).toBeNull();
    const endpoints = await system.gql(teacher, `query { webhookEndpoints { id } }`);
    expect(endpoints.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const register = await system.gql(
      teacher,
      `mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret } }`,
      { input: { url: 'http://127.0.0.1:9/teacher' } },
    );
    expect(register.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('checks a registration: every problem of the input at once, then the region against the scope', async () => {
    const register = `mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret } }`;
    const bad = await system.gql(OWNER, register, {
      input: { url: 'ftp://ledger.example/x', regionCode: '12', eventTypes: ['ALLOCATED', 'ALLOCATED'] },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toEqual([
      'input.url',
      'input.eventTypes',
      'input.regionCode',
    ]);
    const outside = await system.gql(OWNER, register, {
      input: { url: 'http://127.0.0.1:9/x', regionCode: '510000' },
    });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.regionCode' });
  });
});
