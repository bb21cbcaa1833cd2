import type { DataSource } from 'typeorm';
import type { Logger } from '@mingshi/logger';
import {
  StudioClient,
  SubgraphClient,
  createSubgraphServer,
  type ReadinessCheck,
  type SubgraphServer,
} from '@mingshi/subgraph-server';
import { AssessmentSources } from './assessment-sources';
import type { EvaluationContext } from './context';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { evaluationSchema } from './schema-document';

export { EVALUATION_SCHEMA_PATH } from './schema-document';

export interface EvaluationDeps {
  dataSource: DataSource;
  /** The read replicas' pool, for analysts' queries (SubgraphServerOptions.readDataSource). */
  readDataSource?: DataSource;
  identitySecret: string;
  logger: Logger;
  workshopUrl: string;
  financeUrl: string;
  personnelUrl: string;
  exposeInternals: boolean;
  readiness?: Record<string, ReadinessCheck>;
  /** See SubgraphServerOptions.requestBudgetMs. */
  requestBudgetMs?: number;
}

/** Builds the evaluation subgraph (not yet listening): main.ts and the tests both start it. */
export function buildEvaluationServer(deps: EvaluationDeps): Promise<SubgraphServer> {
  const workshop = new SubgraphClient('workshop', deps.workshopUrl);
  const personnel = new SubgraphClient('personnel', deps.personnelUrl);
  const finance = new SubgraphClient('finance', deps.financeUrl);
  const sources = new AssessmentSources(new StudioClient(workshop, personnel), workshop, finance, personnel);
  return createSubgraphServer<EvaluationContext>({
    name: 'evaluation',
    typeDefs: evaluationSchema,
    // Codegen's resolver map is stricter than @apollo/subgraph's; they describe the same object.
    resolvers: resolvers as Parameters<typeof createSubgraphServer<EvaluationContext>>[0]['resolvers'],
    dataSource: deps.dataSource,
    readDataSource: deps.readDataSource,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    exposeInternals: deps.exposeInternals,
    readiness: deps.readiness,
    requestBudgetMs: deps.requestBudgetMs,
    foreignEntities: {
      Workshop: { owner: workshop, key: 'id' },
      Teacher: { owner: personnel, key: 'id' },
      Activity: { owner: workshop, key: 'id' },
      ResearchProject: { owner: workshop, key: 'id' },
      Outcome: { owner: workshop, key: 'id' },
    },
    extendContext: (base) => {
      // Loaders that ask other subgraphs need the finished context (its identity), hence the getter.
      const ctx: EvaluationContext = { ...base, sources, loaders: undefined! };
      ctx.loaders = createLoaders(base.tx, () => ctx);
      return ctx;
    },
  });
}
