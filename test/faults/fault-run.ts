import { setTimeout as sleep } from 'node:timers/promises';
import type { AuditCounts, DeliveryAudit, Window } from './delivery-audit';
import type { FaultSystem } from './fault-system';
import { SERVER_DOWN_MS, type Fault } from './faults';
import type { SteadyLoad } from './steady-load';
import type { RequestOutcome, Verdict } from './timed-request';

/** The phases of one fault, in milliseconds. */
export const PHASES = {
  /** Steady load before the fault: the window opens with every request answered. */
  steadyMs: 4_000,
  /** How long every /readyz may take to be green again before the fault counts as not recovered. */
  readyTimeoutMs: 90_000,
  /** Load after recovery, inside the window: requests must succeed again. */
  afterMs: 3_000,
  /** Grace after recovery before a failed request counts against it: answers already on their way. */
  settleMs: 1_000,
  /** How long the work of the window may take to arrive once the fault is over. */
  drainTimeoutMs: 120_000,
};

export interface RequestCounts {
  total: number;
  failed: number;
  byVerdict: Partial<Record<Verdict, number>>;
  /** Failures by code (`SERVICE_UNAVAILABLE`, `TIMEOUT`, `ECONNREFUSED` …) and HTTP status. */
  byCode: Record<string, number>;
  byStatus: Record<string, number>;
  /** Requests and failures by operation (`read:studios page`, `approve expense` …). */
  byOperation: Record<string, { total: number; failed: number }>;
  /** The slowest answer, in ms. */
  slowestMs: number;
  /** The first few failures that were not clear, as they came. */
  unclear: RequestOutcome[];
  /** What failing requests were told, each message once with how often (ids and numbers elided). */
  messages: Record<string, number>;
}

export interface FaultResult {
  fault: string;
  what: string;
  /** Whether a worker it killed had a job in hand (null: it killed no worker of a queue). */
  midJob: boolean | null;
  /**
   * Epoch ms: the window opened, the fault began, it was over (the kill delivered, the server up
   * again), every /readyz was green, the window closed, the window's work had arrived.
   */
  times: {
    from: number;
    faultAt: number;
    backAt: number;
    readyAt: number | null;
    to: number;
    drainedAt: number | null;
  };
  /** From the fault's start until every /readyz was green, with nobody's hand. */
  secondsToReady: number | null;
  /** The same from when the fault was over: for a server, from its start again. */
  secondsAfterBack: number | null;
  /** From the fault until the window's last fund event, report and outbox event had arrived. */
  secondsToDrain: number | null;
  /** Processes whose /readyz was not green while the fault lasted, and those still not green at the deadline. */
  notReadyAtFault: string[];
  notReadyAtEnd: string[];
  /** Requests answered in the steady phase before the fault (all must succeed). */
  before: RequestCounts;
  /** Requests answered from the fault until the window closed: the ones that may fail. */
  during: RequestCounts;
  /** Requests sent once every /readyz was green (after a second's grace) and answered in the window: all must succeed again. */
  afterReady: RequestCounts;
  /** Processes that died during the window without the fault killing them. */
  crashes: { process: string; description: string }[];
  counts: AuditCounts;
}

/**
 * One fault under the steady load: steady state, the fault, recovery with nobody's hand (the
 * supervisor restarts what was killed; servers come back by themselves), a little more load, then
 * waiting for the window's work to arrive and counting it.
 */
export async function runFault(
  fault: Fault,
  from: number,
  context: { system: FaultSystem; load: SteadyLoad; audit: DeliveryAudit },
): Promise<FaultResult> {
  const { system, load, audit } = context;
  await sleep(PHASES.steadyMs);
  const exitsBefore = new Map(system.processes.map((p) => [p.spec.name, p.exits.length]));
  const midJob = fault.whenBusy ? await fault.whenBusy(system) : null;
  const faultAt = Date.now();
  await fault.inflict(system);
  // A kill is over once delivered (the supervisor takes it from there); a server when it is up again.
  let backAt = faultAt;
  let notReadyAtFault: string[];
  if (fault.restore) {
    await sleep(SERVER_DOWN_MS);
    notReadyAtFault = await system.notReady();
    await fault.restore(system);
    backAt = Date.now();
  } else {
    notReadyAtFault = await system.notReady();
  }
  const { readyAt, notReady } = await system.waitUntilReady(PHASES.readyTimeoutMs);
  await sleep(PHASES.afterMs);
  const to = Date.now();
  const drainedAt = await audit.drained(PHASES.drainTimeoutMs);
  const window: Window = { from, to };
  const counts = await audit.count(window, load.spends, load.reports);
  // By when the answer came: a request sent just before the fault and cut off by it is the fault's.
  const answered = (start: number, end: number) =>
    load.outcomes.filter((outcome) => {
      const at = outcome.startedAt + outcome.ms;
      return at >= start && at < end;
    });
  const crashes = system.processes.flatMap((p) =>
    fault.kills(p.spec)
      ? []
      : p.exits
          .slice(exitsBefore.get(p.spec.name))
          .map((exit) => ({ process: p.spec.name, description: exit.description })),
  );
  return {
    fault: fault.name,
    what: fault.what,
    midJob,
    times: { from, faultAt, backAt, readyAt, to, drainedAt },
    secondsToReady: readyAt === null ? null : seconds(readyAt - faultAt),
    secondsAfterBack: readyAt === null ? null : seconds(readyAt - backAt),
    secondsToDrain: drainedAt === null ? null : seconds(drainedAt - faultAt),
    notReadyAtFault,
    notReadyAtEnd: notReady,
    before: countRequests(answered(from, faultAt)),
    during: countRequests(answered(faultAt, to)),
    afterReady: countRequests(
      readyAt === null
        ? []
        : load.outcomes.filter((o) => o.startedAt >= readyAt + PHASES.settleMs && o.startedAt + o.ms < to),
    ),
    crashes,
    counts,
  };
}

export function countRequests(outcomes: RequestOutcome[]): RequestCounts {
  const counts: RequestCounts = {
    total: outcomes.length,
    failed: 0,
    byVerdict: {},
    byCode: {},
    byStatus: {},
    byOperation: {},
    slowestMs: 0,
    unclear: [],
    messages: {},
  };
  for (const outcome of outcomes) {
    counts.byVerdict[outcome.verdict] = (counts.byVerdict[outcome.verdict] ?? 0) + 1;
    counts.slowestMs = Math.max(counts.slowestMs, outcome.ms);
    const operation = (counts.byOperation[outcome.operation] ??= { total: 0, failed: 0 });
    operation.total += 1;
    if (outcome.verdict === 'ok') continue;
    counts.failed += 1;
    operation.failed += 1;
    for (const code of new Set(outcome.codes)) counts.byCode[code] = (counts.byCode[code] ?? 0) + 1;
    const status = String(outcome.status ?? 'none');
    counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
    if (outcome.verdict === 'unclear' && counts.unclear.length < 5) counts.unclear.push(outcome);
    if (outcome.message) {
      const message = `${outcome.operation}: ${outcome.message.replace(/[0-9a-f-]{36}|\d+/g, '…')}`;
      counts.messages[message] = (counts.messages[message] ?? 0) + 1;
    }
  }
  return counts;
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
