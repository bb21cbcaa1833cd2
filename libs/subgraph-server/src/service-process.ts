import type { DataSource } from 'typeorm';
import { createReadDataSource } from '@mingshi/db';
import type { Logger } from '@mingshi/logger';
import { databaseChecks, type ReadinessCheck } from './health';
import { closeOnSignals, listen } from './lifecycle';
import { labelServiceMetrics } from './metrics';
import { readsReplicas, type ServiceName, type ServicePart } from './process-parts';
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

/** What the process opened for a part to use, beyond what the service's parts share. */
export interface PartDatabases {
  /**
   * The read replicas' pool: given to the parts of REPLICA_READERS when DATABASE_READ_URL is set,
   * one pool for all of them; otherwise absent, and they use the primary.
   */
  readDataSource?: DataSource;
}

/** How a service builds each of its parts; only the chosen ones are built. */
export type PartBuilders<S extends ServiceName> = {
  graph: (databases: PartDatabases) => Promise<GraphPart>;
} & {
  [P in WorkerPart<S>]: (databases: PartDatabases) => Runnable[] | Promise<Runnable[]>;
};

export interface ServiceProcessOptions<S extends ServiceName> {
  service: S;
  /** HOST, PORT, MINGSHI_PARTS and DATABASE_READ_URL as the service's config read them. */
  config: {
    HOST: string;
    PORT: number;
    MINGSHI_PARTS: readonly ServicePart<S>[];
    DATABASE_READ_URL?: string;
  };
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
 * every other part chosen. With DATABASE_READ_URL, and a chosen part that reads from the replicas
 * (REPLICA_READERS), it opens the read pool for those parts, and /readyz checks it too. On SIGTERM
 * it stops what it started, all at once so that the slowest drain, not their sum, sets how long it
 * takes, and then closes what they shared.
 */
export async function runServiceProcess<S extends ServiceName>(
  options: ServiceProcessOptions<S>,
): Promise<void> {
  const { service, config, logger, parts } = options;
  const chosen = config.MINGSHI_PARTS;
  labelServiceMetrics(service, chosen);
  const readDataSource =
    config.DATABASE_READ_URL && chosen.some((part) => readsReplicas(service, part))
      ? await createReadDataSource(options.dataSource, config.DATABASE_READ_URL).initialize()
      : undefined;
  const databasesOf = (part: ServicePart<S>): PartDatabases =>
    readsReplicas(service, part) ? { readDataSource } : {};
  const runs: Runnable[] = [];
  let http: HttpServing;
  if (chosen.includes('graph' as ServicePart<S>)) {
    const graph = await parts.graph(databasesOf('graph' as ServicePart<S>));
    http = graph.server;
    runs.push(...(graph.alongside ?? []));
  } else {
    http = createWorkerHttpServer({
      logger,
      readiness: { ...databaseChecks(options.dataSource, readDataSource), ...options.readiness },
    });
  }
  for (const part of chosen) {
    if (part !== 'graph') runs.push(...(await parts[part as WorkerPart<S>](databasesOf(part))));
  }
  const port = await listen(http.httpServer, config.PORT, config.HOST);
  for (const run of runs) await run.start();
  logger.info(
    { host: config.HOST, port, parts: chosen, readReplicas: readDataSource !== undefined },
    `${service} listening, running ${chosen.join(', ')}`,
  );
  closeOnSignals(logger, async () => {
    await Promise.all([http.stop(), ...runs.map((run) => run.stop())]);
    await readDataSource?.destroy();
    await options.close();
  });
}
