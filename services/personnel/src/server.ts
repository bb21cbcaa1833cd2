import type { DataSource } from 'typeorm';
import type { Logger } from '@mingshi/logger';
import { createSubgraphServer, type ReadinessCheck, type SubgraphServer } from '@mingshi/subgraph-server';
import type { PersonnelContext, PersonnelSettings } from './context';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { canReadTeachers } from './rules/permissions';
import { personnelSchema } from './schema-document';

export { PERSONNEL_SCHEMA_PATH } from './schema-document';

export interface PersonnelDeps {
  dataSource: DataSource;
  /** The read replicas' pool, for analysts' queries (SubgraphServerOptions.readDataSource). */
  readDataSource?: DataSource;
  identitySecret: string;
  logger: Logger;
  settings: PersonnelSettings;
  exposeInternals: boolean;
  readiness?: Record<string, ReadinessCheck>;
  /** See SubgraphServerOptions.requestBudgetMs. */
  requestBudgetMs?: number;
}

/** Builds the personnel subgraph (not yet listening): main.ts and the tests both start it. */
export function buildPersonnelServer(deps: PersonnelDeps): Promise<SubgraphServer> {
  return createSubgraphServer<PersonnelContext>({
    name: 'personnel',
    typeDefs: personnelSchema,
    // Codegen's resolver map is stricter than @apollo/subgraph's; they describe the same object.
    resolvers: resolvers as Parameters<typeof createSubgraphServer<PersonnelContext>>[0]['resolvers'],
    dataSource: deps.dataSource,
    readDataSource: deps.readDataSource,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    exposeInternals: deps.exposeInternals,
    readiness: deps.readiness,
    requestBudgetMs: deps.requestBudgetMs,
    extendContext: (base) => ({
      ...base,
      settings: deps.settings,
      loaders: createLoaders(
        base.tx,
        { actorId: base.principal.userId, actorRoles: base.principal.roles, requestId: base.requestId },
        canReadTeachers(base.principal),
      ),
    }),
  });
}
