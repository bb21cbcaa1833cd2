import { setTimeout as sleep } from 'node:timers/promises';
import { Role, type Principal } from '@mingshi/auth';
import {
  type Approval,
  type ApprovalOutcome,
  fundEventFigures,
  type FundEventFigures,
} from './fund-event-figures';
import { buildExpensePool } from './fund-event-pool';
import { gatewayCaller, type GatewayCall } from './gateway-caller';
import type { BenchIdentityProvider } from './identity-provider';
import { openLoop } from './open-loop';
import type { Jurisdictions } from './scenarios';
import { VerifyingReceiver } from './webhook-receiver';

export interface FundEventOptions {
  /** Approvals per second. */
  rate: number;
  /** Seconds of approvals. */
  duration: number;
  /** Seconds to wait, after the last answer, for events still on their way. */
  drain: number;
}

/** The fund-event path as measured, with what it ran over. */
export interface FundEventResult extends FundEventFigures {
  options: FundEventOptions;
  /** The finance system the endpoint belongs to. */
  receiver: Pick<Principal, 'roles' | 'regionCode'>;
  pool: { year: number; studios: number; expenses: number; seconds: number };
}

export interface FundEventSystem {
  gatewayUrl: string;
  provider: BenchIdentityProvider;
  adminUrl: string;
  database: string;
}

const APPROVE = `mutation ($input: DecideExpenseInput!) { decideExpense(input: $input) { id status } }`;
const APPROVAL_TIMEOUT_MS = 30_000;
/** How often the drain looks whether every approved expense's event has arrived. */
const DRAIN_POLL_MS = 200;

/**
 * Approvals through the gateway, open loop at `rate` for `duration`, each one's fund event
 * delivered by the finance service's webhook pipeline to a verifying receiver in this process.
 * Set up as a finance system and the studios' hosts and offices would: the finance system of the
 * wide jurisdiction registers its endpoint, the hosts submit the expenses, their offices approve.
 */
export async function runFundEvents(
  system: FundEventSystem,
  jurisdictions: Jurisdictions,
  options: FundEventOptions,
): Promise<FundEventResult> {
  const financeSystem: Principal = {
    // The same user every run: an endpoint is its owner's only, and the next run must find this one.
    userId: `bench-finance-system-${jurisdictions.wide.region}`,
    roles: [Role.FINANCE_SYSTEM],
    regionCode: jurisdictions.wide.region,
  };
  const finance = await gatewayCaller(system.gatewayUrl, system.provider, financeSystem);
  const receiver = await VerifyingReceiver.start();
  let endpointId: string | null = null;
  try {
    await pauseEarlierEndpoints(finance);
    const size = options.rate * options.duration;
    console.log(`fund events: building a pool of ${size} submitted expenses`);
    const pool = await buildExpensePool({
      ...system,
      lister: {
        userId: `bench-county_office-${jurisdictions.county}`,
        roles: [Role.COUNTY_OFFICE],
        regionCode: jurisdictions.county,
      },
      size,
    });
    console.log(
      `  pool: ${size} expenses of ${pool.studios.length} studios, year ${pool.year}, in ${pool.seconds.toFixed(0)} s`,
    );

    const { registerWebhookEndpoint: registered } = await finance<{
      registerWebhookEndpoint: { endpoint: { id: string; deliveredThrough: string | null }; secret: string };
    }>(
      `mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) {
        endpoint { id deliveredThrough } secret } }`,
      {
        input: {
          url: receiver.url,
          eventTypes: ['EXPENSE_APPROVED'],
          description: 'bench: the fund-event path',
        },
      },
    );
    endpointId = registered.endpoint.id;
    receiver.verifyWith(registered.secret);

    const authorization = new Map<string, string>();
    for (const { approver } of pool.expenses) {
      if (!authorization.has(approver.userId)) {
        authorization.set(approver.userId, `Bearer ${await system.provider.token(approver)}`);
      }
    }
    console.log(`fund events: ${size} approvals at ${options.rate}/s for ${options.duration} s`);
    const run = await openLoop(size, options.rate, (i) => {
      const { id, approver } = pool.expenses[i]!;
      return approve(system.gatewayUrl, authorization.get(approver.userId)!, id);
    });
    const approvals: Approval[] = run.sent.map((s) => ({ ...s, expenseId: pool.expenses[s.index]!.id }));

    const accepted = approvals.filter((a) => a.outcome.kind === 'accepted').map((a) => a.expenseId);
    await drain(receiver, accepted, options.drain);
    // A finance service that stopped answering must not cost the figures taken so far.
    const feedEventOfExpense = await approvalsInFeed(finance, registered.endpoint.deliveredThrough).catch(
      (error: unknown) => {
        console.error(`  !!! the feed could not be read: ${error instanceof Error ? error.message : error}`);
        return null;
      },
    );
    return {
      options,
      receiver: { roles: financeSystem.roles, regionCode: financeSystem.regionCode },
      pool: { year: pool.year, studios: pool.studios.length, expenses: size, seconds: pool.seconds },
      ...fundEventFigures({
        approvals,
        maxInFlight: run.maxInFlight,
        arrivals: receiver.arrivals,
        badSignatures: receiver.refused.length,
        feedEventOfExpense,
      }),
    };
  } finally {
    // An endpoint left active would outlive the receiver and retry into a closed port for days,
    // taking the single delivery worker's time from every later run on this database.
    if (endpointId) {
      await pauseEndpoint(finance, endpointId).catch((error: unknown) =>
        console.error('could not pause the bench endpoint:', error),
      );
    }
    await receiver.stop();
  }
}

