import type { DataSource } from 'typeorm';
import type { Logger } from '@mingshi/logger';
import { postgresCheck, type ReadinessCheck } from './health';
import { closeOnSignals, listen } from './lifecycle';
import type { ServiceName, ServicePart } from './process-parts';
import type { SubgraphServer } from './subgraph-server';
import { createWorkerHttpServer, type HttpServing } from './worker-http-server';

/** What a part runs: a worker, a relay, a timer. `stop()` finishes what it has in hand first. */
export interface Runnable {
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/** The graph part: the subgraph server, and the periodic work that goes with the data it serves. */
export interface GraphPart {
  server: SubgraphServer;
  alongside?: Runnable[];
}

type WorkerPart<S extends ServiceName> = Exclude<ServicePart<S>, 'graph'>;

/** How a service builds each of its parts; only the chosen ones are built. */
export type PartBuilders<S extends ServiceName> = { graph: () => Promise<GraphPart> } & {
  [P in WorkerPart<S>]: () => Runnable[] | Promise<Runnable[]>;
};

export interface ServiceProcessOptions<S extends ServiceName> {
  service: S;
  /** HOST, PORT and MINGSHI_PARTS as the service's config read them. */
  config: { HOST: string; PORT: number; MINGSHI_PARTS: readonly ServicePart<S>[] };
  logger: Logger;
  /** The service's database, which /readyz checks as the graph's server does. */
  dataSource: DataSource;
  /** The other checks of /readyz (Redis), the same the graph's server is given. */
  readiness: Record<string, ReadinessCheck>;
  parts: PartBuilders<S>;
  /** Closes what the parts share (pools, Redis) once every part has stopped. */
  close: () => Promise<void>;
}

/**
 * Runs the parts of `service` that MINGSHI_PARTS chose, and only those: the graph's server or,
 * without the graph, the worker HTTP server (/healthz, /readyz, /metrics) on the same port, and
 * every other part chosen. On SIGTERM it stops what it started, all at once so that the slowest
 * drain, not their sum, sets how long it takes, and then closes what they shared.
 */
export async function runServiceProcess<S extends ServiceName>(
  options: ServiceProcessOptions<S>,
): Promise<void> {
  const { service, config, logger, parts } = options;
  const chosen = config.MINGSHI_PARTS;
  const runs: Runnable[] = [];
  let http: HttpServing;
  if (chosen.includes('graph' as ServicePart<S>)) {
    const graph = await parts.graph();
    http = graph.server;
    runs.push(...(graph.alongside ?? []));
  } else {
    http = createWorkerHttpServer({
      logger,
      readiness: { postgres: postgresCheck(options.dataSource), ...options.readiness },
    });
  }
  for (const part of chosen) {
    if (part !== 'graph') runs.push(...(await parts[part as WorkerPart<S>]()));
  }
  const port = await listen(http.httpServer, config.PORT, config.HOST);
  for (const run of runs) await run.start();
  logger.info(
    { host: config.HOST, port, parts: chosen },
    `${service} listening, running ${chosen.join(', ')}`,
  );
  closeOnSignals(logger, async () => {
    await Promise.all([http.stop(), ...runs.map((run) => run.stop())]);
    await options.close();
  });
}
