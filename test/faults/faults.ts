import { setTimeout as sleep } from 'node:timers/promises';
import { QueueName } from '@mingshi/events';
import type { FaultSystem } from './fault-system';
import { processLayout, type ProcessSpec, type WorkerPart } from './process-layout';

/** How long Redis and PostgreSQL stay down when restarted: long enough that every process notices. */
export const SERVER_DOWN_MS = 3_000;

export interface Fault {
  /** `kill -9 personnel`, `restart Redis` … */
  name: string;
  /** What it does, in words, for the table and docs/reliability.md. */
  what: string;
  /**
   * The processes it kills (none for a server restart): their restarts are expected, anyone
   * else's death during the fault is reported as a crash.
   */
  kills: (spec: ProcessSpec) => boolean;
  /** Callers find nothing listening while it lasts (the gateway is gone): no HTTP answer at all. */
  leavesCallersUnanswered?: boolean;
  /**
   * Waits, a while, for the moment that tests most: a worker it kills with a job in hand. Answers
   * whether that came.
   */
  whenBusy?: (system: FaultSystem) => Promise<boolean>;
  /** Begins the fault: kills, or stops a server. */
  inflict: (system: FaultSystem) => Promise<void>;
  /**
   * Ends a fault that lasts (starts the server again) after it has lasted SERVER_DOWN_MS. A kill
   * has none: the supervisor restarts what was killed at once, as a kubelet would.
   */
  restore?: (system: FaultSystem) => Promise<void>;
}

const nobody = () => false;

/** How long a kill of a worker waits for it to have a job in hand, before killing it idle. */
const BUSY_WAIT_MS = 5_000;

function killing(
  name: string,
  what: string,
  kills: (spec: ProcessSpec) => boolean,
  /** The queues whose jobs the killed processes work on: the kill waits until one is in hand. */
  queues: readonly QueueName[] = [],
): Fault {
  return {
    name,
    what,
    kills,
    leavesCallersUnanswered: name === 'kill -9 gateway',
    ...(queues.length > 0 ? { whenBusy: (system: FaultSystem) => inHand(system, queues) } : {}),
    inflict: async (system) => {
      const targets = system.select(kills);
      if (targets.length === 0) throw new Error(`${name}: no process to kill`);
      await Promise.all(targets.map((target) => target.process.kill('SIGKILL')));
    },
  };
}

/** Waits (a while) until a worker of `queues` has a job in hand: a kill then cuts a job off. */
async function inHand(system: FaultSystem, queues: readonly QueueName[]): Promise<boolean> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  while (Date.now() < deadline) {
    if ((await system.activeJobs(queues)) > 0) return true;
    await sleep(20);
  }
  return false;
}

const SECTION_QUEUES = [
  QueueName.PERSONNEL_REPORT_SECTIONS,
  QueueName.WORKSHOP_REPORT_SECTIONS,
  QueueName.FINANCE_REPORT_SECTIONS,
  QueueName.EVALUATION_REPORT_SECTIONS,
];
const INBOX_QUEUES = [
  QueueName.PERSONNEL_INBOX,
  QueueName.WORKSHOP_INBOX,
  QueueName.FINANCE_INBOX,
  QueueName.EVALUATION_INBOX,
];

const WORKER_KINDS: { part: WorkerPart; what: string; queues: readonly QueueName[] }[] = [
  { part: 'relay', what: 'every outbox relay (workshop, finance, evaluation)', queues: [] },
  {
    part: 'consumer',
    what: 'every inbox consumer (personnel, workshop, finance, evaluation)',
    queues: INBOX_QUEUES,
  },
  {
    part: 'sections',
    what: 'every report-section worker (personnel, workshop, finance, evaluation)',
    queues: SECTION_QUEUES,
  },
  {
    part: 'webhooks',
    what: "finance's fund-event pipeline (sequencer, fan-out, dispatcher, webhook delivery)",
    queues: [QueueName.FINANCE_WEBHOOKS],
  },
  {
    part: 'assembly',
    what: "reports' assembly worker (with its sandboxed renderer) and the report sweep",
    queues: [QueueName.REPORT_ASSEMBLY],
  },
];

/**
 * The faults, in the order they are inflicted: each subgraph's process (with `split`, its graph
 * alone; otherwise the whole service), then each kind of worker (with `split` only: otherwise the
 * workers die with their service), the gateway, then Redis and PostgreSQL, each restarted and each
 * killed.
 */
export function faultPlan(split: boolean): Fault[] {
  const layout = processLayout(split);
  const services = layout.filter((spec) => spec.role === 'graph' || spec.role === 'service');
  return [
    ...services.map((service) =>
      killing(
        `kill -9 ${service.name}`,
        split ? `the ${service.name} subgraph's graph process` : `the ${service.name} service's process`,
        (spec) => spec.name === service.name,
      ),
    ),
    ...(split
      ? WORKER_KINDS.map(({ part, what, queues }) =>
          killing(`kill -9 ${part}`, what, (spec) => spec.role === part, queues),
        )
      : []),
    killing('kill -9 gateway', 'the gateway', (spec) => spec.role === 'gateway'),
    {
      name: 'restart Redis',
      what: `Redis stopped, down ${SERVER_DOWN_MS / 1000} s, started again on its port from its append-only file`,
      kills: nobody,
      inflict: (system) => system.servers.stopRedis(),
      restore: (system) => system.servers.startRedis(),
    },
    {
      name: 'kill -9 Redis',
      what: `redis-server killed (SIGKILL), down ${SERVER_DOWN_MS / 1000} s, started again from its append-only file`,
      kills: nobody,
      inflict: (system) => system.servers.crashRedis(),
      restore: (system) => system.servers.startRedis(),
    },
    {
      name: 'restart PostgreSQL',
      what: `PostgreSQL stopped (fast shutdown), down ${SERVER_DOWN_MS / 1000} s, started again on its port`,
      kills: nobody,
      inflict: (system) => system.servers.stopPostgres(),
      restore: (system) => system.servers.startPostgres(),
    },
    {
      name: 'kill -9 PostgreSQL',
      what: `the postmaster and every backend killed (SIGKILL), down ${SERVER_DOWN_MS / 1000} s, started again: crash recovery from the WAL`,
      kills: nobody,
      inflict: (system) => system.servers.crashPostgres(),
      restore: (system) => system.servers.startPostgres(),
    },
  ];
}
