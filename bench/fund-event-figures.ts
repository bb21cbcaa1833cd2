import type { Sent } from './open-loop';
import type { Arrival } from './webhook-receiver';

/** What the gateway answered one approval. */
export type ApprovalOutcome =
  | { kind: 'accepted' }
  /** A GraphQL error: the graph refused the approval (CONFLICT, FORBIDDEN …). */
  | { kind: 'refused'; detail: string }
  /** No GraphQL answer at all: a network error or a non-JSON body. */
  | { kind: 'error'; detail: string };

/** One approval as sent and answered. */
export type Approval = Sent<ApprovalOutcome> & { expenseId: string };

/** Milliseconds at the 50th, 95th and 99th percentiles (nearest rank) and the largest. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Everything the fund-event path measured (the JSON keeps it whole; docs/performance.md a row). */
export interface FundEventFigures {
  approvals: {
    sent: number;
    accepted: number;
    refused: number;
    errors: number;
    /** Up to five distinct reasons, for the console and the JSON. */
    reasons: string[];
    /** From the scheduled send to the answer: includes any queueing in the client (open loop). */
    latency: Percentiles | null;
    maxInFlight: number;
    /** Approvals the schedule asked for per second, and what it achieved over the window. */
    sentPerSecond: number;
  };
  events: {
    /** Deliveries accepted by the receiver (signature verified), duplicates included. */
    received: number;
    unique: number;
    /** Deliveries of a webhook-id already received; counted, then dropped. */
    duplicated: number;
    /** Approved, but no delivery of its event within the drain window. */
    lost: number;
    /** Accepted approvals whose event the feed does not have at all; null when it could not be read. */
    missingFromFeed: number | null;
    /** Unique deliveries that arrived after one with a higher position. */
    outOfOrder: number;
    /** Requests whose signature did not verify (answered 401, so the sender retries). */
    badSignatures: number;
  };
  /** Commit → receipt, two ways (see docs/performance.md): a lower and an upper bound. */
  latency: { fromAnswer: Percentiles | null; fromOccurredAt: Percentiles | null };
  /** Unique events received per second while approvals were being sent. */
  deliveredPerSecond: number;
  /** Seconds from the last approval's answer to the last event's arrival. */
  drainSeconds: number;
}

export function percentiles(values: readonly number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted[sorted.length - 1]!) };
}

/** The first delivery of each webhook-id, in arrival order. */
export function firstArrivals(arrivals: readonly Arrival[]): Arrival[] {
  const seen = new Set<string>();
  return arrivals.filter((a) => !seen.has(a.webhookId) && !!seen.add(a.webhookId));
}

/** Arrivals after one of a higher position: what a receiver using arrival order would misplace. */
export function outOfOrder(arrivals: readonly Arrival[]): number {
  let highest = -1;
  let late = 0;
  for (const { payload } of arrivals) {
    const position = Number(payload.position);
    if (position < highest) late++;
    else highest = position;
  }
  return late;
}

export function fundEventFigures(input: {
  approvals: readonly Approval[];
  maxInFlight: number;
  arrivals: readonly Arrival[];
  badSignatures: number;
  /** The event id the feed holds for each approved expense; null when the feed could not be read. */
  feedEventOfExpense: ReadonlyMap<string, string> | null;
}): FundEventFigures {
  const { approvals, arrivals } = input;
  const accepted = approvals.filter((a) => a.outcome.kind === 'accepted');
  const unique = firstArrivals(arrivals);
  const receivedIds = new Set(unique.map((a) => a.webhookId));
  const answeredAt = new Map(accepted.map((a) => [a.expenseId, a.answeredAt]));
  const ours = unique.filter((a) => a.payload.expenseId && answeredAt.has(a.payload.expenseId));
  const windowStart = Math.min(...approvals.map((a) => a.scheduledAt));
  const windowEnd = Math.max(...approvals.map((a) => a.scheduledAt));
  const windowSeconds = Math.max((windowEnd - windowStart) / 1000, 1e-3);
  const lastAnswer = Math.max(...approvals.map((a) => a.answeredAt));
  const lastArrival = unique.length ? Math.max(...unique.map((a) => a.receivedAt)) : lastAnswer;
  const receivedExpenses = new Set(unique.map((a) => a.payload.expenseId));
  const feed = input.feedEventOfExpense;
  // An approval is delivered when its event arrived: the feed's event id when the feed was read
  // (so an event of another id for the same expense does not count), else its expense id.
  const delivered = (expenseId: string) =>
    feed ? receivedIds.has(feed.get(expenseId) ?? '') : receivedExpenses.has(expenseId);
  const reasons = [
    ...new Set(approvals.flatMap((a) => (a.outcome.kind === 'accepted' ? [] : [a.outcome.detail]))),
  ];
  return {
    approvals: {
      sent: approvals.length,
      accepted: accepted.length,
      refused: approvals.filter((a) => a.outcome.kind === 'refused').length,
      errors: approvals.filter((a) => a.outcome.kind === 'error').length,
      reasons: reasons.slice(0, 5),
      latency: percentiles(approvals.map((a) => a.answeredAt - a.scheduledAt)),
      maxInFlight: input.maxInFlight,
      sentPerSecond: round(approvals.length / windowSeconds),
    },
    events: {
      received: arrivals.length,
      unique: unique.length,
      duplicated: arrivals.length - unique.length,
      lost: accepted.filter((a) => !delivered(a.expenseId)).length,
      missingFromFeed: feed ? accepted.filter((a) => !feed.has(a.expenseId)).length : null,
      outOfOrder: outOfOrder(unique),
      badSignatures: input.badSignatures,
    },
    latency: {
      fromAnswer: percentiles(ours.map((a) => a.receivedAt - answeredAt.get(a.payload.expenseId!)!)),
      fromOccurredAt: percentiles(ours.map((a) => a.receivedAt - Date.parse(a.payload.occurredAt))),
    },
    deliveredPerSecond: round(
      unique.filter((a) => a.receivedAt >= windowStart && a.receivedAt <= windowEnd).length / windowSeconds,
    ),
    drainSeconds: round(Math.max(0, lastArrival - lastAnswer) / 1000),
  };
}

/** Whether the path failed: an event lost, an approval not accepted, a signature that did not verify. */
export function fundEventFailures(figures: FundEventFigures): string[] {
  const problems: string[] = [];
  if (figures.events.lost) problems.push(`${figures.events.lost} events lost`);
  if (figures.approvals.refused) problems.push(`${figures.approvals.refused} approvals refused`);
  if (figures.approvals.errors) problems.push(`${figures.approvals.errors} approvals failed`);
  if (figures.events.badSignatures) problems.push(`${figures.events.badSignatures} bad signatures`);
  return problems;
}

function round(value: number): number {
  return Number(value.toFixed(1));
}
