import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ManagedProcess } from '../../scripts/lib/managed-process';
import type { StreamCount } from './delivery-audit';
import type { FaultResult } from './fault-run';
import { faultPlan, type Fault } from './faults';
import { resultsTable, type FaultSuiteResults } from './results-table';

/**
 * Faults survived (issue 14, docs/reliability.md). The whole system runs as real processes over a
 * PostgreSQL and a Redis of its own, each service as its graph plus one process per worker part,
 * under steady load through the gateway; run-faults.ts kills each process kind with kill -9 in
 * turn, restarts and kills Redis and PostgreSQL, and counts what happened. Here each fault is judged: no
 * request hung or was answered unclearly, every /readyz was green again with nobody's hand, the
 * requests after that succeeded, and not one fund event, report or outbox event was lost or
 * applied twice. The run takes a few minutes; its figures are printed and kept in
 * test/faults/results/faults.json.
 */

const ROOT = path.join(__dirname, '..', '..');
const RESULTS = path.join(__dirname, 'results', 'faults.json');
/** The whole run, from starting the servers to the last drain; a run here takes 4–5 minutes. */
const RUN_TIMEOUT_MS = 12 * 60_000;
/** Every /readyz green again within this, after a kill or a server's return. */
const READY_WITHIN_S = 60;

const plan = faultPlan(true);
let results: FaultSuiteResults;

beforeAll(async () => {
  const output: string[] = [];
  const run = new ManagedProcess({
    name: 'faults',
    command: process.execPath,
    args: ['--import', 'tsx', 'test/faults/run-faults.ts', '--split', '--json', RESULTS],
    cwd: ROOT,
    env: process.env,
    output: (_name, line) => output.push(line),
  });
  const timer = setTimeout(() => void run.stop(), RUN_TIMEOUT_MS);
  const { code } = await run.exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`the fault run failed: ${run.describeExit()}\n${output.join('\n')}`);
  results = JSON.parse(readFileSync(RESULTS, 'utf8')) as FaultSuiteResults;
}, RUN_TIMEOUT_MS + 30_000);

/** Everything a fault must come to, in one object, so that a failure shows every figure at once. */
function verdict(result: FaultResult, fault: Fault) {
  const streams = result.counts;
  const lostOrTwice = (count: StreamCount) => ({ lost: count.lost, appliedTwice: count.appliedTwice });
  return {
    hangs: result.during.byVerdict.hang ?? 0,
    unclearAnswers: result.during.byVerdict.unclear ?? 0,
    // Only with the gateway gone does a caller find nothing listening.
    unanswered: fault.leavesCallersUnanswered ? 0 : (result.during.byVerdict.unreachable ?? 0),
    failedBeforeTheFault: result.before.failed,
    felt: result.notReadyAtFault.length > 0,
    readyAgain: result.secondsToReady !== null && result.secondsToReady <= READY_WITHIN_S,
    notReadyAtEnd: result.notReadyAtEnd,
    servedAfterReady: result.afterReady.total > 0,
    failedAfterReady: result.afterReady.failed,
    crashes: result.crashes,
    drained: result.secondsToDrain !== null,
    fundEvents: lostOrTwice(streams.fundEvents),
    reports: lostOrTwice(streams.reports),
    outboxEvents: lostOrTwice(streams.outboxEvents),
  };
}

const SURVIVED: ReturnType<typeof verdict> = {
  hangs: 0,
  unclearAnswers: 0,
  unanswered: 0,
  failedBeforeTheFault: 0,
  felt: true,
  readyAgain: true,
  notReadyAtEnd: [],
  servedAfterReady: true,
  failedAfterReady: 0,
  crashes: [],
  drained: true,
  fundEvents: { lost: 0, appliedTwice: 0 },
  reports: { lost: 0, appliedTwice: 0 },
  outboxEvents: { lost: 0, appliedTwice: 0 },
};

describe('faults survived under steady load', () => {
  it.each(plan.map((fault) => [fault.name, fault] as const))('%s', (name, fault) => {
    const result = results.faults.find((r) => r.fault === name);
    expect(result).toBeDefined();
    expect({ ...verdict(result!, fault), details: details(result!) }).toEqual({ ...SURVIVED, details: [] });
  });

  it('loses and doubles nothing sent after the last fault, and the receiver saw every position', () => {
    expect({
      fundEvents: results.tail.fundEvents.details,
      reports: results.tail.reports.details,
      outboxEvents: results.tail.outboxEvents.details,
      positionsGapFree: results.positionsGapFree,
    }).toEqual({ fundEvents: [], reports: [], outboxEvents: [], positionsGapFree: true });
  });

  afterAll(() => {
    if (results)
      console.log(`${resultsTable(results)}\n\nthe fault run took ${results.seconds.toFixed(0)} s`);
  });
});

/** What each lost or doubled piece of work was, and each unclear answer. */
function details(result: FaultResult): string[] {
  return [
    ...result.counts.fundEvents.details,
    ...result.counts.reports.details,
    ...result.counts.outboxEvents.details,
    ...result.during.unclear.map((outcome) => `${outcome.operation}: ${outcome.message ?? outcome.codes}`),
  ];
}
