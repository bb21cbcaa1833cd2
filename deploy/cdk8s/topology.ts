import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GATEWAY_DEFAULT_PORT } from '../../gateway/src/config';
import { SUBGRAPHS, subgraphUrlVariable } from '../../gateway/src/subgraphs';
import { QueueName } from '../../libs/events/src/queues';
import {
  SERVICE_PARTS,
  type ServiceName,
  type ServicePart,
} from '../../libs/subgraph-server/src/process-parts';
import type { WorkloadName } from './config';

/**
 * The processes of the system as the code defines them: one Deployment per part of each service
 * (libs/subgraph-server process-parts.ts), on the port gateway/src/subgraphs.ts gives the service,
 * calling the subgraphs its config.ts reads the URL of. A new service, part or subgraph URL shows
 * up in the manifests by itself.
 */
export interface Workload {
  /** The subgraph's own name for its graph part (the gateway's supergraph calls it there),
   * `<service>-<part>` for a worker, `gateway` for the gateway. */
  name: WorkloadName;
  service: ServiceName | 'gateway';
  part: ServicePart | 'gateway';
  port: number;
  /** The subgraphs whose graph part this process calls. */
  calls: ServiceName[];
  /** The queue a worker drains, which it is scaled on. */
  queue?: QueueName;
}

const ROOT = path.join(__dirname, '..', '..');
const SERVICES = Object.keys(SERVICE_PARTS) as ServiceName[];

export function isService(name: string): name is ServiceName {
  return (SERVICES as string[]).includes(name);
}

/** The port a service's processes listen on, from the gateway's list of subgraphs. */
export function servicePort(service: ServiceName): number {
  const subgraph = SUBGRAPHS.find((candidate) => candidate.name === service);
  if (!subgraph) throw new Error(`${service} is in SERVICE_PARTS but not in gateway/src/subgraphs.ts`);
  return subgraph.port;
}

/** The subgraphs a service calls: those whose `<NAME>_URL` its config.ts reads. */
export function subgraphsCalledBy(service: ServiceName): ServiceName[] {
  const config = readFileSync(path.join(ROOT, 'services', service, 'src', 'config.ts'), 'utf8');
  return SERVICES.filter(
    (other) => other !== service && new RegExp(`\\b${subgraphUrlVariable(other)}\\b`).test(config),
  );
}

/** The queue each kind of worker takes its jobs from (libs/events queues.ts names them). */
const PART_QUEUES: { [P in ServicePart]?: (service: ServiceName) => string } = {
  consumer: (service) => `${service}-inbox`,
  sections: (service) => `${service}-report-sections`,
  webhooks: (service) => `${service}-webhooks`,
  assembly: () => QueueName.REPORT_ASSEMBLY,
};

function queueOf(service: ServiceName, part: ServicePart): QueueName | undefined {
  const name = PART_QUEUES[part]?.(service);
  if (name === undefined) return undefined;
  const queue = Object.values(QueueName).find((candidate) => candidate === name);
  if (!queue) throw new Error(`${service}-${part} drains ${name}, which libs/events queues.ts does not name`);
  return queue;
}

function workloadName(service: ServiceName, part: ServicePart): WorkloadName {
  return (part === 'graph' ? service : `${service}-${part}`) as WorkloadName;
}

function gatewayWorkload(): Workload {
  return {
    name: 'gateway',
    service: 'gateway',
    part: 'gateway',
    port: GATEWAY_DEFAULT_PORT,
    calls: SERVICES.filter((service) => SERVICE_PARTS[service].some((part) => part === 'graph')),
  };
}

/** Every service's parts, in SERVICE_PARTS order. */
function serviceWorkloads(): Workload[] {
  return SERVICES.flatMap((service) => {
    const calls = subgraphsCalledBy(service);
    const parts: readonly ServicePart[] = SERVICE_PARTS[service];
    return parts.map((part) => ({
      name: workloadName(service, part),
      service,
      part,
      port: servicePort(service),
      calls,
      queue: queueOf(service, part),
    }));
  });
}

export function allWorkloads(): Workload[] {
  return [gatewayWorkload(), ...serviceWorkloads()];
}

/** Labels every pod of the application carries (the default-deny policy selects them). */
export const APP_LABELS = { 'app.kubernetes.io/part-of': 'mingshi' } as const;

/** A workload's pods: its service as the name, its part as the component. */
export function podLabels(workload: Pick<Workload, 'service' | 'part'>): Record<string, string> {
  return {
    ...APP_LABELS,
    'app.kubernetes.io/name': workload.service,
    'app.kubernetes.io/component': workload.part,
  };
}

/** The pods answering a subgraph's GraphQL: where the gateway and other subgraphs connect. */
export function graphPodLabels(service: ServiceName): Record<string, string> {
  return podLabels({ service, part: 'graph' });
}

/** The Service name and URL the gateway image's supergraph expects a subgraph at. */
export function subgraphServiceUrl(service: ServiceName): string {
  return `http://${service}:${servicePort(service)}/graphql`;
}

/** The subgraphs that call a service's graph part, besides the gateway. */
export function callersOf(service: ServiceName): ServiceName[] {
  return SERVICES.filter((other) => subgraphsCalledBy(other).includes(service));
}
