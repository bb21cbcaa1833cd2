import type { DataSource } from 'typeorm';
import type { Logger } from '@mingshi/logger';
import {
  StudioClient,
  SubgraphClient,
  createSubgraphServer,
  type ReadinessCheck,
  type SubgraphServer,
} from '@mingshi/subgraph-server';
import type { FinanceContext, FinanceSettings } from './context';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { financeSchema } from './schema-document';

export { FINANCE_SCHEMA_PATH } from './schema-document';

export interface FinanceDeps {
  dataSource: DataSource;
  /** The read replicas' pool, for analysts' queries (SubgraphServerOptions.readDataSource). */
  readDataSource?: DataSource;
  identitySecret: string;
  logger: Logger;
  settings: FinanceSettings;
  workshopUrl: string;
  personnelUrl: string;
  exposeInternals: boolean;
  readiness?: Record<string, ReadinessCheck>;
  /** See SubgraphServerOptions.requestBudgetMs. */
  requestBudgetMs?: number;
}

/** Builds the finance subgraph (not yet listening): main.ts and the tests both start it. */
export function buildFinanceServer(deps: FinanceDeps): Promise<SubgraphServer> {
  const workshop = new SubgraphClient('workshop', deps.workshopUrl);
  const personnel = new SubgraphClient('personnel', deps.personnelUrl);
  const studios = new StudioClient(workshop, personnel);
  return createSubgraphServer<FinanceContext>({
    name: 'finance',
    typeDefs: financeSchema,
    // Codegen's resolver map is stricter than @apollo/subgraph's; they describe the same object.
    resolvers: resolvers as Parameters<typeof createSubgraphServer<FinanceContext>>[0]['resolvers'],
    dataSource: deps.dataSource,
    readDataSource: deps.readDataSource,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    exposeInternals: deps.exposeInternals,
    readiness: deps.readiness,
    requestBudgetMs: deps.requestBudgetMs,
    foreignEntities: {
      Workshop: { owner: workshop, key: 'id' },
      School: { owner: personnel, key: 'id' },
    },
    extendContext: (base) => {
      // Loaders that ask other subgraphs need the finished context (its identity), hence the getter.
      const ctx: FinanceContext = { ...base, settings: deps.settings, studios, loaders: undefined! };
      ctx.loaders = createLoaders(base.tx, () => ctx);
      return ctx;
    },
  });
}
