import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { NATIONWIDE, Role } from '@mingshi/auth';
import { applyScope, withScopedTransaction } from '@mingshi/db';
import type { FundEventEntity } from '../../services/finance/src/entities';
import type { FundEventType } from '../../services/finance/src/generated/resolvers-types';
import { appendFundEvent } from '../../services/finance/src/services/fund-event-log';
import type { GraphCaller, TestSystem, TokenRequest } from './system';

/** Where a test's money lives: the studio's jurisdiction and its host school's county. */
export interface EventPlace {
  regionCode?: string;
  hostRegionCode?: string;
  type?: FundEventType;
  amountFen?: bigint | null;
}

/** A finance system of a county, for the feed and the webhooks. */
export function financeSystem(region = '510403', userId?: string): TokenRequest {
  return { role: Role.FINANCE_SYSTEM, region, ...(userId ? { userId } : {}) };
}

/** Registers `url` as `finance`'s endpoint for `eventTypes` through the graph; answers its id. */
export async function registeredEndpoint(
  system: GraphCaller,
  finance: TokenRequest,
  input: { url: string; description: string; eventTypes?: FundEventType[] },
): Promise<string> {
  const r = await system.gql(
    finance,
    `mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }`,
    { input },
  );
  if (!r.data?.registerWebhookEndpoint)
    throw new Error(`registerWebhookEndpoint failed: ${JSON.stringify(r.errors)}`);
  return r.data.registerWebhookEndpoint.endpoint.id;
}

/**
 * Records a change to money as the funds mutations do, below the graph: an allocation row of a
 * made-up studio and its fund event in one transaction. The log's own tests need this to hold a
 * writing transaction open (late commits) or to append hundreds of events quickly; tests of the
 * money itself go through the mutations (test/harness/finance-fixtures.ts).
 */
async function appendIn(manager: EntityManager, place: EventPlace): Promise<FundEventEntity> {
  const regionCode = place.regionCode ?? '510403';
  const hostRegionCode = place.hostRegionCode ?? regionCode;
  const amountFen = place.amountFen === undefined ? 300_000n : place.amountFen;
  const workshopId = randomUUID();
  const [allocation] = (await manager.query(
    `INSERT INTO finance.fund_allocation
       (workshop_id, workshop_type, year, source_level, source_region_code, region_code, host_region_code, host_school_id,
        document_number, amount_fen, allowed_categories, lecture_fee_cap_percent, allocated_by)
     VALUES ($1, 'TEACHER', 2026, 'COUNTY', $2, $2, $3, $4, '测试〔2026〕1号', $5, ARRAY['OTHER']::varchar[], 50, 'test')
     RETURNING id`,
    [workshopId, regionCode, hostRegionCode, randomUUID(), (amountFen ?? 100n).toString()],
  )) as { id: string }[];
  return appendFundEvent(manager, {
    type: place.type ?? 'ALLOCATED',
    workshopId,
    allocationId: allocation!.id,
    regionCode,
    hostRegionCode,
    amount: amountFen,
    actor: 'test',
  });
}

/** Appends one event in a transaction of its own, committed. */
export function appendEvent(db: DataSource, place: EventPlace = {}): Promise<FundEventEntity> {
  return withScopedTransaction(db, NATIONWIDE, (manager) => appendIn(manager, place));
}

/** An appending transaction left open, to commit (or roll back) when the test says. */
export interface OpenAppend {
  event: FundEventEntity;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export async function openAppend(db: DataSource, place: EventPlace = {}): Promise<OpenAppend> {
  const runner = db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await applyScope(runner, NATIONWIDE);
  const event = await appendIn(runner.manager, place);
  const end = (how: 'commit' | 'rollback') => async () => {
    try {
      if (how === 'commit') await runner.commitTransaction();
      else await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  };
  return { event, commit: end('commit'), rollback: end('rollback') };
}

export interface FeedEvent {
  id: string;
  position: string;
  type: string;
  amount: string | null;
}

const FEED = `query ($after: String, $first: Int, $filter: FundEventFilter) {
  fundEvents(after: $after, first: $first, filter: $filter) {
    edges { cursor node { id position type amount } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Reads the whole feed after `after` through the gateway, page by page. */
export async function readFeed(
  system: TestSystem,
  as: TokenRequest,
  after: string | null = null,
  first = 100,
): Promise<FeedEvent[]> {
  const events: FeedEvent[] = [];
  let cursor = after;
  for (;;) {
    const r = await system.gql<{
      fundEvents: {
        edges: { cursor: string; node: FeedEvent }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }>(as, FEED, { after: cursor, first });
    if (r.errors) throw new Error(`fundEvents failed: ${JSON.stringify(r.errors)}`);
    events.push(...r.data!.fundEvents.edges.map((edge) => edge.node));
    if (!r.data!.fundEvents.pageInfo.hasNextPage) return events;
    cursor = r.data!.fundEvents.pageInfo.endCursor;
  }
}

export { FEED as FUND_EVENTS_QUERY };

/** Polls until `condition` holds, or fails after `timeoutMs` (generous: the machine is busy). */
export async function eventually<T>(
  probe: () => Promise<T>,
  condition: (value: T) => boolean,
  timeoutMs = 30_000,
  what = 'the condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (condition(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what} did not hold in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
