import { PARTS_VARIABLE, SERVICE_PARTS, type ServiceName } from '@mingshi/subgraph-server';

/** What one process runs: the gateway, a service's graph (or the whole service), or one worker part. */
export type ProcessRole = 'gateway' | 'service' | 'graph' | WorkerPart;

/** The parts of services that are not their graph: the workers a fault can kill by kind. */
export type WorkerPart = 'consumer' | 'relay' | 'sections' | 'webhooks' | 'assembly';

export interface ProcessSpec {
  /** `gateway`, a service's name (its graph, or the whole of it), or `<service>-<part>`. */
  name: string;
  role: ProcessRole;
  service?: ServiceName;
  entry: string;
  /** What this process alone is told: the parts it runs. */
  env: NodeJS.ProcessEnv;
}

const SERVICES = Object.keys(SERVICE_PARTS) as ServiceName[];

/**
 * The processes of the system under the fault suite, gateway last. `split`: each service as one
 * process for its graph and one per worker part (MINGSHI_PARTS=<part>), as the Kubernetes layout
 * runs them, so that killing "the relay" or "the section workers" kills exactly those. Otherwise
 * each service is one process running all its parts, as `npm start` runs it.
 */
export function processLayout(split: boolean): ProcessSpec[] {
  const services = SERVICES.flatMap((service): ProcessSpec[] => {
    const entry = `services/${service}/src/main.ts`;
    if (!split) return [{ name: service, role: 'service', service, entry, env: {} }];
    return SERVICE_PARTS[service].map((part) =>
      part === 'graph'
        ? { name: service, role: 'graph', service, entry, env: { [PARTS_VARIABLE]: 'graph' } }
        : {
            name: `${service}-${part}`,
            role: part as WorkerPart,
            service,
            entry,
            env: { [PARTS_VARIABLE]: part },
          },
    );
  });
  return [...services, { name: 'gateway', role: 'gateway', entry: 'gateway/src/main.ts', env: {} }];
}

/** Whether a process serves a subgraph the gateway calls. */
export function servesGraph(spec: ProcessSpec): boolean {
  return spec.role === 'graph' || spec.role === 'service';
}
