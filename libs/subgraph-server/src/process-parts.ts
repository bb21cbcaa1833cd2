import { z } from '@mingshi/config';

/**
 * The parts a service's process can run. One image runs any of them: `MINGSHI_PARTS` (a comma
 * list) picks which, and by default a process runs all of its service's parts, as `npm start`
 * does; docker compose runs each service as two, its graph and the rest (deploy/README.md). Beyond
 * one machine each part is its own Deployment (`<service>` for the graph,
 * `<service>-<part>` for the others), so the graph scales on CPU and the workers on their queues,
 * and killing one does not take the others with it. runServiceProcess (service-process.ts) starts
 * the chosen ones.
 *
 * - `graph`: the GraphQL subgraph the gateway calls.
 * - `consumer`: the inbox consumer, applying other services' events.
 * - `relay`: the outbox relay, publishing this service's committed events.
 * - `sections`: the report-section worker, computing this service's sections of reports.
 * - `webhooks`: finance's fund-event pipeline, delivering fund events to subscribers.
 * - `assembly`: reports' assembly worker, putting sections together into files.
 *
 * The timers go with the part whose data they act on, and each is safe on any number of replicas:
 * - finance's idempotency-key purge with `graph`, whose mutations write the keys; a transaction
 *   advisory lock lets one replica purge at a time, the others skip their turn.
 * - evaluation's closed-appeal-window check with `relay`: what it decides goes out as outbox
 *   events, which only the relay publishes; `FOR UPDATE SKIP LOCKED` hands each assessment to one
 *   replica, in the transaction that writes its events.
 * - reports' sweep (reading flows back from the queues, retention) with `assembly`, the other
 *   reader of those flows; every write it makes is guarded (only an open job moves, a file is
 *   marked removed after its folder is deleted, deleting twice is harmless), so replicas sweeping
 *   at once do the same work twice, never a wrong one.
 *
 * Every process, whatever it runs, answers `/healthz`, `/readyz` and `/metrics` on its port.
 */
export const SERVICE_PARTS = {
  personnel: ['graph', 'consumer', 'sections'],
  workshop: ['graph', 'consumer', 'relay', 'sections'],
  finance: ['graph', 'consumer', 'relay', 'sections', 'webhooks'],
  evaluation: ['graph', 'consumer', 'relay', 'sections'],
  reports: ['graph', 'assembly'],
} as const satisfies Record<string, readonly string[]>;

export type ServiceName = keyof typeof SERVICE_PARTS;
export type ServicePart<S extends ServiceName = ServiceName> = (typeof SERVICE_PARTS)[S][number];

/**
 * The parts that read from the read replicas when DATABASE_READ_URL is set, and so the only ones
 * the manifests give it to (deploy/cdk8s environment.ts): every report-section worker, and every
 * graph that analysts query across (read-routing.ts) but reports'. That one reads a few job rows,
 * nothing worth taking off the primary, and reads them right after its caller wrote them (a report
 * asked for, then polled), which a replica a moment behind would not show yet.
 */
export const REPLICA_READERS = {
  personnel: ['graph', 'sections'],
  workshop: ['graph', 'sections'],
  finance: ['graph', 'sections'],
  evaluation: ['graph', 'sections'],
  reports: [],
} as const satisfies { [S in ServiceName]: readonly ServicePart<S>[] };

/** Whether `part` of `service` reads from the read replicas when there are some. */
export function readsReplicas(service: ServiceName, part: string): boolean {
  return (REPLICA_READERS[service] as readonly string[]).includes(part);
}

/** The environment variable naming the parts one process runs. */
export const PARTS_VARIABLE = 'MINGSHI_PARTS';

/**
 * MINGSHI_PARTS as `service`'s config reads it: a comma list of its parts, all of them when unset
 * or empty, in SERVICE_PARTS's order whatever the order given. A name that is no part of
 * `service` is a configuration error naming what it may run, so a typo never starts a process
 * that quietly runs nothing.
 */
export function processPartsSetting<S extends ServiceName>(service: S) {
  const own: readonly ServicePart<S>[] = SERVICE_PARTS[service];
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const named = (value ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
      if (named.length === 0) return own;
      for (const name of named.filter((name) => !own.includes(name as ServicePart<S>))) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: notAPart(service, name) });
      }
      return own.filter((part) => named.includes(part));
    });
}

function notAPart(service: ServiceName, name: string): string {
  const owners = (Object.keys(SERVICE_PARTS) as ServiceName[]).filter((other) =>
    (SERVICE_PARTS[other] as readonly string[]).includes(name),
  );
  const elsewhere = owners.length > 0 ? `, but of ${owners.join(', ')}` : '';
  return `"${name}" is not a part of ${service}${elsewhere}; ${service} runs ${SERVICE_PARTS[service].join(', ')}`;
}

/**
 * The `part` label of this process's metrics: the parts it runs, comma-separated, or `all` when it
 * runs every part of its service (`npm start`).
 */
export function partsLabel<S extends ServiceName>(service: S, chosen: readonly ServicePart<S>[]): string {
  return chosen.length === SERVICE_PARTS[service].length ? 'all' : chosen.join(',');
}
