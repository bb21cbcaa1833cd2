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
  inflict: (system: FaultSystem) => Promise<void>;
}

const nobody = () => false;

function killing(name: string, what: string, kills: (spec: ProcessSpec) => boolean): Fault {
  return {
    name,
    what,
    kills,
    leavesCallersUnanswered: name === 'kill -9 gateway',
    inflict: async (system) => {
      const targets = system.select(kills);
      if (targets.length === 0) throw new Error(`${name}: no process to kill`);
      await Promise.all(targets.map((target) => target.process.kill('SIGKILL')));
    },
  };
}

const WORKER_KINDS: { part: WorkerPart; what: string }[] = [
  { part: 'relay', what: 'every outbox relay (workshop, finance, evaluation)' },
  { part: 'consumer', what: 'every inbox consumer (personnel, workshop, finance, evaluation)' },
  { part: 'sections', what: 'every report-section worker (personnel, workshop, finance, evaluation)' },
  { part: 'webhooks', what: "finance's fund-event pipeline (sequencer, fan-out, webhook delivery)" },
  { part: 'assembly', what: "reports' assembly worker (and its sandboxed renderer) and report sweep" },
];

/**
 * The faults, in the order they are inflicted: each subgraph's process (with `split`, its graph
 * alone; otherwise the whole service), then each kind of worker (with `split` only: otherwise the
 * workers die with their service), the gateway, a Redis restart and a PostgreSQL restart.
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
      ? WORKER_KINDS.map(({ part, what }) => killing(`kill -9 ${part}`, what, (spec) => spec.role === part))
      : []),
    killing('kill -9 gateway', 'the gateway', (spec) => spec.role === 'gateway'),
    {
      name: 'restart Redis',
      what: `Redis stopped, down ${SERVER_DOWN_MS / 1000} s, started again on its port from its append-only file`,
      kills: nobody,
      inflict: (system) => system.servers.restartRedis(SERVER_DOWN_MS),
    },
    {
      name: 'restart PostgreSQL',
      what: `PostgreSQL stopped (fast shutdown), down ${SERVER_DOWN_MS / 1000} s, started again on its port`,
      kills: nobody,
      inflict: (system) => system.servers.restartPostgres(SERVER_DOWN_MS),
    },
  ];
}