/** Endpoints of earlier runs (one that crashed may have left its endpoint active) are paused. */
async function pauseEarlierEndpoints(finance: GatewayCall): Promise<void> {
  const { webhookEndpoints } = await finance<{ webhookEndpoints: { id: string; status: string }[] }>(
    `{ webhookEndpoints { id status } }`,
  );
  for (const { id } of webhookEndpoints.filter((e) => e.status === 'ACTIVE'))
    await pauseEndpoint(finance, id);
}

async function pauseEndpoint(finance: GatewayCall, endpointId: string): Promise<void> {
  await finance(`mutation ($input: WebhookEndpointInput!) { pauseWebhookEndpoint(input: $input) { id } }`, {
    input: { endpointId },
  });
}

/** One approval, classified; it never throws, so the open loop's schedule is not interrupted. */
async function approve(
  gatewayUrl: string,
  authorization: string,
  expenseId: string,
): Promise<ApprovalOutcome> {
  try {
    const response = await fetch(gatewayUrl, {
      // Past the gateway's own request budget: an answer that never comes is an error, not a hang.
      signal: AbortSignal.timeout(APPROVAL_TIMEOUT_MS),
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: APPROVE, variables: { input: { expenseId, decision: 'APPROVE' } } }),
    });
    const text = await response.text();
    let body: { data?: { decideExpense?: { status: string } | null }; errors?: { message: string }[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return { kind: 'error', detail: `${response.status}: ${text.slice(0, 200)}` };
    }
    if (body.errors?.length) return { kind: 'refused', detail: body.errors[0]!.message };
    if (body.data?.decideExpense?.status !== 'APPROVED') {
      return { kind: 'refused', detail: `answered ${JSON.stringify(body.data)}` };
    }
    return { kind: 'accepted' };
  } catch (error) {
    return { kind: 'error', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Waits until an event of every approved expense has arrived, or the drain window is over. */
async function drain(
  receiver: VerifyingReceiver,
  approved: readonly string[],
  seconds: number,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  const waiting = new Set(approved);
  let seen = 0;
  while (waiting.size > 0 && Date.now() < deadline) {
    for (; seen < receiver.arrivals.length; seen++) {
      const expenseId = receiver.arrivals[seen]!.payload.expenseId;
      if (expenseId) waiting.delete(expenseId);
    }
    if (waiting.size > 0) await sleep(DRAIN_POLL_MS);
  }
  if (waiting.size > 0)
    console.error(`  !!! ${waiting.size} approvals' events had not arrived after ${seconds} s`);
}

/**
 * The approvals' events as the feed has them (`fundEvents` after the endpoint's starting
 * position), as the finance system would read them to catch up: the reference a delivery is
 * lost against.
 */
async function approvalsInFeed(finance: GatewayCall, after: string | null): Promise<Map<string, string>> {
  const events = new Map<string, string>();
  let cursor = after ?? '0';
  for (;;) {
    const { fundEvents } = await finance<{
      fundEvents: {
        nodes: { id: string; expense: { id: string } | null }[];
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    }>(
      `query ($after: String) { fundEvents(after: $after, first: 100, filter: { types: [EXPENSE_APPROVED] }) {
        nodes { id expense { id } } pageInfo { endCursor hasNextPage } } }`,
      { after: cursor },
    );
    for (const node of fundEvents.nodes) if (node.expense) events.set(node.expense.id, node.id);
    if (!fundEvents.pageInfo.hasNextPage) return events;
    cursor = fundEvents.pageInfo.endCursor;
  }
}
