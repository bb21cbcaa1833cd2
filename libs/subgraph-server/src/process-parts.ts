/**
 * The parts a service's process can run. One image runs any of them: `MINGSHI_PARTS` (a comma
 * list) picks which, and by default a process runs all of its service's parts, as `npm start` and
 * docker compose do. Beyond one machine each part is its own Deployment, so the graph scales on
 * CPU and the workers on their queues, and killing one does not take the others with it.
 *
 * - `graph`: the GraphQL subgraph the gateway calls.
 * - `consumer`: the inbox consumer, applying other services' events.
 * - `relay`: the outbox relay, publishing this service's committed events.
 * - `sections`: the report-section worker, computing this service's sections of reports.
 * - `webhooks`: finance's fund-event pipeline, delivering fund events to subscribers.
 * - `assembly`: reports' assembly worker, putting sections together into files.
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

/** The environment variable naming the parts one process runs. */
export const PARTS_VARIABLE = 'MINGSHI_PARTS';

/**
 * The `part` label of this process's metrics: the parts MINGSHI_PARTS names (comma-separated, as
 * given), or `all` when it runs every part of its service.
 */
export function partsLabel(env: NodeJS.ProcessEnv = process.env): string {
  const parts = (env[PARTS_VARIABLE] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.length ? parts.join(',') : 'all';
}
