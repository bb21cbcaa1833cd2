import type { DataSource } from 'typeorm';
import type { Logger } from '@mingshi/logger';
import {
  SubgraphClient,
  createSubgraphServer,
  type ReadinessCheck,
  type SubgraphServer,
} from '@mingshi/subgraph-server';
import type { WorkshopContext, WorkshopSettings } from './context';
import { createLoaders } from './loaders';
import { PersonnelClient } from './personnel-client';
import { resolvers } from './resolvers';
import { workshopSchema } from './schema-document';

export { WORKSHOP_SCHEMA_PATH } from './schema-document';

export interface WorkshopDeps {
  dataSource: DataSource;
  /** The read replicas' pool, for analysts' queries (SubgraphServerOptions.readDataSource). */
  readDataSource?: DataSource;
  identitySecret: string;
  logger: Logger;
  settings: WorkshopSettings;
  personnelUrl: string;
  exposeInternals: boolean;
  readiness?: Record<string, ReadinessCheck>;
  /** See SubgraphServerOptions.requestBudgetMs. */
  requestBudgetMs?: number;
}

/** Builds the workshop subgraph (not yet listening): main.ts and the tests both start it. */
export function buildWorkshopServer(deps: WorkshopDeps): Promise<SubgraphServer> {
  const personnelSubgraph = new SubgraphClient('personnel', deps.personnelUrl);
  const personnel = new PersonnelClient(personnelSubgraph);
  return createSubgraphServer<WorkshopContext>({
    name: 'workshop',
    typeDefs: workshopSchema,
    // Codegen's resolver map is stricter than @apollo/subgraph's; they describe the same object.
    resolvers: resolvers as Parameters<typeof createSubgraphServer<WorkshopContext>>[0]['resolvers'],
    dataSource: deps.dataSource,
    readDataSource: deps.readDataSource,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    exposeInternals: deps.exposeInternals,
    readiness: deps.readiness,
    requestBudgetMs: deps.requestBudgetMs,
    foreignEntities: {
      Teacher: { owner: personnelSubgraph, key: 'id' },
      School: { owner: personnelSubgraph, key: 'id' },
    },
    extendContext: (base) => {
      // Loaders that ask personnel need the finished context (its identity), hence the getter.
      const ctx: WorkshopContext = { ...base, settings: deps.settings, personnel, loaders: undefined! };
      ctx.loaders = createLoaders(base.tx, () => ctx);
      return ctx;
    },
  });
}
